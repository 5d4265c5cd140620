using System.Globalization;
using System.Runtime.CompilerServices;
using MathNet.Numerics;
using ValueSegmentation.Probabilistic.Numerics;

namespace ValueSegmentation.Probabilistic.Likelihoods;

/// <summary>
/// The mathematics shared by BG/NBD (Fader, Hardie &amp; Lee 2005) and MBG/NBD (Batislam, Denizel &amp; Filiztekin
/// 2007). MBG/NBD lets a customer drop out at time 0 too, which shifts every b + x of BG/NBD to b + x + 1; the
/// <c>shift</c> argument (0 or 1) selects the model.
/// </summary>
internal static class BetaGeometricNbd
{
    /// <summary>ln 0.2: below it (1 − z &lt; 0.2) the bracket uses the connection formula in 1 − z, which agrees with the
    /// series there to about 10⁻¹² (tested), and declines where its terms would cancel.</summary>
    internal static readonly double ConnectionThreshold = Math.Log(0.2);

    /// <summary>The largest x + shift whose likelihood terms are tabulated; larger frequencies get their terms computed
    /// directly, so that memory does not grow with the largest frequency.</summary>
    private const int TableSize = 4096;

    /// <summary>P(X(t) = x): B(a, b + x + shift)/B(a, b) · NB(x) + [x + shift &gt; 0] B(a + 1, b + x + shift − 1)/B(a, b) · P(NB ≥ x),
    /// with NB(x) = Γ(r + x)/(Γ(r) x!) (α/(α + t))^r (t/(α + t))^x and P(NB ≥ x) = 1 − Σ_{j&lt;x} NB(j) = I_p(x, r), the
    /// regularised incomplete beta function at p = t/(α + t). BG/NBD: eq. 8 of the paper.</summary>
    public static double ProbabilityOfPurchases(BgNbdParameters parameters, int x, double t, int shift)
    {
        var (r, alpha, a, b) = parameters;
        if (t == 0)
        {
            return x == 0 ? 1 : 0;
        }

        double logP = Math.Log(t) - Math.Log(alpha + t); // not ln(t/(α + t)), which is −∞ when the ratio underflows
        double logQ = Math.Log(alpha / (alpha + t));

        // x + shift and x + 1 in long/double arithmetic: at x = int.MaxValue the int sums wrapped negative (NaN, and
        // P(X = int.MaxValue) = 1). The beta ratios are formed without differencing ln Γ of large arguments.
        long k = (long)x + shift;
        double nb = Math.Exp(SpecialFunctions.GammaLn(r + x) - SpecialFunctions.GammaLn(r) - SpecialFunctions.GammaLn(x + 1.0) + (r * logQ) + (x == 0 ? 0 : x * logP));
        double probability = Math.Exp(LogBetaRatio.Of(a, b, 0, k)) * nb;
        if (k > 0)
        {
            // Dropped out right after the x-th repeat purchase (or, in MBG/NBD, after the first purchase when x = 0),
            // which happened by t: P(NB ≥ x) = I_p(x, r), and 1 when x = 0.
            double tail = x == 0 ? 1 : SpecialFunctions.BetaRegularized(x, r, t / (alpha + t));
            probability += Math.Exp(LogBetaRatio.Of(a, b, 1, k - 1)) * tail;
        }

        return Math.Clamp(probability, 0, 1);
    }

    /// <summary>P(alive | x, t<sub>x</sub>, T) = 1/(1 + [x + shift &gt; 0] a/(b + x + shift − 1) ((α + T)/(α + t<sub>x</sub>))^(r+x)),
    /// as <see cref="AliveFromTerm"/> of <see cref="AliveTerm"/>.</summary>
    public static double ProbabilityAlive(BgNbdParameters parameters, int x, double recency, double age, int shift) =>
        AliveFromTerm(parameters, AliveTerm(parameters, x, age, shift), x, recency, shift);

    /// <summary>The part of ln[odds of having dropped out] that depends on (x, T) only:
    /// ln(a/(b + x + shift − 1)) + (r + x) ln(α + T); 0 when x + shift = 0 (no chance yet to drop out).</summary>
    public static double AliveTerm(BgNbdParameters parameters, int x, double age, int shift)
    {
        long k = (long)x + shift; // no int overflow at x = int.MaxValue
        if (k == 0)
        {
            return 0;
        }

        var (r, alpha, a, b) = parameters;
        return Math.Log(a / (b + k - 1)) + ((r + x) * Math.Log(alpha + age));
    }

