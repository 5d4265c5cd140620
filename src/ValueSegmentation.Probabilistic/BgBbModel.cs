using MathNet.Numerics;
using ValueSegmentation.Probabilistic.Likelihoods;
using ValueSegmentation.Probabilistic.Numerics;

namespace ValueSegmentation.Probabilistic;

/// <summary>
/// The BG/BB model of Fader, Hardie &amp; Shang (2010), "Customer-Base Analysis in a Discrete-Time Noncontractual
/// Setting", <em>Marketing Science</em> 29(6), 1086–1108: at each of n discrete opportunities an active customer
/// transacts with probability p ~ Beta(α, β), and before each later opportunity becomes inactive with probability
/// θ ~ Beta(γ, δ).
/// </summary>
/// <remarks>
/// <para>Time is counted in opportunities (for example years of an annual campaign); x is the number of repeat
/// transactions in n opportunities and t<sub>x</sub> the opportunity of the last one (0 when x = 0). The likelihood
/// (eq. 5) carries no binomial constants, the paper's convention. Immutable and thread-safe.</para>
/// </remarks>
public sealed class BgBbModel
{
    /// <summary>Creates the model from known parameters.</summary>
    /// <param name="parameters">α, β, γ, δ.</param>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is a default value.</exception>
    public BgBbModel(BgBbParameters parameters)
        : this(parameters, null)
    {
    }

    internal BgBbModel(BgBbParameters parameters, ModelFit? fit)
    {
        Parameters = parameters.Alpha != 0 ? parameters : throw new ArgumentException("The parameters are a default value; create them with their constructor.", nameof(parameters));
        FitResult = fit;
    }

    /// <summary>The parameters.</summary>
    public BgBbParameters Parameters { get; }

    /// <summary>The fit that produced the parameters; <see langword="null"/> when they were given.</summary>
    public ModelFit? FitResult { get; }

    /// <summary>Fits the model by maximum likelihood (eq. 5, analytic gradients).</summary>
    /// <param name="data">The customers' histories.</param>
    /// <param name="options">Fit options; the default starting values are all 1.</param>
    /// <returns>The fitted model; check <see cref="ModelFit.Convergence"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The starting values are not four.</exception>
    public static BgBbModel Fit(DiscreteRepeatData data, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var fit = MaximumLikelihood.Fit("BG/BB", Names, options, () => Start, (theta, gradient) => BgBbLikelihood.LogLikelihood(data, theta, gradient), data.CustomerCount, data.RowCount);
        var p = fit.Parameters;
        return new BgBbModel(new BgBbParameters(p[0], p[1], p[2], p[3]), fit);
    }

    /// <summary>The parameters' names, in the order of the fit.</summary>
    internal static readonly string[] Names = ["alpha", "beta", "gamma", "delta"];

    /// <summary>The starting values of a fit: every parameter 1.</summary>
    internal static double[] Start => [1, 1, 1, 1];

