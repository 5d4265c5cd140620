namespace ValueSegmentation.Probabilistic.Numerics;

/// <summary>
/// The divided difference of ln Γ, [ln Γ(x + h) − ln Γ(x)]/h, accurate to full relative precision for every h,
/// including h → 0 where it tends to the digamma function ψ(x) and the plain difference of two ln Γ values cancels.
/// </summary>
/// <remarks>
/// <para>Method: the recurrence Γ(x + 1) = xΓ(x) shifts both arguments up to X = x + N ≥ 15, each step contributing
/// ln(1 + h/(x + i))/h, formed with an accurate ln(1 + u); at X the Stirling series
/// ln Γ(X) = (X − ½)ln X − X + ½ln 2π + Σₖ B₂ₖ/(2k(2k − 1)X^(2k−1)) (Abramowitz &amp; Stegun 6.1.40), eight terms, is
/// differenced term by term in the same way (each difference written as X^p·expm1(p·ln(1 + h/X))/h), so no two large
/// numbers are ever subtracted. The truncation error of the series at X ≥ 15 is below 10⁻²⁰.</para>
/// <para><see cref="DigammaDifference"/> does the same for ψ(x + a) − ψ(x): the recurrence ψ(y + 1) = ψ(y) + 1/y adds
/// a/((x + i)(x + i + a)) per step, and at X the series ψ(X) = ln X − 1/(2X) − Σₖ B₂ₖ/(2kX^(2k))
/// (Abramowitz &amp; Stegun 6.3.18), eight terms, is differenced term by term; for a &gt; 0 every step and the leading
/// terms have the sign of a, so the result keeps full relative precision even where ψ(x + a) and ψ(x) agree in
/// almost every digit (x ≫ a).</para>
/// <para>Used by the incomplete gamma function near its removable singularities, by the BG/BB discounting
/// series and by the beta-discrete-Weibull survival and gradient. Pure and thread-safe.</para>
/// </remarks>
internal static class LogGammaDifference
{
    private const double ShiftTo = 15;

    /// <summary>B₂ₖ/(2k(2k − 1)) for k = 1..8 (A&amp;S 6.1.40 with the Bernoulli numbers of A&amp;S Table 23.2).</summary>
    private static readonly double[] Stirling =
    [
        1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188, -691.0 / 360360, 1.0 / 156, -3617.0 / 122400,
    ];

    /// <summary>B₂ₖ/(2k) for k = 1..8: the coefficients of the asymptotic series of ψ (A&amp;S 6.3.18).</summary>
    private static readonly double[] DigammaSeries =
    [
        1.0 / 12, -1.0 / 120, 1.0 / 252, -1.0 / 240, 1.0 / 132, -691.0 / 32760, 1.0 / 12, -3617.0 / 8160,
    ];

    /// <summary>[ln Γ(x + h) − ln Γ(x)]/h, and ψ(x) at h = 0.</summary>
    /// <param name="x">Positive.</param>
    /// <param name="h">The step; x + h must be positive.</param>
    /// <returns>The divided difference.</returns>
    internal static double Quotient(double x, double h)
    {
        double low = Math.Min(x, x + h);
        int shifts = low < ShiftTo ? (int)Math.Ceiling(ShiftTo - low) : 0;

        // ln Γ(x + h) − ln Γ(x) = [ln Γ(X + h) − ln Γ(X)] − Σᵢ₌₀ᴺ⁻¹ ln((x + i + h)/(x + i)), X = x + N.
        double shifted = 0;
        for (int i = 0; i < shifts; i++)
        {
            shifted += LogRatio(h, x + i);
        }

        double big = x + shifts;

        // (X + h − ½)ln(X + h) − (X − ½)ln X − h = (X − ½)ln(1 + h/X) + h ln(X + h) − h.
        double stirling = ((big - 0.5) * LogRatio(h, big)) + Math.Log(big + h) - 1;
        for (int k = 1; k <= Stirling.Length; k++)
        {
            stirling += Stirling[k - 1] * PowerDifference(1 - (2 * k), big, h);
        }

        return stirling - shifted;
    }

    /// <summary>ln Γ(x + a) − ln Γ(x), with an error of a few ulps of its terms (|a|·ln(x + |a|), and |ln x| below x = 1)
    /// where the plain difference of two ln Γ values loses the digits of ln Γ(x) ≈ x ln x (at x = 10¹⁰ about 10⁻⁵
    /// absolute). Below x = 1 with a &gt; 1 through ln Γ(x + 1) − ln Γ(x) = ln x, so the shifted arguments stay at least
    /// 1.</summary>
    /// <param name="x">Positive.</param>
    /// <param name="a">The step; x + a must be positive.</param>
    /// <returns>ln Γ(x + a) − ln Γ(x); 0 at a = 0.</returns>
    internal static double Difference(double x, double a)
    {
        if (a == 0)
        {
            return 0;
        }

        return x < 1 && a > 1
            ? Math.Log(x) + ((a - 1) * Quotient(x + 1, a - 1))
            : a * Quotient(x, a);
    }

    /// <summary>ψ(x + a) − ψ(x), to full relative precision for a ≥ 0 (also where x ≫ a and the two digammas agree in
    /// almost every digit); see the remarks.</summary>
    /// <param name="x">Positive.</param>
    /// <param name="a">The step; x + a must be positive.</param>
    /// <returns>ψ(x + a) − ψ(x); 0 at a = 0.</returns>
    internal static double DigammaDifference(double x, double a)
    {
        if (a == 0)
        {
            return 0;
        }

        double low = Math.Min(x, x + a);
        int shifts = low < ShiftTo ? (int)Math.Ceiling(ShiftTo - low) : 0;

        // ψ(y) = ψ(y + N) − Σᵢ₌₀ᴺ⁻¹ 1/(y + i), so ψ(x + a) − ψ(x) = [ψ(X + a) − ψ(X)] + Σᵢ a/((x + i)(x + i + a)).
        double shifted = 0;
        for (int i = 0; i < shifts; i++)
        {
            shifted += a / (x + i + a) / (x + i);
        }

        double big = x + shifts;

        // ln(X + a) − ln X − ½[(X + a)⁻¹ − X⁻¹] − Σₖ B₂ₖ/(2k)·[(X + a)^(−2k) − X^(−2k)].
        double series = Accurate.Log1P(a / big) - (0.5 * PowerStep(-1, big, a));
        for (int k = 1; k <= DigammaSeries.Length; k++)
        {
            series -= DigammaSeries[k - 1] * PowerStep(-2 * k, big, a);
        }

        return series + shifted;
    }

    /// <summary>(X + h)^p − X^p, without cancellation: X^p·expm1(p·ln(1 + h/X)).</summary>
    private static double PowerStep(int p, double big, double h) => Math.Pow(big, p) * Accurate.ExpM1(p * Accurate.Log1P(h / big));

    /// <summary>ln(1 + h/X)/h, and 1/X at h = 0.</summary>
    private static double LogRatio(double h, double big) => h == 0 ? 1 / big : Accurate.Log1P(h / big) / h;

    /// <summary>[(X + h)^p − X^p]/h, and pX^(p−1) at h = 0.</summary>
    private static double PowerDifference(int p, double big, double h)
    {
        double scale = Math.Pow(big, p);
        return h == 0 ? scale * p / big : scale * Accurate.ExpM1(p * Accurate.Log1P(h / big)) / h;
    }
}
