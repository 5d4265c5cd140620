namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>
/// BG/NBD against Fader, Hardie &amp; Lee (2005), "'Counting Your Customers' the Easy Way", Marketing Science 24(2),
/// on the CDNOW sample (2,357 customers, weeks); the published values are listed in data/README.md of the shared
/// reference data.
/// </summary>
public sealed class BgNbdTests
{
    private static readonly Lazy<BgNbdModel> Fitted = new(() => BgNbdModel.Fit(CdnowData.Rfm));

    /// <summary>The published (rounded) estimates, Marketing Science 24(2), section 4.</summary>
    private static readonly BgNbdModel Published = new(new BgNbdParameters(0.243, 4.414, 0.793, 2.426), TimeUnit.Weeks);

    [Fact]
    public void The_fit_on_cdnow_reproduces_the_published_estimates_to_three_decimals()
    {
        var model = Fitted.Value;
        var fit = model.FitResult!;
        Assert.True(fit.Convergence.Converged, fit.ToString());
        Assert.Equal(0.243, model.Parameters.R, 3);
        Assert.Equal(4.414, model.Parameters.Alpha, 3);
        Assert.Equal(0.793, model.Parameters.A, 3);
        Assert.Equal(2.426, model.Parameters.B, 3);
        Assert.Equal(-9582.4, fit.LogLikelihood, 1);
        Assert.Equal(2357, fit.Customers);
        Assert.Equal(fit.LogLikelihood, model.LogLikelihood(CdnowData.Rfm), 9);

        // Standard errors exist and are small relative to the estimates (a well-identified maximum).
        Assert.NotNull(fit.StandardErrors);
        Assert.All(fit.StandardErrors!.Zip(fit.Parameters), p => Assert.InRange(p.First, 1e-4 * p.Second, 0.5 * p.Second));
        Assert.Equal(fit.StandardErrors![0] * fit.StandardErrors[0], fit.Covariance(0, 0), 12);
    }

    [Fact]
    public void The_unconditional_expectations_match_the_published_values()
    {
        // E[X(t)] at the maximum-likelihood estimate for t = 1/7, 1, 3, 31 6/7 and 32 weeks.
        var model = Fitted.Value;
        (double T, double Expected)[] published = [(0.1429, 0.0078), (1, 0.0532), (3, 0.1506), (31.8571, 1.0405), (32, 1.0437)];
        foreach (var (t, expected) in published)
        {
            Assert.Equal(expected, model.ExpectedPurchases(t), 4);
        }

        // At 78 weeks the published figure is 1.8576, but eq. 9 at the estimate gives 1.85796: evaluated with
        // 30-digit arithmetic (mpmath 1.3, hyp2f1) at r, α, a, b = 0.242594, 4.413568, 0.792919, 2.425881 it is
        // 1.857960476. The published value is reproduced within 4·10⁻⁴, and the formula to 10⁻⁸.
        Assert.Equal(1.8576, model.ExpectedPurchases(78), 0.0005);
        var precise = new BgNbdModel(new BgNbdParameters(0.242594, 4.413568, 0.792919, 2.425881), TimeUnit.Weeks);
        Assert.Equal(1.857960476, precise.ExpectedPurchases(78), 8);
    }

    [Fact]
    public void The_conditional_expectation_of_customer_1_is_1_226()
    {
        // Customer ID 1: x = 2, t_x = 30.43, T = 38.86; expected purchases in the next 39 weeks (paper, section 4).
        Assert.Equal(1.226, Fitted.Value.ConditionalExpectedPurchases(39, 2, 30.43, 38.86), 3);
        Assert.Equal(1.226, Published.ConditionalExpectedPurchases(39, 2, 30.43, 38.86), 3);
    }

