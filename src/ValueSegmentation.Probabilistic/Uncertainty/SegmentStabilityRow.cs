using ValueSegmentation.Segmentation;

namespace ValueSegmentation.Probabilistic.Uncertainty;

/// <summary>How firmly one segment holds its members under the uncertainty of the fitted parameters.</summary>
/// <param name="Segment">The segment (of the segmentation at the fitted parameters).</param>
/// <param name="Customers">Its members at the fitted parameters.</param>
/// <param name="ExpectedShareMoving">The expected share of its members that a draw of the parameters puts in another
/// segment: the mean over the members of 1 − P(staying).</param>
/// <remarks>An immutable value, safe to share between threads.</remarks>
public readonly record struct SegmentStabilityRow(Segment Segment, int Customers, double ExpectedShareMoving);
