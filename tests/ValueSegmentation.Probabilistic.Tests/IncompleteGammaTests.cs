using MathNet.Numerics;
using ValueSegmentation.Probabilistic.Numerics;

namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>
/// The upper incomplete gamma function for orders a ≤ 1 and its scaled form G(s, z) = z^s U(s, s, z) = z^s e^z Γ(1 − s, z),
/// which the Pareto/NBD discounted expected residual transactions need, against closed forms (DLMF §8.4), the
/// exponential integral E₁ (A&amp;S Table 5.1), the recurrence (DLMF 8.8.2), the integral definition, and
/// high-precision values.
/// </summary>
public sealed class IncompleteGammaTests
{
    public static TheoryData<double> Arguments => [1e-300, 1e-10, 1e-4, 0.1, 0.5, 0.999, 1, 1.001, 2, 10, 100, 700];

    [Theory]
    [MemberData(nameof(Arguments))]
    public void Order_one_is_the_exponential(double z) =>
        // DLMF 8.4.5: Γ(1, z) = e^(−z). Here s = 0, where G(0, z) = 1 exactly.
        AssertClose(Math.Exp(-z), IncompleteGamma.Upper(1, z), 1e-14);

    [Theory]
    [MemberData(nameof(Arguments))]
    public void Order_one_half_is_the_complementary_error_function(double z) =>
        // DLMF 8.4.6: Γ(½, z) = √π erfc(√z); erfc from MathNet.Numerics. Forming e^(−z) costs about z·10⁻¹⁶.
        AssertClose(Math.Sqrt(Math.PI) * SpecialFunctions.Erfc(Math.Sqrt(z)), IncompleteGamma.Upper(0.5, z), 2e-14 + (z * 2e-16));

    [Theory]
    [InlineData(0.1, 1.8229239584193906661)]
    [InlineData(0.5, 0.55977359477616081175)]
    [InlineData(1, 0.21938393439552027368)]
    [InlineData(2, 0.048900510708061119567)]
    [InlineData(5, 0.0011482955912753257973)]
    [InlineData(10, 4.1569689296853242774e-6)]
    public void Order_zero_is_the_exponential_integral(double z, double e1)
    {
        // DLMF 8.4.4 / A&S 5.1.45: Γ(0, z) = E₁(z), tabulated in A&S Table 5.1 (as E₁(x) + ln x below 1 and x eˣ E₁(x)
        // above); the 20 digits here are from mpmath 1.3 (e1 at 110 digits). a = 0 is the pole of the series' two
        // halves (s = 1), which the library forms without a special case.
        AssertClose(e1, IncompleteGamma.Upper(0, z), 1e-14);

        // DLMF 8.4.15 with n = 1: Γ(−1, z) = e^(−z)/z − E₁(z).
        AssertClose((Math.Exp(-z) / z) - e1, IncompleteGamma.Upper(-1, z), 1e-13);
    }

    [Fact]
    public void At_one_the_scaled_function_is_the_Gompertz_constant() =>
        // G(1, 1) = e·E₁(1) = 0.596347362323194074341078…, the Euler–Gompertz constant (OEIS A073003).
        AssertClose(0.5963473623231940743, IncompleteGamma.ScaledTricomi(1, 1), 5e-15);

    [Theory]
    [InlineData(-0.5)]
    [InlineData(-0.999999)]
    [InlineData(-2.3)]
    [InlineData(-1e-9)]
    [InlineData(0.3)]
    [InlineData(-48.7)]
    public void The_recurrence_in_the_order_holds(double a)
    {
        // DLMF 8.8.2: Γ(a + 1, z) = aΓ(a, z) + z^a e^(−z), both sides from the library (a + 1 ≤ 1).
        if (a + 1 > 1)
        {
            a -= 1;
        }

        foreach (double z in new[] { 1e-6, 0.01, 0.3, 0.9, 1, 1.5, 7, 60 })
        {
            double left = IncompleteGamma.Upper(a + 1, z);
            double scaled = a * IncompleteGamma.Upper(a, z), power = Math.Exp((a * Math.Log(z)) - z);

            // For a < 0 and small z the two terms on the right nearly cancel; allow for that condition number, and for
            // the rounding of exp(a ln z − z) in each value (about |a ln z − z|·2⁻⁵² relative).
            double condition = (Math.Abs(scaled) + power) / Math.Abs(left);
            double perValue = 1e-14 + (4.4e-16 * (Math.Abs(a * Math.Log(z)) + z));
            AssertClose(left, scaled + power, perValue * Math.Max(10, condition));
        }
    }

