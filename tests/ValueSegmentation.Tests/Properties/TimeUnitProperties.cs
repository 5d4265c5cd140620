using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ValueSegmentation.Metrics;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Tests.Properties;

/// <summary>
/// The time unit is a presentation choice: every strategy assigns every customer the same segment whether times are
/// measured in days, weeks, months, quarters or years. Times are exact day counts converted once, so customers whose
/// last purchases lie equally far from the end tie in every unit (before, T − t<sub>x</sub> was a difference of two
/// rounded times, and 32 weeks could become 31.999999999999996).
/// </summary>
public class TimeUnitProperties
{
    private static readonly TimeUnit[] Units = [TimeUnit.Days, TimeUnit.Weeks, TimeUnit.Months, TimeUnit.Quarters, TimeUnit.Years];

    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A log of many customers over more than a year, so that equal times since the last purchase arise from
    /// different first and last days; amounts are whole numbers.</summary>
    public sealed record Log(int EndDay, (int Customer, int Day, int Amount)[] Entries)
    {
        public Transaction[] Transactions { get; } =
            [.. Entries.Select(e => new Transaction("c" + e.Customer.ToString(CultureInfo.InvariantCulture), Start.AddDays(e.Day).AddHours(9), e.Amount))];

        public override string ToString() => $"end day {EndDay}: " + string.Join(", ", Entries.Select(e => $"c{e.Customer}@{e.Day}={e.Amount}"));
    }

    private static Gen<Log> Logs() =>
        from customers in Gen.Choose(20, 120)
        from count in Gen.Choose(customers, customers * 4)
        from endDay in Gen.Choose(200, 500)
        from entries in Gen.ArrayOf(
            from customer in Gen.Choose(0, customers - 1)
            from day in Gen.Choose(0, endDay)
            from amount in Gen.Choose(1, 60)
            select (customer, day, amount),
            count)
        select new Log(endDay, entries);

    /// <summary>Every built-in strategy on time-based measures (and revenue), with the default RFM.</summary>
    private static IEnumerable<(string Name, ISegmentationStrategy Strategy)> Strategies()
    {
        var sinceLast = CustomerMeasure.TimeSinceLastPurchase;
        var recency = new CustomerMeasure("recency", c => c.Recency);
        var perYear = new CustomerMeasure("repeat purchases per year", c => PurchaseFrequency.ForCustomer(c, TimeUnit.Years));
        yield return ("RFM", new RfmStrategy());
        yield return ("tiers on time since last purchase", new TieredStrategy(sinceLast));
        yield return ("percentiles on recency", new PercentileStrategy(recency, [0.1, 0.5]));
        yield return ("Pareto on purchases per year", new ParetoStrategy(perYear));
        yield return ("quadrant on purchases per year and time since last purchase", new QuadrantStrategy(perYear, sinceLast));
    }

    [Property(MaxTest = 60)]
    public Property Every_strategy_assigns_the_same_segments_in_every_time_unit() => Prop.ForAll(Logs().ToArbitrary(), log =>
    {
        var assignments = Units.Select(unit =>
        {
            var customers = CustomerSummary.FromTransactions(log.Transactions, new ObservationWindow(Start.AddDays(log.EndDay), unit), TransactionOrder.Any);
            return Strategies().Select(s => (s.Name, Segments: Assign(s.Strategy, customers))).ToArray();
        }).ToArray();
        foreach (var other in assignments.Skip(1))
        {
            for (int s = 0; s < other.Length; s++)
            {
                Assert.True(assignments[0][s].Segments.SequenceEqual(other[s].Segments), $"{other[s].Name} differs between units");
            }
        }
    });

    [Fact]
    public void Rfm_segments_of_the_example_log_do_not_depend_on_the_time_unit()
    {
        // lifetimes' example_transactions.csv (5,000 customers in 2014, no amounts), observed to 2014-12-31. Before
        // times were derived from exact day counts, "At risk" held 684 customers in days, 689 in weeks and 686 in months:
        // equal day counts became 32 and 31.999999999999996 weeks and fell on both sides of a cut point. In days every
        // difference is an exact integer, so 684 is the count every unit must give.
        var log = ExampleLog();
        foreach (var unit in Units)
        {
            var customers = CustomerSummary.FromTransactions(log, new ObservationWindow(new DateTimeOffset(2014, 12, 31, 0, 0, 0, TimeSpan.Zero), unit), TransactionOrder.Any);
            var segmented = SegmentedCustomers.FitAndAssign(new RfmStrategy(), customers);
            int atRisk = segmented.Counts[segmented.Segments.Select(s => s.Name).ToList().IndexOf("At risk")];
            Assert.True(atRisk == 684, $"At risk holds {atRisk} customers in {unit}.");
        }
    }

    private static string[] Assign(ISegmentationStrategy strategy, CustomerSummaryCollection customers)
    {
        var segmented = SegmentedCustomers.FitAndAssign(strategy, customers);
        return [.. customers.Select((c, i) => c.CustomerId + ":" + segmented.SegmentOf(i).Name).Order(StringComparer.Ordinal)];
    }

    /// <summary>data/example_transactions.csv: header <c>date,id</c>, dates like <c>2014-03-08 00:00:00</c>.</summary>
    private static List<Transaction> ExampleLog() =>
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data", "example_transactions.csv")).Skip(1).Select(line =>
        {
            var fields = line.Split(',');
            var day = DateOnly.ParseExact(fields[0][..10], "yyyy-MM-dd", CultureInfo.InvariantCulture);
            return new Transaction(fields[1], day, 0);
        })];
}
