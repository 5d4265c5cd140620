using ValueSegmentation.Segmentation;

namespace ValueSegmentation.Extensions.DependencyInjection;

/// <summary>The segment of one customer and the snapshot that assigned it: every answer comes from one whole snapshot,
/// named by its version and the time it was made.</summary>
/// <param name="Segment">The customer's segment, with its rule and treatment.</param>
/// <param name="SnapshotVersion">The version of the snapshot that assigned it (<see cref="SegmentationSnapshot.Version"/>).</param>
/// <param name="SnapshotCreatedAt">When that snapshot was made.</param>
/// <remarks>An immutable value, safe to share between threads.</remarks>
public readonly record struct SegmentAnswer(Segment Segment, string SnapshotVersion, DateTimeOffset SnapshotCreatedAt);