    [Theory]
    [InlineData(0.01, 0.0001, 0.91735687446457659)]
    [InlineData(0.01, 0.1, 0.98009588890359721)]
    [InlineData(0.01, 0.99, 0.99402269269466097)]
    [InlineData(0.01, 1, 0.99406302643506332)]
    [InlineData(0.01, 10, 0.99908514307916599)]
    [InlineData(0.01, 1000, 0.99999001007975986)]
    [InlineData(0.606, 0.0001, 0.0082334436214536666)]
    [InlineData(0.606, 0.1, 0.34401598468699105)]
    [InlineData(0.606, 0.99, 0.71667732854741697)]
    [InlineData(0.606, 1, 0.71822146831775865)]
    [InlineData(0.606, 10, 0.947234884639995)]
    [InlineData(0.606, 1000, 0.99939497070885082)]
    [InlineData(1, 0.0001, 0.00086340880702127257)]
    [InlineData(1, 0.1, 0.20146425447084517)]
    [InlineData(1, 0.99, 0.59440980252222357)]
    [InlineData(1, 1, 0.59634736232319407)]
    [InlineData(1, 10, 0.91563333939788082)]
    [InlineData(1, 1000, 0.99900199402388071)]
    [InlineData(1.5, 0.0001, 0.000196494740456467)]
    [InlineData(1.5, 0.1, 0.11888698415916073)]
    [InlineData(1.5, 0.99, 0.4821392523672691)]
    [InlineData(1.5, 1, 0.48425568771737579)]
    [InlineData(1.5, 10, 0.87826774139446546)]
    [InlineData(1.5, 1000, 0.99850373693373975)]
    [InlineData(2.5, 0.0001, 6.6653567017302905e-5)]
    [InlineData(2.5, 0.1, 0.058740867722722621)]
    [InlineData(2.5, 0.99, 0.34178809343760239)]
    [InlineData(2.5, 1, 0.34382954152174947)]
    [InlineData(2.5, 10, 0.81154839070356359)]
    [InlineData(2.5, 1000, 0.99750871084016531)]
    [InlineData(10, 0.0001, 1.1110972224206317e-5)]
    [InlineData(10, 0.1, 0.01097417392579034)]
    [InlineData(10, 0.99, 0.09804598362748949)]
    [InlineData(10, 1, 0.098929132640646155)]
    [InlineData(10, 10, 0.51218199437605059)]
    [InlineData(10, 1000, 0.99010869692330691)]
    [InlineData(49.9, 0.0001, 2.0449855057705096e-6)]
    [InlineData(49.9, 0.1, 0.0020407295685079128)]
    [InlineData(49.9, 0.99, 0.019835611884685566)]
    [InlineData(49.9, 1, 0.020031877738838412)]
    [InlineData(49.9, 10, 0.16928586039006977)]
    [InlineData(49.9, 1000, 0.95251470569928869)]
    [InlineData(60, 0.0001, 1.6949123319747353e-6)]
    [InlineData(60, 0.1, 0.0016919981042046125)]
    [InlineData(60, 0.99, 0.016498137688567943)]
    [InlineData(60, 1, 0.01666196264435113)]
    [InlineData(60, 10, 0.14462064628004796)]
    [InlineData(60, 1000, 0.94344651681090695)]
    [InlineData(100, 0.0001, 1.0100999793867563e-6)]
    [InlineData(100, 0.1, 0.0010090713562719863)]
    [InlineData(100, 0.99, 0.0099000001019878308)]
    [InlineData(100, 1, 0.0099989902090847291)]
    [InlineData(100, 10, 0.091665386144834482)]
    [InlineData(100, 1000, 0.90916592286252485)]
    public void The_scaled_function_matches_high_precision_values(double s, double z, double expected) =>
        // Reference: z^s e^z Γ(1 − s, z) in mpmath 1.3 (gammainc) at 110 digits, agreeing with 150 digits to 10⁻⁴⁰. The
        // grid crosses every switch of method: z = 1 (series → continued fraction), s = 1.5 (recurrence) and s = 50.
        AssertClose(expected, IncompleteGamma.ScaledTricomi(s, z), 2e-14);

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.606)]
    [InlineData(1)]
    [InlineData(1.7)]
    [InlineData(7)]
    [InlineData(30)]
    [InlineData(100)]
    public void The_scaled_function_is_its_integral(double s)
    {
        // Definition: G(s, z) = E[z/(Y + z)], Y ~ Gamma(s, 1), = ∫₀^∞ e^(−v) (1 + v/z)^(−s) dv, integrated here by
        // adaptive Gauss–Legendre to 10⁻¹⁴ on [0, z], on the doubling intervals [2ᵏz, 2ᵏ⁺¹z] up to 1 (the integrand
        // bends on the scale of v itself there), and from there to ∞ through v = 1 + τ/(1 − τ).
        foreach (double z in new[] { 1e-4, 3e-3, 0.05, 0.6, 0.999, 1, 4, 40, 1000 })
        {
            double integrand(double v) => Math.Exp(-v - (s * Math.Log(1 + (v / z))));
            double reference = 0, from = 0, to = Math.Min(z, 1);
            while (true)
            {
                reference += Quadrature.IntegrateRelative(integrand, from, to, 1e-15);
                if (to >= 1)
                {
                    break;
                }

                (from, to) = (to, Math.Min(2 * to, 1));
            }

            reference += Quadrature.IntegrateToInfinity(v => integrand(to + v), 1, 1e-15);
            AssertClose(reference, IncompleteGamma.ScaledTricomi(s, z), 1e-12);
        }
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.999)]
    [InlineData(20)]
    public void The_scaled_function_is_continuous_across_s_equal_one(double z)
    {
        // At s = 1 the series' two halves have poles that cancel (E₁); a step of 10⁻⁹ in s moves G by about
        // 10⁻⁹ |∂G/∂s|, and the one-sided values agree with the two-sided derivative estimate.
        double at = IncompleteGamma.ScaledTricomi(1, z);
        double below = IncompleteGamma.ScaledTricomi(1 - 1e-9, z), above = IncompleteGamma.ScaledTricomi(1 + 1e-9, z);
        double slope = (IncompleteGamma.ScaledTricomi(1 + 1e-4, z) - IncompleteGamma.ScaledTricomi(1 - 1e-4, z)) / 2e-4;
        Assert.Equal(at - (1e-9 * slope), below, 1e-14);
        Assert.Equal(at + (1e-9 * slope), above, 1e-14);
    }

    [Fact]
    public void The_reciprocal_moment_has_its_limits()
    {
        // K(s, z) = E[1/(Y + z)] → E[1/Y] = 1/(s − 1) as z → 0 for s > 1; → 1/z as z → ∞; = 1/z at s = 0.
        AssertClose(1 / 1.5, IncompleteGamma.ReciprocalMoment(2.5, 1e-300), 1e-14);
        AssertClose(1 / 59.0, IncompleteGamma.ReciprocalMoment(60, 1e-300), 1e-14);
        AssertClose(1e-200, IncompleteGamma.ReciprocalMoment(0.6, 1e200), 1e-14);
        AssertClose(1 / 3.0, IncompleteGamma.ReciprocalMoment(0, 3), 1e-15);

        // s = 1: K = e^z E₁(z) ≈ −ln z − γ for small z, finite at a subnormal z.
        double k = IncompleteGamma.ReciprocalMoment(1, 1e-310);
        AssertClose(-Math.Log(1e-310) - 0.57721566490153286, k, 1e-14);
        Assert.True(double.IsFinite(IncompleteGamma.ReciprocalMoment(0.01, 1e-300)));
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Assert.Equal("s", Assert.Throws<ArgumentOutOfRangeException>(() => IncompleteGamma.ScaledTricomi(-0.1, 1)).ParamName);
        Assert.Equal("z", Assert.Throws<ArgumentOutOfRangeException>(() => IncompleteGamma.ScaledTricomi(1, 0)).ParamName);
        Assert.Equal("z", Assert.Throws<ArgumentOutOfRangeException>(() => IncompleteGamma.ReciprocalMoment(1, double.NaN)).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentOutOfRangeException>(() => IncompleteGamma.Upper(1.5, 1)).ParamName);
    }

    internal static void AssertClose(double expected, double actual, double relative) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2})");
}

