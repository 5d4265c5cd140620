using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ValueSegmentation.Analysis;
using ValueSegmentation.Lifetime;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Tests.Properties;

/// <summary>
/// Issue 10: a collection kept as columns (the builder's output, and <see cref="CustomerSummaryCollection.FromNumbers"/>)
/// must answer every question exactly as a collection of the same summary objects does — every column, every measure,
/// every strategy's assignment and the segment report, to the last bit — and the summaries it recreates must equal those
/// the public constructors make from the same facts.
/// </summary>
public class ColumnarCollectionProperties
{
    private static readonly Gen<int> Seeds = Gen.Choose(0, int.MaxValue - 1);

    /// <summary>A time-ordered log of up to 3,000 transactions: mixed UTC offsets (or none), refunds, costs on some
    /// transactions (or on none), an optional holdout period, any purchase period and time unit.</summary>
    private static (Transaction[] Log, ObservationWindow Window) Log(int seed)
    {
        var random = new Random(seed);
        int rows = random.Next(1, 3_000), customers = random.Next(1, 600), days = random.Next(80, 500);
        bool offsets = random.Next(2) == 0, costs = random.Next(2) == 0;
        var origin = new DateTime(2023, 5, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var log = new Transaction[rows];
        for (int i = 0; i < rows; i++)
        {
            var offset = offsets ? TimeSpan.FromMinutes(30 * random.Next(-6, 7)) : TimeSpan.Zero;
            var clock = origin.AddMinutes(random.Next(days * 24 * 60));
            double? cost = costs && random.Next(3) == 0 ? random.Next(0, 100) / 4.0 : null;
            log[i] = new Transaction("c" + random.Next(customers), new DateTimeOffset(clock, offset), random.Next(-2, 400) / 4.0, cost);
        }

        Array.Sort(log, (a, b) => a.Timestamp.Ticks.CompareTo(b.Timestamp.Ticks));
        var end = new DateTimeOffset(origin.AddDays(days), TimeSpan.Zero);
        DateTimeOffset? calibration = random.Next(2) == 0 ? end.AddDays(-random.Next(35, days / 2)) : null;
        return (log, new ObservationWindow(end, (TimeUnit)random.Next(4), (PurchasePeriod)random.Next(3), calibration));
    }

    private static CustomerSummaryCollection Columnar(int seed)
    {
        var (log, window) = Log(seed);
        var builder = new CustomerSummaryBuilder(window);
        builder.AddRange(log);
        var columnar = builder.Build();
        Assert.True(columnar.IsColumnar);
        return columnar;
    }

    /// <summary>The same summaries as objects: created one by one by the enumerator, kept in an array.</summary>
    private static CustomerSummaryCollection Objects(CustomerSummaryCollection columnar)
    {
        var objects = new CustomerSummaryCollection(columnar.ToArray());
        Assert.False(objects.IsColumnar);
        return objects;
    }

    private static double[] Column(CustomerSummaryCollection customers, SummaryColumn column, int start = 0, int? length = null)
    {
        var values = new double[length ?? customers.Count - start];
        customers.CopyColumn(column, start, values);
        return values;
    }

    [Property(MaxTest = 60)]
    public Property Every_column_reads_what_the_summaries_properties_say() => Prop.ForAll(
        Seeds.ToArbitrary(),
        seed =>
        {
            var columnar = Columnar(seed);
            var objects = Objects(columnar);
            int start = columnar.Count == 0 ? 0 : seed % columnar.Count;
            foreach (var column in Enum.GetValues<SummaryColumn>())
            {
                Assert.Equal(Column(objects, column), Column(columnar, column)); // exact: xunit compares doubles bit for bit here
                Assert.Equal(Column(objects, column, start), Column(columnar, column, start));
            }

            for (int i = 0; i < columnar.Count; i++)
            {
                Assert.Equal(objects[i].CustomerId, columnar.CustomerIdAt(i));
                Assert.Equal(objects[i], columnar[i]);
                Assert.Equal(i, columnar.IndexOf(columnar.CustomerIdAt(i)));
            }
        });

    [Property(MaxTest = 60)]
    public Property Summaries_recreated_from_columns_equal_the_dated_constructors() => Prop.ForAll(
        Seeds.ToArbitrary(),
        seed =>
        {
            var columnar = Columnar(seed);
            var window = columnar.Window!;
            foreach (var summary in columnar)
            {
                // The public constructor works out the purchase periods and the durations from the dates itself.
                var rebuilt = new CustomerSummary(
                    summary.CustomerId,
                    window,
                    summary.FirstPurchase!.Value,
                    summary.LastPurchase!.Value,
                    summary.PurchaseCount,
                    summary.FirstPurchaseRevenue,
                    summary.RepeatRevenue,
                    summary.TransactionCount,
                    summary.CostOfGoods,
                    summary.TransactionsWithCost);
                Assert.Equal(rebuilt.Recency, summary.Recency);
                Assert.Equal(rebuilt.Age, summary.Age);
                Assert.Equal(rebuilt.TimeSinceLastPurchase, summary.TimeSinceLastPurchase);
                Assert.Equal(rebuilt.FirstPurchase, summary.FirstPurchase);
                Assert.Equal(rebuilt.FirstPurchase!.Value.Offset, summary.FirstPurchase!.Value.Offset);
                Assert.Equal(rebuilt.LastPurchase!.Value.Offset, summary.LastPurchase!.Value.Offset);
                if (summary.HoldoutPurchaseCount == 0)
                {
                    Assert.Equal(rebuilt, summary);
                }
            }
        });

    [Property(MaxTest = 40)]
    public Property Measures_strategies_and_reports_give_the_same_on_columns_and_on_objects() => Prop.ForAll(
        Seeds.ToArbitrary(),
        seed =>
        {
            var columnar = Columnar(seed);
            var objects = Objects(columnar);
            var own = new CustomerMeasure("own function", c => c.Revenue * 2 - c.Frequency);
            var model = new CustomerMeasure("own model", new RecencyModel());
            CustomerMeasure[] measures =
            [
                CustomerMeasure.Revenue, CustomerMeasure.GrossProfit, CustomerMeasure.Frequency, CustomerMeasure.PurchaseCount,
                CustomerMeasure.MonetaryValue, CustomerMeasure.AverageOrderValue, CustomerMeasure.TimeSinceLastPurchase, own, model,
            ];
            foreach (var measure in measures)
            {
                Assert.Equal(objects.ValuesOf(measure).ToArray(), columnar.ValuesOf(measure).ToArray());
            }

            ISegmentationStrategy[] strategies =
            [
                new TieredStrategy(CustomerMeasure.Revenue),
                new PercentileStrategy(CustomerMeasure.GrossProfit, [0.1, 0.3]),
                new ParetoStrategy(CustomerMeasure.Revenue),
                new QuadrantStrategy(CustomerMeasure.Revenue, CustomerMeasure.Frequency),
                new RfmStrategy(),
            ];
            foreach (var strategy in strategies)
            {
                var segmenter = strategy.Fit(columnar);
                Assert.Equal(strategy.Fit(objects).Segments.Select(s => s.Rule), segmenter.Segments.Select(s => s.Rule));
                var onColumns = SegmentedCustomers.Assign(segmenter, columnar);
                var onObjects = SegmentedCustomers.Assign(segmenter, objects);
                Assert.Equal(onObjects.SegmentIndexes().ToArray(), onColumns.SegmentIndexes().ToArray());
                var loyalty = CustomerMeasure.Frequency;
                Assert.Equal(
                    SegmentReport.Create(onObjects, CustomerMeasure.GrossProfit, loyalty, c => c.TransactionCount * 0.5).Rows,
                    SegmentReport.Create(onColumns, CustomerMeasure.GrossProfit, loyalty, c => c.TransactionCount * 0.5).Rows);
                Assert.Equal(SegmentReport.Create(onObjects).Total, SegmentReport.Create(onColumns).Total);
            }
        });

    [Property(MaxTest = 40)]
    public Property A_summary_table_from_numbers_in_bulk_equals_the_summaries_from_numbers_one_by_one() => Prop.ForAll(
        Seeds.ToArbitrary(),
        seed =>
        {
            var (ids, frequency, recency, age, money, revenue, holdout, holdoutRevenue, unit) = Numbers(seed, new Random(seed).Next(1, 400));
            var cost = revenue.Select(r => Math.Round(Math.Max(r, 0) * 0.6, 2)).ToArray();
            var bulk = CustomerSummaryCollection.FromNumbers(ids, frequency, recency, age, unit, money, revenue, seed % 2 == 0 ? cost : default, holdout, holdoutRevenue);
            Assert.True(bulk.IsColumnar);
            var oneByOne = new CustomerSummaryCollection(ids.Select((id, i) =>
                CustomerSummary.FromNumbers(id, frequency[i], recency[i], age[i], unit, money[i], revenue[i], seed % 2 == 0 ? cost[i] : null, holdout[i], holdoutRevenue[i])));
            Assert.Equal(oneByOne, bulk);
            foreach (var column in Enum.GetValues<SummaryColumn>())
            {
                Assert.Equal(Column(oneByOne, column), Column(bulk, column));
            }

            foreach (var measure in new[] { CustomerMeasure.Revenue, CustomerMeasure.AverageOrderValue, CustomerMeasure.TimeSinceLastPurchase })
            {
                Assert.Equal(oneByOne.ValuesOf(measure).ToArray(), bulk.ValuesOf(measure).ToArray());
            }
        });

    [Fact]
    public void A_population_large_enough_for_every_core_reads_the_same_on_columns_and_on_objects()
    {
        // 2 × 2^15 customers and more: the built-in measures then fill their values in parallel slices.
        var (ids, frequency, recency, age, money, revenue, holdout, holdoutRevenue, unit) = Numbers(20261203, 70_001);
        var bulk = CustomerSummaryCollection.FromNumbers(ids, frequency, recency, age, unit, money, revenue, revenue.Select(r => Math.Max(r, 0) / 2).ToArray(), holdout, holdoutRevenue);
        var objects = new CustomerSummaryCollection(bulk.AsSpan().ToArray());
        foreach (var measure in new[] { CustomerMeasure.Revenue, CustomerMeasure.GrossProfit, CustomerMeasure.AverageOrderValue, CustomerMeasure.MonetaryValue })
        {
            Assert.Equal(objects.ValuesOf(measure).ToArray(), bulk.ValuesOf(measure).ToArray());
        }

        Assert.Equal(objects.ValuesOf(new CustomerMeasure("model", new RecencyModel())).ToArray(), bulk.ValuesOf(new CustomerMeasure("model", new RecencyModel())).ToArray());
    }

    [Fact]
    public void A_bad_row_in_bulk_is_refused_with_its_row_customer_argument_and_value()
    {
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => CustomerSummaryCollection.FromNumbers(
            ["a", "b", "c"], [0, 2, 1], [0, 5, 9], [10, 10, 8], TimeUnit.Weeks));
        Assert.Equal("recency", refused.ParamName);
        Assert.Equal(9.0, refused.ActualValue);
        Assert.Contains("Row #2 (customer 'c')", refused.Message, StringComparison.Ordinal);

        var twice = Assert.Throws<ArgumentException>(() => CustomerSummaryCollection.FromNumbers(["a", "b", "a"], [0, 0, 0], [0, 0, 0], [1, 1, 1], TimeUnit.Days));
        Assert.Equal("customerIds", twice.ParamName);
        Assert.Contains("'a' appears twice (#0 and #2)", twice.Message, StringComparison.Ordinal);

        var shortColumn = Assert.Throws<ArgumentException>(() => CustomerSummaryCollection.FromNumbers(["a", "b"], [0, 0], [0, 0], [1], TimeUnit.Days));
        Assert.Equal("age", shortColumn.ParamName);
        var blankId = Assert.Throws<ArgumentException>(() => CustomerSummaryCollection.FromNumbers(["a", " "], [0, 0], [0, 0], [1, 1], TimeUnit.Days));
        Assert.Contains("Row #1", blankId.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Copying_a_column_outside_the_collection_is_refused_with_the_position()
    {
        var customers = CustomerSummaryCollection.FromNumbers(["a", "b"], [0, 1], [0, 2], [3, 4], TimeUnit.Days);
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => customers.CopyColumn(SummaryColumn.Age, 1, new double[2]));
        Assert.Equal("start", refused.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => customers.CopyColumn((SummaryColumn)99, 0, new double[1]));
    }

    private static (string[] Ids, int[] Frequency, double[] Recency, double[] Age, double[] Money, double[] Revenue, int[] Holdout, double[] HoldoutRevenue, TimeUnit Unit) Numbers(int seed, int n)
    {
        var random = new Random(seed);
        bool withHoldout = random.Next(2) == 0;
        var ids = new string[n];
        var frequency = new int[n];
        double[] recency = new double[n], age = new double[n], money = new double[n], revenue = new double[n], holdoutRevenue = new double[n];
        var holdout = new int[n];
        for (int i = 0; i < n; i++)
        {
            ids[i] = "n" + i;
            frequency[i] = random.Next(3) == 0 ? 0 : random.Next(1, 30);
            age[i] = random.Next(0, 3) == 0 ? random.Next(1, 80) : random.NextDouble() * 80;
            recency[i] = frequency[i] == 0 ? 0 : Math.Max(age[i] * random.NextDouble(), 1e-3);
            age[i] = Math.Max(age[i], recency[i]);
            money[i] = frequency[i] == 0 ? 0 : random.Next(1, 4000) / 8.0;
            revenue[i] = (money[i] * frequency[i]) + (random.Next(0, 800) / 4.0);
            holdout[i] = withHoldout ? random.Next(0, 4) : 0;
            holdoutRevenue[i] = holdout[i] == 0 ? 0 : random.Next(1, 900) / 4.0;
        }

        return (ids, frequency, recency, age, money, revenue, holdout, holdoutRevenue, (TimeUnit)random.Next(4));
    }

    /// <summary>A value model of a user's, with only the one-customer method: the population goes through the default
    /// block path.</summary>
    private sealed class RecencyModel : ICustomerValueModel
    {
        public double Evaluate(CustomerSummary customer) => customer.Recency / (1 + customer.Age) + customer.HoldoutRevenue;
    }
}
