using MathNet.Numerics;

namespace ValueSegmentation.Probabilistic.Likelihoods;

/// <summary>The BG/BB likelihood (Fader, Hardie &amp; Shang 2010, eq. 5) in log space, with its analytic gradient.</summary>
internal static class BgBbLikelihood
{
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

        double logBetaAB = SpecialFunctions.BetaLn(alpha, beta), logBetaGD = SpecialFunctions.BetaLn(gamma, delta);
        int terms = n - tx + 1;
        Span<double> logs = stackalloc double[terms];
        Span<double> grads = withGradient ? stackalloc double[4 * terms] : [];
        for (int j = 0; j < terms; j++)
        {
            // j = 0: alive throughout (m = n − x transaction-free opportunities, B(γ, δ + n)); j ≥ 1: dropped out after
            // opportunity t_x + i, i = j − 1 (B(γ + 1, δ + t_x + i)).
            double m = j == 0 ? n - x : tx - x + (j - 1);
            double g = j == 0 ? gamma : gamma + 1;
            double d = j == 0 ? delta + n : delta + tx + (j - 1);
            logs[j] = SpecialFunctions.BetaLn(alpha + x, beta + m) - logBetaAB + SpecialFunctions.BetaLn(g, d) - logBetaGD;
            if (withGradient)
            {
                double psiTransact = SpecialFunctions.DiGamma(alpha + beta + x + m);
                double psiDrop = SpecialFunctions.DiGamma(g + d);
                grads[4 * j] = SpecialFunctions.DiGamma(alpha + x) - psiTransact - psiA + psiAB;
                grads[(4 * j) + 1] = SpecialFunctions.DiGamma(beta + m) - psiTransact - psiB + psiAB;
                grads[(4 * j) + 2] = SpecialFunctions.DiGamma(g) - psiDrop - psiG + psiGD;
                grads[(4 * j) + 3] = SpecialFunctions.DiGamma(d) - psiDrop - psiD + psiGD;
            }
        }

        double max = double.NegativeInfinity;
        foreach (double l in logs)
        {
            max = Math.Max(max, l);
        }

        double sum = 0;
        foreach (double l in logs)
        {
            sum += Math.Exp(l - max);
        }

        if (withGradient)
        {
            gradient.Clear();
            for (int j = 0; j < terms; j++)
            {
                double weight = Math.Exp(logs[j] - max) / sum;
                for (int k = 0; k < 4; k++)
                {
                    gradient[k] += weight * grads[(4 * j) + k];
                }
            }
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
