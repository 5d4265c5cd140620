using System.Globalization;
using MathNet.Numerics;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic;

/// <summary>
/// The Pareto/NBD model of Schmittlein, Morrison &amp; Colombo (1987), "Counting Your Customers: Who Are They and What
/// Will They Do Next?", <em>Management Science</em> 33(1), 1–24: while active, a customer buys at a Poisson rate
/// λ ~ Gamma(r, α); their lifetime is exponential with rate μ ~ Gamma(s, β).
/// </summary>
/// <remarks>
/// <para>The likelihood follows Fader &amp; Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related
/// Expressions", eq. 22: L = Γ(r + x)α^r β^s/Γ(r) · [1/((α + T)^(r+x)(β + T)^s) + s/(r + s + x) · A₀], with A₀ a
/// difference of two ₂F₁ terms. Here each ₂F₁(r + s + x, ·; r + s + x + 1; z) is first Euler-transformed to
/// ₂F₁(1, ·; r + s + x + 1; z), whose series has bounded terms, and everything is combined in log space. So the
/// likelihood and the predictions stay finite for large x, large T and α ≈ β (where the untransformed terms
/// overflow or the two cases of A₀ meet); the gradient is analytic, from the same series.</para>
/// <para>All times are in <see cref="TimeUnit"/>, the unit of α and β. Immutable and thread-safe.</para>
/// </remarks>
public sealed class ParetoNbdModel : RepeatPurchaseModel
{
    private static readonly string[] Names = ["r", "alpha", "s", "beta"];

    /// <summary>Creates the model from known parameters.</summary>
    /// <param name="parameters">r, α, s, β.</param>
    /// <param name="timeUnit">The unit of α, β and every time the model takes.</param>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is a default value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeUnit"/> is not defined.</exception>
    public ParetoNbdModel(ParetoNbdParameters parameters, TimeUnit timeUnit)
        : this(parameters, timeUnit, null)
    {
    }

    private ParetoNbdModel(ParetoNbdParameters parameters, TimeUnit timeUnit, ModelFit? fit)
        : base(timeUnit, fit) =>
        Parameters = parameters.R != 0 ? parameters : throw new ArgumentException("The parameters are a default value; create them with their constructor.", nameof(parameters));

    /// <summary>The parameters.</summary>
    public ParetoNbdParameters Parameters { get; }

    /// <summary>Fits the model by maximum likelihood (analytic gradients).</summary>
    /// <param name="data">The customers' histories.</param>
    /// <param name="options">Fit options; the default starting values are r = 1, α = the mean age, s = 1, β = the mean age.</param>
    /// <returns>The fitted model; check <see cref="ModelFit.Convergence"/> in <see cref="RepeatPurchaseModel.FitResult"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The starting values are not four.</exception>
    public static ParetoNbdModel Fit(RepeatPurchaseData data, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= FitOptions.Default;
        double meanAge = MeanAge(data);
        double[] start = options.InitialParameters?.ToArray() ?? [1, meanAge, 1, meanAge];
        if (start.Length != 4)
        {
            throw new ArgumentException($"Pareto/NBD has four parameters (r, α, s, β); {start.Length} starting values were given.", nameof(options));
        }

        var fit = MaximumLikelihood.Maximize(Names, (theta, gradient) => LogLikelihood(data, theta, gradient), start, options, data.CustomerCount);
        var p = fit.Parameters;
        return new ParetoNbdModel(new ParetoNbdParameters(p[0], p[1], p[2], p[3]), data.TimeUnit, fit);
    }

    /// <inheritdoc />
    public override double LogLikelihood(RepeatPurchaseData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireUnit(data.TimeUnit, nameof(data));
        return LogLikelihood(data, [Parameters.R, Parameters.Alpha, Parameters.S, Parameters.Beta], new double[4]);
    }

    /// <summary>E[X(t)] = rβ/(α(s − 1)) · [1 − (β/(β + t))^(s−1)]: the expected purchases in (0, t] of a customer just
    /// acquired (Schmittlein et al. 1987, eq. 17), with its limit rβ/α · ln(1 + t/β) at s = 1.</summary>
    /// <inheritdoc />
    public override double ExpectedPurchases(double t)
    {
        CheckHorizon(t);
        var (r, alpha, s, beta) = Parameters;
        return r * beta / alpha * PowerIntegral(s - 1, Accurate.Log1P(t / beta));
    }

