using ValueSegmentation.Probabilistic.Likelihoods;
using ValueSegmentation.Probabilistic.Numerics;

namespace ValueSegmentation.Probabilistic;

/// <summary>
/// The shifted-beta-geometric (sBG) model of contractual retention (Fader &amp; Hardie 2007, "How to Project Customer
/// Retention", <em>Journal of Interactive Marketing</em> 21(1), 76–90): each customer renews every period with a
/// constant probability 1 − θ, and θ ~ Beta(α, β) across customers, so the cohort's retention rises with tenure.
/// </summary>
/// <remarks>
/// <para>Periods are the contract's renewal periods (for example years), counted from acquisition at t = 0. S(t) is
/// the share of a cohort still active at the start of period t (eq. 3 and 4 of the paper: P(T = t) =
/// B(α + 1, β + t − 1)/B(α, β), S(t) = B(α, β + t)/B(α, β)), and r(t) = (β + t − 1)/(α + β + t − 1) the retention
/// rate from period t − 1 to t (eq. 7). Discounted lifetimes follow Fader &amp; Hardie (2010), "Customer-Base Valuation
/// in a Contractual Setting: The Perils of Ignoring Heterogeneity", <em>Marketing Science</em> 29(1), 85–93.
/// Immutable and thread-safe.</para>
/// </remarks>
public sealed class ShiftedBetaGeometricModel
{
    private const int MaxRenewals = 1_000_000;

    /// <summary>Creates the model from known parameters.</summary>
    /// <param name="parameters">α and β of the churn-probability distribution.</param>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is a default value.</exception>
    public ShiftedBetaGeometricModel(ShiftedBetaGeometricParameters parameters)
        : this(parameters, null)
    {
    }

    internal ShiftedBetaGeometricModel(ShiftedBetaGeometricParameters parameters, ModelFit? fit)
    {
        Parameters = parameters.Alpha != 0 ? parameters : throw new ArgumentException("The parameters are a default value; create them with their constructor.", nameof(parameters));
        FitResult = fit;
    }

    /// <summary>The parameters α and β.</summary>
    public ShiftedBetaGeometricParameters Parameters { get; }

    /// <summary>The fit that produced the parameters; <see langword="null"/> when they were given.</summary>
    public ModelFit? FitResult { get; }

    /// <summary>
    /// Fits the model to a survivor curve by maximum likelihood (Fader &amp; Hardie 2007, eq. 5): the customers lost in
    /// each period weigh ln P(T = t) and those still active at the end ln S(n).
    /// </summary>
    /// <param name="survivors">Customers active at the start of periods 0, 1, ..., n: the cohort size first, then
    /// non-increasing counts (at least two values; counts may be fractional, for shares).</param>
    /// <param name="options">Fit options; the default starting values are α = β = 1.</param>
    /// <returns>The fitted model; check <see cref="ModelFit.Convergence"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="survivors"/> is null.</exception>
    /// <exception cref="ArgumentException">Fewer than two values, a value that is negative or not finite, an increase,
    /// or a cohort of 0; or the starting values are not two.</exception>
    public static ShiftedBetaGeometricModel Fit(IReadOnlyList<double> survivors, FitOptions? options = null)
    {
        var counts = SurvivorCurve.Check(survivors);
        var fit = MaximumLikelihood.Fit("sBG", ["alpha", "beta"], options, () => [1, 1], (theta, gradient) => ShiftedBetaGeometricLikelihood.LogLikelihood(counts, theta, gradient), counts[0], counts.Length);
        return new ShiftedBetaGeometricModel(new ShiftedBetaGeometricParameters(fit.Parameters[0], fit.Parameters[1]), fit);
    }

