using System.Text.Json.Nodes;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Tests.Persistence;

/// <summary>A pipeline run's snapshot: saved, loaded through a pipeline, and the same segments, report and assignments.</summary>
public sealed class SnapshotTests
{
    private static SegmentationPipelineBuilder Cdnow(Action<SegmentationOptions> configure) => new SegmentationPipelineBuilder()
        .Configure(o => (o.ObservationEnd, o.CalibrationEnd) = (TestData.Cdnow.End, TestData.Cdnow.CalibrationEnd))
        .Configure(configure);

    [Theory]
    [InlineData(SegmentationMethod.Tiers, MeasureNames.Revenue)]
    [InlineData(SegmentationMethod.Pareto, MeasureNames.GrossProfit)]
    [InlineData(SegmentationMethod.Quadrant, MeasureNames.MonetaryValue)]
    [InlineData(SegmentationMethod.Rfm, MeasureNames.Revenue)]
    public void A_loaded_snapshot_holds_the_runs_segments_report_and_metrics_and_assigns_every_customer_alike(SegmentationMethod method, string value)
    {
        var pipeline = Cdnow(o => (o.Method, o.ValueMeasure) = (method, value)).Build();
        var result = pipeline.Run(TestData.Cdnow.SampleTransactions());
        var created = new DateTimeOffset(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);

        var snapshot = result.ToSnapshot(createdAt: created);
        var loaded = pipeline.LoadSnapshot(snapshot.ToJson());

        Assert.Equal("2026-12-03T02:00:00.0000000Z", loaded.Version);
        Assert.Equal(created, loaded.CreatedAt);
        SegmenterJsonTests.AssertSameSegments(result.Segmenter, loaded.Segmenter);
        SegmenterJsonTests.AssertSameAssignments(result.Segmenter, loaded.Segmenter, result.Customers);
        Assert.Equal(result.Metrics, loaded.Metrics);
        // The rows hold the loaded segmenter's segments (equal, not the same objects) and the same numbers.
        Assert.Equal(loaded.Segments, loaded.Report.Select(row => row.Segment));
        Assert.Equal(result.Report.Rows.Select(row => row with { Segment = null }), loaded.Report.Select(row => row with { Segment = null }));
        Assert.Equal(result.Report.Total, loaded.ReportTotal);
        Assert.Equal(result.Concentration.Gini, loaded.Gini);
        Assert.Equal(result.Concentration.LorenzCurve(), loaded.LorenzCurve);
        Assert.Equal(result.Notes, loaded.Notes);
        Assert.Equal(result.TransactionsRead, loaded.TransactionsRead);
        Assert.Equal(method, loaded.Options.Method);
        Assert.Equal(TestData.Cdnow.CalibrationEnd, loaded.Options.CalibrationEnd);
        Assert.Equal(snapshot.ToJson(), loaded.ToJson());
        Assert.Same(loaded.Segments[0], loaded.Assign(result.Customers.First(c => result.Segmenter.Assign(c).Rank == 1)));
    }

    [Fact]
    public void A_snapshot_names_its_version_and_writes_the_same_document_to_a_stream()
    {
        var result = Cdnow(_ => { }).Build().Run(TestData.Cdnow.SampleTransactions());

        var snapshot = result.ToSnapshot("nightly-2026-12-03");
        using var stream = new MemoryStream();
        snapshot.WriteTo(stream);
        stream.Position = 0;
        var loaded = new SegmentationPipelineBuilder().Build().LoadSnapshot(stream);

        Assert.Equal("nightly-2026-12-03", loaded.Version);
        Assert.Equal(snapshot.ToJson(), loaded.ToJson());
        Assert.Throws<ArgumentException>(() => result.ToSnapshot(" "));
    }

