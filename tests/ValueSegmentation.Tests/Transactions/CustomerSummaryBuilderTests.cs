using ValueSegmentation.Transactions;

namespace ValueSegmentation.Tests.Transactions;

public sealed class CustomerSummaryBuilderTests
{
    private static readonly DateTimeOffset Jan1 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Transaction Tx(string id, int day, double amount, double? cost = null, int hour = 9) =>
        new(id, Jan1.AddDays(day).AddHours(hour), amount, cost);

    [Fact]
    public void Same_day_transactions_make_one_purchase_and_the_first_purchase_is_not_a_repeat()
    {
        // Days 0, 0, 10, 10, 30 → purchases on days 0 (10 + 5), 10 (20 + 1) and 30 (4): x = 2, t_x = 30 days,
        // T = 40 days, repeat spend (21 + 4) / 2 = 12.5, revenue 40, 5 transactions.
        var window = new ObservationWindow(Jan1.AddDays(40));
        var summary = CustomerSummary.FromTransactions(
            [Tx("a", 0, 10), Tx("a", 0, 5, hour: 18), Tx("a", 10, 20), Tx("a", 10, 1), Tx("a", 30, 4)], window).Single();

        Assert.Equal(3, summary.PurchaseCount);
        Assert.Equal(5, summary.TransactionCount);
        Assert.Equal(2, summary.Frequency);
        Assert.Equal(30, summary.Recency);
        Assert.Equal(40, summary.Age);
        Assert.Equal(15, summary.FirstPurchaseRevenue);
        Assert.Equal(25, summary.RepeatRevenue);
        Assert.Equal(12.5, summary.MonetaryValue);
        Assert.Equal(40, summary.Revenue);
        Assert.Equal(Jan1.AddHours(9), summary.FirstPurchase);
        Assert.Equal(Jan1.AddDays(30).AddHours(9), summary.LastPurchase);
    }

    [Fact]
    public void A_single_purchase_has_zero_frequency_recency_and_monetary_value()
    {
        var window = new ObservationWindow(Jan1.AddDays(7), TimeUnit.Weeks);
        var summary = CustomerSummary.FromTransactions([Tx("a", 0, 10), Tx("a", 0, 2)], window).Single();
        Assert.Equal(0, summary.Frequency);
        Assert.Equal(0, summary.Recency);
        Assert.Equal(1, summary.Age);
        Assert.Equal(0, summary.MonetaryValue);
        Assert.Equal(12, summary.Revenue);
    }

    [Fact]
    public void Weekly_and_monthly_periods_merge_purchases_and_measure_between_period_starts()
    {
        // 2024-01-01 is a Monday. Days 0 and 6 share ISO week 1; day 7 starts week 2.
        var log = new[] { Tx("a", 0, 1), Tx("a", 6, 1), Tx("a", 7, 1), Tx("a", 40, 1) };
        var weekly = CustomerSummary.FromTransactions(log, new ObservationWindow(Jan1.AddDays(60), TimeUnit.Weeks, PurchasePeriod.Week)).Single();
        Assert.Equal(3, weekly.PurchaseCount); // weeks starting day 0, 7 and 35
        Assert.Equal(5, weekly.Recency);        // day 35 − day 0, in weeks
        Assert.Equal(8, weekly.Age);            // day 60 is in the week starting day 56

        var monthly = CustomerSummary.FromTransactions(log, new ObservationWindow(Jan1.AddDays(60), TimeUnit.Days, PurchasePeriod.Month)).Single();
        Assert.Equal(2, monthly.PurchaseCount); // January and February
        Assert.Equal(31, monthly.Recency);      // 2024-02-01 − 2024-01-01
        Assert.Equal(60, monthly.Age);          // 2024-03-01 − 2024-01-01 (day 60 is March 1st, 2024 being a leap year)
    }

    [Fact]
    public void Days_follow_the_timestamps_own_clock_not_utc()
    {
        // 23:30 at +02:00 on Jan 1 is 21:30 UTC on Jan 1; 00:30 at +02:00 on Jan 2 is 22:30 UTC on Jan 1.
        // By the recorded clocks they are two days, so two purchases.
        var plusTwo = TimeSpan.FromHours(2);
        var log = new[]
        {
            new Transaction("a", new DateTimeOffset(2024, 1, 1, 23, 30, 0, plusTwo), 1),
            new Transaction("a", new DateTimeOffset(2024, 1, 2, 0, 30, 0, plusTwo), 1),
        };
        var summary = CustomerSummary.FromTransactions(log, new ObservationWindow(Jan1.AddDays(3))).Single();
        Assert.Equal(2, summary.PurchaseCount);
        Assert.Equal(1, summary.Recency);
    }