    /// <summary>P(alive) from <see cref="AliveTerm"/>: the logistic function of minus the log-odds
    /// term − (r + x) ln(α + t<sub>x</sub>).</summary>
    public static double AliveFromTerm(BgNbdParameters parameters, double term, int x, double recency, int shift)
    {
        if ((long)x + shift == 0)
        {
            return 1;
        }

        double exponent = term - ((parameters.R + x) * Math.Log(parameters.Alpha + recency));
        return exponent > 0 ? Math.Exp(-exponent) / (1 + Math.Exp(-exponent)) : 1 / (1 + Math.Exp(exponent));
    }

    /// <summary>E[Y(t) | x, t<sub>x</sub>, T] (BG/NBD eq. 10): the bracket with b + shift, times P(alive). With
    /// x = t<sub>x</sub> = T = 0 it is E[X(t)] (eq. 9).</summary>
    public static double ConditionalExpectedPurchases(BgNbdParameters parameters, double t, int x, double recency, double age, int shift)
    {
        if (t == 0)
        {
            return 0;
        }

        var (r, alpha, a, b) = parameters;
        double numerator = Bracket(r, a, b + shift, x, -Accurate.Log1P(t / (alpha + age)), t / (alpha + age + t), t: t);
        return numerator * ProbabilityAlive(parameters, x, recency, age, shift);
    }

    /// <summary>
    /// (c/(a − 1)) · [1 − (1 − z)^(a−1) ₂F₁(A, a − 1; c; z)] with c = a + b + x − 1, A = c − r − x, ln(1 − z) =
    /// <paramref name="logOneMinusZ"/>: the numerator of eq. 10 (x = 0 gives eq. 9). Written as
    /// c · (−expm1((a − 1)L))/(a − 1) − e^((a−1)L) · S with S = Σₙ₌₁ (A)ₙ (a)ₙ₋₁ / ((c + 1)ₙ₋₁ n!) zⁿ, which has no
    /// singularity at a = 1 or c = 0.
    /// </summary>
    /// <param name="r">r.</param>
    /// <param name="a">a.</param>
    /// <param name="b">b, plus 1 for MBG/NBD.</param>
    /// <param name="x">The repeat frequency.</param>
    /// <param name="logOneMinusZ">ln(1 − z) = ln((α + T)/(α + T + t)).</param>
    /// <param name="z">z = t/(α + T + t).</param>
    /// <param name="expansion">The connection expansion of (r, a, b, x) when the caller keeps one, so that its gamma
    /// functions are not computed again; null to compute it when needed.</param>
    /// <param name="t">The horizon, for the message when the value cannot be computed accurately.</param>
    /// <exception cref="ArgumentOutOfRangeException">Neither expression reaches a relative error of 10⁻⁸ (outside the
    /// computed domain; named after the horizon t).</exception>
    internal static double Bracket(double r, double a, double b, int x, double logOneMinusZ, double z, ConnectionExpansion? expansion = null, double t = double.NaN)
    {
        // Near z = 1 the series needs about (largest parameter + 40)/(1 − z) terms. From 1 − z below the threshold on
        // (long horizons: the lifetime value sums brackets out to thousands of periods), use the connection formula in
        // 1 − z, whose series then converge in a few terms; nearer the middle its two terms can be large and cancel, so
        // there (it declines) the series is used. The series form estimates its own rounding error; where that is
        // large (its two parts cancel), the untransformed expression with the general ₂F₁ is tried, and where neither
        // is accurate to 10⁻⁸ the horizon is refused rather than a wrong value returned.
        if (logOneMinusZ < ConnectionThreshold && (expansion ?? ConnectionExpansion.Create(r, a, b, x))?.Bracket(logOneMinusZ) is { } connected)
        {
            return connected;
        }

        // z and ln(1 − z) must describe the same point exactly: the series form subtracts two parts of size up to c/(a − 1)
        // times the result, one computed from each, so an inconsistency of one rounding would be amplified as much.
        z = -Accurate.ExpM1(logOneMinusZ);

        // The series form first where it is short; where it would be long (z near 1, large parameters), the direct form,
        // whose ₂F₁ then takes the connection formula.
        double c = a + b + x - 1;
        double big = a + b - 1 - r; // A = c − (r + x) < c
        double length = big > 0
            ? a + ((40 + a) / Math.Exp(logOneMinusZ)) // the series form: its ratio is below (a − 1 + n)/(n + 1)·z (see SeriesBracket)
            : (Math.Max(-big, Math.Max(a, Math.Max(Math.Abs(c), r + x + b))) + 40) / Math.Exp(logOneMinusZ);
        bool seriesFirst = length <= 2e5;
        double value, error;
        if (seriesFirst)
        {
            value = SeriesBracket(r, a, b, x, logOneMinusZ, z, out error);
        }
        else
        {
            value = DirectBracket(r, a, b, x, logOneMinusZ, z, out error);
        }

        // Either form is kept at an estimated 10⁻¹⁰ (the direct form cancels by c/(a − 1) times the result when b is
        // large): computing the other could take seconds — a lifetime value sums thousands of brackets — for digits no
        // caller needs.
        if (error <= 1e-10)
        {
            return value;
        }

        double other = seriesFirst ? DirectBracket(r, a, b, x, logOneMinusZ, z, out double otherError) : SeriesBracket(r, a, b, x, logOneMinusZ, z, out otherError);
        if (otherError < error)
        {
            (value, error) = (other, otherError);
        }

        return error <= BracketTolerance || error == InterpolationError
            ? value
            : throw new ArgumentOutOfRangeException(nameof(t), t, string.Create(CultureInfo.InvariantCulture, $"E[Y(t)] with r = {r}, a = {a}, b = {b}, x = {x} at 1 − z = {Math.Exp(logOneMinusZ):R} is outside the computed domain: its expressions cancel (estimated relative error {error:E1})."));
    }

