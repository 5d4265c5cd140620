using ValueSegmentation.Segmentation;

namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>
/// Issue 9, found by the adversarial suite (<c>Adversarial/ModelContractProperties</c>) after the probe's findings were
/// fixed: parameter regions a boundary fit reaches, where values were refused or took seconds, and the edges of the
/// time domain. References are 40- to 80-digit mpmath 1.3 evaluations of the papers' equations — Pareto/NBD P(alive)
/// from Fader &amp; Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related Expressions", eq. 22 with its A₀
/// for α ≥ β; BG/NBD E[X(t)] and E[Y(t) | x, t<sub>x</sub>, T] from Fader, Hardie &amp; Lee (2005), Marketing Science
/// 24(2), eqs. 9 and 10 — with each ₂F₁ summed term by term (all terms positive) unless a test says mpmath.hyp2f1.
/// </summary>
public sealed class ExtremeParameterTests
{
    /// <summary>Gamma-Gamma at the CDNOW estimates (Fader, Hardie &amp; Lee 2005): the spend model of every lifetime value here.</summary>
    private static readonly GammaGammaModel CdnowSpend = new(new GammaGammaParameters(6.25, 3.74, 15.44));

    /// <summary>A boundary fit's neighbourhood: r + x ≈ 12,900 with z = (α − β)/(α + t) within 4·10⁻⁶ of 1. Every
    /// representation of the general ₂F₁ cancels there (it was refused, naming 'z'); the continued fraction does not.</summary>
    [Fact]
    public void Pareto_nbd_p_alive_with_large_shape_and_z_next_to_one_matches_mpmath()
    {
        var model = new ParetoNbdModel(new ParetoNbdParameters(8689.604293, 1e8, 0.01905460718, 0.00423642966), TimeUnit.Weeks);
        Assert.Equal(0.99155528668436448049, model.ProbabilityAlive(4208, 390.59394, 605.572), 1e-11);
    }

    /// <summary>s near 0 with z within 10⁻⁸ of 1: the connection formula cancels (d = s) and the series is far too long;
    /// the continued fraction needs 170,000 terms (it was capped below that and the value refused, naming 'z'). Reference:
    /// mpmath.hyp2f1 at 60 digits in the same eq. 22/23 of Fader &amp; Hardie (2005).</summary>
    [Fact]
    public void Pareto_nbd_p_alive_with_s_near_zero_and_z_within_1e_8_of_one_matches_mpmath()
    {
        var model = new ParetoNbdModel(new ParetoNbdParameters(328.0952931, 1e8, 0.001936421964, 1.035142167), TimeUnit.Weeks);
        Assert.Equal(0.99335503340772571095, model.ProbabilityAlive(0, 0, 31.337), 1e-11);
    }

    /// <summary>Beyond the computed domain (s near 0 with 1 − z = 3·10⁻¹⁴: the continued fraction would need 10⁸ terms and
    /// the connection formula cancels) P(alive) is refused, naming the caller's argument: the age for one history, the
    /// customers for a batch (it named the age there too).</summary>
    [Fact]
    public void A_refused_p_alive_names_the_callers_argument_one_at_a_time_and_in_a_batch()
    {
        var model = new ParetoNbdModel(new ParetoNbdParameters(328.0952931, 1e15, 0.0019, 1.035142167), TimeUnit.Weeks);
        Assert.Equal("age", Assert.Throws<ArgumentOutOfRangeException>(() => model.ProbabilityAlive(0, 0, 31.337)).ParamName);
        var customers = new[] { ValueSegmentation.Transactions.CustomerSummary.FromNumbers("q", 0, 0, 31.337, TimeUnit.Weeks) };
        Assert.Equal("customers", Assert.Throws<ArgumentOutOfRangeException>(() => model.ProbabilityAlive(customers, new double[1])).ParamName);
    }

