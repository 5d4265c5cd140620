using System.Globalization;
using MathNet.Numerics;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic;

/// <summary>
/// The BG/NBD model of Fader, Hardie &amp; Lee (2005), "'Counting Your Customers' the Easy Way: An Alternative to
/// the Pareto/NBD Model", <em>Marketing Science</em> 24(2), 275–284: while active, a customer buys at a Poisson
/// rate λ ~ Gamma(r, α); after each purchase they become inactive with probability p ~ Beta(a, b).
/// </summary>
/// <remarks>
/// <para>All times (recency, age, horizons) are in <see cref="TimeUnit"/>, the unit of the data the model was fitted
/// on; α is in that unit too. Create the model from a fit (<see cref="Fit"/>) or from known parameters (for example
/// published ones).</para>
/// <para>Numerics: the likelihood (eq. 6) is evaluated in log space; the expectations (eq. 9 and 10) use the Euler
/// transformation (1 − z)^(r+x) ₂F₁(r + x, b + x; a + b + x − 1; z) = (1 − z)^(a−1) ₂F₁(a + b − 1 − r, a − 1;
/// a + b + x − 1; z), which keeps the series small for any x and T, and a form without the removable
/// singularities at a = 1 and a + b + x = 1. Every prediction is finite for finite valid input. Immutable and
/// thread-safe.</para>
/// </remarks>
public sealed class BgNbdModel
{
    private static readonly string[] Names = ["r", "alpha", "a", "b"];

    /// <summary>Creates the model from known parameters.</summary>
    /// <param name="parameters">r, α, a, b.</param>
    /// <param name="timeUnit">The unit of α and of every time the model takes.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeUnit"/> is not defined.</exception>
    public BgNbdModel(BgNbdParameters parameters, TimeUnit timeUnit)
        : this(parameters, timeUnit, null)
    {
    }

    private BgNbdModel(BgNbdParameters parameters, TimeUnit timeUnit, ModelFit? fit)
    {
        if (parameters.R == 0)
        {
            throw new ArgumentException("The parameters are a default value; create them with their constructor.", nameof(parameters));
        }

        if (!Enum.IsDefined(timeUnit))
        {
            throw new ArgumentOutOfRangeException(nameof(timeUnit), timeUnit, "Not a defined TimeUnit.");
        }

        Parameters = parameters;
        TimeUnit = timeUnit;
        FitResult = fit;
    }

    /// <summary>The parameters.</summary>
    public BgNbdParameters Parameters { get; }

    /// <summary>The unit of α and of every time the model takes and returns.</summary>
    public TimeUnit TimeUnit { get; }

    /// <summary>The fit that produced the parameters; <see langword="null"/> when they were given.</summary>
    public ModelFit? FitResult { get; }

    /// <summary>Fits the model by maximum likelihood (eq. 6 of the paper, with analytic gradients).</summary>
    /// <param name="data">The customers' histories.</param>
    /// <param name="options">Fit options; <see langword="null"/> for <see cref="FitOptions.Default"/>. The default
    /// starting values are r = 1, α = the mean age, a = 1, b = 1.</param>
    /// <returns>The fitted model; check <see cref="ModelFit.Convergence"/> in <see cref="FitResult"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException"><see cref="FitOptions.InitialParameters"/> does not hold four values.</exception>
    public static BgNbdModel Fit(RepeatPurchaseData data, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= FitOptions.Default;
        double[] start = options.InitialParameters?.ToArray() ?? [1, MeanAge(data), 1, 1];
        if (start.Length != 4)
        {
            throw new ArgumentException($"BG/NBD has four parameters (r, α, a, b); {start.Length} starting values were given.", nameof(options));
        }

        var fit = MaximumLikelihood.Maximize(Names, (theta, gradient) => LogLikelihood(data, theta, gradient), start, options, data.CustomerCount);
        var p = fit.Parameters;
        return new BgNbdModel(new BgNbdParameters(p[0], p[1], p[2], p[3]), data.TimeUnit, fit);
    }

    /// <summary>The log-likelihood of data under the model (eq. 6, summed over customers with their weights).</summary>
    /// <param name="data">The histories, in <see cref="TimeUnit"/>.</param>
    /// <returns>The log-likelihood.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The data is in another time unit.</exception>
    public double LogLikelihood(RepeatPurchaseData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireUnit(data.TimeUnit, nameof(data));
        return LogLikelihood(data, [Parameters.R, Parameters.Alpha, Parameters.A, Parameters.B], new double[4]);
    }