    /// <summary>The estimated relative error above which the bracket is refused.</summary>
    internal const double BracketTolerance = 1e-8;

    /// <summary>The documented accuracy of the interpolation in a at a ≈ 1 (the far corner of z within 10⁻⁵ of 1).</summary>
    private const double InterpolationError = 1e-3;

    /// <summary>(c/(a − 1)) · [1 − (1 − z)^(r+x) ₂F₁(r + x, b + x; c; z)] with the general ₂F₁, and its estimated error
    /// (∞ where it cannot be formed).</summary>
    private static double DirectBracket(double r, double a, double b, int x, double logOneMinusZ, double z, out double error)
    {
        error = double.PositiveInfinity;
        double c = a + b + x - 1;
        if (a == 1)
        {
            return 0;
        }

        double logF, fError;
        int sign;
        if (c == 0)
        {
            // a + b + x = 1 (x = 0, a + b = 1): ₂F₁ has its pole, but c·₂F₁(A, B; c; z) → ABz ₂F₁(A + 1, B + 1; 2; z) (the
            // series from n = 1 on, (c)ₙ = c(c + 1)ₙ₋₁), so the bracket is (1 − z)^(r+x) ABz ₂F₁(A + 1, B + 1; 2; z)/(1 − a),
            // A = r + x, B = b + x; Euler's transformation puts the power of 1 − z, given exactly as ln(1 − z), outside:
            // (1 − z)^(−B) ABz ₂F₁(1 − A, 1 − B; 2; z)/(1 − a), whose ₂F₁ hardly depends on 1 − z near z = 1.
            try
            {
                logF = Hypergeometric.LogGauss2F1(1 - r - x, 1 - b - x, 2, z, out sign, out fError);
            }
            catch (ArgumentOutOfRangeException)
            {
                return 0;
            }

            double logLimit = (-(b + x) * logOneMinusZ) + Math.Log((r + x) * (b + x) * z) + logF - Math.Log(1 - a);
            double limit = sign * Math.Exp(logLimit);
            error = fError + (2.3e-16 * (Math.Abs(logLimit) + Math.Abs(logF) + 4));
            return double.IsFinite(limit) && limit > 0 ? limit : ZeroBracket(out error);
        }

        try
        {
            // (1 − z)^(r+x) ₂F₁(r + x, b + x; c; z), or by Euler's transformation (1 − z)^(a−1) ₂F₁(A, a − 1; c; z) where
            // c − (r + x) − (b + x) = a − 1 − r − x < 0: the untransformed ₂F₁ then grows like (1 − z)^(a−1−r−x) and
            // would carry the rounding of 1 − z (from z) that many times, while the transformed one tends to a finite
            // value at z = 1 and its power is formed from ln(1 − z) exactly.
            bool euler = a - 1 - r - x < 0;
            logF = euler
                ? Hypergeometric.LogGauss2F1(c - r - x, a - 1, c, z, out sign, out fError)
                : Hypergeometric.LogGauss2F1(r + x, b + x, c, z, out sign, out fError);
        }
        catch (ArgumentOutOfRangeException)
        {
            return 0;
        }

        double logPower = ((a - 1 - r - x < 0 ? a - 1 : r + x) * logOneMinusZ) + logF;
        double power = sign * Math.Exp(logPower);
        double remainder = 1 - power;
        double value = c / (a - 1) * remainder;
        if (!double.IsFinite(value) || remainder == 0)
        {
            return 0;
        }

        error = ((Math.Abs(power) * (fError + (2.3e-16 * (Math.Abs(logPower) + Math.Abs(logF) + 4)))) + 2.3e-16) / Math.Abs(remainder);
        return Math.Max(0, value);
    }