    /// <summary>BG/NBD with b = 10⁸ (almost nobody drops out): the ₂F₁(r + x, b + x; a + b + x − 1; z) series was
    /// declined as 10⁸ terms long, and the bracket then summed its long series for each horizon (a lifetime value took
    /// 9.9 s); its terms settle after r + x terms, the b + x pair's factor being below 1.</summary>
    [Theory]
    [InlineData(4, 0.87356079983408302846)]
    [InlineData(512, 111.79206831104338951)]
    public void Bg_nbd_with_a_huge_b_predicts_like_mpmath(double t, double expected)
    {
        var model = new BgNbdModel(new BgNbdParameters(60.53408748, 0.02805433638, 377.5721909, 1e8), TimeUnit.Weeks);
        double value = model.ConditionalExpectedPurchases(t, 18, 354.897564, 359.572);
        Assert.True(Math.Abs(value - expected) <= 1e-10 * expected, $"{value} vs {expected}");
    }

    [Fact]
    public void Lifetime_value_with_a_huge_b_grows_with_the_horizon_and_stays_finite()
    {
        var purchases = new BgNbdModel(new BgNbdParameters(60.53408748, 0.02805433638, 377.5721909, 1e8), TimeUnit.Weeks);
        double Value(int? horizon) => new ProbabilisticLifetimeValue(purchases, CdnowSpend, TimeUnit.Weeks, 0.0828, horizon).Evaluate(18, 354.897564, 359.572, 341.19);
        double year = Value(12), tenYears = Value(120), forever = Value(null);
        Assert.True(year > 0 && year < tenYears && tenYears < forever && double.IsFinite(forever), $"{year}, {tenYears}, {forever}");
    }

    /// <summary>a + b = 1 puts E[X(t)]'s ₂F₁(r, b; a + b − 1; z) on its pole; the value is the limit, refused before for
    /// long horizons (found by <c>ModelProperties</c>). Reference: mpmath.hyp2f1 at 80 digits with b = 0.5 ± 10⁻³⁰ (both
    /// sides agree to 10⁻²⁵) in Fader, Hardie &amp; Lee (2005), eq. 9.</summary>
    /// <remarks>Just off the pole (b = 0.5 + 10⁻¹², mpmath at the exact double) the direct form carried the rounding of
    /// 1 − z about 45 times (1.7·10⁻⁸ relative); it now takes Euler's transformation there.</remarks>
    [Theory]
    [InlineData(0.5, 100, 709.968662076590132)]
    [InlineData(0.5, 2566, 3596.39819085435062)]
    [InlineData(0.5, 100_000, 22451.1946391343062)]
    [InlineData(0.500000000001, 100_000, 22451.194639165427522)]
    public void Bg_nbd_expected_purchases_at_a_plus_b_equal_to_one_match_the_limit(double b, double t, double expected)
    {
        var model = new BgNbdModel(new BgNbdParameters(44.6683592150963, 0.0112202, 0.5, b), TimeUnit.Weeks);
        double value = model.ExpectedPurchases(t);
        Assert.True(Math.Abs(value - expected) <= 1e-12 * expected, $"{value} vs {expected}");
    }

    /// <summary>a − r an integer makes c − a − b of the ₂F₁ in E[X(t)] an integer, where the connection formula is
    /// singular (and within 10⁻⁵ of one, where it cancels); near z = 1 the value was refused (found by
    /// <c>ModelProperties</c> at r = 100, a = 2). References:
    /// mpmath.hyp2f1 at 50 digits in Fader, Hardie &amp; Lee (2005) eq. 9 and its MBG/NBD analogue (Batislam, Denizel
    /// &amp; Filiztekin 2007), b/(a − 1)·[1 − (α/(α + t))^r ₂F₁(r, b + 1; a + b; t/(α + t))].</summary>
    [Theory]
    [InlineData("MBG/NBD", 100, 0.0147911, 2, 0.5, 2555, 0.49999995614333285)]
    [InlineData("MBG/NBD", 100, 0.0147911, 2, 0.5, 100_000, 0.499999998879462122)]
    [InlineData("BG/NBD", 1, 2, 3, 1, 1_000_000, 1.49999400015746838)]
    [InlineData("MBG/NBD", 100, 0.0147911, 2.000000001, 0.5, 100_000, 0.49999999837946215)]
    [InlineData("MBG/NBD", 100, 0.0147911, 2.0000001, 0.5, 100_000, 0.49999994887946943)]
    public void Expected_purchases_with_an_integer_connection_exponent_match_mpmath(string model, double r, double alpha, double a, double b, double t, double expected)
    {
        RepeatPurchaseModel m = model == "BG/NBD"
            ? new BgNbdModel(new BgNbdParameters(r, alpha, a, b), TimeUnit.Weeks)
            : new MbgNbdModel(new BgNbdParameters(r, alpha, a, b), TimeUnit.Weeks);
        double value = m.ExpectedPurchases(t);
        Assert.True(Math.Abs(value - expected) <= 1e-10 * expected, $"{value} vs {expected}");
    }

