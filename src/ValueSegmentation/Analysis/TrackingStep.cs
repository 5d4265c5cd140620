namespace ValueSegmentation.Analysis;

/// <summary>One step of a <see cref="RepeatPurchaseTracking"/>: a run of days and the repeat purchases the cohort made
/// in it.</summary>
/// <param name="Index">The step's zero-based index; step k covers days k × step length onward from the tracking's start.</param>
/// <param name="First">The step's first day.</param>
/// <param name="Last">The step's last day (the window's last purchase period cuts the final step short).</param>
/// <param name="MeasuredTo">The first day of the purchase period that holds <paramref name="Last"/>: a customer's age at
/// the step's end is counted from the start of their first purchase period to this day, as the observation window counts
/// ages T (so at the calibration's last step the ages are the summaries' T).</param>
/// <param name="IsHoldout">Whether the step ends in a purchase period after the calibration period (so some of its purchases
/// can be holdout purchases; a step ending within the calibration's last week or month is a calibration step).</param>
/// <param name="RepeatPurchases">The cohort's repeat purchases in the step: each customer's purchase periods after the
/// first, placed at the start of their period.</param>
/// <remarks>An immutable value, safe to share between threads.</remarks>
public readonly record struct TrackingStep(int Index, DateOnly First, DateOnly Last, DateOnly MeasuredTo, bool IsHoldout, int RepeatPurchases);
