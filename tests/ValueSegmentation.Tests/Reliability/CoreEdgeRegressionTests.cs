using System.Text.RegularExpressions;
using ValueSegmentation.Analysis;
using ValueSegmentation.Lifetime;
using ValueSegmentation.Metrics;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Tests.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Tests.Reliability;

/// <summary>Regression tests for the core findings of issue 9 (adversarial probe): each failed before its fix.</summary>
public sealed class CoreEdgeRegressionTests
{
    private static readonly DateTimeOffset Jan1 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly CustomerSummary[] OneToTen = Customers.WithRevenue(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

    // ---- #1: tiers, percentiles and classes of any count without names ----

    [Fact]
    public void Tiers_by_one_threshold_without_names_make_two_named_tiers()
    {
        var segmenter = new TieredStrategy(CustomerMeasure.Revenue, minimums: [100]).Fit([]);
        Assert.Equal(2, segmenter.Segments.Count);
        Assert.Equal(1, segmenter.Assign(Customers.Summary("a", 150)).Rank);
        Assert.Equal(2, segmenter.Assign(Customers.Summary("b", 50)).Rank);
        Assert.Equal(2, segmenter.Segments.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(7)]
    public void Tiers_by_shares_without_names_make_one_tier_per_share(int count)
    {
        double[] shares = [.. Enumerable.Repeat(1.0 / count, count)];
        shares[^1] = 1 - shares.Take(count - 1).Sum();
        var strategy = new TieredStrategy(CustomerMeasure.Revenue, shares);
        Assert.Equal(count, strategy.SegmentDefinitions.Count);
        var segmenter = strategy.Fit(OneToTen);
        Assert.Equal(count, segmenter.Segments.Count);
        Assert.Equal(count, segmenter.Segments.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(OneToTen.Length, SegmentedCustomers.Assign(segmenter, OneToTen).Counts.Sum());
        Assert.All(segmenter.Segments, s => Assert.False(string.IsNullOrWhiteSpace(s.Treatment)));
    }

    [Fact]
    public void Pareto_classes_beyond_the_alphabet_keep_letter_names()
    {
        double[] shares = [.. Enumerable.Range(1, 30).Select(i => i / 31.0)];
        var strategy = new ParetoStrategy(CustomerMeasure.Revenue, shares);
        Assert.Equal(31, strategy.SegmentDefinitions.Count);
        Assert.All(strategy.SegmentDefinitions, d => Assert.Matches(new Regex("^[A-Z]+$"), d.Name));
        Assert.Equal(31, strategy.SegmentDefinitions.Select(d => d.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(31, strategy.Fit(OneToTen).Segments.Count);
    }

    [Fact]
    public void Percentile_default_names_stay_distinct_for_close_shares()
    {
        var strategy = new PercentileStrategy(CustomerMeasure.Revenue, [0.1, 0.100001, 0.100002]);
        Assert.Equal(4, strategy.SegmentDefinitions.Select(d => d.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(["Top 10 %", "Top 10 %–10.0001 %", "Top 10.0001 %–10.0002 %", "Bottom 89.9998 %"], strategy.SegmentDefinitions.Select(d => d.Name));
    }

    // ---- #10: finite inputs must not overflow to an infinity or NaN ----

    [Fact]
    public void Transaction_amounts_and_costs_beyond_the_documented_bound_are_rejected()
    {
        var amount = Assert.Throws<ArgumentOutOfRangeException>(() => new Transaction("a", Jan1, 1e308));
        Assert.Equal("amount", amount.ParamName);
        Assert.Equal(1e308, amount.ActualValue);
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => new Transaction("a", Jan1, -2e15));
        Assert.Equal("amount", negative.ParamName);
        var cost = Assert.Throws<ArgumentOutOfRangeException>(() => new Transaction("a", Jan1, 1, cost: 1e16));
        Assert.Equal("cost", cost.ParamName);
        Assert.Equal(1e16, cost.ActualValue);

        // The bound itself is accepted, and a summary of many such amounts stays finite.
        Assert.Equal(Transaction.MaxAmount, new Transaction("a", Jan1, Transaction.MaxAmount, Transaction.MaxAmount).Amount);
        var window = new ObservationWindow(Jan1.AddDays(10));
        var summary = CustomerSummary.FromTransactions([.. Enumerable.Range(0, 4).Select(i => new Transaction("a", Jan1.AddDays(i), -Transaction.MaxAmount))], window).Single();
        Assert.Equal(-4 * Transaction.MaxAmount, summary.Revenue);
    }

    [Fact]
    public void Summary_amounts_beyond_the_bound_per_transaction_are_rejected()
    {
        var window = new ObservationWindow(Jan1.AddDays(10));
        var first = Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerSummary("a", window, Jan1, Jan1.AddDays(1), 2, 1e308, 1e308));
        Assert.Equal("firstPurchaseRevenue", first.ParamName);
        var repeat = Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerSummary("a", window, Jan1, Jan1.AddDays(1), 2, 1, 3e15));
        Assert.Equal("repeatRevenue", repeat.ParamName);
        var cost = Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerSummary("a", window, Jan1, Jan1, 1, 1, 0, costOfGoods: 1e300, transactionsWithCost: 1));
        Assert.Equal("costOfGoods", cost.ParamName);

        var mean = Assert.Throws<ArgumentOutOfRangeException>(() => CustomerSummary.FromNumbers("a", 2, 1, 2, TimeUnit.Weeks, monetaryValue: 1e300));
        Assert.Equal("monetaryValue", mean.ParamName);
        var revenue = Assert.Throws<ArgumentOutOfRangeException>(() => CustomerSummary.FromNumbers("a", 0, 0, 2, TimeUnit.Weeks, revenue: 1e300));
        Assert.Equal("revenue", revenue.ParamName);
        var age = Assert.Throws<ArgumentOutOfRangeException>(() => CustomerSummary.FromNumbers("a", 0, 0, 1e308, TimeUnit.Years));
        Assert.Equal("age", age.ParamName);
        var recency = Assert.Throws<ArgumentOutOfRangeException>(() => CustomerSummary.FromNumbers("a", 1, 1e-300, 1, TimeUnit.Days));
        Assert.Equal("recency", recency.ParamName);
    }

    [Fact]
    public void Simple_lifetime_value_never_returns_nan_or_an_infinity()
    {
        Assert.Equal(0, SimpleLifetimeValueModel.Compute(double.MaxValue, 2, 0));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SimpleLifetimeValueModel.Compute(double.MaxValue, 2, 1));
        Assert.Equal("averageOrderValue", error.ParamName);

        var customer = CustomerSummary.FromNumbers("a", 1, 1, 1, TimeUnit.Weeks, monetaryValue: 1e15, revenue: 2e15);
        var evaluate = Assert.Throws<ArgumentOutOfRangeException>(() => new SimpleLifetimeValueModel(1e300).Evaluate(customer));
        Assert.Equal("customer", evaluate.ParamName);
    }

    [Fact]
    public void Concentration_of_huge_values_is_finite_or_rejected()
    {
        var equal = ValueConcentration.Of([.. Enumerable.Repeat(1e307, 10)]);
        Assert.Equal(0, equal.Gini, 12);
        Assert.Equal(0.2, equal.TopShare(0.2), 12);
        Assert.True(double.IsFinite(equal.Total));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ValueConcentration.Of([double.MaxValue, double.MaxValue]));
        Assert.Equal("values", error.ParamName);
    }

    [Fact]
    public void Segment_report_means_and_medians_of_huge_values_stay_finite()
    {
        var customers = Customers.WithRevenue(1, 2);
        var measure = Customers.Lookup(customers, [1e308, 1.5e308]);
        var segmented = SegmentedCustomers.FitAndAssign(new TieredStrategy(measure, minimums: [0]), customers);
        var report = SegmentReport.Create(segmented, measure, loyalty: measure);
        Assert.Equal(1.25e308, report.Total.MeanValue!.Value, 1e295);
        Assert.Equal(1.25e308, report.Total.MedianValue!.Value, 1e295);
        Assert.Equal(1.25e308, report.Total.MeanLoyalty!.Value, 1e295);
        Assert.Equal(1.25e308, report.Rows[0].MeanValue!.Value, 1e295);
    }

    [Fact]
    public void Cost_to_serve_never_returns_an_infinity()
    {
        var rate = Assert.Throws<ArgumentOutOfRangeException>(() => new ActivityRate(ActivityDrivers.Orders, 1e300));
        Assert.Equal("costPerUnit", rate.ParamName);

        var model = new CostToServeModel([new ActivityRate(ActivityDrivers.Orders, 1e15)]);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.Compute(new Dictionary<string, double> { [ActivityDrivers.Orders] = 1e300 }));
        Assert.Equal("volumes", error.ParamName);
        var customer = Assert.Throws<ArgumentOutOfRangeException>(() => model.Compute(Customers.Summary("a", 1), new Dictionary<string, double> { [ActivityDrivers.Orders] = 1e300 }));
        Assert.Equal("otherVolumes", customer.ParamName);
    }