    [Fact]
    public void A_measure_added_to_the_pipeline_is_resolved_by_the_loading_pipeline()
    {
        var perPurchase = new CustomerMeasure("revenue per purchase", c => c.Revenue / c.PurchaseCount);
        SegmentationPipeline Pipeline(CustomerMeasure measure) => Cdnow(o => o.ValueMeasure = "per-purchase").AddMeasure("per-purchase", measure).Build();
        var result = Pipeline(perPurchase).Run(TestData.Cdnow.SampleTransactions());
        string json = result.ToSnapshot().ToJson();

        var loaded = Pipeline(perPurchase).LoadSnapshot(json);
        SegmenterJsonTests.AssertSameAssignments(result.Segmenter, loaded.Segmenter, result.Customers);

        var missing = Assert.Throws<SavedStateException>(() => new SegmentationPipelineBuilder().Build().LoadSnapshot(json));
        Assert.Contains("\"per-purchase\"", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Profit_is_the_saved_runs_with_its_cost_drivers_whatever_the_loading_pipeline_says()
    {
        var drivers = new Dictionary<string, double> { ["orders"] = 5, ["years"] = 20 };
        var result = Cdnow(o => (o.ValueMeasure, o.CostDrivers) = (MeasureNames.Profit, drivers)).Build().Run(TestData.Cdnow.SampleTransactions());
        string json = result.ToSnapshot().ToJson();

        // A pipeline without cost drivers (its "profit" is the gross profit) loads the run's profit.
        var loaded = new SegmentationPipelineBuilder().Build().LoadSnapshot(json);

        SegmenterJsonTests.AssertSameAssignments(result.Segmenter, loaded.Segmenter, result.Customers);
        Assert.Equal(drivers, loaded.Options.CostDrivers);
    }

    [Fact]
    public void Options_of_a_snapshot_are_checked_as_the_pipeline_checks_them()
    {
        var pipeline = Cdnow(o => o.Method = SegmentationMethod.Quadrant).Build();
        var node = JsonNode.Parse(pipeline.Run(TestData.Cdnow.SampleTransactions()).ToSnapshot().ToJson())!;
        node.AsObject().Remove("contentSha256");

        node["options"]!["valueCut"] = "NaN";
        var nan = Assert.Throws<SavedStateException>(() => pipeline.LoadSnapshot(node.ToJsonString()));
        Assert.Equal("$.options", nan.DocumentPath);
        Assert.Contains("NaN", nan.Message, StringComparison.Ordinal);

        node["options"]!["valueCut"] = null;
        node["options"]!["costDrivers"] = new JsonObject { ["orders"] = 1, ["Orders"] = 2 };
        var twice = Assert.Throws<SavedStateException>(() => pipeline.LoadSnapshot(node.ToJsonString()));
        Assert.Contains("given 2 times", twice.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_with_a_strategy_of_its_own_has_no_snapshot()
    {
        var result = Cdnow(_ => { }).UseStrategy(new Everyone()).Build().Run(TestData.Cdnow.SampleTransactions());

        var error = Assert.Throws<NotSupportedException>(() => result.ToSnapshot());

        Assert.Contains(nameof(Everyone), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tampered_or_inconsistent_snapshot_is_refused()
    {
        var pipeline = Cdnow(_ => { }).Build();
        var node = JsonNode.Parse(pipeline.Run(TestData.Cdnow.SampleTransactions()).ToSnapshot().ToJson())!;
        node["report"]![0]!["customers"] = 1;
        var tampered = Assert.Throws<SavedStateException>(() => pipeline.LoadSnapshot(node.ToJsonString()));
        Assert.Equal("$.contentSha256", tampered.DocumentPath);

        node.AsObject().Remove("contentSha256");
        node["report"]!.AsArray().RemoveAt(0);
        var rows = Assert.Throws<SavedStateException>(() => pipeline.LoadSnapshot(node.ToJsonString()));
        Assert.Contains("2 report rows for 3 segments", rows.Message, StringComparison.Ordinal);

        var model = Assert.Throws<SavedStateException>(() => pipeline.LoadSnapshot("{\"format\": \"value-segmentation/segmenter\", \"formatVersion\": 1}"));
        Assert.Contains("not a \"value-segmentation/snapshot\"", model.Message, StringComparison.Ordinal);
    }

    private sealed class Everyone : ISegmentationStrategy, ICustomerSegmenter
    {
        private static readonly Segment All = new("Everyone", 1, "all customers", string.Empty);

        public IReadOnlyList<Segment> Segments { get; } = [All];

        public ICustomerSegmenter Fit(IReadOnlyList<CustomerSummary> population) => this;

        public Segment Assign(CustomerSummary customer) => All;
    }
}
