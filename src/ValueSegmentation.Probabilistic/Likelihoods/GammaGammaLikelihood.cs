using MathNet.Numerics;

namespace ValueSegmentation.Probabilistic.Likelihoods;

/// <summary>The Gamma-Gamma likelihood of mean repeat spend (Fader &amp; Hardie 2013, eq. 5), with its analytic gradient.</summary>
internal static class GammaGammaLikelihood
{
    /// <summary>
    /// ln L = lnΓ(px + q) − lnΓ(px) − lnΓ(q) + q ln γ + (px − 1) ln m̄ + px ln x − (px + q) ln(γ + m̄x), and its
    /// gradient with respect to (p, q, γ).
    /// </summary>
    internal static double LogLikelihood(SpendData data, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double p = theta[0], q = theta[1], gamma = theta[2];
        double lgQ = SpecialFunctions.GammaLn(q), psiQ = SpecialFunctions.DiGamma(q), logGamma = Math.Log(gamma);
        var xs = data.Frequency;
        var spend = data.MeanSpend;
        var weight = data.Weight;
        double ll = 0, gp = 0, gq = 0, gg = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            double x = xs[i], m = spend[i], w = weight[i];
            double px = p * x;
            double logM = Math.Log(m), logX = Math.Log(x), logGMX = Math.Log(gamma + (m * x));
            double psiPXQ = SpecialFunctions.DiGamma(px + q);
            ll += w * (SpecialFunctions.GammaLn(px + q) - SpecialFunctions.GammaLn(px) - lgQ + (q * logGamma) + ((px - 1) * logM) + (px * logX) - ((px + q) * logGMX));
            gp += w * x * (psiPXQ - SpecialFunctions.DiGamma(px) + logM + logX - logGMX);
            gq += w * (psiPXQ - psiQ + logGamma - logGMX);
            gg += w * ((q / gamma) - ((px + q) / (gamma + (m * x))));
        }

        gradient[0] = gp;
        gradient[1] = gq;
        gradient[2] = gg;
        return ll;
    }
}