    /// <summary>P(X(t) = x): the probability of exactly <paramref name="purchases"/> purchases in (0, t] for a
    /// customer just acquired (eq. 8).</summary>
    /// <param name="purchases">x, not negative.</param>
    /// <param name="t">The length of the period, in <see cref="TimeUnit"/>; not negative.</param>
    /// <returns>The probability.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public double ProbabilityOfPurchases(int purchases, double t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(purchases);
        CheckHorizon(t);
        var (r, alpha, a, b) = Parameters;
        int x = purchases;
        if (t == 0)
        {
            return x == 0 ? 1 : 0;
        }

        double logP = Math.Log(t / (alpha + t)); // ln p, the NB "success" probability
        double logQ = Math.Log(alpha / (alpha + t));
        double betaLog1 = SpecialFunctions.BetaLn(a, b + x) - SpecialFunctions.BetaLn(a, b);
        double nb = Math.Exp(SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) - SpecialFunctions.GammaLn(x + 1) + (r * logQ) + (x * logP));
        double probability = Math.Exp(betaLog1) * nb;
        if (x > 0)
        {
            // 1 − Σ_{j<x} NB(j) = P(NB ≥ x) = I_p(x, r), the regularised incomplete beta function.
            double tail = SpecialFunctions.BetaRegularized(x, r, t / (alpha + t));
            probability += Math.Exp(SpecialFunctions.BetaLn(a + 1, b + x - 1) - SpecialFunctions.BetaLn(a, b)) * tail;
        }

        return Math.Clamp(probability, 0, 1);
    }

    /// <summary>E[X(t)]: the expected number of purchases in (0, t] of a customer just acquired (eq. 9).</summary>
    /// <param name="t">The length of the period, in <see cref="TimeUnit"/>; not negative.</param>
    /// <returns>The expected number of purchases.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is negative or not finite.</exception>
    public double ExpectedPurchases(double t)
    {
        CheckHorizon(t);
        var (r, alpha, a, b) = Parameters;
        return t == 0 ? 0 : Bracket(r, a, b, 0, Math.Log(alpha / (alpha + t)), t / (alpha + t));
    }

    /// <summary>
    /// E[Y(t) | x, t<sub>x</sub>, T]: the expected number of purchases in (T, T + t] of a customer with the given
    /// history (eq. 10).
    /// </summary>
    /// <param name="t">The horizon, in <see cref="TimeUnit"/>; not negative.</param>
    /// <param name="frequency">x, the repeat frequency.</param>
    /// <param name="recency">t<sub>x</sub>, in <see cref="TimeUnit"/>.</param>
    /// <param name="age">T, in <see cref="TimeUnit"/>.</param>
    /// <returns>The expected number of purchases.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is negative or not finite.</exception>
    /// <exception cref="ArgumentException">The history is invalid.</exception>
    public double ConditionalExpectedPurchases(double t, int frequency, double recency, double age)
    {
        CheckHorizon(t);
        RepeatPurchaseData.Validate(frequency, recency, age, nameof(frequency), string.Empty);
        if (t == 0)
        {
            return 0;
        }

        var (r, alpha, a, b) = Parameters;
        double numerator = Bracket(r, a, b, frequency, Math.Log((alpha + age) / (alpha + age + t)), t / (alpha + age + t));
        return numerator * ProbabilityAlive(frequency, recency, age);
    }

    /// <summary>The same for a customer summary, whose time unit must be the model's.</summary>
    /// <param name="t">The horizon, in <see cref="TimeUnit"/>.</param>
    /// <param name="customer">The customer.</param>
    /// <returns>The expected number of purchases in the next <paramref name="t"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="ArgumentException">The summary is in another time unit.</exception>
    public double ConditionalExpectedPurchases(double t, CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        RequireUnit(customer.TimeUnit, nameof(customer));
        return ConditionalExpectedPurchases(t, customer.Frequency, customer.Recency, customer.Age);
    }

    /// <summary>
    /// P(alive | x, t<sub>x</sub>, T) = 1 / (1 + δ<sub>x&gt;0</sub> · a/(b + x − 1) · ((α + T)/(α + t<sub>x</sub>))^(r+x))
    /// (Fader, Hardie &amp; Lee 2005, eq. 11 of the technical appendix). A customer without a repeat purchase has not
    /// had a chance to drop out in this model, so their probability is 1.
    /// </summary>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t<sub>x</sub>.</param>
    /// <param name="age">T.</param>
    /// <returns>The probability, in [0, 1].</returns>
    /// <exception cref="ArgumentException">The history is invalid.</exception>
    public double ProbabilityAlive(int frequency, double recency, double age)
    {
        RepeatPurchaseData.Validate(frequency, recency, age, nameof(frequency), string.Empty);
        if (frequency == 0)
        {
            return 1;
        }

        var (r, alpha, a, b) = Parameters;
        double k = Math.Log(a / (b + frequency - 1)) + ((r + frequency) * (Math.Log(alpha + age) - Math.Log(alpha + recency)));
        return k > 0 ? Math.Exp(-k) / (1 + Math.Exp(-k)) : 1 / (1 + Math.Exp(k));
    }

    /// <summary>The same for a customer summary, whose time unit must be the model's.</summary>
    /// <param name="customer">The customer.</param>
    /// <returns>The probability.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="ArgumentException">The summary is in another time unit.</exception>
    public double ProbabilityAlive(CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        RequireUnit(customer.TimeUnit, nameof(customer));
        return ProbabilityAlive(customer.Frequency, customer.Recency, customer.Age);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"BG/NBD r = {Parameters.R:G6}, α = {Parameters.Alpha:G6} {TimeUnit}, a = {Parameters.A:G6}, b = {Parameters.B:G6}");

    /// <summary>
    /// (c/(a − 1)) · [1 − (1 − z)^(a−1) ₂F₁(A, a − 1; c; z)] with c = a + b + x − 1, A = c − r − x, ln(1 − z) =
    /// <paramref name="logOneMinusZ"/>: the numerator of eq. 10 (x = 0 gives eq. 9). Written as
    /// c · (−expm1((a − 1)L))/(a − 1) − e^((a−1)L) · S with S = Σₙ₌₁ (A)ₙ (a)ₙ₋₁ / ((c + 1)ₙ₋₁ n!) zⁿ, which has no
    /// singularity at a = 1 or c = 0.
    /// </summary>
    private static double Bracket(double r, double a, double b, int x, double logOneMinusZ, double z)
    {
        double c = a + b + x - 1;
        double big = a + b - 1 - r; // A = c − (r + x)
        double epsilon = a - 1;
        double product = epsilon * logOneMinusZ;
        double first = Math.Abs(product) < 1e-8
            ? -logOneMinusZ * (1 + (product / 2))
            : -Accurate.ExpM1(product) / epsilon;

        double series = 0, term = big * z, compensation = 0;
        for (int n = 1; n < 10_000_000; n++)
        {
            double y = term - compensation;
            double sum = series + y;
            compensation = (sum - series) - y;
            series = sum;
            double ratio = (big + n) * (a + n - 1) / ((c + n) * (n + 1)) * z;
            term *= ratio;
            if (term == 0 || (Math.Abs(ratio) < 1 && n > Math.Abs(big) && Math.Abs(term) <= 1e-17 * Math.Abs(series)))
            {
                break;
            }
        }

        return Math.Max(0, (c * first) - (Math.Exp(product) * series));
    }

    /// <summary>The log-likelihood (eq. 6) and its gradient with respect to (r, α, a, b).</summary>
    internal static double LogLikelihood(RepeatPurchaseData data, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double r = theta[0], alpha = theta[1], a = theta[2], b = theta[3];
        int maxX = data.MaxFrequency;

        // Terms that depend on x only, by recurrences from x = 0 (lnΓ(y + 1) = lnΓ(y) + ln y, ψ(y + 1) = ψ(y) + 1/y).
        double[] lgR = new double[maxX + 1], dgR = new double[maxX + 1]; // lnΓ(r+x) − lnΓ(r), ψ(r+x) − ψ(r)
        double[] c1 = new double[maxX + 1], c1a = new double[maxX + 1], c1b = new double[maxX + 1];
        double[] c2 = new double[maxX + 1], c2a = new double[maxX + 1], c2b = new double[maxX + 1];
        double psiB = SpecialFunctions.DiGamma(b), psiAB = SpecialFunctions.DiGamma(a + b);
        double lgB = SpecialFunctions.GammaLn(b), lgAB = SpecialFunctions.GammaLn(a + b);
        double lgBx = lgB, psiBx = psiB, lgABx = lgAB, psiABx = psiAB; // at b + x and a + b + x
        double lgBxm1 = 0, psiBxm1 = 0;                                      // at b + x − 1, for x ≥ 1
        double lgRx = 0, dgRx = 0;
        for (int x = 0; x <= maxX; x++)
        {
            if (x > 0)
            {
                lgRx += Math.Log(r + x - 1);
                dgRx += 1 / (r + x - 1);
                lgBxm1 = lgBx;
                psiBxm1 = psiBx;
                lgBx += Math.Log(b + x - 1);
                psiBx += 1 / (b + x - 1);
                lgABx += Math.Log(a + b + x - 1);
                psiABx += 1 / (a + b + x - 1);
            }

            lgR[x] = lgRx;
            dgR[x] = dgRx;
            c1[x] = lgBx - lgABx - lgB + lgAB;
            c1a[x] = psiAB - psiABx;
            c1b[x] = psiBx - psiABx - psiB + psiAB;
            if (x > 0)
            {
                c2[x] = Math.Log(a) + lgBxm1 - lgB - lgABx + lgAB;
                c2a[x] = (1 / a) - psiABx + psiAB;
                c2b[x] = psiBxm1 - psiB - psiABx + psiAB;
            }
        }

        double logAlpha = Math.Log(alpha);
        var xs = data.Frequency;
        var recency = data.Recency;
        var age = data.Age;
        var weight = data.Weight;
        double ll = 0, gr = 0, gAlpha = 0, ga = 0, gb = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            int x = xs[i];
            double w = weight[i];
            double logAT = Math.Log(alpha + age[i]);
            double t1 = c1[x] - ((r + x) * logAT);
            double lse, w1, w2 = 0, logATx = 0;
            if (x > 0)
            {
                logATx = Math.Log(alpha + recency[i]);
                double t2 = c2[x] - ((r + x) * logATx);
                double m = Math.Max(t1, t2);
                double e1 = Math.Exp(t1 - m), e2 = Math.Exp(t2 - m);
                lse = m + Math.Log(e1 + e2);
                w1 = e1 / (e1 + e2);
                w2 = e2 / (e1 + e2);
            }
            else
            {
                lse = t1;
                w1 = 1;
            }

            ll += w * (lgR[x] + (r * logAlpha) + lse);
            gr += w * (dgR[x] + logAlpha - (w1 * logAT) - (w2 * logATx));
            gAlpha += w * ((r / alpha) - ((r + x) * ((w1 / (alpha + age[i])) + (x > 0 ? w2 / (alpha + recency[i]) : 0))));
            ga += w * ((w1 * c1a[x]) + (w2 * c2a[x]));
            gb += w * ((w1 * c1b[x]) + (w2 * c2b[x]));
        }

        gradient[0] = gr;
        gradient[1] = gAlpha;
        gradient[2] = ga;
        gradient[3] = gb;
        return ll;
    }

    private static double MeanAge(RepeatPurchaseData data)
    {
        double sum = 0;
        for (int i = 0; i < data.RowCount; i++)
        {
            sum += data.Age[i] * data.Weight[i];
        }

        return sum / data.CustomerCount;
    }

    private static void CheckHorizon(double t)
    {
        if (!double.IsFinite(t) || t < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, "The horizon must be finite and not negative.");
        }
    }

    private void RequireUnit(TimeUnit unit, string parameterName)
    {
        if (unit != TimeUnit)
        {
            throw new ArgumentException($"The input is measured in {unit}, the model in {TimeUnit}; refit or convert the times.", parameterName);
        }
    }
}

