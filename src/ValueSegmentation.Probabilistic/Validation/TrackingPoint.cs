namespace ValueSegmentation.Probabilistic.Validation;

/// <summary>One step of a <see cref="TrackingCurve"/>: the cohort's repeat purchases in the step, actual and expected,
/// and their running totals.</summary>
/// <param name="Index">The step's zero-based index.</param>
/// <param name="First">The step's first day.</param>
/// <param name="Last">The step's last day.</param>
/// <param name="IsHoldout">Whether the step ends after the calibration period.</param>
/// <param name="Actual">The repeat purchases made in the step (the incremental curve, Figure 3 of Fader, Hardie &amp; Lee
/// 2005).</param>
/// <param name="Expected">The repeat purchases the model expects in the step.</param>
/// <param name="ActualCumulative">The repeat purchases made up to the step's end (the cumulative curve, their Figure 2).</param>
/// <param name="ExpectedCumulative">The repeat purchases the model expects up to the step's end.</param>
/// <remarks>An immutable value, safe to share between threads.</remarks>
public readonly record struct TrackingPoint(int Index, DateOnly First, DateOnly Last, bool IsHoldout, int Actual, double Expected, long ActualCumulative, double ExpectedCumulative);
