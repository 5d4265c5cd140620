using MathNet.Numerics;
using ValueSegmentation.Probabilistic.Numerics;

namespace ValueSegmentation.Probabilistic.Likelihoods;

/// <summary>The BG/BB likelihood (Fader, Hardie &amp; Shang 2010, eq. 5) in log space, with its analytic gradient.</summary>
/// <remarks>
/// <para>The sum over the opportunities after t<sub>x</sub> is streamed in O(1) memory: successive terms differ by the
/// factor (β + t<sub>x</sub> − x + i)/(α + β + t<sub>x</sub> + i) · (δ + t<sub>x</sub> + i)/(γ + 1 + δ + t<sub>x</sub> + i) &lt; 1
/// (from B(a, b + 1) = B(a, b)·b/(a + b)), and the digamma functions of the gradient by ψ(y + 1) = ψ(y) + 1/y; every
/// <see cref="Reanchor"/> terms both are recomputed from ln B and ψ so that rounding cannot drift. Because the terms
/// decrease, the first is the largest (no rescaling is needed) and the sum stops once the remaining terms together are
/// below 10⁻¹⁸ of it; the sum is compensated (Neumaier), since thousands of far terms are each below an ulp of it.
/// The work is at most n − t<sub>x</sub> steps, bounded by <see cref="DiscreteRepeatData.MaxOpportunities"/>.</para>
/// </remarks>
internal static class BgBbLikelihood
{
    private const int Reanchor = 512;

