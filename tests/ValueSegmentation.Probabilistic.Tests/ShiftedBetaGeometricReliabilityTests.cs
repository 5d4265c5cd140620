namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>
/// The shifted-beta-geometric model at the edges of its domain (issue 9, finding 13 and the sBG items of finding 4).
/// Reference values are mpmath 1.3 evaluations (40 to 50 digits) of the definitions of Fader &amp; Hardie (2007), "How to
/// Project Customer Retention", J. Interactive Marketing 21(1): S(t) = B(α, β + t)/B(α, β) (eq. 4, as
/// exp(lnΓ(β + t) − lnΓ(β) − lnΓ(α + β + t) + lnΓ(α + β))), P(T = t) = B(α + 1, β + t − 1)/B(α, β) (eq. 3); and of
/// Fader &amp; Hardie (2010), "Customer-Base Valuation in a Contractual Setting", Marketing Science 29(1):
/// DEL = ₂F₁(1, β; α + β; 1/(1 + d)) (eq. 5, mpmath.hyp2f1) and DERL = Σ_{t≥n} S(t)/S(n − 1)·(1 + d)^(n − t)
/// (eq. 6 as its defining sum, summed by S(t + 1)/S(t) = (β + t)/(α + β + t) to 10⁻³⁰).
/// </summary>
public sealed class ShiftedBetaGeometricReliabilityTests
{
    public static TheoryData<double, double, double[]> LargeBeta() => new()
    {
        // α, β, [S(1), S(2), S(1000), P(T = 2)]
        { 1e-3, 1e6, [0.999999999, 0.999999998000001, 0.99999900049966742, 9.99998998001003e-10] },
        { 0.5, 1e10, [0.99999999995, 0.9999999999, 0.99999995000000375, 4.999999999e-11] },
        { 3, 1e15, [0.999999999999997, 0.999999999999994, 0.999999999997, 2.999999999999979e-15] },
        { 0.704, 1.182, [0.62672322375397667, 0.47384271456381743, 0.0080047040193076456, 0.15288050919015924] },
    };

    [Theory]
    [MemberData(nameof(LargeBeta))]
    public void Survival_and_churn_are_accurate_and_survival_never_exceeds_one(double alpha, double beta, double[] reference)
    {
        // Before the fix S(t) was the difference of two ln B values of the order of β ln β: above 1 (1.0000000018626451 in
        // the probe) and wrong in the 9th digit for β ≥ 10⁶.
        var model = new ShiftedBetaGeometricModel(new ShiftedBetaGeometricParameters(alpha, beta));
        int[] periods = [1, 2, 1000];
        for (int i = 0; i < periods.Length; i++)
        {
            double survival = model.Survival(periods[i]);
            Assert.InRange(survival, 0, 1);
            AssertClose(reference[i], survival, 1e-14);
        }

        AssertClose(reference[3], model.ChurnProbability(2), 1e-13);
        Assert.Equal(1, model.Survival(0));
    }

    [Fact]
    public void Survival_retention_and_churn_stay_in_the_unit_interval_over_the_whole_parameter_range()
    {
        // The whole domain of the parameters, [10⁻¹⁰, 10¹⁵], edges included; beyond it they are refused.
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => new ShiftedBetaGeometricParameters(1e-300, 1)).ParamName);
        Assert.Equal("beta", Assert.Throws<ArgumentOutOfRangeException>(() => new ShiftedBetaGeometricParameters(1, 1e300)).ParamName);
        double[] values = [1e-10, 1e-3, 0.5, 3, 1e6, 1e15];
        foreach (double alpha in values)
        {
            foreach (double beta in values)
            {
                var model = new ShiftedBetaGeometricModel(new ShiftedBetaGeometricParameters(alpha, beta));
                foreach (int t in new[] { 1, 2, 1000, int.MaxValue })
                {
                    string at = $"(α, β) = ({alpha}, {beta}), t = {t}";
                    Assert.True(model.Survival(t) is >= 0 and <= 1, $"S = {model.Survival(t)} at {at}");
                    Assert.True(model.ChurnProbability(t) is >= 0 and <= 1, $"P(T = t) = {model.ChurnProbability(t)} at {at}");
                    Assert.True(model.Retention(t) is >= 0 and <= 1, $"r = {model.Retention(t)} at {at}");
                }
            }
        }
    }

    [Fact]
    public void Discounted_lifetimes_are_accurate_at_tiny_rates_and_for_large_beta_and_long_tenure()
    {
        var published = new ShiftedBetaGeometricModel(new ShiftedBetaGeometricParameters(0.704, 1.182));

        // DEL at d = 10⁻⁹, 10⁻¹² (20 % off at 10⁻⁹ in the probe) and DERL with 500 renewals (−5.6e10 in the probe).
        AssertClose(1448.0744982213782, published.DiscountedExpectedLifetime(1e-9), 1e-12);
        AssertClose(11209.125458422206, published.DiscountedExpectedLifetime(1e-12), 1e-12);
        AssertClose(10.835735464175901, published.DiscountedExpectedResidualLifetime(0.1, 500), 1e-12);
        AssertClose(10.999914817612146, published.DiscountedExpectedResidualLifetime(0.1, 1_000_000), 1e-12);

        // DEL for β = 1,000 (−6.5e30 in the probe).
        AssertClose(10.923896637871943, new ShiftedBetaGeometricModel(new ShiftedBetaGeometricParameters(0.704, 1000)).DiscountedExpectedLifetime(0.1), 1e-12);
        AssertClose(100.99998980002602, new ShiftedBetaGeometricModel(new ShiftedBetaGeometricParameters(1e-3, 0.5)).DiscountedExpectedResidualLifetime(0.01, 1_000_000), 1e-12);
    }

    [Fact]
    public void Bad_rates_and_tenures_are_rejected_naming_the_callers_argument()
    {
        var model = new ShiftedBetaGeometricModel(new ShiftedBetaGeometricParameters(0.704, 1.182));
        foreach (double rate in new[] { 0, -0.5, double.NaN, double.PositiveInfinity })
        {
            Assert.Equal("discountRate", Assert.Throws<ArgumentOutOfRangeException>(() => model.DiscountedExpectedLifetime(rate)).ParamName);
            Assert.Equal("discountRate", Assert.Throws<ArgumentOutOfRangeException>(() => model.DiscountedExpectedResidualLifetime(rate, 3)).ParamName);
        }

        // A subnormal rate with α near 0: the lifetime, about d^(α − 1), exceeds the range of a double; never ∞.
        var loyal = new ShiftedBetaGeometricModel(new ShiftedBetaGeometricParameters(1e-3, 1));
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => loyal.DiscountedExpectedLifetime(1e-310));
        Assert.Equal("discountRate", exception.ParamName);
        Assert.Equal(1e-310, exception.ActualValue);

        // Tenures beyond the documented bound (the probe's int.MaxValue renewals gave NaN after a minute).
        Assert.Equal("renewals", Assert.Throws<ArgumentOutOfRangeException>(() => model.DiscountedExpectedResidualLifetime(0.1, int.MaxValue)).ParamName);
        Assert.Equal("renewals", Assert.Throws<ArgumentOutOfRangeException>(() => model.DiscountedExpectedResidualLifetime(0.1, -1)).ParamName);

        // A projection holds one value per period: int.MaxValue periods overflowed the array size (OverflowException).
        Assert.Equal("periods", Assert.Throws<ArgumentOutOfRangeException>(() => model.Project(1000, int.MaxValue)).ParamName);
    }

    private static void AssertClose(double expected, double actual, double relative) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");
}
