using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>
/// Issue 10: the fast paths give exactly what the plain ones give. The columnar batch predictions (one pass for E[Y(t)]
/// and P(alive), per-(x, T) cache, both cores) equal the one-customer methods to the last bit, and so do the batch
/// methods over summaries; the compression of columns into weighted rows equals a straightforward grouping.
/// </summary>
public class BatchPathProperties
{
    private static Gen<RepeatPurchaseModel> Models() =>
        ModelProperties.Models(Gen.Choose(-150, 150).Select(k => Math.Pow(10, k / 100.0)), Gen.Constant(false));

    /// <summary>Histories with many repeats of the same (x, T), as in a base acquired over a few weeks, so that the cache
    /// is used; sizes on both sides of the parallel threshold (16,384).</summary>
    private static Gen<(int[] X, double[] Tx, double[] T)> Columns() =>
        from size in Gen.OneOf(Gen.Choose(1, 300), Gen.Choose(16_000, 40_000))
        from seed in Gen.Choose(0, int.MaxValue - 1)
        select Histories(size, seed);

    private static (int[] X, double[] Tx, double[] T) Histories(int size, int seed)
    {
        var random = new Random(seed);
        var x = new int[size];
        var tx = new double[size];
        var t = new double[size];
        for (int i = 0; i < size; i++)
        {
            t[i] = random.Next(4) == 0 ? random.NextDouble() * 60 : 27 + random.Next(12); // shared ages, and distinct ones
            x[i] = random.Next(3) == 0 ? 0 : random.Next(1, 40);
            tx[i] = x[i] == 0 ? 0 : random.NextDouble() * t[i];
        }

        return (x, tx, t);
    }

    [Property(MaxTest = 40)]
    public Property Columnar_predictions_equal_the_one_customer_methods_exactly() => Prop.ForAll(
        Models().ToArbitrary(),
        Columns().ToArbitrary(),
        Gen.Elements(0.0, 1.0, 39.0, 520.0).ToArbitrary(),
        (model, columns, horizon) =>
        {
            var (x, tx, t) = columns;
            var expected = new double[x.Length];
            var alive = new double[x.Length];
            model.Predict(horizon, x, tx, t, expected, alive);
            var onlyAlive = new double[x.Length];
            model.Predict(horizon, x, tx, t, [], onlyAlive);
            for (int i = 0; i < x.Length; i += 1 + (x.Length / 500))
            {
                Assert.Equal(model.ProbabilityAlive(x[i], tx[i], t[i]), alive[i]);
                Assert.Equal(alive[i], onlyAlive[i]);
                Assert.Equal(model.ConditionalExpectedPurchases(horizon, x[i], tx[i], t[i]), expected[i]);
            }
        });

    [Property(MaxTest = 20)]
    public Property Batch_methods_over_summaries_equal_the_columnar_predictions_exactly() => Prop.ForAll(
        Models().ToArbitrary(),
        Columns().ToArbitrary(),
        (model, columns) =>
        {
            var (x, tx, t) = columns;
            var summaries = new CustomerSummary[x.Length];
            for (int i = 0; i < x.Length; i++)
            {
                summaries[i] = CustomerSummary.FromNumbers($"c{i}", x[i], tx[i], t[i], TimeUnit.Weeks);
            }

            var expected = new double[x.Length];
            var alive = new double[x.Length];
            model.Predict(13, x, tx, t, expected, alive);
            var fromSummaries = new double[x.Length];
            var aliveFromSummaries = new double[x.Length];
            model.Predict(13, summaries, fromSummaries, aliveFromSummaries);
            Assert.Equal(expected, fromSummaries);
            Assert.Equal(alive, aliveFromSummaries);
            model.ConditionalExpectedPurchases(13, summaries, fromSummaries);
            model.ProbabilityAlive(summaries, aliveFromSummaries);
            Assert.Equal(expected, fromSummaries);
            Assert.Equal(alive, aliveFromSummaries);
        });

    [Property(MaxTest = 50)]
    public Property Compression_equals_a_straightforward_grouping_in_first_seen_order() => Prop.ForAll(
        Columns().ToArbitrary(),
        Gen.Choose(0, 3).ToArbitrary(),
        (columns, weighting) =>
        {
            var (x, tx, t) = columns;
            for (int i = 0; i < x.Length; i += 3)
            {
                (x[i], tx[i], t[i]) = (1, 5, 30); // a frequent history
            }

            double[]? weights = weighting == 0 ? null : [.. Enumerable.Range(0, x.Length).Select(i => i == 0 ? 1.0 : i % (weighting + 1))]; // zeros, never all
            var data = RepeatPurchaseData.FromColumns(x, tx, t, TimeUnit.Weeks, weights);
            var groups = new Dictionary<(int, double, double), double>();
            var order = new List<(int, double, double)>();
            for (int i = 0; i < x.Length; i++)
            {
                double w = weights?[i] ?? 1;
                if (w == 0)
                {
                    continue;
                }

                if (!groups.TryAdd((x[i], tx[i], t[i]), w))
                {
                    groups[(x[i], tx[i], t[i])] += w;
                }
                else
                {
                    order.Add((x[i], tx[i], t[i]));
                }
            }

            Assert.Equal(order.Count, data.RowCount);
            for (int row = 0; row < data.RowCount; row++)
            {
                var (frequency, recency, age, weight) = data[row];
                Assert.Equal(order[row], (frequency, recency, age));
                Assert.Equal(groups[order[row]], weight);
            }
        });

    [Fact]
    public void Columnar_predictions_name_the_invalid_history_and_the_mismatched_columns()
    {
        var model = new BgNbdModel(new BgNbdParameters(0.243, 4.414, 0.793, 2.426), TimeUnit.Weeks);
        var e = new double[3];
        var bad = Assert.Throws<ArgumentException>(() => model.Predict(39, [1, 2, 3], [1.0, 9.0, 1.0], [5.0, 5.0, 5.0], e, []));
        Assert.Equal("recency", bad.ParamName);
        Assert.Contains("Customer #1", bad.Message, StringComparison.Ordinal);
        var lengths = Assert.Throws<ArgumentException>(() => model.Predict(39, [1, 2], [1.0, 1.0, 1.0], [5.0, 5.0], e, []));
        Assert.Equal("recency", lengths.ParamName);
        var shortDestination = Assert.Throws<ArgumentException>(() => model.Predict(39, [1, 2, 3], [1.0, 1.0, 1.0], [5.0, 5.0, 5.0], e, new double[2]));
        Assert.Equal("probabilityAlive", shortDestination.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>("t", () => model.Predict(-1, [1], [1.0], [5.0], e, []));
    }
}
