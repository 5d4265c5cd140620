using MathNet.Numerics;

namespace ValueSegmentation.Probabilistic.Numerics;

/// <summary>
/// The Gauss hypergeometric function ₂F₁(a, b; c; z) for real arguments and z &lt; 1, as the buy-'til-you-die
/// models need it (MathNet.Numerics has none for real parameters).
/// </summary>
/// <remarks>
/// <para>Method (Abramowitz &amp; Stegun 15.1.1, 15.3.5, 15.3.6): for 0 ≤ z ≤ 0.9 the power series
/// Σ (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ; for z &lt; 0 the Pfaff transformation
/// ₂F₁(a, b; c; z) = (1 − z)^(−a) ₂F₁(a, c − b; c; z/(z − 1)), which maps z into [0, 1); for 0.9 &lt; z &lt; 1 the
/// connection formula in 1 − z when c − a − b is not within 10⁻⁸ of an integer, and the power series
/// otherwise. c may be negative; c = 0, −1, −2, ... is a pole unless the series terminates first (a or b a
/// non-positive integer greater than c).</para>
/// <para>Accuracy: a relative error of about 10⁻¹⁴ for moderate parameters (|a|, |b|, |c| up to a few hundred)
/// and z up to 0.999; the tests check it against closed forms and tabulated values. The models avoid the
/// regions where ₂F₁ itself overflows (large parameters with z near 1) by transforming their expressions
/// first. Pure and thread-safe.</para>
/// </remarks>
internal static class Hypergeometric
{
    private const int MaxTerms = 10_000_000;

    /// <summary>₂F₁(a, b; c; z).</summary>
    /// <param name="a">First numerator parameter.</param>
    /// <param name="b">Second numerator parameter.</param>
    /// <param name="c">Denominator parameter; not a non-positive integer unless the series terminates first.</param>
    /// <param name="z">The argument, less than 1.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not finite, z ≥ 1, or c is a pole.</exception>
    /// <exception cref="ArithmeticException">The value overflows a double.</exception>
    public static double Gauss2F1(double a, double b, double c, double z)
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

        double value = Evaluate(a, b, c, z);
        return double.IsFinite(value)
            ? value
            : throw new ArithmeticException($"₂F₁({a}, {b}; {c}; {z}) overflows a double.");
    }

    private static double Evaluate(double a, double b, double c, double z)
    {
        if (z == 0 || a == 0 || b == 0)
        {
            return 1;
        }

        if (z < 0)
        {
            // Pfaff: 2F1(a,b;c;z) = (1−z)^(−a) 2F1(a, c−b; c; z/(z−1)), with z/(z−1) in (0, 1).
            double w = z / (z - 1);
            return Math.Pow(1 - z, -a) * Evaluate(a, c - b, c, w);
        }

        if (z <= 0.9 || Terminates(a, c) || Terminates(b, c))
        {
            return Series(a, b, c, z);
        }

        double d = c - a - b;
        if (Math.Abs(d - Math.Round(d)) < 1e-8)
        {
            return Series(a, b, c, z); // the connection formula has a removable singularity here
        }

        // A&S 15.3.6: Γ(c)Γ(d)/(Γ(c−a)Γ(c−b)) F(a, b; 1−d; 1−z) + (1−z)^d Γ(c)Γ(−d)/(Γ(a)Γ(b)) F(c−a, c−b; 1+d; 1−z).
        double y = 1 - z;
        double first = GammaRatio(c, d, c - a, c - b) * Series(a, b, 1 - d, y);
        double second = GammaRatio(c, -d, a, b) * Series(c - a, c - b, 1 + d, y);
        return first + (Math.Pow(y, d) * second);
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
    /// c = 0, for a, b &gt; 0, c &gt; −1 and 0 &lt; z &lt; 1 (positive terms, summed in log space).
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
                break;
            }
        }

        return Math.Log(sum) + (scale * Math.Log(2));
    }

    /// <summary>
    /// ln(−∂₂F₁/∂c) = ln Σₙ tₙ Σₖ₌₀ⁿ⁻¹ 1/(c + k), with tₙ the positive terms of the series of ₂F₁(a, b; c; z), for
    /// a, b, c &gt; 0 and 0 ≤ z &lt; 1; summed in log space like <see cref="LogSeriesTimesC"/>.
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
                break;
            }
        }

        return sum == 0 ? double.NegativeInfinity : Math.Log(sum) + (scale * Math.Log(2));
    }

    /// <summary>Γ(p)Γ(q)/(Γ(r)Γ(s)) in log space with signs; 0 when r or s is a pole of Γ (1/Γ = 0 there).</summary>
    private static double GammaRatio(double p, double q, double r, double s)
    {
        if (IsNonPositiveInteger(r) || IsNonPositiveInteger(s))
        {
            return 0;
        }

        double log = SignedGammaLn(p, out int sp) + SignedGammaLn(q, out int sq) - SignedGammaLn(r, out int sr) - SignedGammaLn(s, out int ss);
        return sp * sq * sr * ss * Math.Exp(log);
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
