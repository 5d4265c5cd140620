using ValueSegmentation.Lifetime;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Tests.Lifetime;

public sealed class ClosedFormValueTests
{
    private static readonly DateTimeOffset Jan1 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The margin multiple r / (1 + d − r) on the grid of Gupta &amp; Lehmann (2003), "Customers as Assets",
    /// Journal of Interactive Marketing 17(1), Table 1; each value is also the hand computation, for example
    /// 0.9 / (1 + 0.12 − 0.9) = 0.9 / 0.22 = 4.0909 → 4.09.
    /// </summary>
    [Theory]
    [InlineData(0.6, 0.10, 1.20)]
    [InlineData(0.6, 0.12, 1.15)]
    [InlineData(0.6, 0.14, 1.11)]
    [InlineData(0.6, 0.16, 1.07)]
    [InlineData(0.7, 0.10, 1.75)]
    [InlineData(0.7, 0.12, 1.67)]
    [InlineData(0.7, 0.14, 1.59)]
    [InlineData(0.7, 0.16, 1.52)]
    [InlineData(0.8, 0.10, 2.67)]
    [InlineData(0.8, 0.12, 2.50)]
    [InlineData(0.8, 0.14, 2.35)]
    [InlineData(0.8, 0.16, 2.22)]
    [InlineData(0.9, 0.10, 4.50)]
    [InlineData(0.9, 0.12, 4.09)]
    [InlineData(0.9, 0.14, 3.75)]
    [InlineData(0.9, 0.16, 3.46)]
    public void The_margin_multiple_reproduces_the_published_grid(double retention, double discount, double multiple) =>
        Assert.Equal(multiple, Math.Round(RetentionLifetimeValueModel.MarginMultiple(retention, discount), 2));

    [Fact]
    public void Margins_at_the_start_of_each_period_add_the_first_margin_now()
    {
        // Σ_{t≥0} q^t with q = 0.9 / 1.12: 1.12 / 0.22 = 5.0909 = 1 + 4.0909.
        Assert.Equal(1.12 / 0.22, RetentionLifetimeValueModel.MarginMultiple(0.9, 0.12, MarginTiming.StartOfPeriod), 12);
    }

    [Fact]
    public void Finite_horizons_sum_the_first_terms()
    {
        double q = 0.9 / 1.12; // 0.803571...
        Assert.Equal(q, RetentionLifetimeValueModel.MarginMultiple(0.9, 0.12, MarginTiming.EndOfPeriod, 1), 14);
        Assert.Equal(q + (q * q) + (q * q * q), RetentionLifetimeValueModel.MarginMultiple(0.9, 0.12, MarginTiming.EndOfPeriod, 3), 14);
        // 1 + q + q² = 2.4492984693877551… exactly; the sum of the rounded q in the test is 5e-16 lower, so compare
        // with an absolute tolerance, not by rounding both to 14 decimals (which can straddle a rounding boundary).
        Assert.Equal(2.4492984693877551, RetentionLifetimeValueModel.MarginMultiple(0.9, 0.12, MarginTiming.StartOfPeriod, 3), 1e-14);
        Assert.Equal(0, RetentionLifetimeValueModel.MarginMultiple(0.9, 0.12, MarginTiming.StartOfPeriod, 0));
        Assert.Equal(4.0909, RetentionLifetimeValueModel.MarginMultiple(0.9, 0.12, MarginTiming.EndOfPeriod, 500), 4);
        // No discount, no churn: five margins are worth 5.
        Assert.Equal(5, RetentionLifetimeValueModel.MarginMultiple(1.0, 0.0, MarginTiming.EndOfPeriod, 5), 12);
        // Zero retention: only a margin received now counts.
        Assert.Equal(1, RetentionLifetimeValueModel.MarginMultiple(0.0, 0.1, MarginTiming.StartOfPeriod, 5));
        Assert.Equal(0, RetentionLifetimeValueModel.MarginMultiple(0.0, 0.1, MarginTiming.EndOfPeriod, 5));
    }