    [Fact]
    public void The_holdout_counts_purchases_and_value_after_the_calibration_end()
    {
        var window = new ObservationWindow(Jan1.AddDays(20), calibrationEnd: Jan1.AddDays(9));
        var summaries = CustomerSummary.FromTransactions(
            [Tx("a", 0, 3), Tx("a", 9, 4), Tx("a", 10, 5), Tx("a", 10, 6), Tx("a", 20, 7), Tx("b", 15, 8)], window);

        var a = Assert.Single(summaries);
        Assert.Equal(9, a.Age);                 // measured to the calibration end
        Assert.Equal(1, a.Frequency);
        Assert.Equal(2, a.HoldoutPurchaseCount); // days 10 and 20
        Assert.Equal(18, a.HoldoutRevenue);
        Assert.Equal(7, a.Revenue);
        Assert.Equal(["b"], summaries.HoldoutOnlyCustomerIds);
        Assert.Equal(11, window.HoldoutLength);
    }

    [Fact]
    public void Costs_are_summed_and_their_coverage_reported()
    {
        var summary = CustomerSummary.FromTransactions(
            [Tx("a", 0, 10, cost: 4), Tx("a", 1, 10), Tx("a", 2, 10, cost: 6)], new ObservationWindow(Jan1.AddDays(2))).Single();
        Assert.Equal(10, summary.CostOfGoods);
        Assert.Equal(2, summary.TransactionsWithCost);
        Assert.Equal(3, summary.TransactionCount);
    }

