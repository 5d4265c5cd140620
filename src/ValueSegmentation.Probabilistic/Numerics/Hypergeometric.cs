using MathNet.Numerics;

namespace ValueSegmentation.Probabilistic.Numerics;

/// <summary>
/// The Gauss hypergeometric function ₂F₁(a, b; c; z) for real arguments and z &lt; 1, as the buy-'til-you-die
/// models need it (MathNet.Numerics has none for real parameters).
/// </summary>
/// <remarks>
/// <para>Method (Abramowitz &amp; Stegun 15.1.1, 15.3.3–15.3.6): several representations of the same value are tried in
/// turn, each summed in log space with a running power-of-two scale (so terms and results far beyond the range of a
/// double are harmless) and each with an estimate of its own rounding error from the cancellation it suffers
/// (Σ|terms| / |Σ terms|, the length of the series, and the conditioning of its gamma functions): the power series
/// in z; Euler's (1 − z)^(c−a−b) ₂F₁(c − a, c − b; c; z); Pfaff's (1 − z)^(−a) ₂F₁(a, c − b; c; z/(z − 1)) and
/// (1 − z)^(−b) ₂F₁(c − a, b; c; z/(z − 1)), which map z &lt; 0 into (0, 1); and the connection formula in 1 − z (in
/// 1/(1 − z) for z &lt; 0), which is cheap near z = 1 but cancels when its two terms are large (and, where c − a − b is
/// an integer and it is singular, is interpolated in c from c ± 10⁻⁴ and c ± 2·10⁻⁴). The first
/// representation whose estimated error is below 10⁻¹² is taken (10⁻¹¹ for the connection formula where the series
/// would be long, and for the shorter of a series and its Euler transform when the other is four times as long), else
/// the best one.</para>
/// <para>Domain and accuracy: any finite a, b, c (c not a pole) and z &lt; 1 where some representation is
/// well conditioned; the reference grid (tests/…/Reference) measures a relative error below 10⁻¹² for parameters up
/// to a few thousand, including z &lt; 0 with large parameters, z within 10⁻⁹ of 1 and values beyond the range of a
/// double in intermediate terms. Where every representation cancels (estimated error above 10⁻⁹) or the value
/// itself exceeds the range of a double, <see cref="Gauss2F1"/> throws <see cref="ArgumentOutOfRangeException"/>
/// rather than return a wrong number; <see cref="LogGauss2F1(double, double, double, double, out int)"/> returns the logarithm of values beyond the range of
/// a double. Pure and thread-safe.</para>
/// </remarks>
internal static class Hypergeometric
{
    private const int MaxTerms = 10_000_000;

    /// <summary>The longest series a representation may sum (past it, it is declined and the next one tried).</summary>
    private const int RepresentationTerms = 2_000_000;

    /// <summary>A representation estimated this accurate is taken at once.</summary>
    private const double Accept = 1e-12;

    /// <summary>The estimated relative error above which no value is returned.</summary>
    internal const double Tolerance = 1e-9;