    [Fact]
    public void The_multiple_stays_exact_where_retention_equals_one_plus_the_discount_rate()
    {
        // r = 1 + d (here 0.3 = 1 − 0.7) makes q = 1: no churn left after discounting, so each of the H margins
        // is worth exactly 1. A naive ln r − ln(1 + d) is off by an ulp there, which the tiny 1 − q blew up to
        // 1.2 and 12 before (found by the property tests).
        Assert.Equal(1.0, RetentionLifetimeValueModel.MarginMultiple(0.3, -0.7, MarginTiming.StartOfPeriod, 1), 14);
        Assert.Equal(10.0, RetentionLifetimeValueModel.MarginMultiple(0.3, -0.7, MarginTiming.EndOfPeriod, 10), 12);
        Assert.Equal(50.0, RetentionLifetimeValueModel.MarginMultiple(0.015571, -0.984429, MarginTiming.EndOfPeriod, 50), 9);
    }

    [Fact]
    public void The_lifetime_value_is_margin_times_multiple()
    {
        Assert.Equal(100 * 0.9 / 0.22, RetentionLifetimeValueModel.Compute(100, 0.9, 0.12), 10); // 409.09
        Assert.Equal(-50 * 0.9 / 0.22, RetentionLifetimeValueModel.Compute(-50, 0.9, 0.12), 10);
    }

