using System.Globalization;
using MathNet.Numerics;
using ValueSegmentation.Probabilistic.Likelihoods;
using ValueSegmentation.Probabilistic.Numerics;

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
        var fit = MaximumLikelihood.Fit(
            "Pareto/NBD",
            ["r", "alpha", "s", "beta"],
            options,
            () => [1, MeanAge(data), 1, MeanAge(data)],
            (theta, gradient) => ParetoNbdLikelihood.LogLikelihood(data, theta, gradient),
            data.CustomerCount);
        var p = fit.Parameters;
        return new ParetoNbdModel(new ParetoNbdParameters(p[0], p[1], p[2], p[3]), data.TimeUnit, fit);
    }

    /// <inheritdoc />
    public override double LogLikelihood(RepeatPurchaseData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireUnit(data.TimeUnit, nameof(data));
        return ParetoNbdLikelihood.LogLikelihood(data, [Parameters.R, Parameters.Alpha, Parameters.S, Parameters.Beta], new double[4]);
    }

    /// <summary>E[X(t)] = rβ/(α(s − 1)) · [1 − (β/(β + t))^(s−1)]: the expected purchases in (0, t] of a customer just
    /// acquired (Schmittlein et al. 1987, eq. 17), with its limit rβ/α · ln(1 + t/β) at s = 1.</summary>
    /// <inheritdoc />
    public override double ExpectedPurchases(double t)
    {
        CheckHorizon(t);
        var (r, alpha, s, beta) = Parameters;
        return r * beta / alpha * ParetoNbdLikelihood.PowerIntegral(s - 1, Accurate.Log1P(t / beta));
    }

    /// <summary>
    /// E[Y(t) | alive, x, T] = (r + x)(β + T)/((α + T)(s − 1)) · [1 − ((β + T)/(β + T + t))^(s−1)], the factor of
    /// Schmittlein et al. (1987), eq. 22, that multiplies P(alive); its limit at s = 1 is (r + x)(β + T)/(α + T) ·
    /// ln(1 + t/(β + T)).
    /// </summary>
    internal override double ExpectedPurchasesIfAlive(double t, int frequency, double age)
    {
        var (r, alpha, s, beta) = Parameters;
        return (r + frequency) * (beta + age) / (alpha + age) * ParetoNbdLikelihood.PowerIntegral(s - 1, Accurate.Log1P(t / (beta + age)));
    }

    /// <summary>
    /// P(alive | x, t<sub>x</sub>, T): the probability that the customer is still active at T (Fader &amp; Hardie 2005
    /// note, eq. 23): the first term of the likelihood over the whole likelihood.
    /// </summary>
    internal override double AliveCore(int frequency, double recency, double age)
    {
        var (r, alpha, s, beta) = Parameters;
        Span<double> ignored = stackalloc double[4];
        return ParetoNbdLikelihood.Terms(r, alpha, s, beta, frequency, recency, age, ignored, withGradient: false).AliveShare;
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
}
