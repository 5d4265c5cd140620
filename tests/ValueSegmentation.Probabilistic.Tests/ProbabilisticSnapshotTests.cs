using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ValueSegmentation.Tests.TestData;

namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>Snapshots of runs that fitted the probabilistic models: loaded through a pipeline with
/// <c>AddProbabilisticModels</c>, the models are restored (not refitted) and every customer is valued and assigned alike.</summary>
public sealed class ProbabilisticSnapshotTests
{
    private static SegmentationPipeline Pipeline(SegmentationMethod method, TransactionModelKind model = TransactionModelKind.BgNbd) => new SegmentationPipelineBuilder()
        .Configure(o =>
        {
            (o.ObservationEnd, o.CalibrationEnd) = (Cdnow.End, Cdnow.CalibrationEnd);
            (o.Method, o.ValueMeasure, o.LoyaltyMeasure) = (method, ProbabilisticMeasureNames.LifetimeValue, ProbabilisticMeasureNames.ProbabilityAlive);
        })
        .AddProbabilisticModels(new ProbabilisticModelOptions { TransactionModel = model, Margin = 0.3, HorizonPeriods = 24 })
        .Build();

    [Theory]
    [InlineData(SegmentationMethod.Tiers, TransactionModelKind.BgNbd)]
    [InlineData(SegmentationMethod.Quadrant, TransactionModelKind.ParetoNbd)]
    [InlineData(SegmentationMethod.Percentiles, TransactionModelKind.MbgNbd)]
    public void A_loaded_snapshot_restores_the_models_and_values_and_assigns_every_customer_alike(SegmentationMethod method, TransactionModelKind model)
    {
        var result = Pipeline(method, model).Run(Cdnow.SampleTransactions());

        var loaded = Pipeline(method, model).LoadSnapshot(result.ToSnapshot().ToJson());

        var saved = result.ProbabilisticModels()!;
        var restored = Assert.IsType<FittedProbabilisticModels>(Assert.Single(loaded.FittedMeasures));
        Assert.Equal(saved.Name, restored.Name);
        Assert.Equal(saved.Notes, restored.Notes);
        ModelJsonTests.AssertSameFit(saved.TransactionModel.FitResult!, restored.TransactionModel.FitResult!);
        ModelJsonTests.AssertSameFit(saved.SpendModel!.FitResult!, restored.SpendModel!.FitResult!);
        var value = restored.GetMeasure(ProbabilisticMeasureNames.LifetimeValue);
        Assert.Equal(result.Value.Name, value.Name);
        var values = result.Customers.ValuesOf(result.Value);
        var segments = new int[result.Customers.Count];
        result.Segmenter.Assign(result.Customers, segments);
        for (int i = 0; i < result.Customers.Count; i++)
        {
            Assert.Equal(values[i], value.Evaluate(result.Customers[i]));
            Assert.Equal(segments[i], loaded.Assign(result.Customers[i]).Rank - 1);
        }
    }

    [Property(MaxTest = 10)]
    public Property For_random_logs_a_loaded_snapshot_assigns_every_customer_as_the_run_did() =>
        Prop.ForAll(
            (from seed in Gen.Choose(0, 1_000_000)
             from method in Gen.Elements(SegmentationMethod.Tiers, SegmentationMethod.Quadrant, SegmentationMethod.Pareto, SegmentationMethod.Percentiles)
             select (Seed: seed, Method: method)).ToArbitrary(),
            c =>
            {
                var random = new Random(c.Seed);
                var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
                var log = Enumerable.Range(0, 150).SelectMany(customer => Enumerable.Range(0, 1 + random.Next(random.Next(1, 12)))
                    .Select(_ => new Transaction($"c{customer}", start.AddDays(random.Next(0, 360)), Math.Round(5 + (random.NextDouble() * 100), 2)))).ToList();
                var pipeline = new SegmentationPipelineBuilder()
                    .Configure(o => (o.ObservationEnd, o.Method, o.ValueMeasure, o.LoyaltyMeasure) = (start.AddDays(365), c.Method, ProbabilisticMeasureNames.LifetimeValue, ProbabilisticMeasureNames.ExpectedPurchases))
                    .AddProbabilisticModels()
                    .Build();
                var result = pipeline.Run(log);
                var loaded = pipeline.LoadSnapshot(result.ToSnapshot().ToJson());
                for (int i = 0; i < result.Customers.Count; i++)
                {
                    Assert.Equal(result.Segments.SegmentOf(i).Rank, loaded.Assign(result.Customers[i]).Rank);
                }
            });

    [Fact]
    public void Loading_without_the_provider_or_with_changed_models_is_a_clear_error()
    {
        string json = Pipeline(SegmentationMethod.Tiers).Run(Cdnow.SampleTransactions()).ToSnapshot().ToJson();

        var noProvider = Assert.Throws<SavedStateException>(() => new SegmentationPipelineBuilder().Build().LoadSnapshot(json));
        Assert.Contains("value-segmentation/probabilistic-models", noProvider.Message, StringComparison.Ordinal);
        Assert.Contains("AddProbabilisticModels", noProvider.Message, StringComparison.Ordinal);

        var node = JsonNode.Parse(json)!;
        node.AsObject().Remove("contentSha256");
        node["fittedMeasures"]![0]!["state"]!["transactionModel"]!["parameters"]!["alpha"] = -1.0;
        var invalid = Assert.Throws<SavedStateException>(() => Pipeline(SegmentationMethod.Tiers).LoadSnapshot(node.ToJsonString()));
        Assert.Contains("transactionModel.parameters", invalid.Message, StringComparison.Ordinal);

        node = JsonNode.Parse(json)!;
        node.AsObject().Remove("contentSha256");
        node["options"]!["timeUnit"] = "Days";
        var unit = Assert.Throws<SavedStateException>(() => Pipeline(SegmentationMethod.Tiers).LoadSnapshot(node.ToJsonString()));
        Assert.Contains("the transaction model is in Weeks, the snapshot's customers in Days", unit.Message, StringComparison.Ordinal);

        node = JsonNode.Parse(json)!;
        node.AsObject().Remove("contentSha256");
        node["fittedMeasures"]![0]!["version"] = 2;
        var newer = Assert.Throws<SavedStateException>(() => Pipeline(SegmentationMethod.Tiers).LoadSnapshot(node.ToJsonString()));
        Assert.Contains("version 2, written by a newer version of the package", newer.Message, StringComparison.Ordinal);

        node = JsonNode.Parse(json)!;
        node.AsObject().Remove("contentSha256");
        node["fittedMeasures"]![0]!["state"]!["options"]!["margin"] = 3.0;
        var option = Assert.Throws<SavedStateException>(() => Pipeline(SegmentationMethod.Tiers).LoadSnapshot(node.ToJsonString()));
        Assert.Contains("Margin", option.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assigning_one_customer_with_a_loaded_snapshot_does_not_allocate()
    {
        var result = Pipeline(SegmentationMethod.Quadrant).Run(Cdnow.SampleTransactions());
        var snapshot = Pipeline(SegmentationMethod.Quadrant).LoadSnapshot(result.ToSnapshot().ToJson());
        var customers = result.Customers.Take(200).ToArray();
        foreach (var customer in customers)
        {
            _ = snapshot.Assign(customer); // warm up (tiered compilation, caches)
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int ranks = 0;
        foreach (var customer in customers)
        {
            ranks += snapshot.Assign(customer).Rank;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(ranks >= customers.Length);
        Assert.Equal(0, allocated);
    }
}