    /// <summary>
    /// ln L = ln[B(α + x, β + n − x)/B(α, β) · B(γ, δ + n)/B(γ, δ) + Σ_{i=0}^{n−t<sub>x</sub>−1} B(α + x, β + t<sub>x</sub> − x + i)/B(α, β) ·
    /// B(γ + 1, δ + t<sub>x</sub> + i)/B(γ, δ)] (eq. 5), with its gradient in (α, β, γ, δ) when asked.
    /// </summary>
    internal static double LogLikelihoodOfOne(double alpha, double beta, double gamma, double delta, int x, int tx, int n, Span<double> gradient, bool withGradient)
    {
        double psiA = 0, psiB = 0, psiAB = 0, psiG = 0, psiD = 0, psiGD = 0;
        if (withGradient)
        {
            psiA = SpecialFunctions.DiGamma(alpha);
            psiB = SpecialFunctions.DiGamma(beta);
            psiAB = SpecialFunctions.DiGamma(alpha + beta);
            psiG = SpecialFunctions.DiGamma(gamma);
            psiD = SpecialFunctions.DiGamma(delta);
            psiGD = SpecialFunctions.DiGamma(gamma + delta);
        }

        double ax = alpha + x;

        // Alive throughout: n − x transaction-free opportunities and no drop-out, B(α + x, β + n − x)·B(γ, δ + n). The
        // beta ratios are formed without differencing ln Γ of large arguments (LogBetaRatio), so they stay accurate for
        // parameters of 10⁶ and more.
        double logAlive = LogBetaRatio.Of(alpha, beta, x, n - x) + LogBetaRatio.Of(gamma, delta, 0, n);
        int dropTerms = n - tx;

        // Dropped out after opportunity t_x + i: B(α + x, β + t_x − x + i)·B(γ + 1, δ + t_x + i); the largest is i = 0.
        double logFirstDrop = dropTerms > 0
            ? LogBetaRatio.Of(alpha, beta, x, tx - x) + LogBetaRatio.Of(gamma, delta, 1, tx)
            : double.NegativeInfinity;
        double max = Math.Max(logAlive, logFirstDrop);
        double aliveWeight = Math.Exp(logAlive - max);
        double sum = aliveWeight, compensation = 0;
        double g0 = 0, g1 = 0, g2 = 0, g3 = 0;
        if (withGradient)
        {
            double psiTransact = SpecialFunctions.DiGamma(alpha + beta + n);
            double psiDrop = SpecialFunctions.DiGamma(gamma + delta + n);
            g0 = aliveWeight * (SpecialFunctions.DiGamma(ax) - psiTransact - psiA + psiAB);
            g1 = aliveWeight * (SpecialFunctions.DiGamma(beta + n - x) - psiTransact - psiB + psiAB);
            g2 = aliveWeight * (SpecialFunctions.DiGamma(gamma) - psiDrop - psiG + psiGD);
            g3 = aliveWeight * (SpecialFunctions.DiGamma(delta + n) - psiDrop - psiD + psiGD);
        }

        double psiAx = withGradient ? SpecialFunctions.DiGamma(ax) : 0;
        double psiG1 = withGradient ? SpecialFunctions.DiGamma(gamma + 1) : 0;
        double logTerm = 0, psiBm = 0, psiABm = 0, psiDm = 0, psiGDm = 0;
        for (int i = 0; i < dropTerms; i++)
        {
            double bm = beta + tx - x + i;   // β + m, m = t_x − x + i transaction-free opportunities
            double abm = alpha + beta + tx + i; // α + β + x + m
            double dm = delta + tx + i;      // δ + t_x + i
            double gdm = gamma + 1 + dm;     // γ + 1 + δ + t_x + i
            if (i % Reanchor == 0)
            {
                logTerm = i == 0 ? logFirstDrop : LogBetaRatio.Of(alpha, beta, x, tx - x + i) + LogBetaRatio.Of(gamma, delta, 1, tx + i);
                if (withGradient)
                {
                    psiBm = SpecialFunctions.DiGamma(bm);
                    psiABm = SpecialFunctions.DiGamma(abm);
                    psiDm = SpecialFunctions.DiGamma(dm);
                    psiGDm = SpecialFunctions.DiGamma(gdm);
                }
            }

            double weight = Math.Exp(logTerm - max);
            double next = sum + weight;
            compensation += (sum - next) + weight; // Neumaier: the far terms are each below an ulp of the sum
            sum = next;
            if (withGradient)
            {
                g0 += weight * (psiAx - psiABm - psiA + psiAB);
                g1 += weight * (psiBm - psiABm - psiB + psiAB);
                g2 += weight * (psiG1 - psiGDm - psiG + psiGD);
                g3 += weight * (psiDm - psiGDm - psiD + psiGD);
                psiBm += 1 / bm;
                psiABm += 1 / abm;
                psiDm += 1 / dm;
                psiGDm += 1 / gdm;
            }

            // The terms decrease, so the rest is below (remaining count) × this term; the digamma differences of the
            // gradient grow no faster than the logarithm of the opportunity.
            if (weight * (dropTerms - i - 1) * (1 + Math.Log(dm + 1)) <= 1e-18 * sum)
            {
                break;
            }

            logTerm -= Accurate.Log1P(ax / bm) + Accurate.Log1P((gamma + 1) / dm);
        }

        sum += compensation;
        if (withGradient)
        {
            gradient[0] = g0 / sum;
            gradient[1] = g1 / sum;
            gradient[2] = g2 / sum;
            gradient[3] = g3 / sum;
        }

        return max + Math.Log(sum);
    }

    /// <summary>The weighted log-likelihood of data and its gradient.</summary>
    internal static double LogLikelihood(DiscreteRepeatData data, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double ll = 0;
        Span<double> total = stackalloc double[4];
        Span<double> one = stackalloc double[4];
        total.Clear();
        for (int i = 0; i < data.RowCount; i++)
        {
            var row = data[i];
            ll += row.Weight * LogLikelihoodOfOne(theta[0], theta[1], theta[2], theta[3], row.Frequency, row.Recency, row.Opportunities, one, withGradient: true);
            for (int k = 0; k < 4; k++)
            {
                total[k] += row.Weight * one[k];
            }
        }

        total.CopyTo(gradient);
        return ll;
    }
}
