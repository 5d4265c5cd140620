using ValueSegmentation.Analysis;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Tests.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Tests.Analysis;

public sealed class SegmentAnalysisTests
{
    [Fact]
    public void The_report_sums_each_segment_by_hand()
    {
        // Revenues 1..10 in default tiers: Highest value {9, 10}, Valuable {6, 7, 8}, Low value {1..5}.
        // Cost to serve 1 per customer. Highest value: revenue 19 of 55, profit 19 − 2 = 17, mean 9.5,
        // median 9.5, AOV 9.5 (one purchase each), no repeat purchases → frequency 0.
        var customers = Customers.WithRevenue(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        var segmented = SegmentedCustomers.FitAndAssign(new TieredStrategy(CustomerMeasure.Revenue), customers);
        var report = SegmentReport.Create(segmented, costToServe: _ => 1.0, loyalty: CustomerMeasure.PurchaseCount);

        var top = report.Rows[0];
        Assert.Same(segmented.Segments[0], top.Segment);
        Assert.Equal(2, top.Customers);
        Assert.Equal(0.2, top.CustomerShare);
        Assert.Equal(19, top.Revenue);
        Assert.Equal(19 / 55.0, top.RevenueShare!.Value, 1e-15);
        Assert.Equal(2, top.CostToServe);
        Assert.Equal(17, top.Profit);
        Assert.Equal(9.5, top.MeanValue);
        Assert.Equal(9.5, top.MedianValue);
        Assert.Equal(9.5, top.AverageOrderValue);
        Assert.Equal(0, top.PurchaseFrequency);
        Assert.Equal(1, top.MeanLoyalty);
        Assert.Equal(7, report.Rows[1].MedianValue);   // 6, 7, 8
        Assert.Equal(3, report.Rows[2].MedianValue);   // 1..5
        Assert.Equal(10, report.Total.Customers);
        Assert.Equal(55, report.Total.Revenue);
        Assert.Equal(45, report.Total.Profit);
        Assert.Equal(1.0, report.Rows.Sum(r => r.CustomerShare), 1e-15);
        Assert.Equal(1.0, report.Rows.Sum(r => r.RevenueShare!.Value), 1e-15);
    }

    [Fact]
    public void An_empty_segment_reports_no_averages_rather_than_nan()
    {
        var customers = Customers.WithRevenue(1, 2, 3);
        var segmented = SegmentedCustomers.FitAndAssign(new TieredStrategy(CustomerMeasure.Revenue, minimums: [100, 10]), customers);
        var empty = SegmentReport.Create(segmented).Rows[0];
        Assert.Equal(0, empty.Customers);
        Assert.Null(empty.MeanValue);
        Assert.Null(empty.MedianValue);
        Assert.Null(empty.AverageOrderValue);
        Assert.Null(empty.PurchaseFrequency);
        Assert.Equal(0, empty.RevenueShare);
    }

    [Fact]
    public void Migration_counts_moves_new_and_lost_customers()
    {
        // Fixed tiers ≥ 100, ≥ 10, rest. Before: a 150 (H), b 50 (V), c 5 (L), d 20 (V).
        // After:  a 60 (V, down), b 120 (H, up), c 8 (L, stays), e 200 (H, new); d is lost.
        var strategy = new TieredStrategy(CustomerMeasure.Revenue, minimums: [100, 10]);
        CustomerSummary[] before = [Customers.Summary("a", 150), Customers.Summary("b", 50), Customers.Summary("c", 5), Customers.Summary("d", 20)];
        CustomerSummary[] after = [Customers.Summary("e", 200), Customers.Summary("c", 8), Customers.Summary("b", 120), Customers.Summary("a", 60)];
        var migration = SegmentMigration.Between(SegmentedCustomers.FitAndAssign(strategy, before), SegmentedCustomers.FitAndAssign(strategy, after));

        Assert.Equal(1, migration.Count(0, 1));  // a: Highest → Valuable
        Assert.Equal(1, migration.Count(1, 0));  // b: Valuable → Highest
        Assert.Equal(1, migration.Count(2, 2));  // c stays
        Assert.Equal(1, migration.Lost(1));      // d
        Assert.Equal(1, migration.New(0));       // e
        Assert.Equal(0.5, migration.RowShare(1, 0));
        Assert.Equal(0.5, migration.LostShare(1));
        Assert.Equal("b", Assert.Single(migration.RisingStars).CustomerId);
        var atRisk = Assert.Single(migration.AtRisk);
        Assert.Equal(("a", "Highest value", "Valuable"), (atRisk.CustomerId, atRisk.From.Name, atRisk.To.Name));
        Assert.Equal(["e"], migration.NewCustomerIds);
        Assert.Equal(["d"], migration.LostCustomerIds);
    }

    [Fact]
    public void Migration_needs_comparable_snapshots_and_a_snapshot_cannot_hold_a_customer_twice()
    {
        var customers = Customers.WithRevenue(1, 2, 3);
        var tiers = SegmentedCustomers.FitAndAssign(new TieredStrategy(CustomerMeasure.Revenue), customers);
        var pareto = SegmentedCustomers.FitAndAssign(new ParetoStrategy(CustomerMeasure.Revenue), customers);
        Assert.Throws<ArgumentException>(() => SegmentMigration.Between(tiers, pareto));

        // A list wrapped for a strategy is checked for duplicates when it is first searched by id, as the migration does.
        var twice = SegmentedCustomers.FitAndAssign(new TieredStrategy(CustomerMeasure.Revenue), [.. customers, customers[0]]);
        var error = Assert.Throws<ArgumentException>(() => SegmentMigration.Between(tiers, twice));
        Assert.Contains("'c0' appears twice", error.Message, StringComparison.Ordinal);
    }
}
