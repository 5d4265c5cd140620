using System.Globalization;
using MathNet.Numerics;
using ValueSegmentation.Probabilistic.Likelihoods;
using ValueSegmentation.Probabilistic.Numerics;
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
    /// <summary>Creates the model from known parameters.</summary>
    /// <param name="parameters">r, α, s, β.</param>
    /// <param name="timeUnit">The unit of α, β and every time the model takes.</param>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is a default value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeUnit"/> is not defined.</exception>
    public ParetoNbdModel(ParetoNbdParameters parameters, TimeUnit timeUnit)
        : this(parameters, timeUnit, null)
    {
    }

    internal ParetoNbdModel(ParetoNbdParameters parameters, TimeUnit timeUnit, ModelFit? fit)
        : base(timeUnit, fit) =>
        Parameters = parameters.R != 0 ? parameters : throw new ArgumentException("The parameters are a default value; create them with their constructor.", nameof(parameters));

    /// <summary>The parameters.</summary>
    public ParetoNbdParameters Parameters { get; }

    /// <summary>The parameters' names, in the order of the fit.</summary>
    internal static readonly string[] Names = ["r", "alpha", "s", "beta"];

    /// <summary>The starting values of a fit: r = 1, α = the mean age, s = 1, β = the mean age.</summary>
    internal static double[] Start(RepeatPurchaseData data) => [1, MeanAge(data), 1, MeanAge(data)];

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
            Names,
            options,
            () => Start(data),
            (theta, gradient) => ParetoNbdLikelihood.LogLikelihood(data, theta, gradient),
            data.CustomerCount,
            data.RowCount);
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
        try
        {
            return ParetoNbdLikelihood.Terms(r, alpha, s, beta, frequency, recency, age, ignored, withGradient: false).AliveShare;
        }
        catch (ArgumentOutOfRangeException refused) when (refused.ParamName == "z")
        {
            throw new ArgumentOutOfRangeException(nameof(age), age, $"P(alive) of this history cannot be computed to the documented accuracy for these parameters (s near 0 with T far beyond β): {refused.Message}");
        }
    }

    /// <summary>
    /// DERT(δ | x, t<sub>x</sub>, T) = ∫₀^∞ e^(−δt) dE[Y(t) | x, t<sub>x</sub>, T]: the discounted expected residual
    /// transactions, the number of purchases the customer is expected to make from T on, each discounted continuously to
    /// T at the rate δ (Fader, Hardie &amp; Lee 2005, "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis",
    /// <em>Journal of Marketing Research</em> 42(4), 415–430, eq. 2 and its appendix).
    /// </summary>
    /// <remarks>
    /// <para>Closed form (FHL 2005): DERT = P(alive | x, t<sub>x</sub>, T) · (r + x)/(α + T) · (β + T)^s δ^(s−1) ·
    /// U(s, s; δ(β + T)), with U the confluent hypergeometric function of the second kind (Tricomi's Ψ). It is
    /// E[λ]·E[1/(μ + δ)] for an active customer, whose λ ~ Gamma(r + x, α + T) and μ ~ Gamma(s, β + T) are
    /// independent; the second factor is evaluated through U(s, s, z) = e^z Γ(1 − s, z), an upper incomplete gamma
    /// function of order 1 − s &lt; 1, by a series below z = 1 and Legendre's continued fraction above it, to a
    /// relative error of about 10⁻¹⁴ for every s (s = 1, where it is the exponential integral E₁, included).</para>
    /// <para>δ is a continuously compounded rate per <see cref="RepeatPurchaseModel.TimeUnit"/>. From an annual
    /// effective rate d: δ = ln(1 + d)/P, P the number of model time units in a year (365.25/7 = 52.1786 for weeks,
    /// 12 for months, 365.25 for days); 15 % a year on a weekly model is δ = ln(1.15)/52.1786 = 0.002679 per week.
    /// From a rate d per month on a weekly model, δ = ln(1 + d)/(365.25/12/7). Multiply DERT by the expected margin per
    /// transaction (for example <see cref="GammaGammaModel"/>'s conditional expected spend) for a discounted
    /// residual value. The result is an expected number (a double estimate, not a count).</para>
    /// </remarks>
    /// <param name="discountRate">δ, the continuous discount rate per <see cref="RepeatPurchaseModel.TimeUnit"/>;
    /// finite and positive.</param>
    /// <param name="frequency">x, the repeat frequency.</param>
    /// <param name="recency">t<sub>x</sub>, in <see cref="RepeatPurchaseModel.TimeUnit"/>.</param>
    /// <param name="age">T, in <see cref="RepeatPurchaseModel.TimeUnit"/>.</param>
    /// <returns>The discounted expected number of future transactions; finite and not negative, decreasing in
    /// <paramref name="discountRate"/>, and about P(alive)(r + x)/((α + T)δ) when δ(β + T) is large.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="discountRate"/> is not finite and positive, or so
    /// small (conceivable only below about 10⁻³⁰⁰ per time unit) that δ(β + T) underflows or the value exceeds the
    /// range of a double.</exception>
    /// <exception cref="ArgumentException">The history is invalid.</exception>
    public double DiscountedExpectedResidualTransactions(double discountRate, int frequency, double recency, double age)
    {
        CheckDiscountRate(discountRate);
        RepeatPurchaseData.Validate(frequency, recency, age, parameterName: null, string.Empty);
        double alive = AliveCore(frequency, recency, age);
        return alive == 0 ? 0 : alive * DiscountedPurchasesIfAlive(discountRate, frequency, age);
    }

    /// <summary>DERT(δ | x, t<sub>x</sub>, T) for a customer summary, whose time unit must be the model's; see
    /// <see cref="DiscountedExpectedResidualTransactions(double, int, double, double)"/>.</summary>
    /// <param name="discountRate">δ, the continuous discount rate per <see cref="RepeatPurchaseModel.TimeUnit"/>;
    /// finite and positive.</param>
    /// <param name="customer">The customer.</param>
    /// <returns>The discounted expected number of future transactions.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="discountRate"/> is not finite and positive, or so
    /// small (conceivable only below about 10⁻³⁰⁰ per time unit) that δ(β + T) underflows or the value exceeds the
    /// range of a double.</exception>
    /// <exception cref="ArgumentException">The summary is in another time unit.</exception>
    public double DiscountedExpectedResidualTransactions(double discountRate, CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        RequireUnit(customer.TimeUnit, nameof(customer));
        return DiscountedExpectedResidualTransactions(discountRate, customer.Frequency, customer.Recency, customer.Age);
    }

    /// <summary>DERT(δ | x, t<sub>x</sub>, T) for many customers, written into <paramref name="destination"/>; see
    /// <see cref="DiscountedExpectedResidualTransactions(double, int, double, double)"/>. The factor after P(alive)
    /// depends on (x, T) only and is computed once per distinct (x, T); large batches run on every core.</summary>
    /// <param name="discountRate">δ, the continuous discount rate per <see cref="RepeatPurchaseModel.TimeUnit"/>;
    /// finite and positive.</param>
    /// <param name="customers">The customers, in the model's time unit.</param>
    /// <param name="destination">Where to write the values; at least as long as <paramref name="customers"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="discountRate"/> is not finite and positive, or so
    /// small (conceivable only below about 10⁻³⁰⁰ per time unit) that δ(β + T) underflows or a value exceeds the
    /// range of a double.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short, or a summary is in another time unit.</exception>
    /// <exception cref="ArgumentNullException">A customer is null.</exception>
    public void DiscountedExpectedResidualTransactions(double discountRate, ReadOnlySpan<CustomerSummary> customers, Span<double> destination)
    {
        CheckDiscountRate(discountRate);
        PerHistory((x, age) => DiscountedPurchasesIfAlive(discountRate, x, age), customers, destination);
    }

    /// <summary>
    /// P(X(t) = x) (Fader &amp; Hardie 2006, "Deriving an Expression for P(X(t) = x) Under the Pareto/NBD Model", eq. 13):
    /// NB(x; t)·(β/(β + t))^s + α^r β^s B(r + x, s + 1)/B(r, s) · [B₁ − Σᵢ₌₀ˣ Γ(r + s + i)/(Γ(r + s) i!) tⁱ B₂,ᵢ], with
    /// B₁ and B₂,ᵢ the ₂F₁ terms of the note (the α ≥ β or α &lt; β form). Every term is formed in log space, so
    /// the difference is taken between numbers no larger than 1.
    /// </summary>
    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="purchases"/> is negative or above 1,000 (the sum has
    /// one ₂F₁ term per purchase), or <paramref name="t"/> is out of range or, for extreme parameters, beyond what the
    /// ₂F₁ terms can be computed for to the documented accuracy.</exception>
    public override double ProbabilityOfPurchases(int purchases, double t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(purchases);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(purchases, MaxPurchasesForProbability);
        CheckHorizon(t);
        if (t == 0)
        {
            return purchases == 0 ? 1 : 0;
        }

        try
        {
            return ProbabilityOfPurchasesCore(purchases, t);
        }
        catch (ArgumentOutOfRangeException refused) when (refused.ParamName == "z")
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, $"P(X(t) = {purchases}) cannot be computed to the documented accuracy for these parameters: {refused.Message}");
        }
    }

    /// <summary>The largest number of purchases <see cref="ProbabilityOfPurchases"/> takes.</summary>
    private const int MaxPurchasesForProbability = 1_000;

    private double ProbabilityOfPurchasesCore(int x, double t)
    {
        var (r, alpha, s, beta) = Parameters;
        double logNb = SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) - SpecialFunctions.GammaLn(x + 1)
            + (r * Math.Log(alpha / (alpha + t))) + (x == 0 ? 0 : x * (Math.Log(t) - Math.Log(alpha + t)));
        double alive = Math.Exp(logNb + (s * Math.Log(beta / (beta + t))));
        double logK = (r * Math.Log(alpha)) + (s * Math.Log(beta)) + SpecialFunctions.BetaLn(r + x, s + 1) - SpecialFunctions.BetaLn(r, s);
        double c = r + s + x + 1;
        bool alphaFirst = alpha >= beta;
        double big = alphaFirst ? alpha : beta;
        double second = alphaFirst ? s + 1 : r + x;
        double logB1 = Hypergeometric.LogGauss2F1(r + s, second, c, Math.Abs(alpha - beta) / big, out _) - ((r + s) * Math.Log(big));
        double total = Math.Exp(logK + logB1);
        double zT = Math.Abs(alpha - beta) / (big + t);
        for (int i = 0; i <= x; i++)
        {
            double logCoefficient = SpecialFunctions.GammaLn(r + s + i) - SpecialFunctions.GammaLn(r + s) - SpecialFunctions.GammaLn(i + 1) + (i * Math.Log(t));
            double logB2 = Hypergeometric.LogGauss2F1(r + s + i, second, c, zT, out _) - ((r + s + i) * Math.Log(big + t));
            total -= Math.Exp(logK + logCoefficient + logB2);
        }

        return Math.Clamp(alive + Math.Max(0, total), 0, 1);
    }

    /// <summary>Throws unless δ is finite and positive.</summary>
    private static void CheckDiscountRate(double discountRate)
    {
        if (!double.IsFinite(discountRate) || !(discountRate > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(discountRate), discountRate, "The continuous discount rate must be finite and greater than zero.");
        }
    }

    /// <summary>
    /// (r + x)/(α + T) · E[1/(μ + δ)] with μ ~ Gamma(s, β + T): the DERT of a customer known to be active at T, which
    /// depends on the history through x and T only. E[1/(μ + δ)] = (β + T)·K(s, δ(β + T)) with
    /// K(s, z) = E[1/(Y + z)] = z^(s−1) U(s, s, z), Y ~ Gamma(s, 1).
    /// </summary>
    private double DiscountedPurchasesIfAlive(double discountRate, int frequency, double age)
    {
        var (r, alpha, s, beta) = Parameters;
        double scale = beta + age;
        double z = discountRate * scale;
        double rate = (r + frequency) / (alpha + age);
        if (z == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(discountRate), discountRate, "The discount rate is so small that δ(β + T) underflows to zero.");
        }

        double value;
        if (z > 1e300)
        {
            // G(s, z) = 1 − s/z + O(z⁻²) is 1 to double precision here: E[1/(μ + δ)] = 1/δ.
            value = rate / discountRate;
        }
        else
        {
            double reciprocal = IncompleteGamma.ReciprocalMoment(s, z);
            value = rate * scale * reciprocal;
            if (!double.IsFinite(value))
            {
                value = Math.Exp(Math.Log(rate) + Math.Log(scale) + Math.Log(reciprocal));
            }
        }

        return double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(discountRate), discountRate, "The discount rate is so small that the discounted expected transactions exceed the range of a double.");
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} {Parameters} ({TimeUnit})");

    /// <inheritdoc />
    internal override string Name => "Pareto/NBD";

    /// <inheritdoc />
    internal override double[] ParameterValues => [Parameters.R, Parameters.Alpha, Parameters.S, Parameters.Beta];

    /// <inheritdoc />
    internal override RepeatPurchaseModel FitTo(RepeatPurchaseData data, FitOptions? options) => Fit(data, options);

    /// <inheritdoc />
    internal override RepeatPurchaseModel WithParameters(ReadOnlySpan<double> values) =>
        new ParetoNbdModel(new ParetoNbdParameters(values[0], values[1], values[2], values[3]), TimeUnit);
}