/// <summary>The divided difference of ln Γ that the incomplete gamma function and the BG/BB discounting rely on.</summary>
public sealed class LogGammaDifferenceTests
{
    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(1, -0.5)]
    [InlineData(0.3, 0.9)]
    [InlineData(8.783, -0.343)]
    [InlineData(1000, 0.657)]
    [InlineData(20, 3)]
    public void Away_from_zero_steps_it_is_the_plain_difference(double x, double h) =>
        // Large steps do not cancel: [ln Γ(x + h) − ln Γ(x)]/h from MathNet's GammaLn is exact enough to compare.
        Assert.Equal((SpecialFunctions.GammaLn(x + h) - SpecialFunctions.GammaLn(x)) / h, LogGammaDifference.Quotient(x, h), 1e-13);

    [Theory]
    [InlineData(1)]
    [InlineData(0.02)]
    [InlineData(2.783)]
    [InlineData(1e5)]
    public void At_a_zero_step_it_is_the_digamma_function(double x) =>
        IncompleteGammaTests.AssertClose(SpecialFunctions.DiGamma(x), LogGammaDifference.Quotient(x, 0), 1e-13);

    [Fact]
    public void Small_steps_keep_full_precision()
    {
        // ln Γ(1 + h)/h = −γ + ζ(2)h/2 − ζ(3)h²/3 + … (A&S 6.1.33), to which the plain difference would lose 8 digits.
        double h = 1e-8;
        double series = -0.57721566490153286 + (Math.PI * Math.PI / 12 * h) - (1.2020569031595943 / 3 * h * h);
        IncompleteGammaTests.AssertClose(series, LogGammaDifference.Quotient(1, h), 3e-15);
        IncompleteGammaTests.AssertClose(-0.57721566490153286 - (Math.PI * Math.PI / 12 * h), LogGammaDifference.Quotient(1, -h), 3e-15);
    }
}
