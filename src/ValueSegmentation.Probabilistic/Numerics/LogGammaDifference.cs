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
/// <para>Used by the incomplete gamma function near its removable singularities and by the BG/BB discounting
/// series. Pure and thread-safe.</para>
/// </remarks>
internal static class LogGammaDifference
{
    private const double ShiftTo = 15;

    /// <summary>B₂ₖ/(2k(2k − 1)) for k = 1..8 (A&amp;S 6.1.40 with the Bernoulli numbers of A&amp;S Table 23.2).</summary>
    private static readonly double[] Stirling =
    [
        1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188, -691.0 / 360360, 1.0 / 156, -3617.0 / 122400,
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

    /// <summary>ln(1 + h/X)/h, and 1/X at h = 0.</summary>
    private static double LogRatio(double h, double big) => h == 0 ? 1 / big : Accurate.Log1P(h / big) / h;

    /// <summary>[(X + h)^p − X^p]/h, and pX^(p−1) at h = 0.</summary>
    private static double PowerDifference(int p, double big, double h)
    {
        double scale = Math.Pow(big, p);
        return h == 0 ? scale * p / big : scale * Accurate.ExpM1(p * Accurate.Log1P(h / big)) / h;
    }
}
