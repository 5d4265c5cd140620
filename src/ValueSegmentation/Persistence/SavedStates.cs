using System.Text.Json;
using ValueSegmentation.Analysis;

namespace ValueSegmentation.Persistence;

// The shapes of the core's saved documents (docs/services.md describes them). Every property a document needs is
// `required` and every nullable one says so, so the strict deserialiser refuses a document that misses one; values are
// checked again when the library's objects are rebuilt from them (SegmenterStates, SegmentationSnapshot).
#pragma warning disable SA1402, SA1649 // the document shapes of one format, together in one file

/// <summary>A measure a segmenter cuts on: the name the loading side resolves (<see cref="Key"/>), and the measure's
/// own name and unit as the segments' rules state them.</summary>
internal sealed class MeasureState
{
    public required string Key { get; init; }

    public required string Name { get; init; }

    public required string Unit { get; init; }
}

internal sealed class AxisRangeState
{
    public required string Axis { get; init; }

    public required double Minimum { get; init; }

    public required double Maximum { get; init; }

    public required bool IncludesMinimum { get; init; }

    public required bool IncludesMaximum { get; init; }
}

internal sealed class SegmentState
{
    public required string Name { get; init; }

    public required int Rank { get; init; }

    public required string Rule { get; init; }

    public required string Treatment { get; init; }

    public required AxisRangeState[] Bounds { get; init; }

    public double? TargetShare { get; init; }

    public double? FittedShare { get; init; }
}

/// <summary>An RFM rule: the score ranges as [minimum, maximum] pairs.</summary>
internal sealed class RfmRuleState
{
    public required string Name { get; init; }

    public required int[] Recency { get; init; }

    public required int[] Frequency { get; init; }

    public required int[] Monetary { get; init; }

    public required string Treatment { get; init; }
}

/// <summary>A fitted segmenter: its kind ("threshold", "quadrant" or "rfm"), its measures, its cut points and its
/// segments.</summary>
internal sealed class SegmenterState
{
    public required string Kind { get; init; }

    public required MeasureState[] Measures { get; init; }

    public double[]? Minimums { get; init; }

    public double? ValueCut { get; init; }

    public double? LoyaltyCut { get; init; }

    public double[]? RecencyCuts { get; init; }

    public double[]? FrequencyCuts { get; init; }

    public double[]? MonetaryCuts { get; init; }

    public RfmRuleState[]? Rules { get; init; }

    public required SegmentState[] Segments { get; init; }
}

internal sealed class SegmenterDocument : ISavedDocument
{
    public const string FormatName = "value-segmentation/segmenter";

    public required string Format { get; init; }

    public required int FormatVersion { get; init; }

    public required SegmenterState Segmenter { get; init; }

    public string? ContentSha256 { get; set; }
}

/// <summary>What a measure provider fitted, in the provider's own format (<see cref="IPersistentMeasureProvider"/>).</summary>
internal sealed class FittedMeasuresState
{
    public required string Kind { get; init; }

    public required int Version { get; init; }

    public required JsonElement State { get; init; }
}

/// <summary>A row of the segment report: the segment by rank (none for the total).</summary>
internal sealed class ReportRowState
{
    public int? Rank { get; init; }

    public required int Customers { get; init; }

    public required double CustomerShare { get; init; }

    public required double Revenue { get; init; }

    public double? RevenueShare { get; init; }

    public required double CostOfGoods { get; init; }

    public required double CostToServe { get; init; }

    public required double Profit { get; init; }

    public double? MeanValue { get; init; }

    public double? MedianValue { get; init; }

    public double? AverageOrderValue { get; init; }

    public double? PurchaseFrequency { get; init; }

    public double? MeanLoyalty { get; init; }
}

internal sealed class ConcentrationState
{
    public required int Customers { get; init; }

    public required double Total { get; init; }

    public required double Gini { get; init; }

    public required NegativeValues Policy { get; init; }

    public required int NegativeCount { get; init; }

    public required double NegativeTotal { get; init; }

    public required LorenzPoint[] LorenzCurve { get; init; }
}

internal sealed class SnapshotDocument : ISavedDocument
{
    public const string FormatName = "value-segmentation/snapshot";

    public required string Format { get; init; }

    public required int FormatVersion { get; init; }

    public required string Version { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required SegmentationOptions Options { get; init; }

    public required SegmenterState Segmenter { get; init; }

    public required FittedMeasuresState[] FittedMeasures { get; init; }

    public required CustomerBaseMetrics Metrics { get; init; }

    public required ReportRowState[] Report { get; init; }

    public required ReportRowState ReportTotal { get; init; }

    public required ConcentrationState Concentration { get; init; }

    public required long TransactionsRead { get; init; }

    public required string[] Notes { get; init; }

    public string? ContentSha256 { get; set; }
}
