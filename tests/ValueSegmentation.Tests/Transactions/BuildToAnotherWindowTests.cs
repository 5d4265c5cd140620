using ValueSegmentation.Tests.Properties;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Tests.Transactions;

/// <summary>Issue 11: a log whose end is not known until it has been read is summarised in one pass, into a builder
/// whose window has no end in practice, then built to the day of its latest transaction — the same summaries as a
/// builder given that end from the start.</summary>
public class BuildToAnotherWindowTests
{
    private static readonly DateTimeOffset Origin = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static Transaction[] Log(int seed, int rows)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, rows)
            .Select(_ => new Transaction("c" + random.Next(rows / 4 + 1), new DateTimeOffset(Origin.DateTime.AddMinutes(random.Next(300 * 24 * 60)), TimeSpan.FromHours(random.Next(-2, 3))), random.Next(1, 100)))
            .OrderBy(t => t.Timestamp.Ticks)
            .ToArray();
    }

    [Theory]
    [InlineData(1, 500)]
    [InlineData(2, 90_000)] // the partitioned path of AddRange(span)
    public void Building_to_the_latest_transaction_equals_building_with_that_end(int seed, int rows)
    {
        var log = Log(seed, rows);
        var open = new CustomerSummaryBuilder(new ObservationWindow(DateTimeOffset.MaxValue, TimeUnit.Weeks));
        open.AddRange(log.AsSpan());
        var oneByOne = new CustomerSummaryBuilder(new ObservationWindow(DateTimeOffset.MaxValue, TimeUnit.Weeks));
        foreach (var transaction in log)
        {
            oneByOne.Add(transaction);
        }

        // The latest by clock time, then instant: the order purchase periods follow.
        var latest = log.OrderBy(t => t.Timestamp.Ticks).ThenBy(t => t.Timestamp.UtcTicks).Last().Timestamp;
        Assert.Equal(latest, open.LatestTransaction);
        Assert.Equal(latest, oneByOne.LatestTransaction);
        Assert.Equal(latest.Offset, open.LatestTransaction!.Value.Offset);

        var window = new ObservationWindow(latest, TimeUnit.Days);
        var expected = SummaryAssert.Builder(window, TransactionOrder.Chronological, log).Build();
        SummaryAssert.Same(expected, open.Build(window));
        SummaryAssert.Same(expected, oneByOne.Build(window));
        Assert.All(open.Build(window), s => Assert.Same(window, s.Window));
    }

    [Fact]
    public void BuildToLatestTransaction_builds_the_window_of_the_latest_day_with_the_builders_unit_period_and_split()
    {
        var log = Log(3, 2_000);
        var calibrationEnd = Origin.AddDays(200);
        var open = new CustomerSummaryBuilder(new ObservationWindow(DateTimeOffset.MaxValue, TimeUnit.Weeks, PurchasePeriod.Day, calibrationEnd));
        open.AddRange(log.AsSpan());

        var latest = open.LatestTransaction!.Value;
        var expected = SummaryAssert.Builder(new ObservationWindow(latest, TimeUnit.Weeks, PurchasePeriod.Day, calibrationEnd), TransactionOrder.Any, log).Build();
        var built = open.BuildToLatestTransaction();
        SummaryAssert.Same(expected, built);
        Assert.Equal((latest, calibrationEnd), (built.Window!.End, built.Window.CalibrationEnd));
        Assert.True(expected.HoldoutOnlyCustomerIds.Count + expected.Sum(s => s.HoldoutPurchaseCount) > 0); // the split is there

        var empty = new CustomerSummaryBuilder(new ObservationWindow(DateTimeOffset.MaxValue, TimeUnit.Weeks));
        Assert.Empty(empty.BuildToLatestTransaction());
    }

    [Fact]
    public void Another_window_must_keep_the_purchase_period_have_no_holdout_and_reach_the_latest_transaction()
    {
        var builder = new CustomerSummaryBuilder(new ObservationWindow(DateTimeOffset.MaxValue));
        Assert.Null(builder.LatestTransaction);
        builder.Add(new Transaction("a", Origin.AddDays(10), 1));
        Assert.Throws<ArgumentNullException>(() => builder.Build(null!));
        Assert.Contains("purchase period", Assert.Throws<ArgumentException>(() => builder.Build(new ObservationWindow(Origin.AddDays(20), purchasePeriod: PurchasePeriod.Week))).Message, StringComparison.Ordinal);
        Assert.Contains("calibration split", Assert.Throws<ArgumentException>(() => builder.Build(new ObservationWindow(Origin.AddDays(20), calibrationEnd: Origin.AddDays(15)))).Message, StringComparison.Ordinal);
        var split = new CustomerSummaryBuilder(new ObservationWindow(DateTimeOffset.MaxValue, calibrationEnd: Origin.AddDays(15)));
        split.Add(new Transaction("a", Origin.AddDays(10), 1));
        split.Add(new Transaction("a", Origin.AddDays(18), 2));
        Assert.Contains("calibration split", Assert.Throws<ArgumentException>(() => split.Build(new ObservationWindow(Origin.AddDays(20), calibrationEnd: Origin.AddDays(14)))).Message, StringComparison.Ordinal);
        var summary = Assert.Single(split.Build(new ObservationWindow(Origin.AddDays(20), calibrationEnd: Origin.AddDays(15).AddHours(5))));
        Assert.Equal((1, 2.0), (summary.HoldoutPurchaseCount, summary.HoldoutRevenue)); // the same split, measured to day 20
        Assert.Contains("ends before the latest transaction", Assert.Throws<ArgumentException>(() => builder.Build(new ObservationWindow(Origin.AddDays(9)))).Message, StringComparison.Ordinal);
        Assert.Single(builder.Build(new ObservationWindow(Origin.AddDays(10)))); // the latest transaction's own day is inside
    }

    [Fact]
    public void Dropped_transactions_are_not_the_latest_and_a_merge_keeps_the_later_of_the_two()
    {
        var window = new ObservationWindow(Origin.AddDays(30));
        var a = new CustomerSummaryBuilder(window, TransactionOrder.Chronological, TransactionsAfterEnd.Drop);
        a.Add(new Transaction("a", Origin.AddDays(5), 1));
        a.Add(new Transaction("a", Origin.AddDays(40), 1)); // dropped
        Assert.Equal(Origin.AddDays(5), a.LatestTransaction);
        var b = new CustomerSummaryBuilder(window, TransactionOrder.Chronological, TransactionsAfterEnd.Drop);
        b.Add(new Transaction("b", Origin.AddDays(7), 1));
        a.Merge(b);
        Assert.Equal(Origin.AddDays(7), a.LatestTransaction);
    }
}