    /// <summary>Issue 9, finding 8, for Pareto/NBD: its likelihood tabulated lnΓ(r + x) − lnΓ(r) and ψ(r + x) − ψ(r) up to
    /// the largest x, so x = int.MaxValue overflowed the array size (32 GB). Beyond 4,096 they come from the special
    /// functions (MathNet's GammaLn and DiGamma). Checked here: such a row gives a finite log-likelihood, a fit on it
    /// finishes, and the log-likelihood stays a sum over customers whatever the table's length.</summary>
    [Fact]
    public void Pareto_nbd_likelihood_of_the_largest_frequency_needs_no_tables_of_its_size()
    {
        var model = new ParetoNbdModel(new ParetoNbdParameters(0.55, 10.58, 0.61, 11.67), TimeUnit.Weeks);
        RepeatPurchaseData Rows(params int[] x) => RepeatPurchaseData.FromColumns(x, [.. x.Select(v => v == 0 ? 0.0 : 30)], [.. x.Select(_ => 38.0)], TimeUnit.Weeks);
        double all = model.LogLikelihood(Rows(int.MaxValue, 5000, 2, 0));
        double parts = model.LogLikelihood(Rows(int.MaxValue)) + model.LogLikelihood(Rows(5000)) + model.LogLikelihood(Rows(2, 0));
        Assert.True(double.IsFinite(all) && Math.Abs(all - parts) <= 1e-12 * Math.Abs(all), $"{all:R} vs {parts:R}");
        Assert.True(double.IsFinite(ParetoNbdModel.Fit(Rows(int.MaxValue, 0, 1, 2, 5)).FitResult!.LogLikelihood));
    }

    [Fact]
    public void Lifetime_value_refuses_a_mean_spend_it_would_overflow_on_naming_it()
    {
        var purchases = new BgNbdModel(new BgNbdParameters(5308.844442, 0.01757923614, 0.4027170343, 5754.399373), TimeUnit.Weeks);
        var clv = new ProbabilisticLifetimeValue(purchases, CdnowSpend, TimeUnit.Years, 0.0172, horizonPeriods: null);
        Assert.Equal("meanSpend", Assert.Throws<ArgumentOutOfRangeException>(() => clv.Evaluate(22, 0, 0, double.MaxValue)).ParamName);
        var rejecting = new ProbabilisticLifetimeValue(
            purchases, new GammaGammaModel(CdnowSpend.Parameters, NonPositiveSpend.Reject), TimeUnit.Years, 0.0172, horizonPeriods: null);
        var refund = ValueSegmentation.Transactions.CustomerSummary.FromNumbers("r", 2, 10, 20, TimeUnit.Weeks, monetaryValue: 0);
        Assert.Equal("customer", Assert.Throws<ArgumentOutOfRangeException>(() => rejecting.Evaluate(refund)).ParamName); // the caller's argument
        Assert.True(double.IsFinite(clv.Evaluate(22, 0, 0, 100)));
    }