    /// <summary>
    /// E[Y(t) | x, t<sub>x</sub>, T] = (r + x)(β + T)/((α + T)(s − 1)) · [1 − ((β + T)/(β + T + t))^(s−1)] · P(alive):
    /// the expected purchases in (T, T + t] of a customer with the given history (Schmittlein et al. 1987, eq. 22).
    /// </summary>
    /// <inheritdoc />
    public override double ConditionalExpectedPurchases(double t, int frequency, double recency, double age)
    {
        CheckHorizon(t);
        double alive = ProbabilityAlive(frequency, recency, age);
        var (r, alpha, s, beta) = Parameters;
        return (r + frequency) * (beta + age) / (alpha + age) * PowerIntegral(s - 1, Accurate.Log1P(t / (beta + age))) * alive;
    }

    /// <summary>
    /// P(alive | x, t<sub>x</sub>, T): the probability that the customer is still active at T (Fader &amp; Hardie 2005
    /// note, eq. 23): the first term of the likelihood over the whole likelihood.
    /// </summary>
    /// <inheritdoc />
    public override double ProbabilityAlive(int frequency, double recency, double age)
    {
        RepeatPurchaseData.Validate(frequency, recency, age, nameof(frequency), string.Empty);
        var (r, alpha, s, beta) = Parameters;
        Span<double> ignored = stackalloc double[4];
        var terms = Terms(r, alpha, s, beta, frequency, recency, age, ignored, withGradient: false);
        return terms.AliveShare;
    }

    /// <summary>
    /// P(X(t) = x) (Fader &amp; Hardie 2006, "Deriving an Expression for P(X(t) = x) Under the Pareto/NBD Model", eq. 13):
    /// NB(x; t)·(β/(β + t))^s + α^r β^s B(r + x, s + 1)/B(r, s) · [B₁ − Σᵢ₌₀ˣ Γ(r + s + i)/(Γ(r + s) i!) tⁱ B₂,ᵢ], with
    /// B₁ and B₂,ᵢ the ₂F₁ terms of the note (the α ≥ β or α &lt; β form). Every term is formed in log space, so
    /// the difference is taken between numbers no larger than 1.
    /// </summary>
    /// <inheritdoc />
    public override double ProbabilityOfPurchases(int purchases, double t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(purchases);
        CheckHorizon(t);
        int x = purchases;
        if (t == 0)
        {
            return x == 0 ? 1 : 0;
        }

        var (r, alpha, s, beta) = Parameters;
        double logNb = SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) - SpecialFunctions.GammaLn(x + 1)
            + (r * Math.Log(alpha / (alpha + t))) + (x * Math.Log(t / (alpha + t)));
        double alive = Math.Exp(logNb + (s * Math.Log(beta / (beta + t))));
        double logK = (r * Math.Log(alpha)) + (s * Math.Log(beta)) + SpecialFunctions.BetaLn(r + x, s + 1) - SpecialFunctions.BetaLn(r, s);
        double c = r + s + x + 1;
        bool alphaFirst = alpha >= beta;
        double big = alphaFirst ? alpha : beta;
        double second = alphaFirst ? s + 1 : r + x;
        double logB1 = Math.Log(Hypergeometric.Gauss2F1(r + s, second, c, Math.Abs(alpha - beta) / big)) - ((r + s) * Math.Log(big));
        double total = Math.Exp(logK + logB1);
        double zT = Math.Abs(alpha - beta) / (big + t);
        for (int i = 0; i <= x; i++)
        {
            double logCoefficient = SpecialFunctions.GammaLn(r + s + i) - SpecialFunctions.GammaLn(r + s) - SpecialFunctions.GammaLn(i + 1) + (i * Math.Log(t));
            double logB2 = Math.Log(Hypergeometric.Gauss2F1(r + s + i, second, c, zT)) - ((r + s + i) * Math.Log(big + t));
            total -= Math.Exp(logK + logCoefficient + logB2);
        }

        return Math.Clamp(alive + Math.Max(0, total), 0, 1);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Pareto/NBD {Parameters} ({TimeUnit})");

