using FsCheck.Xunit;
using ValueSegmentation.Analysis;
using ValueSegmentation.Tests.Properties;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Tests.Analysis;

public sealed class RepeatPurchaseTrackingTests
{
    private static readonly DateOnly Start = new(2024, 1, 1);

    private static Transaction At(string customer, int day, double amount = 10) => new(customer, Start.AddDays(day), amount);

    /// <summary>Calibration to day 13 (two weeks), holdout to day 20: a cohort of two, one late customer, one late row.</summary>
    private static readonly ObservationWindow Window = new(
        new DateTimeOffset(Start.AddDays(20).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        TimeUnit.Weeks,
        PurchasePeriod.Day,
        new DateTimeOffset(Start.AddDays(13).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    [Fact]
    public void Steps_count_the_cohorts_repeat_purchases_by_hand()
    {
        // a: first day 0; repeats on day 3 (twice the same day: one purchase), 9 and 16 (holdout).
        // b: first day 2; repeat on day 2 is the same period as the first (not a repeat); repeat on day 14 (holdout).
        // c: first seen on day 15, in the holdout: not in the cohort, its two rows untracked.
        var log = new[]
        {
            At("a", 0), At("a", 3), At("a", 3), At("b", 2), At("b", 2), At("a", 9), At("c", 15), At("b", 14), At("a", 16), At("c", 18),
        };

        var tracking = RepeatPurchaseTracking.FromTransactions(log, Window);

        // Weeks from day 0: [0, 6] has a's day 3; [7, 13] a's day 9; [14, 20] b's day 14 and a's day 16.
        Assert.Equal([1, 1, 2], tracking.Steps.Select(s => s.RepeatPurchases));
        Assert.Equal([false, false, true], tracking.Steps.Select(s => s.IsHoldout));
        Assert.Equal(Start.AddDays(7), tracking.Steps[1].First);
        Assert.Equal(Start.AddDays(13), tracking.Steps[1].Last);
        Assert.Equal(Start.AddDays(13), tracking.Steps[1].MeasuredTo);
        Assert.Equal(2, tracking.CalibrationSteps);
        Assert.Equal([new AcquisitionGroup(Start, 1), new AcquisitionGroup(Start.AddDays(2), 1)], tracking.Acquisitions);
        Assert.Equal(2, tracking.Customers);
        Assert.Equal(10, tracking.TransactionCount);
        Assert.Equal(2, tracking.UntrackedTransactionCount);
        Assert.Equal(0, tracking.DroppedTransactionCount);
    }

    [Fact]
    public void The_last_step_ends_with_the_window_and_ten_day_steps_count_the_same_purchases()
    {
        var log = new[] { At("a", 0), At("a", 3), At("a", 12), At("a", 20) };

        var tracking = RepeatPurchaseTracking.FromTransactions(log, Window, stepDays: 10);

        // [0, 9]: day 3; [10, 19]: day 12; [20, 20]: day 20 — the window's last day.
        Assert.Equal([1, 1, 1], tracking.Steps.Select(s => s.RepeatPurchases));
        Assert.Equal(Start.AddDays(20), tracking.Steps[^1].First);
        Assert.Equal(Start.AddDays(20), tracking.Steps[^1].Last);
        Assert.Equal([false, true, true], tracking.Steps.Select(s => s.IsHoldout)); // [10, 19] ends after day 13
    }

    [Fact]
    public void With_weekly_purchase_periods_a_step_is_holdout_only_when_it_reaches_a_later_week()
    {
        // Purchases per week (weeks start on Mondays; 2024-01-01 is a Monday). The calibration ends on day 13, in the
        // week of days 7–13; daily steps on days 8–13 end in that week, so they are calibration steps.
        var window = new ObservationWindow(
            new DateTimeOffset(Start.AddDays(27).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), TimeUnit.Weeks, PurchasePeriod.Week,
            new DateTimeOffset(Start.AddDays(9).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

        var tracking = RepeatPurchaseTracking.FromTransactions([At("a", 0), At("a", 10), At("a", 15)], window, stepDays: 1);

        Assert.DoesNotContain(tracking.Steps, s => s.IsHoldout && s.Last <= Start.AddDays(13));
        Assert.All(tracking.Steps.Where(s => s.Last >= Start.AddDays(14)), s => Assert.True(s.IsHoldout));
        Assert.Equal(1, tracking.Steps.Where(s => !s.IsHoldout).Sum(s => s.RepeatPurchases)); // day 10, at its week's start (day 7)
        Assert.Equal(1, tracking.Steps.Where(s => s.IsHoldout).Sum(s => s.RepeatPurchases));
    }

    [Fact]
    public void A_transaction_after_the_end_is_rejected_with_its_position_or_dropped_and_counted()
    {
        var log = new[] { At("a", 0), At("a", 3), At("a", 21) };

        var refused = Assert.Throws<TransactionException>(() => RepeatPurchaseTracking.FromTransactions(log, Window));
        Assert.Equal(2, refused.Position);
        Assert.Equal("transactions", refused.ParamName);
        Assert.Contains("after the end", refused.Message, StringComparison.Ordinal);

        var dropped = RepeatPurchaseTracking.FromTransactions(log, Window, afterEnd: TransactionsAfterEnd.Drop);
        Assert.Equal(1, dropped.DroppedTransactionCount);
        Assert.Equal(3, dropped.TransactionCount);
        Assert.Equal(1, dropped.Steps.Sum(s => s.RepeatPurchases));
    }

    [Fact]
    public void Bad_arguments_are_named()
    {
        Assert.Equal("transactions", Assert.Throws<ArgumentNullException>(() => RepeatPurchaseTracking.FromTransactions(null!, Window)).ParamName);
        Assert.Equal("window", Assert.Throws<ArgumentNullException>(() => RepeatPurchaseTracking.FromTransactions([], null!)).ParamName);
        Assert.Equal("stepDays", Assert.Throws<ArgumentOutOfRangeException>(() => RepeatPurchaseTracking.FromTransactions([At("a", 0)], Window, stepDays: 0)).ParamName);
        Assert.Equal("transactions", Assert.Throws<ArgumentException>(() => RepeatPurchaseTracking.FromTransactions([At("c", 15)], Window)).ParamName);
        Assert.Equal(0, Assert.Throws<TransactionException>(() => RepeatPurchaseTracking.FromTransactions([default], Window)).Position);
    }

    /// <summary>Daily steps count exactly what the summaries count: the calibration steps hold every customer's repeat
    /// purchases x, the holdout steps their holdout purchases, whatever the order of the log; the untracked rows are
    /// those of the customers the builder lists as holdout-only.</summary>
    [Property(Arbitrary = [typeof(TransactionLogArbitraries)])]
    public void Daily_steps_agree_with_the_summaries_in_any_order(TransactionLog log)
    {
        if (log.Entries.Count == 0)
        {
            return;
        }

        var summaries = SummaryAssert.Builder(log.Window, TransactionOrder.Chronological, log.Chronological()).Build();
        if (summaries.Count == 0)
        {
            Assert.Throws<ArgumentException>(() => RepeatPurchaseTracking.FromTransactions(log.Shuffled(), log.Window, stepDays: 1));
            return;
        }

        var tracking = RepeatPurchaseTracking.FromTransactions(log.Shuffled(), log.Window, stepDays: 1);

        Assert.Equal(summaries.Sum(s => s.Frequency), tracking.Steps.Where(s => !s.IsHoldout).Sum(s => s.RepeatPurchases));
        Assert.Equal(summaries.Sum(s => s.HoldoutPurchaseCount), tracking.Steps.Where(s => s.IsHoldout).Sum(s => s.RepeatPurchases));
        Assert.Equal(summaries.Count, tracking.Customers);
        Assert.Equal(summaries.Count, tracking.Acquisitions.Sum(a => a.Customers));
        var holdoutOnly = summaries.HoldoutOnlyCustomerIds.ToHashSet(StringComparer.Ordinal);
        Assert.Equal(log.Transactions.Count(t => holdoutOnly.Contains(t.CustomerId)), tracking.UntrackedTransactionCount);
        Assert.Equal(tracking, RepeatPurchaseTracking.FromTransactions(log.Chronological(), log.Window, stepDays: 1), TrackingComparer.Instance);
    }

    private sealed class TrackingComparer : IEqualityComparer<RepeatPurchaseTracking>
    {
        public static readonly TrackingComparer Instance = new();

        public bool Equals(RepeatPurchaseTracking? x, RepeatPurchaseTracking? y) =>
            x is not null && y is not null && x.Steps.SequenceEqual(y.Steps) && x.Acquisitions.SequenceEqual(y.Acquisitions)
            && x.UntrackedTransactionCount == y.UntrackedTransactionCount;

        public int GetHashCode(RepeatPurchaseTracking obj) => obj.Steps.Count;
    }
}
