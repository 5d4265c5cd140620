using System.Globalization;
using ValueSegmentation.Probabilistic.Likelihoods;
using ValueSegmentation.Probabilistic.Numerics;

namespace ValueSegmentation.Probabilistic;

/// <summary>
/// The beta-discrete-Weibull (BdW) model of contractual retention (Fader, Hardie, Liu, Davin &amp; Steenburgh 2018,
/// "How to Project Customer Retention Revisited: The Role of Duration Dependence", <em>Journal of Interactive
/// Marketing</em> 43, 1–16): a customer with churn propensity θ survives t periods with probability (1 − θ)^(t^c), and
/// θ ~ Beta(α, β) across customers. The shape c lets each customer's churn change with tenure (c &lt; 1 falling,
/// c &gt; 1 rising); at c = 1 the model is the shifted-beta-geometric model (<see cref="ShiftedBetaGeometricModel"/>).
/// </summary>
/// <remarks>
/// <para>Periods are the contract's renewal periods, counted from acquisition at t = 0. S(t) = B(α, β + t^c)/B(α, β)
/// is the share of a cohort still active at the start of period t, P(T = t) = S(t − 1) − S(t) the share lost in
/// period t, and r(t) = S(t)/S(t − 1) the retention rate from t − 1 to t. The discounted expected lifetime (DEL) and
/// residual lifetime (DERL) are the sums of the discounted survival probabilities, as Fader &amp; Hardie (2010) define
/// them for the sBG, computed term by term. Immutable and thread-safe.</para>
/// </remarks>
public sealed class BetaDiscreteWeibullModel
{
    private const int MaxPeriods = 1_000_000;

    /// <summary>Creates the model from known parameters.</summary>
    /// <param name="parameters">α, β and c.</param>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is a default value.</exception>
    public BetaDiscreteWeibullModel(BetaDiscreteWeibullParameters parameters)
        : this(parameters, null)
    {
    }

    private BetaDiscreteWeibullModel(BetaDiscreteWeibullParameters parameters, ModelFit? fit)
    {
        Parameters = parameters.Alpha != 0 ? parameters : throw new ArgumentException("The parameters are a default value; create them with their constructor.", nameof(parameters));
        FitResult = fit;
    }

    /// <summary>The parameters α, β and c.</summary>
    public BetaDiscreteWeibullParameters Parameters { get; }

    /// <summary>The fit that produced the parameters; <see langword="null"/> when they were given.</summary>
    public ModelFit? FitResult { get; }

    /// <summary>
    /// Fits the model to a survivor curve by maximum likelihood: the customers lost in each period weigh
    /// ln P(T = t) and those still active at the end ln S(n), with the analytic gradient in α, β and c.
    /// </summary>
    /// <remarks>The search stays inside c ≤ <see cref="BetaDiscreteWeibullParameters.MaxShape"/> (a larger c is an
    /// infeasible point to it, as is one where t^c overflows for the curve's last period), so the estimates, the
    /// log-likelihood and the standard errors of the result all refer to the same point. When the likelihood still rises
    /// at that bound the maximum is not in the domain: the fit stops at the bound and reports no standard errors.</remarks>
    /// <param name="survivors">Customers active at the start of periods 0, 1, ..., n: the cohort size first, then
    /// non-increasing counts (at least two values; fractional counts are shares). With two values only, c cannot be
    /// told apart from α and β, so give a curve of at least three.</param>
    /// <param name="options">Fit options; the default starting values are α = β = c = 1 (the sBG's start).</param>
    /// <returns>The fitted model; check <see cref="ModelFit.Convergence"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="survivors"/> is null.</exception>
    /// <exception cref="ArgumentException">Fewer than two values, a value that is negative or not finite, an increase,
    /// or a cohort of 0 (named <paramref name="survivors"/>); or the starting values of
    /// <see cref="FitOptions.InitialParameters"/> are not three, or their c is above
    /// <see cref="BetaDiscreteWeibullParameters.MaxShape"/> (named <paramref name="options"/>).</exception>
    public static BetaDiscreteWeibullModel Fit(IReadOnlyList<double> survivors, FitOptions? options = null)
    {
        var counts = SurvivorCurve.Check(survivors);
        if (options?.InitialParameters is { Count: 3 } start && start[2] > BetaDiscreteWeibullParameters.MaxShape)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The starting c = {start[2]} is above the largest shape, {BetaDiscreteWeibullParameters.MaxShape:G}."), nameof(options));
        }

        var fit = MaximumLikelihood.Fit("BdW", ["alpha", "beta", "c"], options, () => [1, 1, 1], BoundedLogLikelihood, counts[0], counts.Length);