    /// <summary>The bracket of <see cref="Bracket"/> by its series in z, for any z in [0, 1).</summary>
    internal static double SeriesBracket(double r, double a, double b, int x, double logOneMinusZ, double z) =>
        SeriesBracket(r, a, b, x, logOneMinusZ, z, out _);

    /// <summary>The bracket by its series in z, with the estimated relative error of the result (from the cancellation
    /// between its parts and the length of its series).</summary>
    internal static double SeriesBracket(double r, double a, double b, int x, double logOneMinusZ, double z, out double error)
    {
        error = InterpolationError; // the interpolation below
        double c = a + b + x - 1;
        double big = a + b - 1 - r; // A = c − (r + x)
        double epsilon = a - 1;
        double product = epsilon * logOneMinusZ;
        double termsNeeded = (Math.Max(Math.Abs(big), Math.Max(Math.Abs(a), Math.Max(c, r + x + b))) + 40) / Math.Exp(logOneMinusZ);
        if (termsNeeded > 5e6 && Math.Abs(epsilon) <= 0.01)
        {
            // Near a = 1 the connection formula is singular; the bracket is smooth in a, so interpolate it at a from
            // a ± 0.03 and a ± 0.06 (symmetric 4-point rule, error O(h⁴); about 10⁻³ relative at worst): a last resort
            // for the far corner of large r + x with z within 10⁻⁵ of 1.
            const double H = 0.03;
            double near = Bracket(r, a + H, b, x, logOneMinusZ, z) + Bracket(r, a - H, b, x, logOneMinusZ, z);
            double far = Bracket(r, a + (2 * H), b, x, logOneMinusZ, z) + Bracket(r, a - (2 * H), b, x, logOneMinusZ, z);
            return Math.Max(0, ((4 * near) - far) / 6);
        }

        if (big < -1)
        {
            // A = c − r − x strongly negative (large r): the Euler-transformed series alternates with huge terms and
            // cancels; the original series ₂F₁(r + x, b + x; c; z) has positive terms only, summed in log space. At
            // a = 1 the bracket is 0/0; there (|a − 1| ≤ 10⁻⁸) it is its limit, the derivative in a:
            // −c (1 − z)^(r+x) ∂₂F₁/∂c, again a series of positive terms.
            if (Math.Abs(epsilon) <= 1e-8)
            {
                error = 1e-9; // the limit is taken within 10⁻⁸ of a = 1
                double limit = c * Math.Exp(((r + x) * logOneMinusZ) + Hypergeometric.LogMinusDerivativeInC(r + x, b + x, c, z));
                return double.IsFinite(limit) ? limit : ZeroBracket(out error);
            }

            // (c/(a − 1))(1 − y^(r+x) F) = [c(1 − y^(r+x)) − y^(r+x) · c(F − 1)]/(a − 1), y = 1 − z, where c(F − 1) has no
            // pole at c = 0 (a + b + x = 1) and positive terms.
            double logPower = (r + x) * logOneMinusZ;
            double rest = Math.Exp(logPower + Hypergeometric.LogSeriesTimesC(r + x, b + x, c, z));
            double head = c * -Accurate.ExpM1(logPower), numerator = head - rest;
            error = 2.3e-16 * ((Math.Abs(head) * 4) + (Math.Abs(rest) * (8 + Math.Abs(logPower)))) / Math.Abs(numerator);
            double quotient = numerator / epsilon;
            return double.IsFinite(quotient) && quotient > 0 ? quotient : ZeroBracket(out error);
        }

        double first = Math.Abs(product) < 1e-8
            ? -logOneMinusZ * (1 + (product / 2))
            : -Accurate.ExpM1(product) / epsilon;

        // The series can grow huge before it decays (large a and A with z near 1) while e^((a−1)L) underflows: sum it
        // with a running power-of-two scale so that neither overflows.
        double series = 0, term = big * z, compensation = 0, absolute = 0;
        int scale = 0, count = 0; // series and term are in units of 2^scale
        bool converged = false;
        for (int n = 1; n < 10_000_000; n++, count++)
        {
            absolute += Math.Abs(term);
            double y = term - compensation;
            double sum = series + y;
            compensation = (sum - series) - y;
            series = sum;
            double ratio = (big + n) * (a + n - 1) / ((c + n) * (n + 1)) * z;
            term *= ratio;
            if (Math.Abs(term) > 1e200 || Math.Abs(series) > 1e200)
            {
                series = Math.ScaleB(series, -600);
                term = Math.ScaleB(term, -600);
                compensation = Math.ScaleB(compensation, -600);
                absolute = Math.ScaleB(absolute, -600);
                scale += 600;
            }

            // With A > 0 the factor (A + n)/(c + n) is below 1 for every n (A < c), so every later ratio is below
            // B = max((a + n)/(n + 2)·z, z) once n > |a − 1|: the rest, from the term not yet added, is at most
            // |term|/(1 − B) (with b = 10⁸ the series was summed to 10⁸ terms). Otherwise stop once the terms settle
            // past n = |A|.
            bool negligible;
            if (big > 0)
            {
                double bound = Math.Max((a + n) / (n + 2) * z, z);
                negligible = n > Math.Abs(a - 1) && bound < 1 && Math.Abs(term) / (1 - bound) <= 1e-17 * Math.Abs(series);
            }
            else
            {
                negligible = Math.Abs(ratio) < 1 && n > Math.Abs(big) && Math.Abs(term) <= 1e-17 * Math.Abs(series);
            }

            if (term == 0 || negligible)
            {
                converged = true;
                break;
            }
        }

        double logScale = product + (scale * Math.Log(2));
        double tail = series == 0 ? 0 : Math.Sign(series) * Math.Exp(logScale + Math.Log(Math.Abs(series)));
        double absoluteTail = series == 0 ? 0 : Math.Exp(logScale + Math.Log(absolute));
        double result = (c * first) - tail;
        if (!double.IsFinite(result) || !(result > 0))
        {
            return ZeroBracket(out error);
        }

        // Cut off at ten million terms, the rest of the series is at most about |term| z/(1 − z) (the ratio tends to z).
        double truncation = converged || series == 0 ? 0 : Math.Abs(term) * z / -Accurate.ExpM1(logOneMinusZ) / Math.Abs(series) * Math.Abs(tail) / result;
        error = (2.3e-16 * ((Math.Abs(c * first) * 4) + (absoluteTail * (4 + Math.Sqrt(count + 1.0) + Math.Abs(product)))) / result) + truncation;
        return result;
    }

