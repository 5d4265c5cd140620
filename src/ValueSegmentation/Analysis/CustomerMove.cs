using ValueSegmentation.Segmentation;

namespace ValueSegmentation.Analysis;

/// <summary>A customer's move between two snapshots.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="From">The segment in the first snapshot.</param>
/// <param name="To">The segment in the second snapshot.</param>
/// <remarks>An immutable value, safe to share between threads.</remarks>
public readonly record struct CustomerMove(string CustomerId, Segment From, Segment To);
