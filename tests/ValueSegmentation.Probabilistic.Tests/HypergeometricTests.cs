using ValueSegmentation.Probabilistic.Numerics;

namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>₂F₁ against closed forms (Abramowitz &amp; Stegun 15.1.3–15.1.8 and the definition).</summary>
public sealed class HypergeometricTests
{
    public static TheoryData<double> Arguments => [0.1, 0.5, 0.85, 0.95, 0.999];

    [Theory]
    [MemberData(nameof(Arguments))]
    public void Log_identity_2F1_1_1_2(double z) =>
        // A&S 15.1.3: F(1, 1; 2; z) = −ln(1 − z)/z. c − a − b = 0 is an integer, so near 1 this takes the long series.
        AssertClose(-Math.Log(1 - z) / z, Hypergeometric.Gauss2F1(1, 1, 2, z), 1e-13);

    [Theory]
    [MemberData(nameof(Arguments))]
    public void Binomial_identity_2F1_a_b_b(double z)
    {
        // A&S 15.1.8: F(a, b; b; z) = (1 − z)^(−a), for any b that is not a pole, including negative b.
        AssertClose(Math.Pow(1 - z, -2.5), Hypergeometric.Gauss2F1(2.5, 0.7, 0.7, z), 1e-13);
        AssertClose(Math.Pow(1 - z, -1.5), Hypergeometric.Gauss2F1(1.5, -0.5, -0.5, z), 1e-13);
        AssertClose(Math.Pow(1 - z, 0.3), Hypergeometric.Gauss2F1(-0.3, 4.2, 4.2, z), 1e-13);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    public void Arcsine_identity(double x) =>
        // A&S 15.1.6: F(1/2, 1/2; 3/2; x²) = arcsin(x)/x.
        AssertClose(Math.Asin(x) / x, Hypergeometric.Gauss2F1(0.5, 0.5, 1.5, x * x), 1e-13);

    [Theory]
    [InlineData(0.5)]
    [InlineData(2)]
    [InlineData(30)]
    public void Arctangent_identity_for_negative_arguments(double x) =>
        // A&S 15.1.5: F(1/2, 1; 3/2; −x²) = arctan(x)/x; z down to −900 goes through the Pfaff transformation.
        AssertClose(Math.Atan(x) / x, Hypergeometric.Gauss2F1(0.5, 1, 1.5, -x * x), 1e-13);

    [Fact]
    public void A_terminating_series_is_a_polynomial_even_when_c_is_a_negative_integer()
    {
        // F(−2, b; c; z) = 1 − 2bz/c + b(b + 1)z²/(c(c + 1)); with c = −3 the series stops before the pole.
        double b = 1.7, c = -3, z = 0.4;
        AssertClose(1 - (2 * b * z / c) + (b * (b + 1) * z * z / (c * (c + 1))), Hypergeometric.Gauss2F1(-2, b, c, z), 1e-15);
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Assert.Equal("c", Assert.Throws<ArgumentOutOfRangeException>(() => Hypergeometric.Gauss2F1(0.5, 1, -1, 0.3)).ParamName);
        Assert.Equal("z", Assert.Throws<ArgumentOutOfRangeException>(() => Hypergeometric.Gauss2F1(0.5, 1, 2, 1)).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentOutOfRangeException>(() => Hypergeometric.Gauss2F1(double.NaN, 1, 2, 0.5)).ParamName);
        Assert.Equal(1, Hypergeometric.Gauss2F1(3, 4, 5, 0));
    }

    [Fact]
    public void Issue9_negative_argument_with_large_parameters_does_not_cancel() =>
        // Issue 9, finding 4: the Pfaff transform to a terminating-like alternating series gave 11.26. mpmath: 6.2016369528083030e-6.
        AssertClose(6.2016369528083030e-6, Hypergeometric.Gauss2F1(2.5, 100, 1, -0.9), 1e-12);

    [Theory]
    [InlineData(223.477, 219.472, 473.385, 0.911245, 8.947348588530083E+73)]
    [InlineData(200.119, 765.571, 990.383, 0.928114, 2.5592006723557385E+128)]
    [InlineData(0.0370736, 1680.67, 1953.3, 0.99759551, 1.0752110977289369)]
    [InlineData(1, 2049.97, 6465.4, 0.99437902, 1.4605659958751098)]
    public void Issue9_large_parameters_near_one_neither_cancel_nor_overflow(double a, double b, double c, double z, double expected) =>
        // Issue 9, finding 4: the connection formula cancelled (wrong sign, 10¹⁸³) or "overflowed a double" on finite values (mpmath).
        AssertClose(expected, Hypergeometric.Gauss2F1(a, b, c, z), 1e-11);

    [Fact]
    public void Values_beyond_the_range_of_a_double_are_refused_or_given_as_logarithms()
    {
        Assert.Equal("z", Assert.Throws<ArgumentOutOfRangeException>(() => Hypergeometric.Gauss2F1(300, 1000, 2, 0.99)).ParamName);
        Assert.True(Hypergeometric.LogGauss2F1(300, 1000, 2, 0.99, out int sign) > 709 && sign == 1);
    }

    private static void AssertClose(double expected, double actual, double relative) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2})");
}