    /// <summary>A bracket the series could not form (not positive, not finite or not converged): 0 with an infinite
    /// error, so that the caller tries another expression.</summary>
    private static double ZeroBracket(out double error)
    {
        error = double.PositiveInfinity;
        return 0;
    }

    /// <summary>
    /// The log-likelihood and its gradient with respect to (r, α, a, b). BG/NBD (shift 0, Fader, Hardie &amp; Lee 2005,
    /// eq. 6): B(a, b + x)/B(a, b) · NB-term(T) + δ<sub>x&gt;0</sub> B(a + 1, b + x − 1)/B(a, b) · NB-term(t<sub>x</sub>).
    /// MBG/NBD (shift 1, Batislam et al. 2007): the same with b + x → b + x + 1 and the second term for every x.
    /// </summary>
    internal static double LogLikelihood(RepeatPurchaseData data, ReadOnlySpan<double> theta, Span<double> gradient, int shift)
    {
        double r = theta[0], alpha = theta[1], a = theta[2], b = theta[3];

        // The x-dependent terms are tabulated by recurrences up to x + shift = TableSize; rarer, larger frequencies
        // (up to int.MaxValue, where the int sum wrapped and x-sized tables ran out of memory) are computed directly.
        int maxX = (int)Math.Min((long)data.MaxFrequency + shift, TableSize);

        double psiB = SpecialFunctions.DiGamma(b), psiAB = SpecialFunctions.DiGamma(a + b);
        double logAlpha = Math.Log(alpha);
        if (data.RowCount == 1 && maxX <= SingleHistoryTable)
        {
            // One history (a group of one customer, as a continuous covariate makes them): the terms on the stack and no
            // block machinery; the same arithmetic as the rows below.
            Span<double> buffer = stackalloc double[8 * (SingleHistoryTable + 1)];
            var one = XTerms.Over(buffer, maxX + 1);
            Tabulate(r, a, b, psiB, psiAB, one);
            int x = data.Frequency[0];
            int k = x + shift;
            double w = data.Weight[0];
            double rowLl = Row(r, alpha, logAlpha, x, k, data.Recency[0], data.Age[0], one.LgR[x], one.DgR[x], one.C1[k], one.C1a[k], one.C1b[k], one.C2[k], one.C2a[k], one.C2b[k], out double rowR, out double rowAlpha, out double rowA, out double rowB);
            gradient[0] = w * rowR;
            gradient[1] = w * rowAlpha;
            gradient[2] = w * rowA;
            gradient[3] = w * rowB;
            return w * rowLl;
        }

        // Terms that depend on x only, tabulated once for all rows.
        double[] lgR = new double[maxX + 1], dgR = new double[maxX + 1]; // lnΓ(r+x) − lnΓ(r), ψ(r+x) − ψ(r)
        double[] c1 = new double[maxX + 1], c1a = new double[maxX + 1], c1b = new double[maxX + 1];
        double[] c2 = new double[maxX + 1], c2a = new double[maxX + 1], c2b = new double[maxX + 1];
        Tabulate(r, a, b, psiB, psiAB, new XTerms(lgR, dgR, c1, c1a, c1b, c2, c2a, c2b));

        return RowSum.Run(data.RowCount, gradient, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (start, end, blockGradient) =>
        {
            var xs = data.Frequency;
            var recency = data.Recency;
            var age = data.Age;
            var weight = data.Weight;
            double ll = 0, gr = 0, gAlpha = 0, ga = 0, gb = 0;
            for (int i = start; i < end; i++)
            {
                int x = xs[i];
                long k = (long)x + shift;
                double w = weight[i];
                double lgRk, dgRk, c1k, c1ak, c1bk, c2k = 0, c2ak = 0, c2bk = 0;
                if (k <= maxX)
                {
                    (lgRk, dgRk) = (lgR[x], dgR[x]);
                    (c1k, c1ak, c1bk, c2k, c2ak, c2bk) = (c1[k], c1a[k], c1b[k], c2[k], c2a[k], c2b[k]);
                }
                else
                {
                    // ln Γ(r + x) − ln Γ(r), ln[B(a, b + k)/B(a, b)], ln[B(a + 1, b + k − 1)/B(a, b)] without cancellation;
                    // the digamma differences of the gradient directly.
                    double psiABk = SpecialFunctions.DiGamma(a + b + k);
                    lgRk = x * LogGammaDifference.Quotient(r, x);
                    dgRk = SpecialFunctions.DiGamma(r + x) - SpecialFunctions.DiGamma(r);
                    c1k = LogBetaRatio.Of(a, b, 0, k);
                    c1ak = psiAB - psiABk;
                    c1bk = SpecialFunctions.DiGamma(b + k) - psiABk - psiB + psiAB;
                    c2k = LogBetaRatio.Of(a, b, 1, k - 1);
                    c2ak = (1 / a) - psiABk + psiAB;
                    c2bk = SpecialFunctions.DiGamma(b + k - 1) - psiB - psiABk + psiAB;
                }

                double rowLl = Row(r, alpha, logAlpha, x, k, recency[i], age[i], lgRk, dgRk, c1k, c1ak, c1bk, c2k, c2ak, c2bk, out double rowR, out double rowAlpha, out double rowA, out double rowB);
                ll += w * rowLl;
                gr += w * rowR;
                gAlpha += w * rowAlpha;
                ga += w * rowA;
                gb += w * rowB;
            }

            blockGradient[0] = gr;
            blockGradient[1] = gAlpha;
            blockGradient[2] = ga;
            blockGradient[3] = gb;
            return ll;
        });
    }