/// <summary>The parameters of the BG/NBD model: the purchase rate λ ~ Gamma(r, α) (shape r, rate α, so α is in
/// the model's time unit) and the drop-out probability p ~ Beta(a, b).</summary>
/// <remarks>An immutable value; every parameter is positive and finite.</remarks>
public readonly struct BgNbdParameters : IEquatable<BgNbdParameters>
{
    /// <summary>Creates the parameters.</summary>
    /// <param name="r">Shape of the purchase-rate distribution.</param>
    /// <param name="alpha">Rate (scale in time) of the purchase-rate distribution, in the model's time unit.</param>
    /// <param name="a">First shape of the drop-out distribution.</param>
    /// <param name="b">Second shape of the drop-out distribution.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not positive and finite.</exception>
    public BgNbdParameters(double r, double alpha, double a, double b)
    {
        R = Positive(r, nameof(r));
        Alpha = Positive(alpha, nameof(alpha));
        A = Positive(a, nameof(a));
        B = Positive(b, nameof(b));
    }

    /// <summary>r.</summary>
    public double R { get; }

    /// <summary>α.</summary>
    public double Alpha { get; }

    /// <summary>a.</summary>
    public double A { get; }

    /// <summary>b.</summary>
    public double B { get; }

    /// <summary>Deconstructs into (r, α, a, b).</summary>
    /// <param name="r">r.</param>
    /// <param name="alpha">α.</param>
    /// <param name="a">a.</param>
    /// <param name="b">b.</param>
    public void Deconstruct(out double r, out double alpha, out double a, out double b) => (r, alpha, a, b) = (R, Alpha, A, B);

    /// <inheritdoc />
    public bool Equals(BgNbdParameters other) => R.Equals(other.R) && Alpha.Equals(other.Alpha) && A.Equals(other.A) && B.Equals(other.B);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is BgNbdParameters other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(R, Alpha, A, B);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"r = {R:G6}, α = {Alpha:G6}, a = {A:G6}, b = {B:G6}");

    /// <summary>Whether two parameter sets are equal.</summary>
    /// <param name="left">A set.</param>
    /// <param name="right">Another set.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(BgNbdParameters left, BgNbdParameters right) => left.Equals(right);

    /// <summary>Whether two parameter sets differ.</summary>
    /// <param name="left">A set.</param>
    /// <param name="right">Another set.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(BgNbdParameters left, BgNbdParameters right) => !left.Equals(right);

    internal static double Positive(double value, string name) =>
        double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, "Must be positive and finite.");
}
