using System.Runtime.CompilerServices;
using ValueSegmentation.Transactions;

namespace ValueSegmentation;

/// <summary>Argument checks shared by the library's public entry points.</summary>
internal static class Guard
{
    public static double Finite(double value, [CallerArgumentExpression(nameof(value))] string? name = null) =>
        double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, "Must be a finite number (not NaN or infinity).");

    public static double FiniteNonNegative(double value, [CallerArgumentExpression(nameof(value))] string? name = null) =>
        double.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(name, value, "Must be a finite number that is not negative.");

    public static double FinitePositive(double value, [CallerArgumentExpression(nameof(value))] string? name = null) =>
        double.IsFinite(value) && value > 0
            ? value
            : throw new ArgumentOutOfRangeException(name, value, "Must be a finite number greater than zero.");

    public static double Probability(double value, [CallerArgumentExpression(nameof(value))] string? name = null) =>
        value is >= 0.0 and <= 1.0
            ? value
            : throw new ArgumentOutOfRangeException(name, value, "Must be a probability in [0, 1].");

    public static double DiscountRate(double value, [CallerArgumentExpression(nameof(value))] string? name = null) =>
        double.IsFinite(value) && value > -1.0
            ? value
            : throw new ArgumentOutOfRangeException(name, value, "A discount rate must be finite and greater than -1.");

    public static int NonNegative(int value, [CallerArgumentExpression(nameof(value))] string? name = null) =>
        value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, "Must not be negative.");

    public static TimeUnit Defined(TimeUnit unit, [CallerArgumentExpression(nameof(unit))] string? name = null) =>
        unit is >= TimeUnit.Days and <= TimeUnit.Years
            ? unit
            : throw new ArgumentOutOfRangeException(name, unit, "Not a defined TimeUnit.");
}
