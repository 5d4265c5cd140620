using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Tests.Properties;

/// <summary>
/// The fast paths of fit and assign equal their straightforward definitions exactly: the vectorised, parallel
/// assignment of a <see cref="ThresholdSegmenter"/> and the counts it makes on the way equal <see cref="ThresholdSegmenter.IndexOf"/>
/// value by value and counting its results (ties at the minimums, +∞ and −∞ among them, and more minimums than the
/// vector path compares); and the batch of a built-in measure, read on both cores, equals the measure of
/// each customer alone. Populations run from one customer to the sizes that take the parallel paths.
/// </summary>
public class ThresholdAssignmentProperties
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly ObservationWindow Window = new(Start.AddDays(729), TimeUnit.Days);

    /// <summary>Customers drawn from a seed: revenues with ties, negative values (refunds), 0 and a spike, and varied
    /// purchase histories, so that every built-in measure varies.</summary>
    private static CustomerSummary[] Population(int seed, int count)
    {
        var random = new Random(seed);
        var customers = new CustomerSummary[count];
        for (int i = 0; i < count; i++)
        {
            int firstDay = random.Next(700);
            int purchases = random.Next(3) == 0 ? 1 : 1 + random.Next(20);
            int lastDay = purchases == 1 ? firstDay : firstDay + purchases - 1 + random.Next(728 - (firstDay + purchases - 1) + 1);
            double revenue = random.Next(5) switch
            {
                0 => random.Next(-20, 100) / 2.0,
                1 => 0,
                2 => 50,
                _ => Math.Round(5 - (60 * Math.Log(1 - random.NextDouble())), 2) * purchases,
            };
            double first = purchases == 1 ? revenue : Math.Round(revenue / purchases, 2);
            customers[i] = new CustomerSummary(
                "c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Window,
                Start.AddDays(firstDay).AddHours(9),
                Start.AddDays(lastDay).AddHours(purchases == 1 ? 9 : 17),
                purchases,
                first,
                revenue - first);
        }

        return customers;
    }

    private static Gen<(int Seed, int Count)> Populations() =>
        from seed in Gen.Choose(0, int.MaxValue)
        from count in Gen.Frequency((4, Gen.Choose(1, 40)), (3, Gen.Choose(41, 3_000)), (1, Gen.Choose(65_536, 160_000)))
        select (seed, count);

    /// <summary>Minimums from the top down (a segmenter's ranges require it), with ties, infinities and values that
    /// customers hold; up to 20, past the 16 compared in vector registers.</summary>
    private static Gen<double[]> Minimums() =>
        from count in Gen.Choose(1, 20)
        from raw in Gen.ArrayOf(
            Gen.Frequency(
                (6, Gen.Choose(-20, 200).Select(i => i / 2.0)),
                (1, Gen.Elements(double.PositiveInfinity, double.NegativeInfinity, 0.0, 50.0))),
            count)
        select raw.OrderDescending().ToArray();

    [Property(MaxTest = 150)]
    public Property Assigning_and_counting_equal_the_segment_of_each_value() => Prop.ForAll(
        Populations().ToArbitrary(),
        Minimums().ToArbitrary(),
        (population, minimums) =>
        {
            var customers = new CustomerSummaryCollection(Population(population.Seed, population.Count));
            var values = customers.ValuesOf(CustomerMeasure.Revenue).ToArray();
            SegmentDefinition[] definitions = [.. Enumerable.Range(0, minimums.Length + 1).Select(i => new SegmentDefinition("s" + i, string.Empty))];
            var segmenter = new ThresholdSegmenter(CustomerMeasure.Revenue, minimums, definitions, _ => string.Empty, null, values);

            var expected = values.Select(segmenter.IndexOf).ToArray();
            var counts = new int[definitions.Length];
            foreach (int index in expected)
            {
                counts[index]++;
            }

            // The counts made while fitting (the realised shares), by the public batch, and by the segmented population.
            for (int i = 0; i < counts.Length; i++)
            {
                Assert.Equal((double)counts[i] / values.Length, segmenter.Segments[i].FittedShare);
            }

            var assigned = Enumerable.Repeat(-1, values.Length + 3).ToArray();
            segmenter.Assign(customers, assigned);
            Assert.Equal(expected, assigned[..values.Length]);
            Assert.Equal([-1, -1, -1], assigned[values.Length..]); // nothing written past the customers

            var segmented = SegmentedCustomers.Assign(segmenter, customers);
            Assert.Equal(expected, segmented.SegmentIndexes().ToArray());
            Assert.Equal(counts, segmented.Counts);
        });

    [Property(MaxTest = 40)]
    public Property Fitting_and_assigning_a_population_agrees_with_assigning_each_customer_alone() => Prop.ForAll(
        Populations().ToArbitrary(),
        population =>
        {
            var customers = Population(population.Seed, population.Count);
            ISegmentationStrategy[] strategies =
            [
                new TieredStrategy(CustomerMeasure.Revenue),
                new PercentileStrategy(CustomerMeasure.GrossProfit, [0.01, 0.2, 0.5]),
                new ParetoStrategy(CustomerMeasure.Revenue, [0.5, 0.8, 0.95]),
            ];
            foreach (var strategy in strategies)
            {
                var segmented = SegmentedCustomers.FitAndAssign(strategy, customers); // from an array: the fresh path
                var segmenter = (ThresholdSegmenter)segmented.Segmenter;
                for (int i = 0; i < customers.Length; i++)
                {
                    Assert.Equal(segmenter.Assign(customers[i]).Rank - 1, segmented.SegmentIndexOf(i));
                }

                Assert.Equal(customers.Length, segmented.Counts.Sum());
            }
        });

    [Fact]
    public void More_segments_than_a_byte_holds_are_assigned_as_the_values_say()
    {
        var customers = Population(7, 70_000);
        var tiers = new TieredStrategy(CustomerMeasure.Revenue, [.. Enumerable.Repeat(1.0 / 300, 300)]);
        var segmented = SegmentedCustomers.FitAndAssign(tiers, customers);
        var segmenter = (ThresholdSegmenter)segmented.Segmenter;
        Assert.Equal(300, segmented.Segments.Count);
        var expected = customers.Select(c => segmenter.IndexOf(c.Revenue)).ToArray();
        Assert.Equal(expected, segmented.SegmentIndexes().ToArray());
        Assert.Equal(expected.CountBy(i => i).OrderBy(p => p.Key).Select(p => p.Value), segmented.Counts.Where(c => c > 0));
    }

    [Property(MaxTest = 12)]
    public Property A_built_in_measure_read_on_every_core_equals_each_customer_alone() => Prop.ForAll(
        (from seed in Gen.Choose(0, int.MaxValue)
         from count in Gen.Frequency((1, Gen.Choose(1, 5_000)), (3, Gen.Choose(65_536, 200_000)))
         select (seed, count)).ToArbitrary(),
        input =>
        {
            var customers = Population(input.seed, input.count);
            CustomerMeasure[] measures =
            [
                CustomerMeasure.Revenue, CustomerMeasure.GrossProfit, CustomerMeasure.Frequency, CustomerMeasure.PurchaseCount,
                CustomerMeasure.MonetaryValue, CustomerMeasure.AverageOrderValue, CustomerMeasure.TimeSinceLastPurchase,
                CustomerMeasure.Revenue.WithUnit("USD"),
            ];
            var batch = new double[customers.Length];
            foreach (var measure in measures)
            {
                measure.Evaluate(customers, batch);
                for (int i = 0; i < customers.Length; i++)
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(measure.Evaluate(customers[i])), BitConverter.DoubleToInt64Bits(batch[i]));
                }
            }
        });
}
