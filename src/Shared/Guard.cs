using System.Runtime.CompilerServices;

namespace ValueSegmentation.Shared;

/// <summary>Argument checks shared by every package's public entry points (linked into each assembly).</summary>
/// <remarks>Each check returns its argument, so it can be used in an initialiser, and throws an
/// <see cref="ArgumentOutOfRangeException"/> naming the caller's argument and its value.</remarks>
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

    /// <summary>Throws unless a destination of <paramref name="length"/> entries can hold one per customer.</summary>
    public static void Destination(int customers, int length, string parameterName = "destination")
    {
        if (length < customers)
        {
            throw new ArgumentException($"The destination holds {length} entries, fewer than the {customers} customers.", parameterName);
        }
    }

    /// <summary>The one idiom for "an enum argument is one of its declared values".</summary>
    public static TEnum Defined<TEnum>(TEnum value, [CallerArgumentExpression(nameof(value))] string? name = null)
        where TEnum : struct, Enum =>
        Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"Not a defined {typeof(TEnum).Name}.");
}