    /// <summary>The largest x + shift of a single history whose terms go on the stack (8 × 129 doubles, 8 KB).</summary>
    private const int SingleHistoryTable = 128;

    /// <summary>The x-dependent terms from x = 0 to the tables' end, by recurrences (lnΓ(y + 1) = lnΓ(y) + ln y,
    /// ψ(y + 1) = ψ(y) + 1/y): lnΓ(r + x) − lnΓ(r), ψ(r + x) − ψ(r), and the log beta ratios of the two terms with their
    /// derivatives in a and b.</summary>
    private static void Tabulate(double r, double a, double b, double psiB, double psiAB, XTerms terms)
    {
        double lgB = SpecialFunctions.GammaLn(b), lgAB = SpecialFunctions.GammaLn(a + b);
        double lgBx = lgB, psiBx = psiB, lgABx = lgAB, psiABx = psiAB; // at b + x and a + b + x
        double lgBxm1 = 0, psiBxm1 = 0;                                      // at b + x − 1, for x ≥ 1
        double lgRx = 0, dgRx = 0;
        for (int x = 0; x < terms.LgR.Length; x++)
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

            terms.LgR[x] = lgRx;
            terms.DgR[x] = dgRx;
            terms.C1[x] = lgBx - lgABx - lgB + lgAB;
            terms.C1a[x] = psiAB - psiABx;
            terms.C1b[x] = psiBx - psiABx - psiB + psiAB;
            if (x > 0)
            {
                terms.C2[x] = Math.Log(a) + lgBxm1 - lgB - lgABx + lgAB;
                terms.C2a[x] = (1 / a) - psiABx + psiAB;
                terms.C2b[x] = psiBxm1 - psiB - psiABx + psiAB;
            }
        }
    }

    /// <summary>One history's log-likelihood from its x-dependent terms (k = x + shift), without the weight, and its
    /// gradient in (r, α, a, b).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Row(double r, double alpha, double logAlpha, int x, long k, double recency, double age, double lgRk, double dgRk, double c1k, double c1ak, double c1bk, double c2k, double c2ak, double c2bk, out double gr, out double gAlpha, out double ga, out double gb)
    {
        double alphaT = alpha + age;
        double logAT = Math.Log(alphaT);
        double t1 = c1k - ((r + x) * logAT);
        double lse, w1, w2, gAlphaRow;
        if (k > 0)
        {
            double alphaTx = alpha + recency;
            double logATx = Math.Log(alphaTx);
            double t2 = c2k - ((r + x) * logATx);
            double m = Math.Max(t1, t2);
            double e1 = Math.Exp(t1 - m), e2 = Math.Exp(t2 - m);
            lse = m + Math.Log(e1 + e2);
            w1 = e1 / (e1 + e2);
            w2 = e2 / (e1 + e2);
            gr = dgRk + logAlpha - (w1 * logAT) - (w2 * logATx);
            gAlphaRow = (w1 / alphaT) + (w2 / alphaTx);
        }
        else
        {
            (lse, w1, w2) = (t1, 1, 0);
            gr = dgRk + logAlpha - logAT;
            gAlphaRow = 1 / alphaT;
        }

        gAlpha = (r / alpha) - ((r + x) * gAlphaRow);
        ga = (w1 * c1ak) + (w2 * c2ak);
        gb = (w1 * c1bk) + (w2 * c2bk);
        return lgRk + (r * logAlpha) + lse;
    }

    /// <summary>The tables of x-dependent terms, on the heap or on the stack.</summary>
    private readonly ref struct XTerms(Span<double> lgR, Span<double> dgR, Span<double> c1, Span<double> c1a, Span<double> c1b, Span<double> c2, Span<double> c2a, Span<double> c2b)
    {
        public readonly Span<double> LgR = lgR, DgR = dgR, C1 = c1, C1a = c1a, C1b = c1b, C2 = c2, C2a = c2a, C2b = c2b;

        /// <summary>Eight tables of <paramref name="length"/> in one buffer, cleared.</summary>
        public static XTerms Over(Span<double> buffer, int length)
        {
            buffer[..(8 * length)].Clear();
            return new(buffer[..length], buffer.Slice(length, length), buffer.Slice(2 * length, length), buffer.Slice(3 * length, length), buffer.Slice(4 * length, length), buffer.Slice(5 * length, length), buffer.Slice(6 * length, length), buffer.Slice(7 * length, length));
        }
    }
}