    /// <summary>A BG/NBD population where a customer is almost surely gone (P(alive) ≈ 10⁻⁵⁰) and b = 10⁸: the bracket's
    /// series was summed to 10⁸ terms per period (a century of yearly periods took 15 s). Its terms settle after a − 1;
    /// the value is the sum of its periods, so it grows with the horizon.</summary>
    [Fact]
    public void Lifetime_value_of_an_almost_surely_lost_customer_with_a_huge_b_is_small_and_grows_with_the_horizon()
    {
        var purchases = new BgNbdModel(new BgNbdParameters(679.2036326, 271.6439269, 84.9180475, 1e8), TimeUnit.Weeks);
        double Value(int? horizon) => new ProbabilisticLifetimeValue(purchases, CdnowSpend, TimeUnit.Years, 0.0273, horizon).Evaluate(14, 355.673084, 492.622, 18.7);
        double decade = Value(10), century = Value(100), forever = Value(null);
        Assert.True(decade > 0 && decade < century && century < forever && forever < 1e-40, $"{decade}, {century}, {forever}");
    }

    /// <summary>At the smallest positive horizon t/(α + t) underflows to 0: x ln 0 at x = 0 was NaN. Nobody buys in no
    /// time, so P(X(t) = 0) = 1.</summary>
    [Fact]
    public void No_purchase_is_certain_in_the_smallest_positive_horizon()
    {
        RepeatPurchaseModel[] models =
        [
            new BgNbdModel(new BgNbdParameters(701.4552984, 3908.408958, 0.03213660539, 8.14704284), TimeUnit.Weeks),
            new MbgNbdModel(new BgNbdParameters(701.4552984, 3908.408958, 0.03213660539, 8.14704284), TimeUnit.Weeks),
            new ParetoNbdModel(new ParetoNbdParameters(701.4552984, 3908.408958, 0.03213660539, 8.14704284), TimeUnit.Weeks),
        ];
        Assert.All(models, m => Assert.Equal(1, m.ProbabilityOfPurchases(0, double.Epsilon), 12));
        Assert.All(models, m => Assert.Equal(0, m.ProbabilityOfPurchases(1, double.Epsilon), 12));
    }

    [Fact]
    public void Times_beyond_a_billion_time_units_are_refused_naming_the_argument()
    {
        var model = new BgNbdModel(new BgNbdParameters(0.243, 4.414, 0.793, 2.426), TimeUnit.Weeks);
        Assert.Equal("t", Assert.Throws<ArgumentOutOfRangeException>(() => model.ConditionalExpectedPurchases(2e9, 1, 1, 2)).ParamName);
        Assert.Equal("t", Assert.Throws<ArgumentOutOfRangeException>(() => model.ExpectedPurchases(2e9)).ParamName);
        Assert.Equal("horizon", Assert.Throws<ArgumentOutOfRangeException>(() => CustomerMeasure.ExpectedPurchases(model, 2e9)).ParamName);
        Assert.Equal("age", Assert.Throws<ArgumentException>(() => RepeatPurchaseData.FromColumns([1], [1.0], [2e9], TimeUnit.Weeks)).ParamName);
        Assert.Equal("age", Assert.Throws<ArgumentException>(() => model.ProbabilityAlive(1, 1, 2e9)).ParamName);
        Assert.Equal("recency", Assert.Throws<ArgumentException>(() => model.ProbabilityAlive(1, 3, 2)).ParamName);
        Assert.Equal("frequency", Assert.Throws<ArgumentException>(() => model.ProbabilityAlive(-1, 0, 2)).ParamName);
        Assert.True(double.IsFinite(model.ExpectedPurchases(1e9))); // the bound itself is in the domain
    }

    [Fact]
    public void Pareto_nbd_probability_of_purchases_takes_at_most_a_thousand()
    {
        var model = new ParetoNbdModel(new ParetoNbdParameters(0.55, 10.58, 0.61, 11.67), TimeUnit.Weeks);
        double p = model.ProbabilityOfPurchases(1_000, 39);
        Assert.InRange(p, 0, 1e-15); // practically 0; the sum's documented absolute accuracy is 3·10⁻¹⁶
        Assert.Equal("purchases", Assert.Throws<ArgumentOutOfRangeException>(() => model.ProbabilityOfPurchases(1_001, 39)).ParamName);
    }
}
