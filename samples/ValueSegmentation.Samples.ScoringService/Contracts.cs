using System.Text.Json;
using System.Text.Json.Serialization;

namespace ValueSegmentation.Samples.ScoringService;

#pragma warning disable SA1402, SA1649 // the service's request and response shapes, together

/// <summary>A customer's summary in the snapshot's time unit (weeks by default): repeat purchases x, the age at the last
/// purchase t_x and at the end of observation T, the mean repeat spend, and the revenue to date.</summary>
public sealed record SummaryRequest(string CustomerId, int Frequency, double Recency, double Age, double MonetaryValue, double? Revenue);

/// <summary>A customer's purchases up to <see cref="AsOf"/> (now when absent).</summary>
public sealed record HistoryRequest(string CustomerId, DateTimeOffset? AsOf, IReadOnlyList<PurchaseRequest> Purchases);

/// <summary>One purchase: when, and for how much.</summary>
public sealed record PurchaseRequest(DateTimeOffset Timestamp, double Amount, double? Cost);

/// <summary>The answer: the customer's segment, what to do about them, and the snapshot that said so.</summary>
public sealed record SegmentResponse(string CustomerId, string Segment, int Rank, string Rule, string Treatment, string SnapshotVersion, DateTimeOffset SnapshotCreatedAt);

/// <summary>The snapshot the service answers from.</summary>
public sealed record SnapshotResponse(string Version, DateTimeOffset CreatedAt, int Customers, IReadOnlyList<SegmentInfo> Segments);

/// <summary>One segment of the snapshot, with its share of the customers it was fitted on.</summary>
public sealed record SegmentInfo(int Rank, string Name, string Rule, string Treatment, int Customers, double? RevenueShare);

/// <summary>Source-generated JSON for the service's shapes (no reflection).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SummaryRequest))]
[JsonSerializable(typeof(HistoryRequest))]
[JsonSerializable(typeof(SegmentResponse))]
[JsonSerializable(typeof(SnapshotResponse))]
internal sealed partial class ServiceJsonContext : JsonSerializerContext
{
}
