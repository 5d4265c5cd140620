namespace ValueSegmentation.Probabilistic.Numerics;

/// <summary>
/// ln[B(a + x, b + m)/B(a, b)] for a, b &gt; 0 and x, m ≥ 0, without differencing ln Γ of large arguments.
/// </summary>
/// <remarks>
/// <para>ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b) differences numbers of the order of b·ln b: at b = 10¹⁵ their
/// rounding alone is larger than 1, and a ratio of two such values is meaningless (the BG/BB predictions returned NaN
/// or expectations above their bound for γ or δ of 10⁶ and more).</para>
/// <para>Method: the ratio factors as B(a, b + m)/B(a, b) · B(a + x, b + m)/B(a, b + m), and each factor
/// D(a, b, m) = ln[Γ(b + m)Γ(a + b)/(Γ(b)Γ(a + b + m))] is written with the divided differences
/// Q(y, h) = [ln Γ(y + h) − ln Γ(y)]/h of <see cref="LogGammaDifference"/> in whichever of its two exact forms has the
/// smaller terms: m·[Q(b, m) − Q(a + b, m)] when m ≤ a, −a·[Q(b + m, a) − Q(b, a)] otherwise. Each Q is about the
/// logarithm of its argument, so the absolute error of the result is a few ulps of min(a, m)·ln(a + b + m) plus
/// min(b + m, x)·ln(a + b + m + x), whatever the size of a, b and m. Pure and thread-safe.</para>
/// </remarks>
internal static class LogBetaRatio
{
    /// <summary>ln[B(a + x, b + m)/B(a, b)].</summary>
    /// <param name="a">a, positive.</param>
    /// <param name="b">b, positive.</param>
    /// <param name="x">The shift of a, not negative.</param>
    /// <param name="m">The shift of b, not negative.</param>
    /// <returns>The logarithm of the ratio.</returns>
    internal static double Of(double a, double b, double x, double m) =>
        ShiftSecond(a, b, m) + ShiftSecond(b + m, a, x);

    /// <summary>ln[B(a, b + m)/B(a, b)] = ln[Γ(b + m)Γ(a + b)/(Γ(b)Γ(a + b + m))]; 0 when m = 0.</summary>
    private static double ShiftSecond(double a, double b, double m)
    {
        if (m == 0)
        {
            return 0;
        }

        return m <= a
            ? m * (Quotient(b, m) - Quotient(a + b, m))
            : -a * (Quotient(b + m, a) - Quotient(b, a));
    }

    /// <summary>[ln Γ(y + h) − ln Γ(y)]/h for h ≥ 0; below y = 1 with h &gt; 1 through ln Γ(y + 1) − ln Γ(y) = ln y, so that
    /// the shifted arguments of <see cref="LogGammaDifference"/> are at least 1 (at y = 10⁻³⁰⁰ its first ratio h/y would
    /// overflow).</summary>
    private static double Quotient(double y, double h) =>
        y < 1 && h > 1
            ? (Math.Log(y) + ((h - 1) * LogGammaDifference.Quotient(y + 1, h - 1))) / h
            : LogGammaDifference.Quotient(y, h);
}