    /// <summary>The log-likelihood of a survivor curve under the model (Fader &amp; Hardie 2007, eq. 5), in the same
    /// convention as the fit: Σₜ (S(t − 1) − S(t))·ln P(T = t) + S(n)·ln S(n) over the counts.</summary>
    /// <param name="survivors">Customers active at the start of periods 0, 1, ..., n (see <see cref="Fit"/>).</param>
    /// <returns>The log-likelihood.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="survivors"/> is null.</exception>
    /// <exception cref="ArgumentException">The curve is invalid (see <see cref="Fit"/>).</exception>
    public double LogLikelihood(IReadOnlyList<double> survivors) =>
        ShiftedBetaGeometricLikelihood.LogLikelihood(SurvivorCurve.Check(survivors), [Parameters.Alpha, Parameters.Beta], new double[2]);

    /// <summary>S(t) = B(α, β + t)/B(α, β): the share of a cohort still active at the start of period t.</summary>
    /// <remarks>Computed as ln S(t) = ln Γ(β + t) − ln Γ(β) − ln Γ(α + β + t) + ln Γ(α + β) with divided differences of
    /// ln Γ, never as the difference of two ln B values (which, for β of 10⁶ and more, is off by more than the value's
    /// distance from 1 and gave S(1) = 1.0000000018626451); the result is in [0, 1] exactly.</remarks>
    /// <param name="period">t, not negative.</param>
    /// <returns>The share, in [0, 1] (0 only where it is below the smallest double).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is negative.</exception>
    public double Survival(int period)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(period);
        return Math.Exp(LogSurvival(period));
    }

    /// <summary>P(T = t) = B(α + 1, β + t − 1)/B(α, β) = α/(α + β + t − 1) · S(t − 1): the probability that a customer's
    /// last period is t − 1, i.e. that they churn at the t-th renewal.</summary>
    /// <param name="period">t, at least 1.</param>
    /// <returns>The probability, in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is less than 1.</exception>
    public double ChurnProbability(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        double alpha = Parameters.Alpha, rest = Parameters.Beta + (period - 1.0);

        // ln[α/(α + β + t − 1)] = −ln(1 + (β + t − 1)/α), formed without overflow for parameters near the largest double.
        double logShare = rest <= alpha ? -Accurate.Log1P(rest / alpha) : -(Math.Log(rest / alpha) + Accurate.Log1P(alpha / rest));
        return Math.Clamp(Math.Exp(logShare + LogSurvival(period - 1)), 0, 1);
    }

    /// <summary>r(t) = S(t)/S(t − 1) = (β + t − 1)/(α + β + t − 1): the retention rate from period t − 1 to t (eq. 7).</summary>
    /// <param name="period">t, at least 1.</param>
    /// <returns>The rate, in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is less than 1.</exception>
    public double Retention(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        return 1 / (1 + (Parameters.Alpha / (Parameters.Beta + (period - 1.0))));
    }

    /// <summary>The expected survivors of a cohort at the start of periods 0 to <paramref name="periods"/>: size × S(t).</summary>
    /// <param name="cohortSize">The cohort's size at period 0; not negative.</param>
    /// <param name="periods">The last period projected; from 0 to 1,000,000 (the result holds one value per period).</param>
    /// <returns><paramref name="periods"/> + 1 values.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cohortSize"/> is negative or not finite, or
    /// <paramref name="periods"/> is negative or above 1,000,000.</exception>
    public IReadOnlyList<double> Project(double cohortSize, int periods)
    {
        if (!double.IsFinite(cohortSize) || cohortSize < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(cohortSize), cohortSize, "Must be finite and not negative.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(periods);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(periods, MaxRenewals);
        var projection = new double[periods + 1];
        double survival = 1;
        for (int t = 0; t <= periods; t++)
        {
            survival = t == 0 ? 1 : survival * Retention(t);
            projection[t] = cohortSize * survival;
        }

        return projection;
    }

    /// <summary>
    /// DEL(d) = Σ_{t≥0} S(t)/(1 + d)^t = ₂F₁(1, β; α + β; 1/(1 + d)): the discounted expected lifetime, in periods, of a
    /// customer just acquired, who pays at the start of every period while active, the first payment now (Fader &amp;
    /// Hardie 2010, eq. 5). Multiply by the margin per period for a lifetime value. The ₂F₁ is summed as a discounted
    /// sum of beta moments, accurate to about 10⁻¹⁴ for small rates (10⁻¹² included, no cancellation as d → 0), large β
    /// and integer α alike.
    /// </summary>
    /// <param name="discountRate">d, the discount rate per period; positive.</param>
    /// <returns>The discounted number of periods, in [1, (1 + d)/d].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="discountRate"/> is not positive and finite, or so
    /// small (with α &lt; 1) that the value exceeds the range of a double.</exception>
    public double DiscountedExpectedLifetime(double discountRate)
    {
        double d = CheckDiscount(discountRate);
        return Bounded(1 + DiscountedBetaMoments.Sum(Parameters.Alpha, Parameters.Beta, d), d, discountRate);
    }

    /// <summary>
    /// DERL(d | n − 1 renewals) = (β + n − 1)/(α + β + n − 1) · ₂F₁(1, β + n; α + β + n; 1/(1 + d)): the discounted
    /// expected residual lifetime, in periods, of a customer who has made n − 1 renewals and is deciding on the next,
    /// the payment of period n counted undiscounted if they renew (Fader &amp; Hardie 2010, eq. 6).
    /// </summary>
    /// <param name="discountRate">d, the discount rate per period; positive.</param>
    /// <param name="renewals">n − 1, the renewals made so far; from 0 to 1,000,000 (the bound keeps the cost of the
    /// hypergeometric sum bounded).</param>
    /// <returns>The discounted number of remaining periods, in [0, (1 + d)/d].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="renewals"/> is negative or above 1,000,000, or
    /// <paramref name="discountRate"/> is not positive and finite, or so small (with α &lt; 1) that the value exceeds
    /// the range of a double.</exception>
    public double DiscountedExpectedResidualLifetime(double discountRate, int renewals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(renewals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(renewals, MaxRenewals);
        double d = CheckDiscount(discountRate);
        double b = Parameters.Beta + renewals + 1; // β + n
        return Bounded(Retention(renewals + 1) * (1 + DiscountedBetaMoments.Sum(Parameters.Alpha, b, d)), d, discountRate);
    }

    /// <inheritdoc />
    public override string ToString() => "sBG " + Parameters;

    /// <summary>A discounted lifetime checked finite and clamped to Σ_{t≥0} (1 + d)^(−t) = (1 + d)/d, the lifetime of a
    /// customer who never churns, which rounding could exceed by an ulp.</summary>
    private static double Bounded(double value, double d, double discountRate) =>
        double.IsFinite(value)
            ? Math.Min(value, (1 + d) / d)
            : throw new ArgumentOutOfRangeException(nameof(discountRate), discountRate, "The discount rate is so small that the discounted lifetime exceeds the range of a double.");

    /// <summary>ln S(t): where S is near 1 (α·t ≤ β) and t ≤ 4,096, as −Σᵢ₌₀ᵗ⁻¹ ln(1 + α/(β + i)), each term to full
    /// relative precision, so that S keeps its distance from 1; otherwise by <see cref="LogBetaRatio"/>.</summary>
    private double LogSurvival(int period)
    {
        var (alpha, beta) = Parameters;
        if (period > 4096 || alpha * period > beta)
        {
            return Math.Min(0, LogBetaRatio.Of(alpha, beta, 0, period));
        }

        double sum = 0;
        for (int i = 0; i < period; i++)
        {
            sum -= Accurate.Log1P(alpha / (beta + i));
        }

        return sum;
    }

    private static double CheckDiscount(double discountRate) =>
        double.IsFinite(discountRate) && discountRate > 0
            ? discountRate
            : throw new ArgumentOutOfRangeException(nameof(discountRate), discountRate, "The discount rate per period must be positive and finite (at 0 the discounted lifetime can be infinite).");
}