    [Fact]
    public void A_transaction_after_the_window_is_rejected_with_its_customer_and_position()
    {
        var window = new ObservationWindow(Jan1.AddDays(5));
        var error = Assert.Throws<TransactionException>(
            () => CustomerSummary.FromTransactions([Tx("a", 0, 1), Tx("late", 6, 1)], window));
        Assert.Equal("transactions", error.ParamName);
        Assert.Equal(1, error.Position);
        Assert.Equal("late", error.Transaction.CustomerId);
        Assert.Contains("#1", error.Message, StringComparison.Ordinal);
        Assert.Contains("'late'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_default_transaction_is_rejected()
    {
        var builder = new CustomerSummaryBuilder(new ObservationWindow(Jan1));
        var error = Assert.Throws<TransactionException>(() => builder.Add(default));
        Assert.Null(error.Position);
        Assert.Contains("no customer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_out_of_order_transaction_that_cannot_be_placed_is_rejected_in_chronological_mode_and_counted_in_any_mode()
    {
        // Days 0, 10, 5 are placeable (5 is the only interior period); a later day-7 transaction could repeat
        // an unseen interior day in general, so chronological mode refuses it and says how to fix it.
        var window = new ObservationWindow(Jan1.AddDays(20));
        Transaction[] log = [Tx("a", 0, 1), Tx("a", 10, 1), Tx("a", 5, 1), Tx("a", 7, 1), Tx("a", 5, 1)];

        var builder = new CustomerSummaryBuilder(window);
        builder.Add(log[0]);
        builder.Add(log[1]);
        builder.Add(log[2]);
        var error = Assert.Throws<TransactionException>(() => builder.Add(log[3]));
        Assert.Equal(log[3], error.Transaction);
        Assert.Contains("TransactionOrder.Any", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, builder.TransactionCount); // the rejected transaction left no trace

        var any = CustomerSummary.FromTransactions(log, window, TransactionOrder.Any).Single();
        Assert.Equal(4, any.PurchaseCount); // days 0, 5, 7, 10
        Assert.Equal(5, any.TransactionCount);
        var sorted = CustomerSummary.FromTransactions(log.OrderBy(t => t.Timestamp), window).Single();
        Assert.Equal(sorted, any);
    }

    [Fact]
    public void An_earlier_transaction_becomes_the_first_purchase()
    {
        var window = new ObservationWindow(Jan1.AddDays(20));
        var summary = CustomerSummary.FromTransactions([Tx("a", 10, 7), Tx("a", 2, 3), Tx("a", 2, 1)], window).Single();
        Assert.Equal(4, summary.FirstPurchaseRevenue);
        Assert.Equal(7, summary.RepeatRevenue);
        Assert.Equal(8, summary.Recency);
        Assert.Equal(18, summary.Age);
    }

    [Fact]
    public void Summaries_of_consecutive_date_ranges_merge_into_the_summary_of_the_whole()
    {
        var window = new ObservationWindow(Jan1.AddDays(30));
        Transaction[] early = [Tx("a", 0, 1), Tx("a", 4, 2), Tx("a", 9, 3, hour: 8)];
        Transaction[] late = [Tx("a", 9, 4, hour: 20), Tx("a", 12, 5)]; // shares day 9 with the early part

        var whole = CustomerSummary.FromTransactions([.. early, .. late], window).Single();
        var a = CustomerSummary.FromTransactions(early, window).Single();
        var b = CustomerSummary.FromTransactions(late, window).Single();

        Assert.Equal(whole, a.Merge(b));
        Assert.Equal(whole, b.Merge(a));
        Assert.Equal(4, whole.PurchaseCount);
    }

    [Fact]
    public void Interleaved_summaries_cannot_be_merged()
    {
        var window = new ObservationWindow(Jan1.AddDays(30));
        var a = CustomerSummary.FromTransactions([Tx("a", 0, 1), Tx("a", 10, 1)], window).Single();
        var b = CustomerSummary.FromTransactions([Tx("a", 5, 1), Tx("a", 15, 1)], window).Single();
        var error = Assert.Throws<ArgumentException>(() => a.Merge(b));
        Assert.Contains("interleave", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Summaries_of_different_customers_or_windows_cannot_be_merged()
    {
        var window = new ObservationWindow(Jan1.AddDays(30));
        var a = CustomerSummary.FromTransactions([Tx("a", 0, 1)], window).Single();
        var b = CustomerSummary.FromTransactions([Tx("b", 5, 1)], window).Single();
        var a2 = CustomerSummary.FromTransactions([Tx("a", 5, 1)], new ObservationWindow(Jan1.AddDays(31))).Single();
        Assert.Throws<ArgumentException>(() => a.Merge(b));
        Assert.Throws<ArgumentException>(() => a.Merge(a2));
        Assert.Throws<ArgumentException>(() => new CustomerSummaryBuilder(window).Merge(new CustomerSummaryBuilder(window, TransactionOrder.Any)));
    }

    [Fact]
    public void A_merged_builder_keeps_the_other_builder_unchanged()
    {
        var window = new ObservationWindow(Jan1.AddDays(30));
        var left = new CustomerSummaryBuilder(window, TransactionOrder.Any);
        var right = new CustomerSummaryBuilder(window, TransactionOrder.Any);
        left.AddRange([Tx("a", 0, 1), Tx("a", 8, 1)]);
        right.AddRange([Tx("a", 4, 1), Tx("a", 8, 1), Tx("b", 3, 1)]);
        var before = right.Build().ToDictionary(s => s.CustomerId);

        left.Merge(right);

        var merged = left.Build().ToDictionary(s => s.CustomerId);
        Assert.Equal(3, merged["a"].PurchaseCount); // days 0, 4 and 8
        Assert.Equal(5, left.TransactionCount);
        Assert.Equal(2, left.CustomerCount);
        right.Add(Tx("a", 20, 1));               // the other builder's state was copied, not shared
        Assert.Equal(3, left.Build().Single(s => s.CustomerId == "a").PurchaseCount);
        Assert.Equal(before["a"].PurchaseCount + 1, right.Build().Single(s => s.CustomerId == "a").PurchaseCount);
        Assert.Throws<ArgumentException>(() => left.Merge(left));
    }

    [Fact]
    public void Adding_a_span_equals_adding_one_by_one_and_keeps_first_seen_order_at_scale()
    {
        // 30,000 customers whose transactions interleave in time, with a holdout and costs: enough to grow the
        // builder's table many times and exercise the look-ahead of AddRange(ReadOnlySpan). Ids are built
        // afresh for every transaction, so equal ids are equal strings, not the same object.
        var random = new Random(7);
        var window = new ObservationWindow(Jan1.AddDays(200), TimeUnit.Weeks, calibrationEnd: Jan1.AddDays(150));
        var log = Enumerable.Range(0, 300_000)
            .Select(_ => Tx(
                "c" + random.Next(30_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
                random.Next(200),
                random.Next(400) / 4.0, // quarters: sums are exact in any order
                random.Next(2) == 0 ? 1.0 : null,
                hour: random.Next(24)))
            .OrderBy(t => t.Timestamp)
            .ToArray();

        var oneByOne = new CustomerSummaryBuilder(window);
        foreach (var transaction in log)
        {
            oneByOne.Add(transaction);
        }

        var span = new CustomerSummaryBuilder(window);
        span.AddRange(log.AsSpan());
        var presized = new CustomerSummaryBuilder(window);
        Assert.True(presized.EnsureCapacity(30_000) >= 30_000);
        presized.AddRange(log.AsSpan());
        var anyOrder = new CustomerSummaryBuilder(window, TransactionOrder.Any);
        anyOrder.AddRange(log.Reverse().ToArray().AsSpan());

        var expected = oneByOne.Build();
        Properties.SummaryAssert.Same(expected, span.Build());
        Properties.SummaryAssert.Same(expected, presized.Build());
        Properties.SummaryAssert.Same(expected, anyOrder.Build());
        Assert.Equal(log.Length, span.TransactionCount);

        // Reference: distinct calibration days and calibration revenue per customer, and first-seen order.
        var calibration = log.Where(t => t.Timestamp < Jan1.AddDays(151)).GroupBy(t => t.CustomerId).ToList();
        Assert.Equal(calibration.Select(g => g.Key), span.Build().Select(s => s.CustomerId));
        var built = span.Build().ToDictionary(s => s.CustomerId);
        foreach (var customer in calibration)
        {
            Assert.Equal(customer.Select(t => t.Timestamp.Date).Distinct().Count(), built[customer.Key].PurchaseCount);
            Assert.Equal(customer.Sum(t => t.Amount), built[customer.Key].Revenue);
        }
    }

    [Fact]
    public void Ensure_capacity_rejects_a_negative_count()
    {
        var builder = new CustomerSummaryBuilder(new ObservationWindow(Jan1));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => builder.EnsureCapacity(-1));
        Assert.Equal("customers", error.ParamName);
    }
}