    /// <summary>The log-likelihood of data (eq. 5, summed with weights).</summary>
    /// <param name="data">The data.</param>
    /// <returns>The log-likelihood.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    public double LogLikelihood(DiscreteRepeatData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return BgBbLikelihood.LogLikelihood(data, [Parameters.Alpha, Parameters.Beta, Parameters.Gamma, Parameters.Delta], new double[4]);
    }

    /// <summary>
    /// P(alive at opportunity n + m | x, t<sub>x</sub>, n) = B(α + x, β + n − x)/B(α, β) · B(γ, δ + n + m)/B(γ, δ) / L: the
    /// probability that the customer is still active at the m-th future opportunity (Fader, Hardie &amp; Shang 2010, eq. 11
    /// for m = 1; alive at opportunity n + m means surviving the drop-out chance before each of the n + m opportunities,
    /// so B(γ, δ + n + 1) becomes B(γ, δ + n + m)).
    /// </summary>
    /// <param name="frequency">x, the repeat transactions.</param>
    /// <param name="recency">t<sub>x</sub>, the opportunity of the last one (0 when x = 0).</param>
    /// <param name="opportunities">n, the opportunities observed.</param>
    /// <param name="futureOpportunities">m, how many opportunities ahead; at least 1 (the next one, the paper's case).</param>
    /// <returns>The probability, in [0, 1]; non-increasing in <paramref name="futureOpportunities"/>.</returns>
    /// <exception cref="ArgumentException">The history is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="futureOpportunities"/> is less than 1, or
    /// <paramref name="opportunities"/> exceeds 1,000,000 (the bound of <see cref="DiscreteRepeatData"/>).</exception>
    public double ProbabilityAlive(int frequency, int recency, int opportunities, int futureOpportunities = 1)
    {
        DiscreteRepeatData.Validate(frequency, recency, opportunities, nameof(frequency), string.Empty);
        ArgumentOutOfRangeException.ThrowIfLessThan(futureOpportunities, 1);
        var (alpha, beta, gamma, delta) = Parameters;
        double logL = LogLikelihoodOfOne(frequency, recency, opportunities);
        double logAliveTerm = LogBetaRatio.Of(alpha, beta, frequency, opportunities - frequency)
            + LogBetaRatio.Of(gamma, delta, 0, (double)opportunities + futureOpportunities);
        return Math.Clamp(Math.Exp(logAliveTerm - logL), 0, 1);
    }

    /// <summary>
    /// E[X(n, n + n*) | x, t<sub>x</sub>, n]: the expected transactions in the next <paramref name="periods"/>
    /// opportunities (eq. 13): 1/L · B(α + x + 1, β + n − x)/B(α, β) · δ/(γ − 1) · Γ(γ + δ)/Γ(1 + δ) ·
    /// [Γ(1 + δ + n)/Γ(γ + δ + n) − Γ(1 + δ + n + n*)/Γ(γ + δ + n + n*)], with its limit at γ = 1.
    /// </summary>
    /// <param name="periods">n*, the number of future opportunities; not negative.</param>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t<sub>x</sub>.</param>
    /// <param name="opportunities">n.</param>
    /// <returns>The expected number of transactions.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> is negative or exceeds 1,000,000, or
    /// <paramref name="opportunities"/> exceeds 1,000,000 (the bound of <see cref="DiscreteRepeatData"/>).</exception>
    /// <exception cref="ArgumentException">The history is invalid.</exception>
    public double ConditionalExpectedTransactions(int periods, int frequency, int recency, int opportunities)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(periods);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(periods, DiscreteRepeatData.MaxOpportunities);
        DiscreteRepeatData.Validate(frequency, recency, opportunities, nameof(frequency), string.Empty);
        if (periods == 0)
        {
            return 0;
        }

        var (alpha, beta, gamma, delta) = Parameters;
        int n = opportunities;
        double logL = LogLikelihoodOfOne(frequency, recency, n);
        double logFront = LogBetaRatio.Of(alpha, beta, frequency + 1, n - frequency) - logL;

        // δ/(γ − 1) · Γ(γ + δ)/Γ(1 + δ) · [g(n) − g(n + n*)] with g(m) = Γ(1 + δ + m)/Γ(γ + δ + m) equals
        // Σ_{k=n}^{n+n*−1} B(γ, δ + k + 1)/B(γ, δ): the probability of being alive at each future opportunity. The sum
        // form has no singularity at γ = 1 and no cancellation. Its terms decrease by the factor (δ + k + 1)/(γ + δ + k + 1),
        // so it is summed relative to its first term (in log space: the terms may underflow for large γ), re-anchored
        // every 512 terms, compensated, and stopped once the rest is below 10⁻¹⁸ of the sum.
        double logFirst = LogBetaRatio.Of(gamma, delta, 0, (double)n + 1);
        double sum = 0, compensation = 0, relative = 1;
        for (int j = 0; j < periods; j++)
        {
            double k = (double)n + j;
            if (j % 512 == 0)
            {
                relative = Math.Exp(LogBetaRatio.Of(gamma, delta, 0, k + 1) - logFirst);
            }

            double next = sum + relative;
            compensation += (sum - next) + relative; // Neumaier: far terms are each below an ulp of the sum
            sum = next;
            if (relative * (periods - j - 1) <= 1e-18 * sum)
            {
                break;
            }

            relative *= (delta + k + 1) / (gamma + delta + k + 1);
        }

        // At most one transaction per opportunity: the bound holds exactly even where rounding of parameters of 10¹⁵ would
        // exceed it by an ulp or two.
        return Math.Min(Math.Exp(logFront + logFirst + Math.Log(sum + compensation)), periods);
    }

    /// <summary>
    /// DERT(d | x, t<sub>x</sub>, n) = Σₖ₌₁^∞ P(transaction at opportunity n + k | x, t<sub>x</sub>, n)/(1 + d)ᵏ: the
    /// discounted expected residual transactions, the transactions expected at the future opportunities n + 1, n + 2, …,
    /// the one at opportunity n + k discounted by (1 + d)^(−k) (Fader, Hardie &amp; Shang 2010, their expression for
    /// DERT in the section on customer valuation).
    /// </summary>
    /// <remarks>
    /// <para>Closed form (FHS 2010): DERT = B(α + x + 1, β + n − x)/B(α, β) · B(γ, δ + n + 1)/(B(γ, δ)(1 + d)) ·
    /// ₂F₁(1, δ + n + 1; γ + δ + n + 1; 1/(1 + d)) / L(α, β, γ, δ | x, t<sub>x</sub>, n), with L the likelihood of
    /// eq. 5. It is E[p | alive at n]·P(alive at n)·Σₖ (1 + d)^(−k) E[(1 − θ)ᵏ], with p ~ Beta(α + x, β + n − x) and
    /// θ ~ Beta(γ, δ + n) given the history; equivalently, the k-th term is
    /// E[X(n, n + k)] − E[X(n, n + k − 1)] of <see cref="ConditionalExpectedTransactions"/>.</para>
    /// <para>The hypergeometric factor is not evaluated as a power series in 1/(1 + d), which converges slowly for small
    /// d, nor by the usual connection formula, whose terms grow like (1 + d)^(δ + n) and cancel for many opportunities
    /// and which is singular when γ is an integer: for d·max(1, δ + n) &gt; ½ it is Gauss's continued fraction after
    /// the Pfaff transformation (argument −1/d), otherwise the connection formula rewritten with divided differences
    /// at γ − m ∈ (0, 1.5] followed by the recurrence in γ (for γ &gt; 100, the continued fraction in 1/(1 + d)). The
    /// relative error is below 10⁻¹⁴ (γ = 1 and γ near an integer included); products of beta functions are taken in
    /// log space.</para>
    /// <para>d is the discount rate per opportunity: for yearly opportunities, the annual rate (10 % is 0.1). Multiply
    /// by the value of a transaction for a discounted residual value. The result is an expected number (a double
    /// estimate).</para>
    /// </remarks>
    /// <param name="discountRate">d, the discount rate per opportunity; finite and positive.</param>
    /// <param name="frequency">x, the repeat transactions.</param>
    /// <param name="recency">t<sub>x</sub>, the opportunity of the last one (0 when x = 0).</param>
    /// <param name="opportunities">n, the opportunities observed.</param>
    /// <returns>The discounted expected number of future transactions; finite and not negative, and decreasing in
    /// <paramref name="discountRate"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="discountRate"/> is not finite and positive, or so
    /// small (with γ &lt; 1) that the value exceeds the range of a double; or <paramref name="opportunities"/> exceeds
    /// 1,000,000 (the bound of <see cref="DiscreteRepeatData"/>).</exception>
    /// <exception cref="ArgumentException">The history is invalid.</exception>
    public double DiscountedExpectedResidualTransactions(double discountRate, int frequency, int recency, int opportunities)
    {
        if (!double.IsFinite(discountRate) || !(discountRate > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(discountRate), discountRate, "The discount rate per opportunity must be finite and greater than zero.");
        }

        DiscreteRepeatData.Validate(frequency, recency, opportunities, nameof(frequency), string.Empty);
        var (alpha, beta, gamma, delta) = Parameters;
        int n = opportunities;

        // ln[B(α + x + 1, β + n − x)/B(α, β) · B(γ, δ + n)/B(γ, δ) / L] = ln(E[p | alive at n] · P(alive at n)) ≤ 0.
        double logFront = LogBetaRatio.Of(alpha, beta, frequency + 1, n - frequency) + LogBetaRatio.Of(gamma, delta, 0, n)
            - LogLikelihoodOfOne(frequency, recency, n);
        double sum = DiscountedBetaMoments.Sum(gamma, delta + n, discountRate);
        double value = Math.Exp(logFront) * sum;
        if (!double.IsFinite(value))
        {
            value = Math.Exp(logFront + Math.Log(sum));
        }

        // Σₖ (1 + d)^(−k) = 1/d bounds the value (at most one transaction per opportunity).
        return double.IsFinite(value)
            ? Math.Min(value, 1 / discountRate)
            : throw new ArgumentOutOfRangeException(nameof(discountRate), discountRate, "The discount rate is so small that the discounted expected transactions exceed the range of a double.");
    }

    /// <summary>
    /// P(X(n) = x): the probability that a customer makes x repeat transactions in n opportunities (eq. 7), so that
    /// N · P(X(n) = x) is the expected number of customers with x transactions.
    /// </summary>
    /// <param name="frequency">x, from 0 to n.</param>
    /// <param name="opportunities">n, not negative.</param>
    /// <returns>The probability.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range: <paramref name="opportunities"/> is
    /// negative or exceeds 1,000,000 (the bound of <see cref="DiscreteRepeatData"/>), or <paramref name="frequency"/> is
    /// negative or exceeds it.</exception>
    public double ProbabilityOfTransactions(int frequency, int opportunities)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(opportunities);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(opportunities, DiscreteRepeatData.MaxOpportunities);
        ArgumentOutOfRangeException.ThrowIfNegative(frequency);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frequency, opportunities);
        var (alpha, beta, gamma, delta) = Parameters;
        int x = frequency, n = opportunities;
        double probability = Math.Exp(SpecialFunctions.BinomialLn(n, x) + LogBetaRatio.Of(alpha, beta, x, n - x) + LogBetaRatio.Of(gamma, delta, 0, n));
        for (int i = x; i < n; i++)
        {
            probability += Math.Exp(SpecialFunctions.BinomialLn(i, x) + LogBetaRatio.Of(alpha, beta, x, i - x) + LogBetaRatio.Of(gamma, delta, 1, i));
        }

        return Math.Clamp(probability, 0, 1);
    }

    /// <inheritdoc />
    public override string ToString() => "BG/BB " + Parameters;

    private double LogLikelihoodOfOne(int x, int tx, int n)
    {
        Span<double> ignored = stackalloc double[4];
        return BgBbLikelihood.LogLikelihoodOfOne(Parameters.Alpha, Parameters.Beta, Parameters.Gamma, Parameters.Delta, x, tx, n, ignored, withGradient: false);
    }
}