    [Theory]
    [InlineData(2, 30.43, 38.86, 39, 1.2259058065159913)]
    [InlineData(0, 0, 38.86, 39, 0.19478166621562357)]
    [InlineData(29, 38.43, 38.86, 39, 19.677854100397575)]
    [InlineData(100, 300, 310, 52, 13.008701899192056)]
    [InlineData(1, 0.5, 1000, 1000, 0.004279723777705773)]
    [InlineData(2, 30.43, 38.86, 500, 7.168500508367659)]   // z = 0.92
    [InlineData(0, 0, 38.86, 2000, 3.1718775413108182)]     // z = 0.98
    [InlineData(0, 0, 38.86, 1_000_000, 29.745991238147337)] // z = 0.99996: the connection formula in 1 − z
    public void Conditional_expectations_agree_with_30_digit_arithmetic(int x, double recency, double age, double t, double expected)
    {
        // Reference: eq. 10 evaluated directly, with ₂F₁ and powers in 30-digit arithmetic (mpmath 1.3), at
        // r, α, a, b = 0.242594, 4.413568, 0.792919, 2.425881. The library uses the Euler-transformed series.
        var model = new BgNbdModel(new BgNbdParameters(0.242594, 4.413568, 0.792919, 2.425881), TimeUnit.Weeks);
        Assert.Equal(expected, model.ConditionalExpectedPurchases(t, x, recency, age), expected * 1e-11);
    }

    [Fact]
    public void A_large_r_that_made_the_transformed_series_cancel_agrees_with_50_digit_arithmetic()
    {
        // Found by the property tests: r, α, a, b = 64.5654, 0.5, 2, 1 makes A = a + b − 1 − r = −62.6, and the
        // Euler-transformed series alternates with terms near 10¹⁷; the library then sums the untransformed series
        // (positive terms) in log space. Reference: eq. 10 with mpmath 1.3 at 50 digits.
        var model = new BgNbdModel(new BgNbdParameters(64.5654, 0.5, 2, 1), TimeUnit.Weeks);
        Assert.Equal(0.4216061226153611, model.ConditionalExpectedPurchases(388.5, 1, 0.00138, 0.01), 1e-12);
        Assert.Equal(0.42161469477840097, model.ConditionalExpectedPurchases(777, 1, 0.00138, 0.01), 1e-12);
    }

    [Fact]
    public void Purchase_count_probabilities_match_the_published_values()
    {
        // At the rounded published parameters: P(X(39) = 0) = 0.5737864 and P(X(2) = 10) = 1.07869e-07.
        Assert.Equal(0.5737864, Published.ProbabilityOfPurchases(0, 39), 7);
        Assert.Equal(1.07869e-07, Published.ProbabilityOfPurchases(10, 2), 12);
        double total = Enumerable.Range(0, 200).Sum(x => Published.ProbabilityOfPurchases(x, 39));
        Assert.Equal(1, total, 10);
    }

    [Fact]
    public void Probability_alive_follows_the_closed_form()
    {
        // x = 2, t_x = 30.43, T = 38.86: 1/(1 + a/(b + 1) · ((α + T)/(α + t_x))^(r + 2)), computed by hand.
        double expected = 1 / (1 + (0.793 / 3.426 * Math.Pow((4.414 + 38.86) / (4.414 + 30.43), 2.243)));
        Assert.Equal(expected, Published.ProbabilityAlive(2, 30.43, 38.86), 14);
        Assert.Equal(1, Published.ProbabilityAlive(0, 0, 38.86));
    }

    [Fact]
    public void Invalid_histories_and_units_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => Published.ProbabilityAlive(2, 40, 38.86));   // t_x > T
        Assert.Throws<ArgumentException>(() => Published.ProbabilityAlive(0, 3, 38.86));    // t_x > 0 without repeats
        Assert.Throws<ArgumentOutOfRangeException>(() => Published.ExpectedPurchases(double.NaN));
        var daily = RepeatPurchaseData.FromColumns([1], [3.0], [10.0], TimeUnit.Days);
        Assert.Throws<ArgumentException>(() => Published.LogLikelihood(daily));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BgNbdParameters(0.2, -1, 1, 1));
    }
}
