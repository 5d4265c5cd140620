using MathNet.Numerics;

namespace ValueSegmentation.Probabilistic.Likelihoods;

/// <summary>The shifted-beta-geometric likelihood of a survivor curve (Fader &amp; Hardie 2007, eq. 5), with its analytic
/// gradient.</summary>
internal static class ShiftedBetaGeometricLikelihood
{
    /// <summary>The log-likelihood of a survivor curve and its gradient in (α, β).</summary>
    internal static double LogLikelihood(double[] survivors, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double alpha = theta[0], beta = theta[1];
        double logBetaAB = SpecialFunctions.BetaLn(alpha, beta);
        double psiA = SpecialFunctions.DiGamma(alpha), psiB = SpecialFunctions.DiGamma(beta), psiAB = SpecialFunctions.DiGamma(alpha + beta);
        double ll = 0, ga = 0, gb = 0;
        int n = survivors.Length - 1;
        for (int t = 1; t <= n; t++)
        {
            double lost = survivors[t - 1] - survivors[t];
            if (lost == 0)
            {
                continue;
            }

            double psiABt = SpecialFunctions.DiGamma(alpha + beta + t);
            ll += lost * (SpecialFunctions.BetaLn(alpha + 1, beta + t - 1) - logBetaAB);
            ga += lost * (SpecialFunctions.DiGamma(alpha + 1) - psiABt - psiA + psiAB);
            gb += lost * (SpecialFunctions.DiGamma(beta + t - 1) - psiABt - psiB + psiAB);
        }

        double remaining = survivors[n];
        if (remaining > 0)
        {
            double psiABn = SpecialFunctions.DiGamma(alpha + beta + n);
            ll += remaining * (SpecialFunctions.BetaLn(alpha, beta + n) - logBetaAB);
            ga += remaining * (psiAB - psiABn);
            gb += remaining * (SpecialFunctions.DiGamma(beta + n) - psiABn - psiB + psiAB);
        }

        gradient[0] = ga;
        gradient[1] = gb;
        return ll;
    }
}
