using ValueSegmentation.Probabilistic.Numerics;

namespace ValueSegmentation.Probabilistic.Likelihoods;

/// <summary>
/// The beta-discrete-Weibull log-likelihood of a survivor curve and its analytic gradient (Fader, Hardie, Liu, Davin
/// &amp; Steenburgh 2018): with τ = t^c, S(t) = B(α, β + τ)/B(α, β); the customers lost in period t weigh
/// ln[S(t − 1) − S(t)], those active at the end ln S(n).
/// </summary>
internal static class BetaDiscreteWeibullLikelihood
{
    /// <summary>The largest c·ln n the log-likelihood evaluates: τ = t^c stays below e^690 ≈ 10³⁰⁰, inside the range of
    /// a double with room for the sums β + τ and α + β + τ.</summary>
    internal const double MaxLogTau = 690;

    /// <summary>The log-likelihood, or NaN where it cannot be evaluated (a shape so large that t^c overflows: c·ln n above
    /// <see cref="MaxLogTau"/>).</summary>
    /// <param name="survivors">Customers active at the start of periods 0..n (checked by the caller).</param>
    /// <param name="theta">α, β, c.</param>
    /// <param name="gradient">Where ∂LL/∂(α, β, c) is written.</param>
    /// <returns>The log-likelihood, or NaN.</returns>
    internal static double LogLikelihood(double[] survivors, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double alpha = theta[0], beta = theta[1], c = theta[2];
        int n = survivors.Length - 1;
        if (c * Math.Log(Math.Max(n, 1)) > MaxLogTau)
        {
            return double.NaN;
        }

        double ll = 0, ga = 0, gb = 0, gc = 0;

        // ln S and its gradient at t − 1, carried from one period to the next; at t = 0, S = 1 and the gradient is 0.
        double previous = 0, pa = 0, pb = 0, pc = 0;
        for (int t = 1; t <= n; t++)
        {
            var (current, ca, cb, cc) = LogSurvival(alpha, beta, c, t);
            double lost = survivors[t - 1] - survivors[t];
            if (lost > 0)
            {
                // P(T = t) = S(t − 1) − S(t) = S(t − 1)·(1 − e^Δ), Δ = ln S(t) − ln S(t − 1) ≤ 0;
                // ∂ ln P = [∂ ln S(t − 1) − e^Δ ∂ ln S(t)]/(1 − e^Δ).
                double delta = Math.Min(current - previous, 0);
                double share = -Accurate.ExpM1(delta);
                double ratio = Math.Exp(delta);
                ll += lost * (previous + Math.Log(share));
                ga += lost * (pa - (ratio * ca)) / share;
                gb += lost * (pb - (ratio * cb)) / share;
                gc += lost * (pc - (ratio * cc)) / share;
            }

            (previous, pa, pb, pc) = (current, ca, cb, cc);
        }

        double remaining = survivors[n];
        if (remaining > 0)
        {
            ll += remaining * previous;
            ga += remaining * pa;
            gb += remaining * pb;
            gc += remaining * pc;
        }

        gradient[0] = ga;
        gradient[1] = gb;
        gradient[2] = gc;
        return ll;
    }

    /// <summary>ln S(t) and its derivatives with respect to α, β and c, for t ≥ 1 and c·ln t ≤ <see cref="MaxLogTau"/>.</summary>
    /// <remarks>With τ = t^c and D(x, a) = ψ(x + a) − ψ(x) (<see cref="LogGammaDifference.DigammaDifference"/>, accurate
    /// where the two digammas agree in almost every digit): ∂/∂α = −D(α + β, τ); ∂/∂β = D(β, α) − D(β + τ, α) when
    /// τ ≥ α, else the equal D(β, τ) − D(α + β, τ), whichever subtracts the smaller terms; ∂/∂c = −D(β + τ, α)·τ·ln t,
    /// where D(β + τ, α) ≈ α/τ for large τ (the plain ψ(β + τ) − ψ(α + β + τ) kept only the digits of ln τ that do not
    /// cancel, and τ·ln t multiplied their error).</remarks>
    /// <param name="alpha">α.</param>
    /// <param name="beta">β.</param>
    /// <param name="c">c.</param>
    /// <param name="t">The period.</param>
    /// <returns>ln S(t) and its gradient.</returns>
    internal static (double Value, double DAlpha, double DBeta, double DC) LogSurvival(double alpha, double beta, double c, int t)
    {
        double logT = Math.Log(t);
        double tau = Math.Exp(c * logT);
        double value = LogBetaRatio.Of(alpha, beta, 0, tau);
        double dAlpha = -LogGammaDifference.DigammaDifference(alpha + beta, tau);
        double dBeta = tau >= alpha
            ? LogGammaDifference.DigammaDifference(beta, alpha) - LogGammaDifference.DigammaDifference(beta + tau, alpha)
            : LogGammaDifference.DigammaDifference(beta, tau) - LogGammaDifference.DigammaDifference(alpha + beta, tau);
        double dC = -LogGammaDifference.DigammaDifference(beta + tau, alpha) * tau * logT;
        return (value, dAlpha, dBeta, dC);
    }
}