    /// <summary>The log-likelihood and its gradient with respect to (r, α, s, β).</summary>
    internal static double LogLikelihood(RepeatPurchaseData data, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double r = theta[0], alpha = theta[1], s = theta[2], beta = theta[3];
        int maxX = data.MaxFrequency;
        var lgR = new double[maxX + 1];
        var dgR = new double[maxX + 1];
        for (int x = 1; x <= maxX; x++)
        {
            lgR[x] = lgR[x - 1] + Math.Log(r + x - 1);   // lnΓ(r + x) − lnΓ(r)
            dgR[x] = dgR[x - 1] + (1 / (r + x - 1));     // ψ(r + x) − ψ(r)
        }

        double logAlpha = Math.Log(alpha), logBeta = Math.Log(beta);
        var xs = data.Frequency;
        var recency = data.Recency;
        var age = data.Age;
        var weight = data.Weight;
        double ll = 0;
        Span<double> total = stackalloc double[4];
        Span<double> mix = stackalloc double[4];
        total.Clear();
        for (int i = 0; i < xs.Length; i++)
        {
            int x = xs[i];
            double w = weight[i];
            var terms = Terms(r, alpha, s, beta, x, recency[i], age[i], mix, withGradient: true);
            ll += w * (lgR[x] + (r * logAlpha) + (s * logBeta) + terms.LogSum);
            total[0] += w * (dgR[x] + logAlpha + mix[0]);
            total[1] += w * ((r / alpha) + mix[1]);
            total[2] += w * (logBeta + mix[2]);
            total[3] += w * ((s / beta) + mix[3]);
        }

        total.CopyTo(gradient);
        return ll;
    }

