using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ValueSegmentation.Persistence;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Tests.TestData;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Tests.Persistence;

/// <summary>Fitted segmenters saved as JSON and loaded back: the same segments and the same assignment of every
/// customer, and a clear error for every kind of bad document.</summary>
public sealed class SegmenterJsonTests
{
    private static readonly string[] StrategyNames = ["tiers", "tiers-minimums", "percentiles", "pareto", "quadrant", "quadrant-cuts", "rfm", "rfm-cuts"];

    private static readonly Lazy<CustomerSummaryCollection> CdnowCustomers = new(() =>
    {
        var builder = new CustomerSummaryBuilder(new ObservationWindow(Cdnow.End, TimeUnit.Weeks));
        builder.AddRange(Cdnow.SampleTransactions());
        return builder.Build();
    });

    public static TheoryData<string> BuiltInStrategies => [.. StrategyNames];

    private static ISegmentationStrategy Strategy(string name) => name switch
    {
        "tiers" => new TieredStrategy(CustomerMeasure.Revenue, segmentDefinitions: [new("Gold", "Invite to the club"), new("Silver", "Cross-sell"), new("Bronze", "Automate")]),
        "tiers-minimums" => new TieredStrategy(CustomerMeasure.Revenue, minimums: [200, 50]),
        "percentiles" => new PercentileStrategy(CustomerMeasure.AverageOrderValue, [0.01, 0.2, 0.5]),
        "pareto" => new ParetoStrategy(CustomerMeasure.GrossProfit),
        "quadrant" => new QuadrantStrategy(CustomerMeasure.Revenue, CustomerMeasure.Frequency),
        "quadrant-cuts" => new QuadrantStrategy(CustomerMeasure.MonetaryValue, CustomerMeasure.PurchaseCount, valueCut: 30, loyaltyCut: 2),
        "rfm" => new RfmStrategy(),
        _ => new RfmStrategy(recencyCuts: [4, 10, 20, 40], frequencyCuts: [1, 2, 3, 5], monetaryCuts: [20, 50, 100, 200]),
    };

    [Theory]
    [MemberData(nameof(BuiltInStrategies))]
    public void A_loaded_segmenter_has_the_saved_segments_and_assigns_every_customer_as_the_saved_one(string strategy)
    {
        var customers = CdnowCustomers.Value;
        var fitted = Strategy(strategy).Fit(customers);

        var loaded = SegmenterJson.Deserialize(SegmenterJson.Serialize(fitted));

        Assert.Equal(fitted.GetType(), loaded.GetType());
        AssertSameSegments(fitted, loaded);
        AssertSameAssignments(fitted, loaded, customers);
    }

    [Fact]
    public void The_document_is_versioned_camel_case_json_with_unbounded_ends_as_infinities()
    {
        var fitted = new TieredStrategy(CustomerMeasure.Revenue, minimums: [200, 50]).Fit(CdnowCustomers.Value);

        var json = JsonNode.Parse(SegmenterJson.Serialize(fitted))!;

        Assert.Equal("value-segmentation/segmenter", (string?)json["format"]);
        Assert.Equal(1, (int?)json["formatVersion"]);
        Assert.Equal("threshold", (string?)json["segmenter"]!["kind"]);
        Assert.Equal("revenue", (string?)json["segmenter"]!["measures"]![0]!["key"]);
        Assert.Equal([200.0, 50.0], json["segmenter"]!["minimums"]!.AsArray().Select(n => (double)n!));
        Assert.Equal("Infinity", (string?)json["segmenter"]!["segments"]![0]!["bounds"]![0]!["maximum"]);
        Assert.Equal("-Infinity", (string?)json["segmenter"]!["segments"]![2]!["bounds"]![0]!["minimum"]);
        Assert.Matches("^[0-9a-f]{64}$", (string?)json["contentSha256"]);
    }

