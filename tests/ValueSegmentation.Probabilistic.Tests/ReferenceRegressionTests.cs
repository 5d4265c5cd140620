namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>
/// Issue 9, finding 7: outside the tested parameter range the BG/NBD family and Pareto/NBD were silently wrong by
/// orders of magnitude. Each input here was found by probing the library (randomised search over parameters from 10⁻³
/// to 10⁴); the expected values are mpmath's (Reference/reference_grid.py, 60 digits). Each failed before the fix
/// (the old value is in the comment). A prediction is now either accurate or refused with an
/// <see cref="ArgumentOutOfRangeException"/> naming the horizon: never a wrong number.
/// </summary>
public sealed class ReferenceRegressionTests
{
    [Fact]
    public void Pareto_nbd_p_alive_is_not_one_for_a_customer_long_gone()
    {
        // Was 1 (the connection formula cancelled inside ₂F₁(1, r + x; r + s + x + 1; z)); mpmath 3.389385380256946e-33.
        var model = new ParetoNbdModel(new ParetoNbdParameters(0.34718, 9055.42, 0.180384, 0.0821125), TimeUnit.Weeks);
        AssertClose(3.389385380256946E-33, model.ProbabilityAlive(3287, 70.6076, 294.001), 1e-10);
        AssertClose(6.475365245594167E-34, model.ConditionalExpectedPurchases(0.543444, 3287, 70.6076, 294.001), 1e-10);
    }

    [Fact]
    public void Mbg_nbd_expected_purchases_are_not_zero_for_a_heavy_buyer()
    {
        // Was 0 (the series cancelled to a negative number, clamped to 0); mpmath 113,440,151.66.
        var model = new MbgNbdModel(new BgNbdParameters(6751.257421812613, 0.004747565182016315, 0.01899277531775395, 1.5467371118197346), TimeUnit.Weeks);
        AssertAccurateOrRefused(113440151.65789499, () => model.ExpectedPurchases(111.83321550539214), 1e-6);
    }

    [Fact]
    public void Bg_nbd_expected_purchases_grow_with_the_horizon()
    {
        // Was 0 at t = 543.6 and 7.3e6 at half that horizon (decreasing in t); mpmath 617,154,471.40.
        var model = new BgNbdModel(new BgNbdParameters(4599.24842617588, 0.003607601693836595, 0.007134464214229416, 22.784233341336478), TimeUnit.Weeks);
        AssertAccurateOrRefused(617154471.40120241, () => model.ExpectedPurchases(543.5910731200486), 1e-6);
    }

    [Fact]
    public void Bg_nbd_conditional_expectation_is_not_zero_for_an_active_customer()
    {
        // E[Y(t) | alive] was 0 at t = 295.4 (2.2e6 at half the horizon); mpmath 4,017,463.79.
        var model = new BgNbdModel(new BgNbdParameters(8.675311224124323, 0.002470308302091327, 0.17431661933760578, 1.8392027857222368), TimeUnit.Weeks);
        AssertAccurateOrRefused(4017463.7891449128, () => model.ExpectedPurchasesIfAlive(295.36777971552146, 907, 0.011953239825469728), 1e-6);
    }

    [Fact]
    public void Bg_nbd_never_throws_an_arithmetic_exception()
    {
        // Threw ArithmeticException (Math.Sign(NaN) in the connection bracket); mpmath E[X(1.2833)] = 0.0090801129502609016.
        var model = new BgNbdModel(new BgNbdParameters(0.0011972658147579914, 0.16921162685741437, 0.020260643733270214, 8019.108988030862), TimeUnit.Weeks);
        AssertAccurateOrRefused(0.0090801129502609016, () => model.ExpectedPurchases(1.2833202069323641), 1e-6);
    }

    private static void AssertAccurateOrRefused(double expected, Func<double> compute, double relative)
    {
        double actual;
        try
        {
            actual = compute();
        }
        catch (ArgumentOutOfRangeException exception)
        {
            Assert.Equal("t", exception.ParamName);
            return;
        }

        AssertClose(expected, actual, relative);
    }

    private static void AssertClose(double expected, double actual, double relative) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2})");
}
