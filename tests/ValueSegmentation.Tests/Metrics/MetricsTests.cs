using ValueSegmentation.Metrics;
using ValueSegmentation.Tests.TestData;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Tests.Metrics;

public sealed class MetricsTests
{
    private static readonly DateTimeOffset Jan1 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Customer a: purchases of 30 (day 0), 10 (day 73), 20 (day 146); customer b: one purchase of 40 (day 100).
    // Window ends on day 365.25 / 2 ≈ day 182, so T_a = 182 days, T_b = 82 days.
    private static readonly CustomerSummaryCollection Base = CustomerSummary.FromTransactions(
        [
            new Transaction("a", Jan1, 30, cost: 12),
            new Transaction("a", Jan1.AddDays(73), 10, cost: 4),
            new Transaction("b", Jan1.AddDays(100), 40),
            new Transaction("a", Jan1.AddDays(146), 20, cost: 8),
        ],
        new ObservationWindow(Jan1.AddDays(182)));

    private static CustomerSummary A => Base.Single(s => s.CustomerId == "a");

    private static CustomerSummary B => Base.Single(s => s.CustomerId == "b");

    [Fact]
    public void Average_order_value_is_revenue_per_purchase()
    {
        Assert.Equal(20, AverageOrderValue.ForCustomer(A));      // 60 / 3
        Assert.Equal(40, AverageOrderValue.ForCustomer(B));
        Assert.Equal(25, AverageOrderValue.ForBase(Base));       // 100 / 4 purchases, not the mean of 20 and 40
    }

    [Fact]
    public void Purchase_frequency_is_the_repeat_rate_per_period()
    {
        // a: x = 2 over T = 182 days = 182 / 365.25 years → 2 × 365.25 / 182 = 4.0137 per year.
        Assert.Equal(2 * 365.25 / 182, PurchaseFrequency.ForCustomer(A, TimeUnit.Years), 12);
        Assert.Equal(2.0 / 182, PurchaseFrequency.ForCustomer(A, TimeUnit.Days), 15);
        Assert.Equal(0, PurchaseFrequency.ForCustomer(B, TimeUnit.Years));
        // Pooled: Σx / ΣT = 2 / (182 + 82) days.
        Assert.Equal(2.0 / 264 * 7, PurchaseFrequency.ForBase(Base, TimeUnit.Weeks), 12);
        Assert.Equal(2.0, PurchaseFrequency.PurchasesPerCustomer(Base));
    }

    [Fact]
    public void Base_metrics_need_a_non_empty_base_of_one_time_unit()
    {
        Assert.Equal("customers", Assert.Throws<ArgumentException>(() => AverageOrderValue.ForBase([])).ParamName);
        Assert.Throws<ArgumentNullException>(() => AverageOrderValue.ForBase(null!));
        Assert.Throws<ArgumentNullException>(() => AverageOrderValue.ForBase([A, null!]));
        var weeks = CustomerSummary.FromTransactions([new Transaction("c", Jan1, 1)], new ObservationWindow(Jan1.AddDays(7), TimeUnit.Weeks)).Single();
        Assert.Throws<ArgumentException>(() => PurchaseFrequency.ForBase([A, weeks], TimeUnit.Days));
    }

    [Fact]
    public void Retention_from_counts_is_retained_over_starting_customers()
    {
        // S = 200 at the start, E = 190 at the end of whom N = 30 are new: (190 − 30) / 200 = 0.8.
        Assert.Equal(0.8, Retention.FromCounts(200, 190, 30), 15);
        Assert.Equal(0.2, Retention.Churn(0.8), 15);
        Assert.Equal(1.0, Retention.FromCounts(10, 10, 0));
    }

    [Theory]
    [InlineData(0, 5, 0, "customersAtStart")]
    [InlineData(10, -1, 0, "customersAtEnd")]
    [InlineData(10, 5, -1, "newCustomers")]
    [InlineData(10, 5, 6, "newCustomers")]
    [InlineData(10, 25, 5, "customersAtEnd")]
    public void Impossible_counts_are_rejected(int start, int end, int added, string parameter) =>
        Assert.Equal(parameter, Assert.Throws<ArgumentOutOfRangeException>(() => Retention.FromCounts(start, end, added)).ParamName);

    [Fact]
    public void Retention_converts_between_periods_under_constant_retention()
    {
        Assert.Equal(Math.Pow(0.95, 12), Retention.Convert(0.95, TimeUnit.Months, TimeUnit.Years), 14); // 0.5404
        Assert.Equal(0.5404, Retention.Convert(0.95, TimeUnit.Months, TimeUnit.Years), 4);
        Assert.Equal(0.95, Retention.Convert(Math.Pow(0.95, 12), TimeUnit.Years, TimeUnit.Months), 14);
        Assert.Equal(Math.Pow(0.9, 3), Retention.Convert(0.9, TimeUnit.Months, TimeUnit.Quarters), 14);
    }

