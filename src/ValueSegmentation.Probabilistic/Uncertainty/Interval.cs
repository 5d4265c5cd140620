using System.Globalization;

namespace ValueSegmentation.Probabilistic.Uncertainty;

/// <summary>A point estimate and its interval at the level of the <see cref="PredictionIntervals"/> that holds it.</summary>
/// <param name="Estimate">The prediction at the fitted parameters.</param>
/// <param name="Lower">The lower end of the interval.</param>
/// <param name="Upper">The upper end of the interval.</param>
/// <remarks>An immutable value, safe to share between threads. Figures are doubles: estimates, not ledger entries.</remarks>
public readonly record struct Interval(double Estimate, double Lower, double Upper)
{
    /// <summary>Whether <paramref name="value"/> lies in [<see cref="Lower"/>, <see cref="Upper"/>].</summary>
    /// <param name="value">A value.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool Contains(double value) => value >= Lower && value <= Upper;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Estimate:G5} [{Lower:G5}, {Upper:G5}]");
}
