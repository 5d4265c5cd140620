using System.Runtime.CompilerServices;
using MathNet.Numerics;
using ValueSegmentation.Probabilistic.Numerics;

namespace ValueSegmentation.Probabilistic.Likelihoods;

/// <summary>
/// The Pareto/NBD likelihood (Fader &amp; Hardie 2005, "A Note on Deriving the Pareto/NBD Model and Related Expressions",
/// eq. 22) in log space with its analytic gradient, and the pieces the predictions share. Each
/// ₂F₁(r + s + x, ·; r + s + x + 1; z) is Euler-transformed to ₂F₁(1, ·; r + s + x + 1; z), whose series has bounded
/// terms, so the likelihood stays finite for large x, large T and α ≈ β.
/// </summary>
internal static class ParetoNbdLikelihood
{
    /// <summary>The largest frequency whose gamma-function terms are tabulated.</summary>
    private const int TableSize = 4096;

    /// <summary>The log-likelihood and its gradient with respect to (r, α, s, β).</summary>
    internal static double LogLikelihood(RepeatPurchaseData data, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double r = theta[0], alpha = theta[1], s = theta[2], beta = theta[3];

        // lnΓ(r + x) − lnΓ(r) and ψ(r + x) − ψ(r) by recurrence up to x = TableSize; rarer, larger frequencies get them
        // from the special functions, so that memory does not grow with the largest frequency (x = int.MaxValue would
        // need 32 GB).
        int maxX = Math.Min(data.MaxFrequency, TableSize);
        var lgR = new double[maxX + 1];
        var dgR = new double[maxX + 1];
        for (int x = 1; x <= maxX; x++)
        {
            lgR[x] = lgR[x - 1] + Math.Log(r + x - 1);
            dgR[x] = dgR[x - 1] + (1 / (r + x - 1));
        }

        double logAlpha = Math.Log(alpha), logBeta = Math.Log(beta);
        var groups = data.AgeGroups;
        var (pieces, pieceGradients) = groups is null ? ([], []) : AgePieces(r, alpha, s, beta, groups);
        return RowSum.Run(data.RowCount, gradient, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (start, end, total) =>
        {
            var xs = data.Frequency;
            var recency = data.Recency;
            var age = data.Age;
            var weight = data.Weight;
            double ll = 0;
            Span<double> mix = stackalloc double[4];
            for (int i = start; i < end; i++)
            {
                int x = xs[i];
                double w = weight[i];
                int group = groups is null ? -1 : groups.GroupOf[i];
                var terms = group < 0
                    ? Terms(r, alpha, s, beta, x, recency[i], age[i], mix, withGradient: true)
                    : Terms(r, alpha, s, beta, x, recency[i], age[i], pieces[group], pieceGradients.AsSpan(4 * group, 4), mix, withGradient: true);
                double logGammaRatio = x <= maxX ? lgR[x] : SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r);
                double digammaDifference = x <= maxX ? dgR[x] : SpecialFunctions.DiGamma(r + x) - SpecialFunctions.DiGamma(r);
                ll += w * (logGammaRatio + (r * logAlpha) + (s * logBeta) + terms.LogSum);
                total[0] += w * (digammaDifference + logAlpha + mix[0]);
                total[1] += w * ((r / alpha) + mix[1]);
                total[2] += w * (logBeta + mix[2]);
                total[3] += w * ((s / beta) + mix[3]);
            }

            return ll;
        });
    }

    /// <summary>ln piece(T) and its gradient for each distinct (x, T) of the data, on every core: rows of customers acquired
    /// on the same day with the same frequency share them.</summary>
    private static (double[] Pieces, double[] Gradients) AgePieces(double r, double alpha, double s, double beta, RepeatPurchaseData.Groups groups)
    {
        var pieces = new double[groups.Count];
        var gradients = new double[4 * groups.Count];
        ParallelChunks.ForRanges(groups.Count, 512, (start, end) =>
        {
            for (int g = start; g < end; g++)
            {
                pieces[g] = Piece(r, alpha, s, beta, groups.Frequency[g], groups.Age[g], gradients.AsSpan(4 * g, 4), withGradient: true);
            }
        });
        return (pieces, gradients);
    }

    /// <summary>
    /// ln(term₁ + term₂) of one history without the common factor Γ(r + x)α^r β^s/Γ(r), its gradient in
    /// <paramref name="gradient"/> (when asked), and term₁/(term₁ + term₂) = P(alive).
    /// term₁ = (α + T)^−(r+x) (β + T)^−s; term₂ = s/(r + s + x) · (piece(t<sub>x</sub>) − piece(T)).
    /// </summary>
    internal static (double LogSum, double AliveShare) Terms(double r, double alpha, double s, double beta, int x, double tx, double age, Span<double> gradient, bool withGradient)
    {
        Span<double> gT = stackalloc double[4];
        double lpT = Piece(r, alpha, s, beta, x, age, gT, withGradient);
        return Terms(r, alpha, s, beta, x, tx, age, lpT, gT, gradient, withGradient);
    }

    /// <summary><see cref="Terms(double, double, double, double, int, double, double, Span{double}, bool)"/> with ln piece(T)
    /// and its gradient given (<see cref="AgePieces"/>: computed once per distinct (x, T)).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static (double LogSum, double AliveShare) Terms(double r, double alpha, double s, double beta, int x, double tx, double age, double lpT, ReadOnlySpan<double> gT, Span<double> gradient, bool withGradient)
    {
        double l1 = (-(r + x) * Math.Log(alpha + age)) - (s * Math.Log(beta + age));
        Span<double> g1 = stackalloc double[4];
        if (withGradient)
        {
            g1[0] = -Math.Log(alpha + age);
            g1[1] = -(r + x) / (alpha + age);
            g1[2] = -Math.Log(beta + age);
            g1[3] = -s / (beta + age);
        }

        Span<double> gTx = stackalloc double[4];
        double lpTx = Piece(r, alpha, s, beta, x, tx, gTx, withGradient);
        double q = Math.Exp(lpT - lpTx); // piece(T)/piece(t_x) ≤ 1
        if (!(q < 1))
        {
            // t_x = T (or indistinguishable): no room to drop out unseen, term₂ = 0.
            g1.CopyTo(gradient);
            return (l1, 1);
        }

        double l2 = Math.Log(s) - Math.Log(r + s + x) + lpTx + Accurate.Log1P(-q);
        double m = Math.Max(l1, l2);
        double e1 = Math.Exp(l1 - m), e2 = Math.Exp(l2 - m);
        double w1 = e1 / (e1 + e2), w2 = e2 / (e1 + e2);
        if (withGradient)
        {
            for (int k = 0; k < 4; k++)
            {
                double g2 = (gTx[k] - (q * gT[k])) / (1 - q);
                if (k == 0)
                {
                    g2 -= 1 / (r + s + x);
                }
                else if (k == 2)
                {
                    g2 += (1 / s) - (1 / (r + s + x));
                }

                gradient[k] = (w1 * g1[k]) + (w2 * g2);
            }
        }

        return (m + Math.Log(e1 + e2), w1);
    }

    /// <summary>
    /// ln piece(t′) with piece(t′) = ₂F₁(r + s + x, ·; r + s + x + 1; z)/(max(α, β) + t′)^(r+s+x) after the Euler
    /// transformation: for α ≥ β, −s ln(β + t′) − (r + x) ln(α + t′) + ln F(1, r + x; r + s + x + 1; (α − β)/(α + t′));
    /// for α &lt; β, (1 − r − x) ln(α + t′) − (s + 1) ln(β + t′) + ln F(1, s + 1; r + s + x + 1; (β − α)/(β + t′)).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Piece(double r, double alpha, double s, double beta, int x, double t, Span<double> gradient, bool withGradient)
    {
        double c = r + s + x + 1;
        double logA = Math.Log(alpha + t), logB = Math.Log(beta + t);
        if (alpha >= beta)
        {
            double z = (alpha - beta) / (alpha + t);
            var f = LogF1(r + x, c, z, (beta + t) / (alpha + t), withGradient);
            if (withGradient)
            {
                gradient[0] = -logA + f.DB + f.DC;
                gradient[1] = (-(r + x) / (alpha + t)) + (f.DZ * (beta + t) / ((alpha + t) * (alpha + t)));
                gradient[2] = -logB + f.DC;
                gradient[3] = (-s / (beta + t)) - (f.DZ / (alpha + t));
            }

            return (-s * logB) - ((r + x) * logA) + f.Log;
        }
        else
        {
            double z = (beta - alpha) / (beta + t);
            var f = LogF1(s + 1, c, z, (alpha + t) / (beta + t), withGradient);
            if (withGradient)
            {
                gradient[0] = -logA + f.DC;
                gradient[1] = ((1 - r - x) / (alpha + t)) - (f.DZ / (beta + t));
                gradient[2] = -logB + f.DB + f.DC;
                gradient[3] = (-(s + 1) / (beta + t)) + (f.DZ * (alpha + t) / ((beta + t) * (beta + t)));
            }

            return ((1 - r - x) * logA) - ((s + 1) * logB) + f.Log;
        }
    }

    /// <summary>ln F(1, b; c; z) for 0 ≤ z &lt; 1 and b &lt; c, with its derivatives in b, c and z (of the logarithm);
    /// <paramref name="y"/> is 1 − z as the caller can form it without cancellation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double Log, double DB, double DC, double DZ) LogF1(double b, double c, double z, double y, bool withGradient)
    {
        if (z > 0.95)
        {
            // Near 1 the series converges slowly: a continued fraction or the connection formula, and differences for
            // the gradient.
            double log = LogF1NearOne(b, c, z, y, withGradient ? FitTerms : PredictionTerms);
            if (!withGradient)
            {
                return (log, 0, 0, 0);
            }

            double hb = 1e-6 * b, hc = 1e-6 * c, hz = 1e-7 * y;
            double db = (LogF1NearOne(b + hb, c, z, y, FitTerms) - LogF1NearOne(b - hb, c, z, y, FitTerms)) / (2 * hb);
            double dc = (LogF1NearOne(b, c + hc, z, y, FitTerms) - LogF1NearOne(b, c - hc, z, y, FitTerms)) / (2 * hc);
            double dz = (LogF1NearOne(b, c, z + hz, y - hz, FitTerms) - LogF1NearOne(b, c, z - hz, y + hz, FitTerms)) / (2 * hz);
            return (log, db, dc, dz);
        }

        // F = Σ uₙ, u₀ = 1, uₙ₊₁ = uₙ (b + n)/(c + n) z; ∂uₙ/∂b = uₙ Σₖ₍ₙ 1/(b + k), ∂uₙ/∂c = −uₙ Σₖ₍ₙ 1/(c + k), ∂uₙ/∂z = n uₙ/z.
        double sum = 1, term = 1, sumB = 0, sumC = 0, sumZ = 0, hb2 = 0, hc2 = 0;
        if (!withGradient)
        {
            for (int n = 0; n < 100_000; n++)
            {
                term *= (b + n) / (c + n) * z;
                sum += term;
                if (term <= 1e-17 * sum)
                {
                    break;
                }
            }

            return (Math.Log(sum), 0, 0, 0);
        }

        for (int n = 0; n < 100_000; n++)
        {
            double inverseB = 1 / (b + n), inverseC = 1 / (c + n);
            hb2 += inverseB;
            hc2 += inverseC;
            term *= (b + n) * inverseC * z; // two divisions a term instead of three
            sum += term;
            sumB += term * hb2;
            sumC -= term * hc2;
            sumZ += (n + 1) * term;
            if (term <= 1e-17 * sum)
            {
                break;
            }
        }

        return (Math.Log(sum), sumB / sum, sumC / sum, z > 0 ? sumZ / (z * sum) : Math.Max(0, b / c));
    }

    /// <summary>
    /// ln F(1, b; c; z) for z near 1, with y = 1 − z from the caller: Pfaff's transformation
    /// F(1, b; c; z) = F(1, c − b; c; −z/y)/y turns it into a continued fraction without cancellation
    /// (Hypergeometric.LogUnitContinuedFraction). It converges fastest where the series and the connection formula are
    /// slowest — large r + s + x, as at the boundary fits of data without heterogeneity (about 2,800 terms at
    /// c ≈ 12,900 and y = 4·10⁻⁶, where the series needs millions) — and needs about 15√(z/y) terms at most (150,000 at
    /// y = 10⁻⁸ with s near 0, where the connection formula cancels). Past its limit of terms the connection formula,
    /// cheap and accurate there unless s is near 0, is used instead. Predictions allow 250,000 terms; a fit allows 20,000,
    /// so that its search does not crawl through that corner (the boundary fit of data without heterogeneity took 6
    /// minutes instead of 7 s), and a point the connection formula then refuses is a failed step.
    /// </summary>
    private static double LogF1NearOne(double b, double c, double z, double y, int maxTerms)
    {
        double log = Hypergeometric.LogUnitContinuedFraction(c - b, c, z / y, maxTerms);
        return double.IsNaN(log) ? Math.Log(Hypergeometric.Gauss2F1(1, b, c, z)) : log - Math.Log(y);
    }

    /// <summary>The continued fraction's longest run for a prediction (see <see cref="LogF1NearOne"/>).</summary>
    private const int PredictionTerms = 250_000;

    /// <summary>The continued fraction's longest run inside a fit.</summary>
    private const int FitTerms = 20_000;

    /// <summary>[1 − e^(−εL)]/ε, with its limit L at ε = 0: the integral of e^(−εu) over u in [0, L].</summary>
    internal static double PowerIntegral(double epsilon, double logRatio)
    {
        double product = epsilon * logRatio;
        return Math.Abs(product) < 1e-8 ? logRatio * (1 - (product / 2)) : -Accurate.ExpM1(-product) / epsilon;
    }
}