    // ---- #11: parallel paths and custom segmenters keep the documented exceptions ----

    [Fact]
    public void A_custom_segmenter_returning_null_gives_a_clear_invalid_operation()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SegmentedCustomers.Assign(new NullSegmenter(), OneToTen));
        Assert.Contains("null", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parallel_chunks_rethrow_the_original_exception()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ValueSegmentation.Shared.ParallelChunks.Run(4, chunk =>
        {
            if (chunk == 2)
            {
                throw new InvalidOperationException("chunk 2");
            }
        }));
        Assert.Equal("chunk 2", error.Message);
    }

    // ---- #12: a builder used from two places at once fails loudly ----

    [Fact]
    public void Adding_to_a_builder_while_it_consumes_a_sequence_throws()
    {
        var builder = new CustomerSummaryBuilder(new ObservationWindow(Jan1.AddDays(10)));
        var error = Assert.Throws<InvalidOperationException>(() => builder.AddRange(Reentrant(builder)));
        Assert.Contains("thread", error.Message, StringComparison.Ordinal);

        // The builder is usable again afterwards, and kept what it accepted.
        builder.Add(new Transaction("c", Jan1.AddDays(2), 1));
        Assert.Equal(2, builder.TransactionCount);

        static IEnumerable<Transaction> Reentrant(CustomerSummaryBuilder builder)
        {
            yield return new Transaction("a", Jan1, 1);
            builder.Add(new Transaction("b", Jan1, 1));
            yield return new Transaction("a", Jan1.AddDays(1), 1);
        }
    }

    [Fact]
    public void A_builder_shared_across_threads_never_loses_data_silently()
    {
        var builder = new CustomerSummaryBuilder(new ObservationWindow(Jan1.AddDays(10)));
        const int Threads = 4, PerThread = 50_000;
        long accepted = 0, refused = 0;
        using var start = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (int i = 0; i < PerThread; i++)
            {
                try
                {
                    builder.Add(new Transaction($"t{t}-{i}", Jan1, 1));
                    Interlocked.Increment(ref accepted);
                }
                catch (InvalidOperationException)
                {
                    Interlocked.Increment(ref refused);
                }
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        Assert.Equal(Threads * PerThread, accepted + refused);
        var summaries = builder.Build();
        Assert.Equal(accepted, builder.TransactionCount);
        Assert.Equal(accepted, summaries.Count);
        Assert.Equal(accepted, summaries.Select(s => s.CustomerId).Distinct(StringComparer.Ordinal).LongCount());
    }

    [Fact]
    public void A_rejected_builder_merge_changes_nothing()
    {
        // The other builder brings a new customer "a" first, then "b" whose history interleaves with ours: the
        // merge is rejected, and "a" must not have been merged in before the rejection (it was, before).
        var window = new ObservationWindow(Jan1.AddDays(30));
        var mine = new CustomerSummaryBuilder(window);
        mine.Add(new Transaction("b", Jan1, 1));
        mine.Add(new Transaction("b", Jan1.AddDays(10), 1));
        var other = new CustomerSummaryBuilder(window);
        other.Add(new Transaction("a", Jan1, 5));
        other.Add(new Transaction("b", Jan1.AddDays(5), 1));
        var before = mine.Build();

        var error = Assert.Throws<ArgumentException>(() => mine.Merge(other));
        Assert.Equal("other", error.ParamName);
        Assert.Equal(1, mine.CustomerCount);
        Assert.Equal(2, mine.TransactionCount);
        Assert.Equal(before, mine.Build());
    }

    // ---- #14: index accessors and allocation limits ----

    [Fact]
    public void Index_accessors_throw_argument_out_of_range_naming_the_argument()
    {
        var segmented = SegmentedCustomers.FitAndAssign(new TieredStrategy(CustomerMeasure.Revenue), OneToTen);
        AssertIndex("customerIndex", 10, () => segmented.SegmentOf(10));
        AssertIndex("customerIndex", -1, () => segmented.SegmentIndexOf(-1));
        AssertIndex("segmentIndex", 3, () => segmented.ShareOf(3));
        AssertIndex("index", 10, () => segmented.Customers[10]);

        var migration = SegmentMigration.Between(segmented, segmented);
        AssertIndex("from", -1, () => migration.Count(-1, 0));
        AssertIndex("to", 3, () => migration.Count(0, 3));
        AssertIndex("from", 3, () => migration.RowShare(3, 0));
        AssertIndex("from", 3, () => migration.Lost(3));
        AssertIndex("from", 3, () => migration.LostShare(3));
        AssertIndex("to", 3, () => migration.New(3));
        AssertIndex("from", 3, () => migration.RowTotal(3));

        static void AssertIndex(string name, int value, Func<object> call)
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(call);
            Assert.Equal(name, error.ParamName);
            Assert.Equal(value, error.ActualValue);
        }
    }

    [Fact]
    public void Ensure_capacity_beyond_the_limit_is_an_argument_error()
    {
        var builder = new CustomerSummaryBuilder(new ObservationWindow(Jan1.AddDays(10)));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => builder.EnsureCapacity(int.MaxValue));
        Assert.Equal("customers", error.ParamName);
        Assert.Equal(int.MaxValue, error.ActualValue);
        Assert.Equal(0, builder.CustomerCount);
    }

    [Fact]
    public void Cohort_retention_to_a_far_end_is_an_argument_error()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            CohortRetention.FromTransactions([new Transaction("a", Jan1, 1)], PurchasePeriod.Day, DateTimeOffset.MaxValue));
        Assert.Equal("end", error.ParamName);

        // Within the limit the curve is padded with zeros to the end.
        var table = CohortRetention.FromTransactions([new Transaction("a", Jan1, 1)], PurchasePeriod.Month, Jan1.AddYears(100));
        Assert.Equal(1201, table.Cohorts.Single().ActiveCustomers.Count);
    }

    // ---- #15: retention multiple accuracy and messages ----

    [Fact]
    public void The_margin_multiple_keeps_a_small_discount_rate()
    {
        // r = 1 − 2⁻³⁰, d = 3e-17: 1 + d rounds to 1, so 1 + d − r loses d entirely (relative error 3e-8).
        // The multiple r/(1 + d − r) is r/(2⁻³⁰ + 3e-17), a sum that is accurate in double.
        double r = 1 - Math.ScaleB(1, -30), d = 3e-17;
        double expected = r / (Math.ScaleB(1, -30) + d);
        double actual = RetentionLifetimeValueModel.MarginMultiple(r, d);
        Assert.True(Math.Abs(actual - expected) <= 1e-13 * expected, $"{actual:R} against {expected:R}");

        // The other order, d + (1 − r), fails the other way: at r = 0.070026, d = −0.929974 the rounding error of
        // 1 − r (up to 5.6e-17) exceeds the true 1 + d − r (3e-17, from d's representation; 1 + d is exact here), which
        // made the infinite sum "diverge" (found by the monotonicity property). 1 + d − r is computed within a rounding.
        double r2 = 0.070026, d2 = -0.929974;
        double exact = (1 + d2) - r2; // 1 + d2 is exact (Sterbenz), and so is the difference of two close values
        Assert.True(exact > 0);
        Assert.Equal(1 / exact, RetentionLifetimeValueModel.MarginMultiple(r2, d2, MarginTiming.StartOfPeriod) / (1 + d2), 1e-3 / exact);
    }

    [Fact]
    public void An_overflowing_default_margin_value_is_reported_as_such()
    {
        // r = 1, d = −0.9: q = 10 per period, so 300 periods give a multiple of about 1e300; a margin of 1e15
        // then overflows. The default margin is not a "margin function".
        var model = new RetentionLifetimeValueModel(1, -0.9, TimeUnit.Weeks, horizonPeriods: 300);
        var customer = CustomerSummary.FromNumbers("a", 1, 1, 1, TimeUnit.Weeks, monetaryValue: 1e15, revenue: 2e15);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => model.Evaluate(customer));
        Assert.Equal("customer", error.ParamName);
        Assert.DoesNotContain("margin function", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_summary_whose_timestamps_have_inverted_clock_dates_names_the_last_purchase()
    {
        // 2025-01-17T07:00+07:00 is 00:00 UTC, before 2025-01-16T20:43-10:00 (06:43 UTC on the 17th), but its clock
        // date is a day later: the periods are inverted although the instants are in order. The error used to blame
        // the purchase count ("span 0 purchase periods").
        var window = new ObservationWindow(Jan1.AddDays(30));
        var first = new DateTimeOffset(2025, 1, 17, 7, 0, 0, TimeSpan.FromHours(7));
        var last = new DateTimeOffset(2025, 1, 16, 20, 43, 0, TimeSpan.FromHours(-10));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerSummary("a", window, first, last, 2, 1, 1));
        Assert.Equal("lastPurchase", error.ParamName);
        Assert.Contains("offset", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_builder_orders_first_and_last_purchase_by_clock_time_like_the_periods()
    {
        // The same two timestamps through the builder: by instant the +07:00 one is first, but its clock date (the
        // 17th) is the later purchase period. FirstPurchase used to be it, after LastPurchase's clock date (the 16th),
        // while recency counted from the 16th. Now both follow clock time: first on the 16th, last on the 17th.
        var window = new ObservationWindow(Jan1.AddDays(30), TimeUnit.Days);
        var early = new DateTimeOffset(2025, 1, 17, 7, 0, 0, TimeSpan.FromHours(7));
        var late = new DateTimeOffset(2025, 1, 16, 20, 43, 0, TimeSpan.FromHours(-10));
        var builder = new CustomerSummaryBuilder(window);
        builder.Add(new Transaction("a", early, 5));
        builder.Add(new Transaction("a", late, 7));
        var summary = builder.Build()[0];
        Assert.Equal((1, 1.0), (summary.Frequency, summary.Recency));
        Assert.Equal(late.DateTime, summary.FirstPurchase!.Value.DateTime);
        Assert.Equal(late.Offset, summary.FirstPurchase.Value.Offset);
        Assert.Equal(early.DateTime, summary.LastPurchase!.Value.DateTime);
        Assert.Equal(7, summary.FirstPurchaseRevenue);
        var rebuilt = new CustomerSummary("a", window, summary.FirstPurchase.Value, summary.LastPurchase.Value, 2, 7, 5);
        Assert.Equal(summary.Recency, rebuilt.Recency);
    }

    [Fact]
    public void A_revenue_share_of_a_total_that_cancels_to_almost_nothing_is_absent_not_infinite()
    {
        // Found by AmountRangeProperties: revenues of +10¹⁵ and −10¹⁵ leave a base total of 5·10⁻³²⁴, and the share of
        // the +10¹⁵ segment was 10¹⁵/5·10⁻³²⁴ = ∞. A share of a total that is practically 0 is reported as absent.
        var window = new ObservationWindow(Jan1.AddDays(30));
        var customers = CustomerSummary.FromTransactions(
            [new Transaction("a", Jan1, 1e15), new Transaction("b", Jan1, -1e15), new Transaction("c", Jan1, double.Epsilon)], window);
        var report = SegmentReport.Create(SegmentedCustomers.FitAndAssign(new TieredStrategy(CustomerMeasure.Revenue), customers), CustomerMeasure.Revenue);
        var shares = report.Rows.Append(report.Total).Select(r => r.RevenueShare).ToList();
        Assert.All(shares, share => Assert.True(share is null || double.IsFinite(share.Value), $"{share}"));
        Assert.Contains(null, shares);
    }

    // ---- #8: transaction counts never wrap ----

    [Fact]
    public void A_tally_at_the_largest_transaction_count_refuses_one_more()
    {
        var tally = new PeriodTally { First = 1, Last = 1, Periods = 1, Transactions = int.MaxValue, FirstValue = 1 };
        Assert.Throws<OverflowException>(() => tally.Add(1, 1, isNewPeriod: false));
    }

    [Fact]
    public void The_builder_rejects_a_customers_transaction_beyond_the_largest_count()
    {
        // 2³¹ transactions take too long to add in a test: set the customer's tally to the largest count through
        // the builder's private state (reflection on its one table's first page of entries), then add one more.
        var builder = new CustomerSummaryBuilder(new ObservationWindow(Jan1.AddDays(10)));
        builder.Add(new Transaction("a", Jan1, 1));
        const System.Reflection.BindingFlags Private = System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance;
        object shard = ((Array)typeof(CustomerSummaryBuilder).GetField("_shards", Private)!.GetValue(builder)!).GetValue(0)!;
        object table = shard.GetType().GetProperty("Table")!.GetValue(shard)!;
        var entries = (Array)((Array)table.GetType().GetField("_pages", Private)!.GetValue(table)!).GetValue(0)!;
        object entry = entries.GetValue(0)!;
        var valueField = entry.GetType().GetField("Value", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        object accumulator = valueField.GetValue(entry)!;
        var calibrationField = accumulator.GetType().GetField("Calibration")!;
        var tally = (PeriodTally)calibrationField.GetValue(accumulator)!;
        tally.Transactions = int.MaxValue;
        calibrationField.SetValue(accumulator, tally);
        valueField.SetValue(entry, accumulator);
        entries.SetValue(entry, 0);

        var error = Assert.Throws<TransactionException>(() => builder.Add(new Transaction("a", Jan1.AddDays(1), 1)));
        Assert.Contains("2147483647", error.Message, StringComparison.Ordinal);
        Assert.Equal(int.MaxValue, builder.Build().Single().TransactionCount);
    }

    [Fact]
    public void Merging_summaries_beyond_the_largest_transaction_count_is_an_argument_error()
    {
        var window = new ObservationWindow(Jan1.AddDays(10));
        var a = new CustomerSummary("a", window, Jan1, Jan1, 1, 1, 0, transactionCount: (int.MaxValue / 2) + 1);
        var b = new CustomerSummary("a", window, Jan1.AddHours(1), Jan1.AddHours(1), 1, 1, 0, transactionCount: (int.MaxValue / 2) + 1);
        var error = Assert.Throws<ArgumentException>(() => a.Merge(b));
        Assert.Equal("other", error.ParamName);
    }

    private sealed class NullSegmenter : ICustomerSegmenter
    {
        public IReadOnlyList<Segment> Segments { get; } = [new Segment("All", 1, "everyone", string.Empty)];

        public Segment Assign(CustomerSummary customer) => null!;
    }
}
