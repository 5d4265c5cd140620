namespace ValueSegmentation;

/// <summary>Where a pipeline run is: its stage and, while summarising, the transactions read so far.</summary>
/// <param name="Stage">The stage that has started.</param>
/// <param name="Items">Items processed in the stage so far: transactions while summarising, customers afterwards.</param>
/// <remarks>An immutable value, safe to share between threads.</remarks>
public readonly record struct SegmentationProgress(SegmentationStage Stage, long Items);