    /// <summary>
    /// ln(term₁ + term₂) of one history without the common factor Γ(r + x)α^r β^s/Γ(r), its gradient in
    /// <paramref name="gradient"/> (when asked), and term₁/(term₁ + term₂) = P(alive).
    /// term₁ = (α + T)^−(r+x) (β + T)^−s; term₂ = s/(r + s + x) · (piece(t<sub>x</sub>) − piece(T)).
    /// </summary>
    private static (double LogSum, double AliveShare) Terms(double r, double alpha, double s, double beta, int x, double tx, double age, Span<double> gradient, bool withGradient)
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
        Span<double> gT = stackalloc double[4];
        double lpTx = Piece(r, alpha, s, beta, x, tx, gTx, withGradient);
        double lpT = Piece(r, alpha, s, beta, x, age, gT, withGradient);
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
    private static double Piece(double r, double alpha, double s, double beta, int x, double t, Span<double> gradient, bool withGradient)
    {
        double c = r + s + x + 1;
        double logA = Math.Log(alpha + t), logB = Math.Log(beta + t);
        if (alpha >= beta)
        {
            double z = (alpha - beta) / (alpha + t);
            var f = LogF1(r + x, c, z, withGradient);
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
            var f = LogF1(s + 1, c, z, withGradient);
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

    /// <summary>ln F(1, b; c; z) for 0 ≤ z &lt; 1 and b &lt; c, with its derivatives in b, c and z (of the logarithm).</summary>
    private static (double Log, double DB, double DC, double DZ) LogF1(double b, double c, double z, bool withGradient)
    {
        if (z > 0.95)
        {
            // Near 1 the series converges slowly: use the connection formula, and differences for the gradient.
            double value = Hypergeometric.Gauss2F1(1, b, c, z);
            if (!withGradient)
            {
                return (Math.Log(value), 0, 0, 0);
            }

            double hb = 1e-6 * b, hc = 1e-6 * c, hz = 1e-7 * (1 - z);
            double db = (Math.Log(Hypergeometric.Gauss2F1(1, b + hb, c, z)) - Math.Log(Hypergeometric.Gauss2F1(1, b - hb, c, z))) / (2 * hb);
            double dc = (Math.Log(Hypergeometric.Gauss2F1(1, b, c + hc, z)) - Math.Log(Hypergeometric.Gauss2F1(1, b, c - hc, z))) / (2 * hc);
            double dz = (Math.Log(Hypergeometric.Gauss2F1(1, b, c, z + hz)) - Math.Log(Hypergeometric.Gauss2F1(1, b, c, z - hz))) / (2 * hz);
            return (Math.Log(value), db, dc, dz);
        }

        // F = Σ uₙ, u₀ = 1, uₙ₊₁ = uₙ (b + n)/(c + n) z; ∂uₙ/∂b = uₙ Σₖ₍ₙ 1/(b + k), ∂uₙ/∂c = −uₙ Σₖ₍ₙ 1/(c + k), ∂uₙ/∂z = n uₙ/z.
        double sum = 1, term = 1, sumB = 0, sumC = 0, sumZ = 0, hb2 = 0, hc2 = 0;
        for (int n = 0; n < 100_000; n++)
        {
            hb2 += 1 / (b + n);
            hc2 += 1 / (c + n);
            term *= (b + n) / (c + n) * z;
            sum += term;
            if (withGradient)
            {
                sumB += term * hb2;
                sumC -= term * hc2;
                sumZ += (n + 1) * term;
            }

            if (term <= 1e-17 * sum)
            {
                break;
            }
        }

        return (Math.Log(sum), sumB / sum, sumC / sum, z > 0 ? sumZ / (z * sum) : Math.Max(0, b / c));
    }

    /// <summary>[1 − e^(−εL)]/ε, with its limit L at ε = 0: the integral of e^(−εu) over u in [0, L].</summary>
    private static double PowerIntegral(double epsilon, double logRatio)
    {
        double product = epsilon * logRatio;
        return Math.Abs(product) < 1e-8 ? logRatio * (1 - (product / 2)) : -Accurate.ExpM1(-product) / epsilon;
    }
}

/// <summary>The parameters of the Pareto/NBD model: the purchase rate λ ~ Gamma(r, α) and the drop-out rate
/// μ ~ Gamma(s, β), with α and β in the model's time unit.</summary>
/// <remarks>An immutable value; every parameter is positive and finite.</remarks>
public readonly struct ParetoNbdParameters : IEquatable<ParetoNbdParameters>
{
    /// <summary>Creates the parameters.</summary>
    /// <param name="r">Shape of the purchase-rate distribution.</param>
    /// <param name="alpha">Rate of the purchase-rate distribution, in the model's time unit.</param>
    /// <param name="s">Shape of the drop-out-rate distribution.</param>
    /// <param name="beta">Rate of the drop-out-rate distribution, in the model's time unit.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not positive and finite.</exception>
    public ParetoNbdParameters(double r, double alpha, double s, double beta)
    {
        R = BgNbdParameters.Positive(r, nameof(r));
        Alpha = BgNbdParameters.Positive(alpha, nameof(alpha));
        S = BgNbdParameters.Positive(s, nameof(s));
        Beta = BgNbdParameters.Positive(beta, nameof(beta));
    }

    /// <summary>r.</summary>
    public double R { get; }

    /// <summary>α.</summary>
    public double Alpha { get; }

    /// <summary>s.</summary>
    public double S { get; }

    /// <summary>β.</summary>
    public double Beta { get; }

    /// <summary>Deconstructs into (r, α, s, β).</summary>
    /// <param name="r">r.</param>
    /// <param name="alpha">α.</param>
    /// <param name="s">s.</param>
    /// <param name="beta">β.</param>
    public void Deconstruct(out double r, out double alpha, out double s, out double beta) => (r, alpha, s, beta) = (R, Alpha, S, Beta);

    /// <inheritdoc />
    public bool Equals(ParetoNbdParameters other) => R.Equals(other.R) && Alpha.Equals(other.Alpha) && S.Equals(other.S) && Beta.Equals(other.Beta);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ParetoNbdParameters other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(R, Alpha, S, Beta);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"r = {R:G6}, α = {Alpha:G6}, s = {S:G6}, β = {Beta:G6}");

    /// <summary>Whether two parameter sets are equal.</summary>
    /// <param name="left">A set.</param>
    /// <param name="right">Another set.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(ParetoNbdParameters left, ParetoNbdParameters right) => left.Equals(right);

    /// <summary>Whether two parameter sets differ.</summary>
    /// <param name="left">A set.</param>
    /// <param name="right">Another set.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(ParetoNbdParameters left, ParetoNbdParameters right) => !left.Equals(right);
}