    [Theory]
    [InlineData(0.8, 5.0)]
    [InlineData(0.5, 2.0)]
    [InlineData(0.0, 1.0)]
    public void Expected_lifetime_is_one_over_churn(double retention, double periods) =>
        Assert.Equal(periods, Retention.ExpectedLifetime(retention), 12);

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Retention_outside_its_range_is_rejected(double retention)
    {
        Assert.Equal("retentionRate", Assert.Throws<ArgumentOutOfRangeException>(() => Retention.ExpectedLifetime(retention)).ParamName);
        if (retention != 1.0)
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => Retention.Churn(retention));
            Assert.Throws<ArgumentOutOfRangeException>(() => Retention.Convert(retention, TimeUnit.Months, TimeUnit.Years));
        }
    }

    [Fact]
    public void Cohort_curves_count_active_customers_per_period_since_acquisition()
    {
        // January cohort: a, b (a buys again in February and April; b in March). February cohort: c (buys in March).
        var day = (int month, int d) => new DateTimeOffset(2024, month, d, 12, 0, 0, TimeSpan.Zero);
        var table = CohortRetention.FromTransactions(
        [
            new Transaction("a", day(1, 5), 1), new Transaction("b", day(1, 20), 1), new Transaction("a", day(1, 25), 1),
            new Transaction("a", day(2, 3), 1), new Transaction("c", day(2, 14), 1), new Transaction("b", day(3, 1), 1),
            new Transaction("c", day(3, 30), 1), new Transaction("a", day(4, 2), 1),
        ]);

        Assert.Equal(2, table.Cohorts.Count);
        var january = table.Cohorts[0];
        Assert.Equal(new DateOnly(2024, 1, 1), january.Start);
        Assert.Equal(2, january.Size);
        Assert.Equal([2L, 1, 1, 1], january.ActiveCustomers);   // Jan: a, b; Feb: a; Mar: b; Apr: a
        Assert.Equal([1.0, 0.5, 0.5, 0.5], january.Retention);
        var february = table.Cohorts[1];
        Assert.Equal([1L, 1, 0], february.ActiveCustomers);      // Feb: c; Mar: c; Apr: nobody
        Assert.Equal([1.0, 1.0, 0.0], february.Retention);
    }

    [Fact]
    public void Cohort_curves_of_the_cdnow_master_log_start_at_one_and_stay_in_range()
    {
        // CDNOW: all 23,570 customers first bought in 1997-Q1 (data/README.md), so three monthly cohorts,
        // observed to June 1998: 18, 17 and 16 months after acquisition.
        var table = CohortRetention.FromTransactions(Cdnow.MasterTransactions());
        Assert.Equal([new DateOnly(1997, 1, 1), new DateOnly(1997, 2, 1), new DateOnly(1997, 3, 1)], table.Cohorts.Select(c => c.Start));
        Assert.Equal(23_570, table.Cohorts.Sum(c => c.Size));
        Assert.Equal([18, 17, 16], table.Cohorts.Select(c => c.Retention.Count));
        Assert.All(table.Cohorts, c => Assert.All(c.Retention.Skip(1), r => Assert.InRange(r, 0.0, 0.5)));
    }

    [Fact]
    public void Cohort_curves_reject_empty_logs_and_late_transactions()
    {
        Assert.Throws<ArgumentException>(() => CohortRetention.FromTransactions([]));
        Assert.Throws<ArgumentException>(() => CohortRetention.FromTransactions([new Transaction("a", Jan1.AddMonths(2), 1)], end: Jan1));
    }

    [Fact]
    public void Cost_to_serve_sums_rate_times_volume_over_drivers()
    {
        // Orders 2.50 each, returns 8.00, support contacts from a pool: 12,000 / 800 contacts = 15 per contact.
        var costs = new CostToServeModel(
        [
            new ActivityRate(ActivityDrivers.Orders, 2.50),
            new ActivityRate(ActivityDrivers.Returns, 8.00),
            ActivityRate.FromPool(ActivityDrivers.SupportContacts, totalCost: 12_000, totalVolume: 800),
        ]);

        Assert.Equal(15, costs.Rates[2].CostPerUnit);
        // a has 3 purchases: 3 × 2.50 + 1 return × 8 + 2 contacts × 15 = 45.5
        Assert.Equal(45.5, costs.Compute(A, new Dictionary<string, double> { ["Returns"] = 1, [ActivityDrivers.SupportContacts] = 2 }));
        Assert.Equal(7.5, costs.Compute(A));
        // Explicit orders override the purchase count.
        Assert.Equal(25, costs.Compute(A, new Dictionary<string, double> { [ActivityDrivers.Orders] = 10 }));
        Assert.Equal(16, costs.Compute(new Dictionary<string, double> { [ActivityDrivers.Returns] = 2 }));
    }

    [Fact]
    public void Cost_to_serve_rejects_unknown_drivers_bad_volumes_and_duplicate_rates()
    {
        var costs = new CostToServeModel([new ActivityRate(ActivityDrivers.Orders, 1)]);
        var unknown = Assert.Throws<ArgumentException>(() => costs.Compute(A, new Dictionary<string, double> { ["deliveries"] = 1 }));
        Assert.Contains("'deliveries'", unknown.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => costs.Compute(new Dictionary<string, double> { ["orders"] = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => costs.Compute(new Dictionary<string, double> { ["orders"] = double.NaN }));
        Assert.Throws<ArgumentException>(() => new CostToServeModel([new ActivityRate("orders", 1), new ActivityRate("ORDERS", 2)]));
        Assert.Throws<ArgumentException>(() => new CostToServeModel([default]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ActivityRate("orders", -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ActivityRate.FromPool("orders", 100, 0));
    }

    [Fact]
    public void Profit_is_revenue_less_cost_of_goods_less_cost_to_serve_and_may_be_negative()
    {
        var profit = CustomerProfit.Of(A, costToServe: 50);
        Assert.Equal(60, profit.Revenue);
        Assert.Equal(24, profit.CostOfGoods);
        Assert.Equal(36, profit.GrossProfit);
        Assert.Equal(-14, profit.Profit);
        Assert.Throws<ArgumentOutOfRangeException>(() => CustomerProfit.Of(A, double.PositiveInfinity));
    }
}
