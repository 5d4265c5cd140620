using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>
/// Issue 10: fits, predictions and the probabilistic measures read a collection kept as columns directly; each must
/// give exactly what it gives on the same summaries as objects — the same compressed rows, the same fitted parameters,
/// the same predictions and values to the last bit.
/// </summary>
public class ColumnarPopulationProperties
{
    private static Gen<RepeatPurchaseModel> Models() =>
        ModelProperties.Models(Gen.Choose(-150, 150).Select(k => Math.Pow(10, k / 100.0)), Gen.Constant(false));

    /// <summary>A population given by numbers in bulk (columns), and the same summaries as objects. Sizes on both sides of
    /// the parallel thresholds; many customers share (x, T), as in a base acquired over a few weeks.</summary>
    private static (CustomerSummaryCollection Columns, CustomerSummaryCollection Objects) Population(int seed, int size)
    {
        var random = new Random(seed);
        var ids = new string[size];
        var x = new int[size];
        double[] tx = new double[size], t = new double[size], money = new double[size];
        for (int i = 0; i < size; i++)
        {
            ids[i] = "p" + i;
            t[i] = random.Next(4) == 0 ? 0.5 + (random.NextDouble() * 60) : 27 + random.Next(12);
            x[i] = random.Next(3) == 0 ? 0 : random.Next(1, 40);
            tx[i] = x[i] == 0 ? 0 : t[i] * (0.01 + (0.99 * random.NextDouble()));
            money[i] = x[i] == 0 ? 0 : random.Next(1, 2_000) / 4.0;
        }

        var columns = CustomerSummaryCollection.FromNumbers(ids, x, tx, t, TimeUnit.Weeks, money);
        Assert.True(columns.IsColumnar);
        return (columns, new CustomerSummaryCollection(ids.Select((id, i) => CustomerSummary.FromNumbers(id, x[i], tx[i], t[i], TimeUnit.Weeks, money[i]))));
    }

    private static Gen<(int Seed, int Size)> Sizes() =>
        from size in Gen.OneOf(Gen.Choose(1, 300), Gen.Choose(16_000, 40_000))
        from seed in Gen.Choose(0, int.MaxValue - 1)
        select (seed, size);

    [Property(MaxTest = 25)]
    public Property Predictions_and_measures_on_columns_equal_those_on_objects() => Prop.ForAll(
        Models().ToArbitrary(),
        Sizes().ToArbitrary(),
        Gen.Choose(0, 200).Select(k => k / 4.0).ToArbitrary(),
        (model, population, t) =>
        {
            var (columns, objects) = Population(population.Seed, population.Size);
            int n = columns.Count;
            double[] expectedColumns = new double[n], aliveColumns = new double[n], expectedObjects = new double[n], aliveObjects = new double[n];
            model.Predict(t, columns, expectedColumns, aliveColumns);
            model.Predict(t, objects.AsSpan(), expectedObjects, aliveObjects);
            Assert.Equal(expectedObjects, expectedColumns);
            Assert.Equal(aliveObjects, aliveColumns);

            var spend = new GammaGammaModel(new GammaGammaParameters(6.25, 3.74, 15.44));
            var lifetime = new ProbabilisticLifetimeValue(model, spend, TimeUnit.Months, 0.01, 12);
            foreach (var measure in new[]
            {
                CustomerMeasure.ProbabilityAlive(model),
                CustomerMeasure.ExpectedPurchases(model, t),
                CustomerMeasure.ExpectedSpend(spend),
                CustomerMeasure.LifetimeValue(lifetime),
            })
            {
                Assert.Equal(objects.ValuesOf(measure).ToArray(), columns.ValuesOf(measure).ToArray());
            }
        });

    [Property(MaxTest = 12)]
    public Property Fits_on_columns_equal_fits_on_objects() => Prop.ForAll(
        Sizes().ToArbitrary(),
        population =>
        {
            var (columns, objects) = Population(population.Seed, population.Size);
            var fromColumns = RepeatPurchaseData.FromSummaries(columns);
            var fromObjects = RepeatPurchaseData.FromSummaries(objects.AsEnumerable()); // the enumerable path, object by object
            Assert.Equal(fromObjects.RowCount, fromColumns.RowCount);
            Assert.Equal(Enumerable.Range(0, fromObjects.RowCount).Select(i => fromObjects[i]), Enumerable.Range(0, fromColumns.RowCount).Select(i => fromColumns[i]));
            Assert.Equal(BgNbdModel.Fit(fromObjects).Parameters, BgNbdModel.Fit(fromColumns).Parameters);

            if (objects.Any(c => c.Frequency > 0))
            {
                var spendColumns = SpendData.FromSummaries(columns);
                var spendObjects = SpendData.FromSummaries(objects.AsEnumerable());
                Assert.Equal(spendObjects.OneTimeBuyers, spendColumns.OneTimeBuyers);
                Assert.Equal(Enumerable.Range(0, spendObjects.RowCount).Select(i => spendObjects[i]), Enumerable.Range(0, spendColumns.RowCount).Select(i => spendColumns[i]));
            }
        });

    [Fact]
    public void A_population_in_another_time_unit_is_refused_by_the_predictions()
    {
        var days = CustomerSummaryCollection.FromNumbers(["a"], [1], [3], [10], TimeUnit.Days);
        var model = new BgNbdModel(new BgNbdParameters(0.243, 4.414, 0.793, 2.426), TimeUnit.Weeks);
        var refused = Assert.Throws<ArgumentException>(() => model.Predict(1, days, new double[1], []));
        Assert.Equal("customers", refused.ParamName);
        Assert.Contains("Days", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeat_customer_without_positive_spend_is_named_when_the_spend_model_refuses_it()
    {
        var customers = CustomerSummaryCollection.FromNumbers(["a", "b"], [1, 2], [3, 4], [10, 10], TimeUnit.Weeks, [5, -1]);
        var spend = new GammaGammaModel(new GammaGammaParameters(6.25, 3.74, 15.44));
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => spend.ConditionalExpectedSpend(customers, new double[2]));
        Assert.Contains("Customer 'b' (#1)", refused.Message, StringComparison.Ordinal);
    }
}