    [Theory]
    [InlineData(1.0, 0.0)]   // r = 1 + d: the infinite sum diverges
    [InlineData(0.95, -0.1)] // r > 1 + d
    public void A_diverging_infinite_sum_is_rejected(double retention, double discount)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RetentionLifetimeValueModel.MarginMultiple(retention, discount));
        Assert.Contains("diverges", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.9, -1.0, "discountRate")]
    [InlineData(0.9, -1.5, "discountRate")]
    [InlineData(0.9, double.NaN, "discountRate")]
    [InlineData(1.2, 0.1, "retentionRate")]
    [InlineData(-0.2, 0.1, "retentionRate")]
    [InlineData(double.NaN, 0.1, "retentionRate")]
    public void Rates_out_of_range_are_rejected(double retention, double discount, string parameter) =>
        Assert.Equal(parameter, Assert.Throws<ArgumentOutOfRangeException>(() => RetentionLifetimeValueModel.MarginMultiple(retention, discount)).ParamName);

    [Fact]
    public void Other_bad_arguments_are_rejected()
    {
        Assert.Equal("horizonPeriods", Assert.Throws<ArgumentOutOfRangeException>(() => RetentionLifetimeValueModel.MarginMultiple(0.9, 0.1, MarginTiming.EndOfPeriod, -1)).ParamName);
        Assert.Equal("timing", Assert.Throws<ArgumentOutOfRangeException>(() => RetentionLifetimeValueModel.MarginMultiple(0.9, 0.1, (MarginTiming)7)).ParamName);
        Assert.Equal("marginPerPeriod", Assert.Throws<ArgumentOutOfRangeException>(() => RetentionLifetimeValueModel.Compute(double.NaN, 0.9, 0.1)).ParamName);
        // Retention above 1 + d over a long horizon overflows rather than returning infinity.
        Assert.Throws<ArgumentOutOfRangeException>(() => RetentionLifetimeValueModel.MarginMultiple(1.0, -0.9, MarginTiming.EndOfPeriod, int.MaxValue));
    }

    [Fact]
    public void The_simple_formula_is_aov_times_purchases_per_year_times_lifespan()
    {
        Assert.Equal(420, SimpleLifetimeValueModel.Compute(35, 4, 3));          // 35 × 4 × 3
        Assert.Equal(126, SimpleLifetimeValueModel.Compute(35, 4, 3, 0.3), 10); // × 30 % margin
        Assert.Throws<ArgumentOutOfRangeException>(() => SimpleLifetimeValueModel.Compute(35, -1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => SimpleLifetimeValueModel.Compute(35, 4, 3, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimpleLifetimeValueModel(double.PositiveInfinity));
    }

    [Fact]
    public void The_models_value_a_customer_from_their_summary()
    {
        // Purchases of 100 (day 0, cost 60), 50 (day 146.1 → day 146) and 150 (day 292, cost 90) in a window
        // ending on day 365 + 1/4 → day 365: x = 2, T = 365 days, repeat rate = 2 / (365 / 365.25) per year;
        // AOV = 300 / 3 = 100; gross profit per purchase = (300 − 150) / 3 = 50.
        var customer = CustomerSummary.FromTransactions(
            [new Transaction("a", Jan1, 100, 60), new Transaction("a", Jan1.AddDays(146), 50), new Transaction("a", Jan1.AddDays(292), 150, 90)],
            new ObservationWindow(Jan1.AddDays(365))).Single();
        double perYear = 2 * 365.25 / 365;

        Assert.Equal(150, new HistoricalValueModel().Evaluate(customer));
        Assert.Equal(130, new HistoricalValueModel(_ => 20).Evaluate(customer));
        Assert.Throws<InvalidOperationException>(() => new HistoricalValueModel(_ => double.NaN).Evaluate(customer));

        Assert.Equal(100 * perYear * 3, new SimpleLifetimeValueModel(3).Evaluate(customer), 10);
        Assert.Equal(50 * perYear * 0.9 / 0.22, new RetentionLifetimeValueModel(0.9, 0.12).Evaluate(customer), 10);
        Assert.Equal(70 * 0.9 / 0.22, new RetentionLifetimeValueModel(0.9, 0.12, marginPerPeriod: _ => 70).Evaluate(customer), 10);
        Assert.Throws<InvalidOperationException>(() => new RetentionLifetimeValueModel(0.9, 0.12, marginPerPeriod: _ => double.NaN).Evaluate(customer));

        // A one-time buyer has no observed purchase rate: value 0 under both forward formulas.
        var once = CustomerSummary.FromTransactions([new Transaction("b", Jan1, 80)], new ObservationWindow(Jan1.AddDays(30))).Single();
        Assert.Equal(0, new SimpleLifetimeValueModel(3).Evaluate(once));
        Assert.Equal(0, new RetentionLifetimeValueModel(0.9, 0.12).Evaluate(once));
    }

    [Fact]
    public void The_batch_evaluation_matches_one_by_one_and_checks_the_destination()
    {
        var window = new ObservationWindow(Jan1.AddDays(100));
        var customers = CustomerSummary.FromTransactions(
            [new Transaction("a", Jan1, 10), new Transaction("a", Jan1.AddDays(50), 30), new Transaction("b", Jan1.AddDays(20), 5)], window);
        ICustomerValueModel model = new SimpleLifetimeValueModel(2);
        var values = new double[customers.Count];
        model.Evaluate(customers.AsSpan(), values);
        Assert.Equal(customers.Select(model.Evaluate), values);
        Assert.Throws<ArgumentException>(() => model.Evaluate(customers.AsSpan(), new double[1]));
    }

    [Fact]
    public void A_user_model_plugs_in_with_one_method()
    {
        ICustomerValueModel repeatRevenue = new RepeatRevenueModel();
        var customer = CustomerSummary.FromTransactions(
            [new Transaction("a", Jan1, 10), new Transaction("a", Jan1.AddDays(5), 30)], new ObservationWindow(Jan1.AddDays(10))).Single();
        Assert.Equal(30, repeatRevenue.Evaluate(customer));
    }

    private sealed class RepeatRevenueModel : ICustomerValueModel
    {
        public double Evaluate(CustomerSummary customer) => customer.RepeatRevenue;
    }
}