        // Every point the search accepted had c ≤ MaxShape, and the estimate is one of them: no clamping, which would
        // move the parameters away from the point whose log-likelihood and standard errors the fit reports.
        return new BetaDiscreteWeibullModel(new BetaDiscreteWeibullParameters(fit.Parameters[0], fit.Parameters[1], fit.Parameters[2]), fit);

        // Beyond the largest shape the parameters are outside the model's domain: not finite, so the search (and the
        // Hessian's differences) never step there.
        double BoundedLogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient) =>
            theta[2] <= BetaDiscreteWeibullParameters.MaxShape
                ? BetaDiscreteWeibullLikelihood.LogLikelihood(counts, theta, gradient)
                : double.NaN;
    }

    /// <summary>The log-likelihood of a survivor curve under these parameters.</summary>
    /// <param name="survivors">The survivor curve, as for <see cref="Fit"/>.</param>
    /// <returns>The log-likelihood.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="survivors"/> is null.</exception>
    /// <exception cref="ArgumentException">The curve is not a survivor curve (see <see cref="Fit"/>), or it is so long
    /// for this shape that t^c leaves the range the likelihood evaluates (c·ln n &gt; 690, n the last period: at
    /// c = 100 a curve that reaches period 993).</exception>
    public double LogLikelihood(IReadOnlyList<double> survivors)
    {
        var counts = SurvivorCurve.Check(survivors);
        double value = BetaDiscreteWeibullLikelihood.LogLikelihood(counts, [Parameters.Alpha, Parameters.Beta, Parameters.C], new double[3]);
        return double.IsFinite(value)
            ? value
            : throw new ArgumentException($"The curve is too long for c = {Parameters.C}: t^c exceeds the range of a double.", nameof(survivors));
    }

    /// <summary>S(t): the share of a cohort still active at the start of period <paramref name="period"/>.</summary>
    /// <param name="period">t ≥ 0 (S(0) = 1), at most 10⁶.</param>
    /// <returns>S(t), in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is negative or above 10⁶.</exception>
    public double Survival(int period) => Math.Clamp(Math.Exp(LogSurvival(CheckPeriod(period, 0))), 0, 1);

    /// <summary>P(T = t): the share of a cohort lost in period <paramref name="period"/>, S(t − 1) − S(t).</summary>
    /// <param name="period">t ≥ 1, at most 10⁶.</param>
    /// <returns>The probability, in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1 or above 10⁶.</exception>
    public double ChurnProbability(int period)
    {
        double previous = LogSurvival(CheckPeriod(period, 1) - 1);
        double delta = Math.Min(LogSurvival(period) - previous, 0);
        return Math.Clamp(Math.Exp(previous) * -Accurate.ExpM1(delta), 0, 1);
    }

    /// <summary>r(t) = S(t)/S(t − 1): the retention rate from period t − 1 to t among those still active.</summary>
    /// <param name="period">t ≥ 1, at most 10⁶.</param>
    /// <returns>The retention rate, in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is below 1 or above 10⁶.</exception>
    public double Retention(int period) => Math.Clamp(Math.Exp(LogSurvival(CheckPeriod(period, 1)) - LogSurvival(period - 1)), 0, 1);

    /// <summary>The retention-rate curve r(1), ..., r(<paramref name="periods"/>).</summary>
    /// <param name="periods">How many periods, 0 to 10⁶.</param>
    /// <returns>The rates, r(t) at index t − 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> is negative or above 10⁶.</exception>
    public IReadOnlyList<double> RetentionCurve(int periods)
    {
        CheckPeriod(periods, 0);
        var rates = new double[periods];
        double previous = 0;
        for (int t = 1; t <= periods; t++)
        {
            double current = LogSurvival(t);
            rates[t - 1] = Math.Clamp(Math.Exp(current - previous), 0, 1);
            previous = current;
        }

        return rates;
    }

    /// <summary>The expected survivors of a cohort: <paramref name="cohortSize"/> × S(t) for t = 0 to
    /// <paramref name="periods"/>.</summary>
    /// <param name="cohortSize">The customers acquired at t = 0, finite and not negative.</param>
    /// <param name="periods">How many periods to project, 0 to 10⁶.</param>
    /// <returns>periods + 1 values, the first the cohort size.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A negative or non-finite cohort, or periods outside [0, 10⁶].</exception>
    public IReadOnlyList<double> Project(double cohortSize, int periods)
    {
        if (!double.IsFinite(cohortSize) || cohortSize < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(cohortSize), cohortSize, "Must be finite and not negative.");
        }

        CheckPeriod(periods, 0);
        var projection = new double[periods + 1];
        for (int t = 0; t <= periods; t++)
        {
            projection[t] = cohortSize * Math.Clamp(Math.Exp(LogSurvival(t)), 0, 1);
        }

        return projection;
    }

    /// <summary>
    /// DEL: the discounted expected lifetime of a customer just acquired, Σ_{t ≥ 0} S(t)/(1 + d)^t, in periods (the
    /// first period counts in full, as it is paid at acquisition).
    /// </summary>
    /// <param name="discountRate">d per period, positive and finite.</param>
    /// <returns>DEL, at least 1 and at most (1 + d)/d.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not positive and finite, or so small that the sum has not
    /// converged after 10⁶ terms.</exception>
    public double DiscountedExpectedLifetime(double discountRate) => DiscountedSum(discountRate, 0);

    /// <summary>
    /// DERL: the discounted expected residual lifetime of a customer who has renewed <paramref name="renewals"/> times
    /// (active in period <paramref name="renewals"/>), about to decide on the next renewal:
    /// Σ_{t &gt; n} S(t)/S(n) / (1 + d)^(t − n − 1).
    /// </summary>
    /// <param name="discountRate">d per period, positive and finite.</param>
    /// <param name="renewals">n ≥ 0, at most 10⁶.</param>
    /// <returns>DERL, in [0, (1 + d)/d].</returns>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not positive and finite or too small (the sum has not
    /// converged after 10⁶ terms, as for <see cref="DiscountedExpectedLifetime"/>; whatever the renewals), or
    /// <paramref name="renewals"/> is outside [0, 10⁶].</exception>
    public double DiscountedExpectedResidualLifetime(double discountRate, int renewals) => DiscountedSum(discountRate, CheckPeriod(renewals, 0) + 1);

    /// <inheritdoc/>
    public override string ToString() => "BdW " + Parameters;

    /// <summary>Σ_{t ≥ first} S(t)/S(first − 1) / (1 + d)^(t − first): DEL for first = 0, DERL(n) for first = n + 1; at
    /// most <see cref="MaxPeriods"/> terms from <paramref name="first"/> on, so the bound on the work (and the rate
    /// below which the sum is refused) is the same for every start.</summary>
    private double DiscountedSum(double discountRate, int first)
    {
        if (!double.IsFinite(discountRate) || discountRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(discountRate), discountRate, "The discount rate per period must be positive and finite (at 0 the discounted lifetime can be infinite).");
        }

        double logDiscount = Math.Log(1 + discountRate);
        double origin = first == 0 ? 0 : LogSurvival(first - 1);
        double sum = 0;
        int last = first + MaxPeriods - 1; // first ≤ 10⁶ + 1: no overflow
        for (int t = first; t <= last; t++)
        {
            double term = Math.Exp(LogSurvival(t) - origin - ((t - first) * logDiscount));
            sum += term;

            // Survival does not rise, so the rest is at most term · (1 + d)/d.
            if (term * (1 + discountRate) / discountRate <= 1e-15 * sum)
            {
                return Math.Min(sum, (1 + discountRate) / discountRate);
            }
        }

        throw new ArgumentOutOfRangeException(nameof(discountRate), discountRate, "The discount rate is so small that the discounted lifetime has not converged after 10⁶ terms.");
    }

    private double LogSurvival(int period)
    {
        if (period == 0)
        {
            return 0;
        }

        var (alpha, beta, c) = Parameters;
        double logTau = c * Math.Log(period);
        if (logTau < BetaDiscreteWeibullLikelihood.MaxLogTau)
        {
            return Math.Min(0, LogBetaRatio.Of(alpha, beta, 0, Math.Exp(logTau)));
        }

        // τ = t^c near or beyond the range of a double: Γ(β + τ)/Γ(α + β + τ) = τ^−α (1 + O(α(α + 2β)/τ)), and with
        // τ ≥ e^690 and β ≤ 10¹⁵ the correction is below 10⁻²⁶⁰, so ln S(t) = [ln Γ(α + β) − ln Γ(β)] − α ln τ to double
        // precision. The bracket is formed as one accurate difference (not two ln Γ values of order β ln β, whose
        // rounding at β = 10¹⁰ is already 10⁻⁵), so the value joins the exact branch below the switch without a step.
        return Math.Min(0, LogGammaDifference.Difference(beta, alpha) - (alpha * logTau));
    }

    private static int CheckPeriod(int period, int minimum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, minimum);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(period, MaxPeriods);
        return period;
    }
}