    [Fact]
    public void A_measure_of_your_own_is_saved_and_loaded_by_the_name_you_give_it()
    {
        var customers = CdnowCustomers.Value;
        var spendPerWeek = new CustomerMeasure("spend per week", c => c.Revenue / Math.Max(1, c.Age));
        var fitted = new PercentileStrategy(spendPerWeek, [0.1, 0.5]).Fit(customers);
        var names = new Dictionary<string, CustomerMeasure> { ["spend-per-week"] = spendPerWeek };

        var unnamed = Assert.Throws<ArgumentException>(() => SegmenterJson.Serialize(fitted));
        Assert.Contains("'spend per week'", unnamed.Message, StringComparison.Ordinal);

        string json = SegmenterJson.Serialize(fitted, names);
        var unknown = Assert.Throws<SavedStateException>(() => SegmenterJson.Deserialize(json));
        Assert.Contains("\"spend-per-week\"", unknown.Message, StringComparison.Ordinal);
        Assert.Equal("$.segmenter.measures[0].key", unknown.DocumentPath);

        var loaded = SegmenterJson.Deserialize(json, names);
        AssertSameAssignments(fitted, loaded, customers);

        var renamed = new Dictionary<string, CustomerMeasure> { ["spend-per-week"] = new("weekly spend", c => c.Revenue) };
        var other = Assert.Throws<SavedStateException>(() => SegmenterJson.Deserialize(json, renamed));
        Assert.Contains("not the same measure", other.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_segmenter_of_your_own_has_no_saved_form()
    {
        var error = Assert.Throws<NotSupportedException>(() => SegmenterJson.Serialize(new OneSegment()));
        Assert.Contains(nameof(OneSegment), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_stream_overloads_write_and_read_the_same_document()
    {
        var fitted = new RfmStrategy().Fit(CdnowCustomers.Value);
        using var stream = new MemoryStream();
        SegmenterJson.Serialize(stream, fitted);
        stream.Position = 0;

        var loaded = SegmenterJson.Deserialize(stream);

        Assert.Equal(SegmenterJson.Serialize(fitted), SegmenterJson.Serialize(loaded));
    }

    [Property(MaxTest = 60)]
    public Property Saving_and_loading_any_fitted_segmenter_keeps_every_assignment() =>
        Prop.ForAll(
            (from strategy in Gen.Choose(0, StrategyNames.Length - 1)
             from count in Gen.Choose(1, 80)
             from seed in Gen.Choose(0, 1_000_000)
             select (Strategy: strategy, Count: count, Seed: seed)).ToArbitrary(),
            c =>
            {
                var random = new Random(c.Seed);
                var customers = new CustomerSummaryCollection([.. Enumerable.Range(0, c.Count).Select(i =>
                    Segmentation.Customers.Summary($"c{i}", Math.Round(random.NextDouble() * 300, random.Next(0, 3)), random.Next(1, 8), random.Next(0, 300)))]);
                var fitted = Strategy(StrategyNames[c.Strategy]).Fit(customers);
                var loaded = SegmenterJson.Deserialize(SegmenterJson.Serialize(fitted));
                AssertSameSegments(fitted, loaded);
                AssertSameAssignments(fitted, loaded, customers);
            });

    [Fact]
    public void A_truncated_document_is_an_error_with_its_position()
    {
        string json = SegmenterJson.Serialize(new TieredStrategy(CustomerMeasure.Revenue).Fit(CdnowCustomers.Value));
        foreach (int length in new[] { 0, 1, json.Length / 3, json.Length / 2, json.Length - 2 })
        {
            var error = Assert.Throws<SavedStateException>(() => SegmenterJson.Deserialize(json[..length]));
            Assert.Contains("cannot be read", error.Message, StringComparison.Ordinal);
            Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_value_changed_after_saving_is_an_error_and_an_invalid_one_is_named_even_without_the_hash()
    {
        var json = JsonNode.Parse(SegmenterJson.Serialize(new TieredStrategy(CustomerMeasure.Revenue, minimums: [200, 50]).Fit(CdnowCustomers.Value)))!;
        json["segmenter"]!["minimums"]![1] = 60.0;

        var tampered = Assert.Throws<SavedStateException>(() => SegmenterJson.Deserialize(json.ToJsonString()));
        Assert.Equal("$.contentSha256", tampered.DocumentPath);
        Assert.Contains("changed after it was written", tampered.Message, StringComparison.Ordinal);

        // Without the hash the document is validated: the segments' bounds no longer follow the thresholds.
        json.AsObject().Remove("contentSha256");
        var inconsistent = Assert.Throws<SavedStateException>(() => SegmenterJson.Deserialize(json.ToJsonString()));
        Assert.Equal("$.segmenter", inconsistent.DocumentPath);
        Assert.Contains("are not those of the cut points", inconsistent.Message, StringComparison.Ordinal);

        // Increasing thresholds are refused with the offending one.
        json["segmenter"]!["minimums"]![1] = 300.0;
        var increasing = Assert.Throws<SavedStateException>(() => SegmenterJson.Deserialize(json.ToJsonString()));
        Assert.Contains("threshold 1 is 300", increasing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NaN_is_refused_where_it_stands()
    {
        var json = JsonNode.Parse(SegmenterJson.Serialize(new QuadrantStrategy(CustomerMeasure.Revenue, CustomerMeasure.Frequency).Fit(CdnowCustomers.Value)))!;
        json.AsObject().Remove("contentSha256");
        json["segmenter"]!["valueCut"] = "NaN";

        var error = Assert.Throws<SavedStateException>(() => SegmenterJson.Deserialize(json.ToJsonString()));

        Assert.Contains("NaN", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("$.segmenter", error.DocumentPath, StringComparison.Ordinal);
    }

    [Fact]
    public void A_newer_format_version_another_format_a_missing_or_unknown_property_are_each_named()
    {
        string json = SegmenterJson.Serialize(new TieredStrategy(CustomerMeasure.Revenue).Fit(CdnowCustomers.Value));

        var newer = Assert.Throws<SavedStateException>(() => SegmenterJson.Deserialize(Edit(json, n => n["formatVersion"] = 2)));
        Assert.Contains("format version 2, written by a newer version of ValueSegmentation", newer.Message, StringComparison.Ordinal);
        Assert.Equal("$.formatVersion", newer.DocumentPath);

        var other = Assert.Throws<SavedStateException>(() => SegmenterJson.Deserialize(Edit(json, n => n["format"] = "value-segmentation/model")));
        Assert.Contains("is a \"value-segmentation/model\", not a \"value-segmentation/segmenter\"", other.Message, StringComparison.Ordinal);

        var none = Assert.Throws<SavedStateException>(() => SegmenterJson.Deserialize("{\"name\": \"tiers\"}"));
        Assert.Contains("no \"format\" property", none.Message, StringComparison.Ordinal);

        var missing = Assert.Throws<SavedStateException>(() => SegmenterJson.Deserialize(Edit(json, n => n["segmenter"]!.AsObject().Remove("segments"))));
        Assert.Contains("segments", missing.Message, StringComparison.Ordinal);

        var unknown = Assert.Throws<SavedStateException>(() => SegmenterJson.Deserialize(Edit(json, n => n["segmenter"]!["colour"] = "red")));
        Assert.Contains("colour", unknown.Message, StringComparison.Ordinal);

        var nullName = Assert.Throws<SavedStateException>(() => SegmenterJson.Deserialize(Edit(json, n => n["segmenter"]!["segments"]![0]!["name"] = null)));
        Assert.Contains("name", nullName.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static string Edit(string json, Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(json)!;
        node.AsObject().Remove("contentSha256");
        edit(node);
        return node.ToJsonString();
    }

    internal static void AssertSameSegments(ICustomerSegmenter expected, ICustomerSegmenter actual)
    {
        Assert.Equal(expected.Segments.Count, actual.Segments.Count);
        for (int i = 0; i < expected.Segments.Count; i++)
        {
            var (e, a) = (expected.Segments[i], actual.Segments[i]);
            Assert.Equal((e.Name, e.Rank, e.Rule, e.Treatment, e.TargetShare, e.FittedShare), (a.Name, a.Rank, a.Rule, a.Treatment, a.TargetShare, a.FittedShare));
            Assert.Equal(e.Bounds, a.Bounds);
        }
    }

    internal static void AssertSameAssignments(ICustomerSegmenter expected, ICustomerSegmenter actual, CustomerSummaryCollection customers)
    {
        var one = new int[customers.Count];
        var other = new int[customers.Count];
        expected.Assign(customers, one);
        actual.Assign(customers, other);
        Assert.Equal(one, other);
        for (int i = 0; i < customers.Count; i++)
        {
            Assert.Equal(expected.Assign(customers[i]).Rank, actual.Assign(customers[i]).Rank);
        }
    }

    private sealed class OneSegment : ICustomerSegmenter
    {
        private static readonly Segment Everyone = new("Everyone", 1, "all customers", string.Empty);

        public IReadOnlyList<Segment> Segments { get; } = [Everyone];

        public Segment Assign(CustomerSummary customer) => Everyone;
    }
}