    /// <summary>₂F₁(a, b; c; z).</summary>
    /// <param name="a">First numerator parameter.</param>
    /// <param name="b">Second numerator parameter.</param>
    /// <param name="c">Denominator parameter; not a non-positive integer unless the series terminates first.</param>
    /// <param name="z">The argument, less than 1.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not finite, z ≥ 1, c is a pole, the value exceeds
    /// the range of a double, or no representation reaches an estimated relative error of 10⁻⁹ (outside the domain).</exception>
    public static double Gauss2F1(double a, double b, double c, double z)
    {
        double log = LogGauss2F1(a, b, c, z, out int sign);
        double value = sign * Math.Exp(log);
        return double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(z), z, $"₂F₁({a}, {b}; {c}; {z}) exceeds the range of a double (its logarithm is {log}).");
    }

    /// <summary>ln |₂F₁(a, b; c; z)| and its sign (0 for a zero value, whose logarithm is −∞).</summary>
    /// <param name="a">First numerator parameter.</param>
    /// <param name="b">Second numerator parameter.</param>
    /// <param name="c">Denominator parameter; not a non-positive integer unless the series terminates first.</param>
    /// <param name="z">The argument, less than 1.</param>
    /// <param name="sign">The sign of the value.</param>
    /// <returns>The logarithm of the absolute value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not finite, z ≥ 1, c is a pole, or no
    /// representation reaches an estimated relative error of 10⁻⁹.</exception>
    public static double LogGauss2F1(double a, double b, double c, double z, out int sign) => LogGauss2F1(a, b, c, z, out sign, out _);

    /// <summary>ln |₂F₁(a, b; c; z)|, its sign and its estimated relative error (at most 10⁻⁹).</summary>
    /// <param name="a">First numerator parameter.</param>
    /// <param name="b">Second numerator parameter.</param>
    /// <param name="c">Denominator parameter.</param>
    /// <param name="z">The argument, less than 1.</param>
    /// <param name="sign">The sign of the value.</param>
    /// <param name="error">The estimated relative error of the value.</param>
    /// <returns>The logarithm of the absolute value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="LogGauss2F1(double, double, double, double, out int)"/>.</exception>
    internal static double LogGauss2F1(double a, double b, double c, double z, out int sign, out double error)
    {
        Check(a, nameof(a));
        Check(b, nameof(b));
        Check(c, nameof(c));
        Check(z, nameof(z));
        if (!(z < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "₂F₁ is computed for z < 1 only (the series diverges at z ≥ 1 in general).");
        }

        if (IsNonPositiveInteger(c) && !Terminates(a, c) && !Terminates(b, c))
        {
            throw new ArgumentOutOfRangeException(nameof(c), c, "c is a non-positive integer: ₂F₁ has a pole there.");
        }

        var part = Evaluate(a, b, c, z);
        if (!(part.Error <= Tolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, $"₂F₁({a}, {b}; {c}; {z}) is outside the computed domain: every representation cancels (estimated relative error {part.Error:E1}).");
        }

        sign = part.Sign;
        error = part.Error;
        return part.Log;
    }

    /// <summary>ln |Σ (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ| for |z| &lt; 1, summed with a running scale: its sign and estimated relative
    /// error (∞ when the series does not converge within two million terms).</summary>
    internal static double LogSeries(double a, double b, double c, double z, out int sign, out double error)
    {
        var part = SeriesPart(a, b, c, z);
        sign = part.Sign;
        error = part.Error;
        return part.Log;
    }

    /// <summary>A value as ln |v| and sign, with its estimated relative error (∞ when a representation failed).</summary>
    private readonly record struct Part(double Log, int Sign, double Error)
    {
        public static Part Failed => new(0, 0, double.PositiveInfinity);

        public Part Times(double log, double error) => new(Log + log, Sign, Error + error);

        /// <summary>Keeps the better of two parts.</summary>
        public Part Or(Part other) => other.Error < Error ? other : this;
    }

    private static Part Evaluate(double a, double b, double c, double z)
    {
        if (z == 0 || a == 0 || b == 0)
        {
            return new(0, 1, 0);
        }

        if (Terminates(a, c) || Terminates(b, c))
        {
            // A polynomial; the other representations may have poles.
            var polynomial = SeriesPart(a, b, c, z);
            return polynomial.Error <= Accept || z >= 0 ? polynomial : polynomial.Or(Pfaff(a, b, c, z)).Or(Pfaff(b, a, c, z));
        }

        if (z < 0)
        {
            var best = Part.Failed;
            if (z >= -0.5)
            {
                best = SeriesPart(a, b, c, z);
                if (best.Error <= Accept)
                {
                    return best;
                }
            }

            // z/(z − 1) in (0, 1): the Pfaff pair (one is the Euler transform of the other in the new argument) and the
            // connection formula in 1/(1 − z), which goes first when z/(z − 1) is near 1 (z below −9).
            double w = z / (z - 1), logPrefactor = -Accurate.Log1P(-z), y = 1 / (1 - z); // y = 1 − w, exactly as 1/(1 − z)
            if (w > 0.9)
            {
                best = best.Or(Connection(a, c - b, c, y, logPrefactor).Times(a * logPrefactor, 4e-16 * Math.Abs(a * logPrefactor)));
                if (best.Error <= Accept)
                {
                    return best;
                }

                best = best.Or(Connection(b, c - a, c, y, logPrefactor).Times(b * logPrefactor, 4e-16 * Math.Abs(b * logPrefactor)));
                if (best.Error <= Accept)
                {
                    return best;
                }
            }

            best = best.Or(Pfaff(a, b, c, z));
            if (best.Error <= Accept)
            {
                return best;
            }

            best = best.Or(Pfaff(b, a, c, z));
            if (best.Error <= Accept || w > 0.9)
            {
                return best;
            }

            best = best.Or(Connection(a, c - b, c, y, logPrefactor).Times(a * logPrefactor, 4e-16 * Math.Abs(a * logPrefactor)));
            return best.Error <= Accept ? best : best.Or(Connection(b, c - a, c, y, logPrefactor).Times(b * logPrefactor, 4e-16 * Math.Abs(b * logPrefactor)));
        }

        return Unit(a, b, c, z);
    }

    /// <summary>(1 − z)^(−a) ₂F₁(a, c − b; c; z/(z − 1)), summed as a series, for z &lt; 0.</summary>
    private static Part Pfaff(double a, double b, double c, double z)
    {
        double logPrefactor = -a * Math.Log(1 - z);
        return SeriesPart(a, c - b, c, z / (z - 1)).Times(logPrefactor, 4e-16 * Math.Abs(logPrefactor));
    }

    /// <summary>₂F₁ for 0 &lt; z &lt; 1 by the best of the series, Euler's transform and the connection formula.</summary>
    private static Part Unit(double a, double b, double c, double z)
    {
        double logEuler = (c - a - b) * Accurate.Log1P(-z);
        // The rounding of the power: of its exponent c − a − b, computed as (c − a) − b (each subtraction exact to half an
        // ulp of its result), times |ln(1 − z)|, and of the logarithm; and of the transformed parameters c − a, c − b.
        double eulerError = 4e-16 * (Math.Abs(logEuler) + (Math.Abs(Accurate.Log1P(-z)) * (Math.Abs(c - a) + Math.Abs(c - a - b))) + Math.Abs(c - a) + Math.Abs(c - b));
        if (z <= 0.9)
        {
            var best = SeriesPart(a, b, c, z);
            if (best.Error <= Accept)
            {
                return best;
            }

            best = best.Or(SeriesPart(c - a, c - b, c, z).Times(logEuler, eulerError));
            if (best.Error <= Accept)
            {
                return best;
            }

            if (z <= 0.5)
            {
                best = best.Or(SeriesPart(a, c - b, c, z / (z - 1)).Times(-a * Accurate.Log1P(-z), 4e-16 * Math.Abs(a * Math.Log(1 - z))));
                best = best.Or(SeriesPart(c - a, b, c, z / (z - 1)).Times(-b * Accurate.Log1P(-z), 4e-16 * Math.Abs(b * Math.Log(1 - z))));
            }

            return best.Error <= Accept ? best : best.Or(Connection(a, b, c, z));
        }

        // Near 1 the series in z are long (about (largest parameter + 40)/(1 − z) terms): where they would need more than
        // 10⁵ terms, a connection formula estimated within 10⁻¹¹ is taken without trying them.
        var near = Connection(a, b, c, z);
        double seriesLength = Length(a, b, c, z), eulerLength = Length(c - a, c - b, c, z);
        if (near.Error <= Accept || (near.Error <= 1e-11 && Math.Min(seriesLength, eulerLength) > 1e5))
        {
            return near;
        }

        // Then the shorter of the series and its Euler transform first, taken at 10⁻¹¹ when the other is four times as
        // long: for ₂F₁(9550, 253; 9651; 0.993) the series grows for 35,000 terms while the transform's settle after 101.
        bool eulerFirst = eulerLength < seriesLength;
        near = near.Or(eulerFirst ? SeriesPart(c - a, c - b, c, z).Times(logEuler, eulerError) : SeriesPart(a, b, c, z));
        if (near.Error <= Accept || (near.Error <= 1e-11 && Math.Max(seriesLength, eulerLength) > 4 * Math.Min(seriesLength, eulerLength)))
        {
            return near;
        }

        near = near.Or(eulerFirst ? SeriesPart(a, b, c, z) : SeriesPart(c - a, c - b, c, z).Times(logEuler, eulerError));
        return near.Error <= Tolerance ? near : near.Or(IntegerDifference(a, b, c, z));
    }

    /// <summary>
    /// ₂F₁ near z = 1 when c − a − b is within 10⁻⁵ of an integer, where the connection formula is singular or cancels
    /// (its two terms have poles that cancel) and the series are too long: ₂F₁ is analytic in c there, so it is the
    /// four-point Lagrange interpolation, error O(h⁴), of the connection formula at c₀ ± h and c₀ ± 2h, h = 10⁻⁴, around
    /// the c₀ that makes c − a − b an integer (the formula cancels there by only about 1/h). Its error counts both, the
    /// truncation estimated from the linear interpolation; failed elsewhere.
    /// </summary>
    private static Part IntegerDifference(double a, double b, double c, double z)
    {
        double d = c - a - b, offset = d - Math.Round(d);
        if (Math.Abs(offset) >= 1e-5)
        {
            return Part.Failed;
        }

        // The nodes sit symmetrically about the integer (c₀ = c − offset), the value is wanted at u = offset/h in [−0.1, 0.1]:
        // the Lagrange weights of the nodes −1, 1, −2, 2 at u (4/6, 4/6, −1/6, −1/6 at u = 0).
        const double H = 1e-4;
        double c0 = c - offset, u = offset / H;
        var parts = new[] { Connection(a, b, c0 - H, z), Connection(a, b, c0 + H, z), Connection(a, b, c0 - (2 * H), z), Connection(a, b, c0 + (2 * H), z) };
        Span<double> weight =
        [
            (u + 2) * (u - 1) * (u - 2) / 6,
            -(u + 2) * (u + 1) * (u - 2) / 6,
            -(u + 1) * (u - 1) * (u - 2) / 12,
            (u + 2) * (u + 1) * (u - 1) / 12,
        ];
        if (Array.Exists(parts, p => p.Sign == 0 || double.IsInfinity(p.Error)))
        {
            return Part.Failed;
        }

        double m = parts[0].Log;
        double value = 0, rounding = 0, twoPoint = 0;
        for (int i = 0; i < 4; i++)
        {
            double v = parts[i].Sign * Math.Exp(parts[i].Log - m);
            value += weight[i] * v;
            rounding += Math.Abs(weight[i] * v) * parts[i].Error;
            twoPoint += i < 2 ? (i == 0 ? 1 - u : 1 + u) / 2 * v : 0; // linear interpolation between the inner nodes
        }

        if (value == 0 || !double.IsFinite(value))
        {
            return Part.Failed;
        }

        double secondOrder = Math.Abs(twoPoint - value) / Math.Abs(value); // O(h²): the O(h⁴) truncation is about its square
        return new(m + Math.Log(Math.Abs(value)), value > 0 ? 1 : -1, (rounding / Math.Abs(value)) + (secondOrder * secondOrder));
    }

    /// <summary>
    /// A&amp;S 15.3.6: Γ(c)Γ(d)/(Γ(c − a)Γ(c − b)) F(a, b; 1 − d; y) + y^d Γ(c)Γ(−d)/(Γ(a)Γ(b)) F(c − a, c − b; 1 + d; y)
    /// with d = c − a − b and y = 1 − z; declined (failed) when d is within 10⁻¹² of an integer or z ≤ 0.
    /// </summary>
    private static Part Connection(double a, double b, double c, double z) => Connection(a, b, c, 1 - z, Accurate.Log1P(-z));

    /// <summary>The connection formula with y = 1 − z and ln y given by the caller (who may know them more accurately
    /// than 1 − z would give them).</summary>
    private static Part Connection(double a, double b, double c, double y, double logY)
    {
        double d = c - a - b;
        if (Math.Abs(d - Math.Round(d)) < 1e-12 || !(y < 1))
        {
            return Part.Failed;
        }

        double dError = 2.3e-16 * (Math.Abs(a) + Math.Abs(b) + Math.Abs(c)); // the rounding of d itself
        var first = GammaTerm(c, d, c - a, c - b, dError, out bool firstZero);
        var second = GammaTerm(c, -d, a, b, dError, out bool secondZero);
        first = firstZero ? new(double.NegativeInfinity, 0, 0) : first.Times(0, 0);
        if (!firstZero)
        {
            var s1 = SeriesPart(a, b, 1 - d, y);
            first = new(first.Log + s1.Log, first.Sign * s1.Sign, first.Error + s1.Error);
        }

        if (secondZero)
        {
            second = new(double.NegativeInfinity, 0, 0);
        }
        else
        {
            var s2 = SeriesPart(c - a, c - b, 1 + d, y);
            second = new(second.Log + s2.Log + (d * logY), second.Sign * s2.Sign, second.Error + s2.Error + (2.3e-16 * Math.Abs(d * logY)) + (dError * Math.Abs(logY)));
        }

        return Combine(first, second);
    }

    /// <summary>The sum of two parts, with the error grown by their cancellation.</summary>
    private static Part Combine(Part first, Part second)
    {
        if (first.Sign == 0)
        {
            return second;
        }

        if (second.Sign == 0)
        {
            return first;
        }

        if (double.IsInfinity(first.Error) || double.IsInfinity(second.Error))
        {
            return Part.Failed;
        }

        double m = Math.Max(first.Log, second.Log);
        double e1 = Math.Exp(first.Log - m), e2 = Math.Exp(second.Log - m);
        double v = (first.Sign * e1) + (second.Sign * e2);
        if (v == 0)
        {
            return Part.Failed;
        }

        double error = ((e1 * first.Error) + (e2 * second.Error) + (2.3e-16 * (e1 + e2))) / Math.Abs(v);
        return new(m + Math.Log(Math.Abs(v)), v > 0 ? 1 : -1, error);
    }

    /// <summary>Γ(p)Γ(q)/(Γ(r)Γ(s)) as a part; <paramref name="zero"/> when r or s is a pole (1/Γ = 0 there). The error
    /// counts the rounding of the logarithms and the conditioning of the reflection near the poles.</summary>
    private static Part GammaTerm(double p, double q, double r, double s, double qError, out bool zero)
    {
        zero = IsNonPositiveInteger(r) || IsNonPositiveInteger(s);
        if (zero || IsNonPositiveInteger(p) || IsNonPositiveInteger(q))
        {
            zero = true;
            return Part.Failed;
        }

        double log = SignedGammaLn(p, out int sp) + SignedGammaLn(q, out int sq) - SignedGammaLn(r, out int sr) - SignedGammaLn(s, out int ss);
        double error = (2.3e-16 * (GammaLnScale(p) + GammaLnScale(q) + GammaLnScale(r) + GammaLnScale(s))) + (qError * (Math.Abs(Math.Log(Math.Abs(q) + 1)) + (1 / Distance(q))));
        return new(log, sp * sq * sr * ss, error);
    }

    /// <summary>The absolute rounding error of ln |Γ(x)| in units of the machine epsilon, reflection included.</summary>
    private static double GammaLnScale(double x)
    {
        double scale = 4 + Math.Abs(x * Math.Log(Math.Abs(x) + 1));
        return x > 0 ? scale : scale + (4 * Math.Abs(x) / Distance(x));
    }

    /// <summary>The distance of x to the nearest integer, at least 10⁻³⁰⁰.</summary>
    private static double Distance(double x) => Math.Max(Math.Abs(x - Math.Round(x)), 1e-300);

    /// <summary>About how many terms the series in z needs: past the point where its terms settle (see
    /// <see cref="Settled"/>), until zⁿ n^(a+b−c−1) is negligible.</summary>
    private static double Length(double a, double b, double c, double z) =>
        Settled(a, b, c) + ((40 + Math.Max(0, a + b - c)) / (1 - Math.Abs(z)));

    /// <summary>
    /// The numerator that alone governs the ratio of the series' terms, (a + n)(b + n)z/((c + n)(n + 1)), when the other
    /// numerator's factor (q + n)/(c + n) lies in (0, 1] for every n ≥ 0 (0 &lt; q ≤ c): then |ratio| ≤
    /// |p + n|/(n + 1)·|z|, a bound that from n ≥ |p| on never exceeds its current value or |z|. NaN when neither
    /// numerator qualifies; the smaller when both do (₂F₁ is symmetric in a and b).
    /// </summary>
    private static double Governing(double a, double b, double c)
    {
        bool aGoverns = b > 0 && b <= c, bGoverns = a > 0 && a <= c; // the other numerator's factor is in (0, 1]
        return aGoverns && bGoverns ? (Math.Abs(a) <= Math.Abs(b) ? a : b) : aGoverns ? a : bGoverns ? b : double.NaN;
    }

    /// <summary>From which term on the ratio of the series' terms tends steadily to z: past |p| when one numerator
    /// governs (<see cref="Governing"/>: so ₂F₁(78, 10⁸; 10⁸ + 400; z) is not summed to 10⁸ terms), else past the
    /// largest parameter.</summary>
    private static double Settled(double a, double b, double c)
    {
        double governing = Governing(a, b, c);
        return double.IsNaN(governing) ? Math.Max(Math.Abs(a), Math.Max(Math.Abs(b), Math.Abs(c))) : Math.Abs(governing);
    }

    /// <summary>
    /// The power series Σ (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ for |z| &lt; 1 as a part, summed with a running power-of-two scale and
    /// with its error estimated from Σ|terms|/|Σ terms| and its length; failed when it needs more than
    /// <see cref="RepresentationTerms"/> terms.
    /// </summary>
    private static Part SeriesPart(double a, double b, double c, double z)
    {
        if (z == 0)
        {
            return new(0, 1, 0);
        }

        if (!(Math.Abs(z) < 1) || (IsNonPositiveInteger(c) && !Terminates(a, c) && !Terminates(b, c)))
        {
            return Part.Failed;
        }

        double largest = Math.Max(Math.Abs(a), Math.Max(Math.Abs(b), Math.Abs(c)));
        double settled = Settled(a, b, c), governing = Governing(a, b, c);
        if (!Terminates(a, c) && !Terminates(b, c) && Length(a, b, c, z) > RepresentationTerms)
        {
            return Part.Failed; // too long to sum: another representation converges faster
        }

        double sum = 1, absolute = 1, term = 1, compensation = 0;
        int scale = 0, n = 0;
        double limit = Math.Abs(z);
        bool converged = false;
        for (; n < RepresentationTerms; n++)
        {
            double ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            term *= ratio;
            if (term == 0)
            {
                converged = true;
                break;
            }

            double y = term - compensation;
            double t = sum + y;
            compensation = (t - sum) - y;
            sum = t;
            absolute += Math.Abs(term);
            if (absolute > 1e250)
            {
                sum = Math.ScaleB(sum, -700);
                term = Math.ScaleB(term, -700);
                compensation = Math.ScaleB(compensation, -700);
                absolute = Math.ScaleB(absolute, -700);
                scale += 700;
            }

            // Stop when the rest is negligible by a bound on every later ratio: past the largest parameter the current
            // ratio, which then tends steadily to z; or, earlier, past the governing numerator p, the next governing
            // factor |p + n + 1|/(n + 2)·|z| (the other numerator's factor is at most 1 and still grows towards it).
            double bound = Math.Max(Math.Abs(ratio), limit);
            double governed = double.IsNaN(governing) ? double.PositiveInfinity : Math.Max(Math.Abs(governing + n + 1) / (n + 2) * limit, limit);
            bool negligible = (n >= largest && Math.Abs(ratio) < 1 && Math.Abs(term) * bound / (1 - bound) <= 1e-17 * Math.Abs(sum))
                || (n >= settled && governed < 1 && Math.Abs(term) * governed / (1 - governed) <= 1e-17 * Math.Abs(sum));
            if (negligible)
            {
                converged = true;
                break;
            }
        }

        if (!converged || sum == 0 || !double.IsFinite(sum))
        {
            return Part.Failed;
        }

        double error = 2.3e-16 * (absolute / Math.Abs(sum)) * (4 + Math.Sqrt(n + 1.0) + (0.1 * Math.Min(n, largest)));
        return new(Math.Log(Math.Abs(sum)) + (scale * Math.Log(2)), sum > 0 ? 1 : -1, error);
    }

    /// <summary>The power series, summed until a term no longer changes the sum (or the series terminates).</summary>
    internal static double Series(double a, double b, double c, double z)
    {
        double sum = 1, term = 1, compensation = 0;
        double settled = Math.Max(Math.Abs(a), Math.Max(Math.Abs(b), Math.Abs(c))); // past it, the ratio tends steadily to z
        for (int n = 0; n < MaxTerms; n++)
        {
            double ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            term *= ratio;
            if (term == 0)
            {
                return sum;
            }

            // Kahan summation: long series near z = 1 add many small terms.
            double y = term - compensation;
            double t = sum + y;
            compensation = (t - sum) - y;
            sum = t;

            // Stop once the terms shrink for good (past any initial growth) and no longer matter.
            if (n >= settled && Math.Abs(ratio) < 1 && Math.Abs(term) <= 1e-17 * Math.Abs(sum))
            {
                return sum;
            }
        }

        return sum;
    }

    /// <summary>
    /// ln Σₙ₌₁ (a)ₙ (b)ₙ z^n / ((c + 1)ₙ₋₁ n!) = ln(c·(₂F₁(a, b; c; z) − 1)), the series of c·₂F₁ without its pole at
    /// c = 0, for a, b &gt; 0, c &gt; −1 and 0 &lt; z &lt; 1 (positive terms, summed in log space); NaN when it has not
    /// converged within ten million terms.
    /// </summary>
    internal static double LogSeriesTimesC(double a, double b, double c, double z)
    {
        double sum = 0, term = a * b * z;
        int scale = 0;
        double settled = Math.Max(a, Math.Max(b, c));
        for (int n = 1; n < MaxTerms; n++)
        {
            sum += term;
            double ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            term *= ratio;
            if (sum > 1e200 || term > 1e200)
            {
                sum = Math.ScaleB(sum, -600);
                term = Math.ScaleB(term, -600);
                scale += 600;
            }

            if (term == 0 || (n >= settled && ratio < 1 && term <= 1e-17 * sum))
            {
                return Math.Log(sum) + (scale * Math.Log(2));
            }
        }

        return double.NaN; // not converged within MaxTerms: the caller uses another expression
    }

    /// <summary>
    /// ln(−∂₂F₁/∂c) = ln Σₙ tₙ Σₖ₌₀ⁿ⁻¹ 1/(c + k), with tₙ the positive terms of the series of ₂F₁(a, b; c; z), for
    /// a, b, c &gt; 0 and 0 ≤ z &lt; 1; summed in log space like <see cref="LogSeriesTimesC"/> (NaN when not converged).
    /// </summary>
    internal static double LogMinusDerivativeInC(double a, double b, double c, double z)
    {
        double sum = 0, term = 1, harmonic = 0;
        int scale = 0;
        double settled = Math.Max(a, Math.Max(b, c));
        for (int n = 0; n < MaxTerms; n++)
        {
            harmonic += 1 / (c + n);
            double ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            term *= ratio;
            double contribution = term * harmonic;
            sum += contribution;
            if (sum > 1e200 || term > 1e200)
            {
                sum = Math.ScaleB(sum, -600);
                term = Math.ScaleB(term, -600);
                scale += 600;
            }

            if (term == 0 || (n >= settled && ratio < 1 && contribution <= 1e-17 * sum))
            {
                return sum == 0 ? double.NegativeInfinity : Math.Log(sum) + (scale * Math.Log(2));
            }
        }

        return double.NaN; // not converged within MaxTerms
    }

    /// <summary>
    /// ln ₂F₁(1, b; c; −v) for v ≥ 0, b &gt; 0 and c &gt; max(b, 1), by Gauss's continued fraction for
    /// ₂F₁(a + 1, b; c; z)/₂F₁(a, b; c − 1; z) at a = 0: with c′ = c − 1,
    /// ₂F₁(1, b; c; z) = 1/(1 − k₁z/(1 − k₂z/(1 − …))), k₂ₘ₊₁ = (b + m)(c′ + m)/((c′ + 2m)(c′ + 2m + 1)),
    /// k₂ₘ = m(c′ − b + m)/((c′ + 2m − 1)(c′ + 2m)). For z = −v every partial numerator kₙv is positive, so the modified
    /// Lentz evaluation never cancels (relative error a few ulps per term); it needs about 15√v terms at most, far fewer
    /// when b or c is large (where the power series and the connection formula need thousands): NaN when it has not
    /// converged within <paramref name="maxTerms"/>.
    /// </summary>
    internal static double LogUnitContinuedFraction(double b, double c, double v, int maxTerms)
    {
        const double Tiny = 1e-300;
        double cPrime = c - 1;
        double f = 1, previousC = 1, d = 0; // after the first level: f = 1/1
        for (int n = 1; n <= maxTerms; n++)
        {
            int m = n >> 1;
            double k = (n & 1) == 1
                ? (b + m) * (cPrime + m) / ((cPrime + (2 * m)) * (cPrime + (2 * m) + 1))
                : m * (cPrime - b + m) / ((cPrime + (2 * m) - 1) * (cPrime + (2 * m)));
            double a = k * v;
            d = 1 + (a * d);
            previousC = 1 + (a / previousC);
            if (previousC < Tiny)
            {
                previousC = Tiny;
            }

            d = 1 / d;
            double delta = previousC * d;
            f *= delta;
            if (Math.Abs(delta - 1) <= 4e-16)
            {
                return -Math.Log(f); // f is the tail 1 + k₁v/(1 + …): ₂F₁ = 1/f
            }
        }

        return double.NaN;
    }

    /// <summary>ln |Γ(x)| and the sign of Γ(x), for x not a non-positive integer.</summary>
    internal static double SignedGammaLn(double x, out int sign)
    {
        if (x > 0)
        {
            sign = 1;
            return SpecialFunctions.GammaLn(x);
        }

        // Reflection: Γ(x) = π / (sin(πx) Γ(1 − x)).
        double sine = Math.Sin(Math.PI * x);
        sign = sine > 0 ? 1 : -1;
        return Math.Log(Math.PI) - Math.Log(Math.Abs(sine)) - SpecialFunctions.GammaLn(1 - x);
    }

    private static bool IsNonPositiveInteger(double x) => x <= 0 && x == Math.Floor(x);

    /// <summary>Whether the series stops (a is a non-positive integer) before its denominator reaches the pole c.</summary>
    private static bool Terminates(double a, double c) => IsNonPositiveInteger(a) && (!IsNonPositiveInteger(c) || a > c);

    private static void Check(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be a finite number.");
        }
    }
}
