using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Tests.Properties;

/// <summary>
/// Issue 10: a builder that reaches 16,384 customers splits its table into 256 parts by id hash, which every later
/// call (adding one at a time, merging, presizing, building) must treat as one table. Each customer's summary must be
/// the one a builder of that customer alone makes, and the summaries must come in first-seen order.
/// </summary>
public class LargeBuilderProperties
{
    /// <summary>16,500–24,000 customers (so the builder splits as it goes) with 1–4 transactions each, sorted by clock
    /// time, with costs on some and an optional holdout period.</summary>
    private static (Transaction[] Log, ObservationWindow Window) Log(int seed)
    {
        var random = new Random(seed);
        int customers = random.Next(16_500, 24_000);
        var origin = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var log = new List<Transaction>();
        for (int c = 0; c < customers; c++)
        {
            string id = "customer-" + c.ToString(System.Globalization.CultureInfo.InvariantCulture);
            for (int k = random.Next(1, 5); k > 0; k--)
            {
                var offset = TimeSpan.FromHours(random.Next(-2, 3));
                var clock = origin.AddMinutes(random.Next(200 * 24 * 60));
                log.Add(new Transaction(id, new DateTimeOffset(clock, offset), random.Next(1, 400) / 4.0, random.Next(3) == 0 ? random.Next(0, 100) / 4.0 : null));
            }
        }

        var sorted = log.OrderBy(t => t.Timestamp.Ticks).ToArray(); // clock order, the order periods follow
        var end = new DateTimeOffset(origin.AddDays(200), TimeSpan.Zero);
        DateTimeOffset? calibration = random.Next(2) == 0 ? end.AddDays(-60) : null;
        return (sorted, new ObservationWindow(end, TimeUnit.Weeks, PurchasePeriod.Day, calibration));
    }

    /// <summary>Each customer's summary from a builder of that customer alone, in first-seen order of <paramref name="log"/>.</summary>
    private static List<CustomerSummary> OneBuilderPerCustomer(IEnumerable<Transaction> log, ObservationWindow window) =>
        log.GroupBy(t => t.CustomerId)
            .Select(customer => SummaryAssert.Builder(window, TransactionOrder.Chronological, customer).Build())
            .Where(built => built.Count == 1)
            .Select(built => built[0])
            .ToList();

    private static void SameInOrder(List<CustomerSummary> expected, CustomerSummaryCollection actual)
    {
        Assert.Equal(expected.Select(s => s.CustomerId), actual.Select(s => s.CustomerId));
        for (int i = 0; i < expected.Count; i++)
        {
            SummaryAssert.Same(expected[i], actual[i]);
        }
    }

    [Property(MaxTest = 4)]
    public Property A_builder_that_splits_as_it_grows_gives_each_customer_its_own_summary_in_first_seen_order() => Prop.ForAll(
        Gen.Choose(0, int.MaxValue - 1).ToArbitrary(),
        seed =>
        {
            var (log, window) = Log(seed);
            var expected = OneBuilderPerCustomer(log, window);

            var oneByOne = new CustomerSummaryBuilder(window);
            foreach (var transaction in log)
            {
                oneByOne.Add(transaction);
            }

            Assert.Equal(log.Select(t => t.CustomerId).Distinct().Count(), oneByOne.CustomerCount);
            Assert.Equal(log.Length, oneByOne.TransactionCount);
            var built = oneByOne.Build();
            SameInOrder(expected, built);
            var holdoutOnly = log.Select(t => t.CustomerId).Distinct().Except(expected.Select(s => s.CustomerId));
            Assert.Equal(holdoutOnly, built.HoldoutOnlyCustomerIds);

            // Presized past the split before the first transaction, and added as one span (one core: the log is below
            // the partitioning threshold only when short, so both paths are taken across the seeds).
            var presized = new CustomerSummaryBuilder(window);
            Assert.True(presized.EnsureCapacity(oneByOne.CustomerCount) >= oneByOne.CustomerCount);
            presized.AddRange(log.AsSpan());
            SameInOrder(expected, presized.Build());
        });

    [Property(MaxTest = 4)]
    public Property Merging_large_builders_keeps_each_customer_whole_and_the_other_builders_new_customers_in_its_order() => Prop.ForAll(
        Gen.Choose(0, int.MaxValue - 1).ToArbitrary(),
        seed =>
        {
            var (log, window) = Log(seed);

            // Split by customer: a customer's history stays in one builder, so the merge is exact in chronological mode.
            // The first builder is large (split into parts); the second is small (one table) or large, by the seed.
            int share = seed % 2 == 0 ? 2 : 5;
            var first = log.Where(t => t.CustomerId.GetHashCode(StringComparison.Ordinal) % share != 0).ToArray();
            var second = log.Where(t => t.CustomerId.GetHashCode(StringComparison.Ordinal) % share == 0).ToArray();
            var merged = SummaryAssert.Builder(window, TransactionOrder.Chronological, first);
            merged.Merge(SummaryAssert.Builder(window, TransactionOrder.Chronological, second));

            var expected = OneBuilderPerCustomer(first, window);
            expected.AddRange(OneBuilderPerCustomer(second, window));
            SameInOrder(expected, merged.Build());
            Assert.Equal(log.Length, merged.TransactionCount);

            // Merged the other way round, into a builder with one table: the same summaries, the other order.
            var reverse = SummaryAssert.Builder(window, TransactionOrder.Chronological, second);
            reverse.Merge(SummaryAssert.Builder(window, TransactionOrder.Chronological, first));
            var reversed = OneBuilderPerCustomer(second, window);
            reversed.AddRange(OneBuilderPerCustomer(first, window));
            SameInOrder(reversed, reverse.Build());
        });

    [Property(MaxTest = 3)]
    public Property A_large_builder_in_any_order_matches_the_chronological_one() => Prop.ForAll(
        Gen.Choose(0, int.MaxValue - 1).ToArbitrary(),
        seed =>
        {
            var (log, window) = Log(seed);
            var random = new Random(seed);
            var shuffled = log.OrderBy(_ => random.Next()).ToArray();
            var anyOrder = SummaryAssert.Builder(window, TransactionOrder.Any, shuffled);

            // The same summaries as a chronological builder, in the shuffled log's first-seen order.
            var chronological = OneBuilderPerCustomer(log, window).ToDictionary(s => s.CustomerId);
            var expected = shuffled.Select(t => t.CustomerId).Distinct().Where(chronological.ContainsKey).Select(id => chronological[id]).ToList();
            SameInOrder(expected, anyOrder.Build());
        });
}
