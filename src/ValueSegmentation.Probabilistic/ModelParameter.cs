using System.Globalization;
using System.Runtime.CompilerServices;

namespace ValueSegmentation.Probabilistic;

/// <summary>
/// The documented domain of every model parameter (r, α, a, b, s, β, p, q, γ, δ): finite and within
/// [<see cref="Min"/>, <see cref="Max"/>]. Inside it the predictions are finite and accurate to the figures of
/// docs/guarantees.md; outside it a parameters type refuses the value, and a fit's search never leaves it.
/// </summary>
internal static class ModelParameter
{
    /// <summary>The smallest parameter: 10⁻¹⁰ (a shape this small is a distribution with all its mass at 0).</summary>
    public const double Min = 1e-10;

    /// <summary>The largest parameter: 10¹⁵ (a shape this large is a point mass; a scale this large is 10¹⁵ time units
    /// or currency units, the largest amount a transaction may have).</summary>
    public const double Max = 1e15;

    /// <summary>Whether <paramref name="value"/> is in the domain.</summary>
    public static bool Contains(double value) => value is >= Min and <= Max;

    /// <summary>The value, when it is in the domain.</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is not (NaN, an infinity, not positive, or outside [10⁻¹⁰, 10¹⁵]).</exception>
    public static double Check(double value, [CallerArgumentExpression(nameof(value))] string? name = null) =>
        Contains(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"Must be a number from {Min:G} to {Max:G}, the domain of the models' parameters."));
}
