using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Tests.Properties;

/// <summary>
/// Issue 10: a large time-ordered log added in one call is aggregated on every core (each core takes a range of id
/// hashes); the result must be exactly that of adding the transactions one by one — the same summaries in the same
/// (first-seen) order, the same holdout-only customers and the same counts — and a log that could be rejected must
/// fail exactly as the one-core path does.
/// </summary>
public class PartitionedBuildProperties
{
    /// <summary>A log above the partitioning threshold (65,536 rows), sorted by clock time with ties, mixed UTC offsets,
    /// refunds, costs on some transactions, an optional holdout period and, with the drop policy, late transactions.</summary>
    private static (Transaction[] Log, ObservationWindow Window, TransactionsAfterEnd AfterEnd) Log(int seed)
    {
        var random = new Random(seed);
        int rows = random.Next(65_536, 140_000);
        int customers = random.Next(1, 6_000);
        var origin = new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var afterEnd = random.Next(2) == 0 ? TransactionsAfterEnd.Reject : TransactionsAfterEnd.Drop;
        int days = random.Next(100, 700);
        var period = (PurchasePeriod)random.Next(3);
        var log = new Transaction[rows];
        for (int i = 0; i < rows; i++)
        {
            var offset = TimeSpan.FromHours(random.Next(-3, 4));
            var clock = origin.AddMinutes(random.Next(days * 24 * 60 + (afterEnd == TransactionsAfterEnd.Drop ? 5_000 : 0)));
            double amount = random.Next(-2, 400) / 4.0;
            double? cost = random.Next(3) == 0 ? random.Next(0, 100) / 4.0 : null;
            log[i] = new Transaction("c" + random.Next(customers), new DateTimeOffset(clock, offset), amount, cost);
        }

        Array.Sort(log, (a, b) => a.Timestamp.Ticks.CompareTo(b.Timestamp.Ticks)); // clock order, the order periods follow
        var end = new DateTimeOffset(origin.AddDays(days), TimeSpan.Zero);
        DateTimeOffset? calibration = random.Next(2) == 0 ? end.AddDays(-random.Next(35, days / 2)) : null; // an earlier month
        var window = new ObservationWindow(end, (TimeUnit)random.Next(4), period, calibration);
        return (log, window, afterEnd);
    }

    [Property(MaxTest = 12)]
    public Property A_large_time_ordered_log_builds_exactly_as_one_transaction_at_a_time() => Prop.ForAll(
        Gen.Choose(0, int.MaxValue - 1).ToArbitrary(),
        seed =>
        {
            var (log, window, afterEnd) = Log(seed);
            var partitioned = new CustomerSummaryBuilder(window, TransactionOrder.Chronological, afterEnd);
            var oneByOne = new CustomerSummaryBuilder(window, TransactionOrder.Chronological, afterEnd);
            Exception? fast = Record.Exception(() => partitioned.AddRange(log.AsSpan()));
            Exception? slow = null;
            foreach (var transaction in log)
            {
                slow = Record.Exception(() => oneByOne.Add(transaction));
                if (slow is not null)
                {
                    break;
                }
            }

            Assert.Equal(slow?.GetType(), fast?.GetType());
            Assert.Equal(slow?.Message, fast?.Message);
            Assert.Equal(oneByOne.TransactionCount, partitioned.TransactionCount);
            Assert.Equal(oneByOne.DroppedTransactionCount, partitioned.DroppedTransactionCount);
            Assert.Equal(oneByOne.CustomerCount, partitioned.CustomerCount);
            var expected = oneByOne.Build();
            var actual = partitioned.Build();
            Assert.Equal(expected.Select(s => s.CustomerId), actual.Select(s => s.CustomerId)); // first-seen order
            SummaryAssert.Same(expected, actual);
            Assert.Equal(expected.HoldoutOnlyCustomerIds, actual.HoldoutOnlyCustomerIds);
            Assert.Equal(expected.DroppedTransactionCount, actual.DroppedTransactionCount);
        });

    [Property(MaxTest = 8)]
    public Property A_large_log_added_in_blocks_builds_exactly_as_one_transaction_at_a_time() => Prop.ForAll(
        Gen.Choose(0, int.MaxValue - 1).ToArbitrary(),
        seed =>
        {
            // As a reader adds a file: consecutive blocks, each after the builder's latest transaction, so that every block
            // of 65,536 or more goes through the partitioned path of a builder that already holds customers.
            var (log, window, afterEnd) = Log(seed);
            var random = new Random(seed);
            var blocks = new CustomerSummaryBuilder(window, TransactionOrder.Chronological, afterEnd);
            var oneByOne = new CustomerSummaryBuilder(window, TransactionOrder.Chronological, afterEnd);
            int start = 0;
            while (start < log.Length)
            {
                int length = Math.Min(log.Length - start, random.Next(2) == 0 ? random.Next(1, 5_000) : random.Next(65_536, 80_000));
                blocks.AddRange(log.AsSpan(start, length));
                start += length;
            }

            foreach (var transaction in log)
            {
                oneByOne.Add(transaction);
            }

            Assert.Equal(oneByOne.TransactionCount, blocks.TransactionCount);
            Assert.Equal(oneByOne.DroppedTransactionCount, blocks.DroppedTransactionCount);
            Assert.Equal(oneByOne.LatestTransaction, blocks.LatestTransaction);
            var expected = oneByOne.Build();
            var actual = blocks.Build();
            Assert.Equal(expected.Select(s => s.CustomerId), actual.Select(s => s.CustomerId)); // first-seen order
            SummaryAssert.Same(expected, actual);
            Assert.Equal(expected.HoldoutOnlyCustomerIds, actual.HoldoutOnlyCustomerIds);
        });

    [Fact]
    public void A_large_log_with_one_transaction_out_of_order_fails_at_the_same_place_with_the_same_customers_added()
    {
        var (log, window, _) = Log(20261203);
        window = new ObservationWindow(window.End, window.TimeUnit, PurchasePeriod.Day);

        // A customer with purchases on at least four days: move their last transaction to just after their first, so that
        // their third purchase falls between purchase periods already seen (out of time order).
        var positions = log.Select((t, i) => (t, i)).GroupBy(p => p.t.CustomerId)
            .First(g => g.Select(p => p.t.Timestamp.Date).Distinct().Count() >= 4).Select(p => p.i).ToArray();
        var moved = log[positions[^1]];
        var shuffled = log.Where((_, i) => i != positions[^1]).ToList();
        shuffled.Insert(positions[0] + 1, moved);
        var partitioned = new CustomerSummaryBuilder(window);
        var oneByOne = new CustomerSummaryBuilder(window);
        var fast = Assert.Throws<TransactionException>(() => partitioned.AddRange(shuffled.ToArray().AsSpan()));
        var slow = Assert.Throws<TransactionException>(() => oneByOne.AddRange(shuffled));
        Assert.Equal(slow.Message, fast.Message);
        Assert.Equal(oneByOne.TransactionCount, partitioned.TransactionCount);
        SummaryAssert.Same(oneByOne.Build(), partitioned.Build());
    }
}
