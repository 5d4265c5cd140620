namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>MBG/NBD (Batislam, Denizel &amp; Filiztekin 2007) on the CDNOW sample, against the BTYDplus estimates
/// listed in the shared data README (r, α, a, b = 0.525, 6.183, 0.891, 1.614; LL about −9582.13).</summary>
public sealed class MbgNbdTests
{
    private static readonly Lazy<MbgNbdModel> Fitted = new(() => MbgNbdModel.Fit(CdnowData.Rfm));

    [Fact]
    public void The_fit_on_cdnow_reproduces_the_reference_estimates()
    {
        var model = Fitted.Value;
        var fit = model.FitResult!;
        Assert.True(fit.Convergence.Converged, fit.ToString());
        Assert.Equal(0.525, model.Parameters.R, 3);
        Assert.Equal(6.183, model.Parameters.Alpha, 3);
        Assert.Equal(0.891, model.Parameters.A, 3);
        Assert.Equal(1.614, model.Parameters.B, 3);
        Assert.Equal(-9582.13, fit.LogLikelihood, 2);
    }

    [Fact]
    public void Without_repeat_purchases_a_customer_may_already_be_gone()
    {
        // P(alive | x = 0, T) = 1/(1 + a/b · ((α + T)/α)^r), about 0.39 at T = 38.86 here, where BG/NBD says 1.
        var model = new MbgNbdModel(new BgNbdParameters(0.525, 6.183, 0.891, 1.614), TimeUnit.Weeks);
        Assert.Equal(1 / (1 + (0.891 / 1.614 * Math.Pow((6.183 + 38.86) / 6.183, 0.525))), model.ProbabilityAlive(0, 0, 38.86), 14);

        // E[X(t)] of a new customer is the conditional expectation from (0, 0, 0): b/(a + b) × BG-bracket.
        double sum = Enumerable.Range(0, 400).Sum(x => x * model.ProbabilityOfPurchases(x, 39));
        Assert.Equal(model.ExpectedPurchases(39), sum, 9);
        Assert.Equal(1, Enumerable.Range(0, 400).Sum(x => model.ProbabilityOfPurchases(x, 39)), 10);
    }

    [Theory]
    [InlineData(0, 0, 0.0, 0.004368239292013634)]
    [InlineData(10, 0.0265, 0.5, 4.777468006640782e-13)]
    [InlineData(0, 0, 94.0, 1.6037046695857032e-35)]
    public void An_extreme_case_found_by_the_property_tests_agrees_with_40_digit_arithmetic(int x, double recency, double age, double expected)
    {
        // r, α, a, b = 0.120226, 0.0112202, 87.0964, 0.5 and t = 1250 weeks: z = t/(α + T + t) is within 10⁻⁵ of 1 and the
        // ₂F₁ series grows past 10³⁰⁰ before it decays, which once gave NaN. And r, α, a, b = 9.54993, 0.0158489,
        // 14.4544, 51.2861 with t = 1000 (z = 0.914), where the connection formula lost 6 digits to cancellation.
        // Reference: MBG/NBD's E[Y(t)] evaluated with mpmath 1.3 at 40 digits (x = 0 and T = 0 is E[X(t)]).
        var model = age == 94.0
            ? new MbgNbdModel(new BgNbdParameters(9.54993, 0.0158489, 14.4544, 51.2861), TimeUnit.Weeks)
            : new MbgNbdModel(new BgNbdParameters(0.120226, 0.0112202, 87.0964, 0.5), TimeUnit.Weeks);
        double t = age == 94.0 ? 1000 : 1250;
        double actual = age == 0 ? model.ExpectedPurchases(t) : model.ConditionalExpectedPurchases(t, x, recency, age);
        Assert.Equal(expected, actual, expected * 1e-9);
    }

    [Fact]
    public void At_a_equal_to_1_with_a_large_r_the_limit_is_taken()
    {
        // Found by the property tests: r = 79.4328, α = 0.0128825, a = 1, b = 0.186209; x = 3, t_x = 0.00621, T = 0.01.
        // The bracket is 0/0 at a = 1 and its transformed series cancels; reference: mpmath at 50 digits with
        // a = 1 + 10⁻¹¹.
        var model = new MbgNbdModel(new BgNbdParameters(79.4328, 0.0128825, 1, 0.186209), TimeUnit.Weeks);
        Assert.Equal(5.268558799344433e-05, model.ConditionalExpectedPurchases(168, 3, 0.00621, 0.01), 1e-14);
        Assert.Equal(5.572890880580332e-05, model.ConditionalExpectedPurchases(336, 3, 0.00621, 0.01), 1e-14);
    }
}
