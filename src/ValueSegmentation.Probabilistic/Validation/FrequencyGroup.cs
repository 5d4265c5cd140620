namespace ValueSegmentation.Probabilistic.Validation;

/// <summary>The customers with one calibration frequency (or that frequency and more): their mean holdout purchases,
/// actual and expected — one point of the conditional-expectations check of Fader, Hardie &amp; Lee (2005,
/// <em>Marketing Science</em> 24(2), Figure 4).</summary>
/// <param name="Frequency">x, the number of repeat purchases in calibration.</param>
/// <param name="IncludesHigher">Whether the group holds every customer with x or more (the last, open-ended group).</param>
/// <param name="Customers">The customers in the group.</param>
/// <param name="ActualMean">Their mean number of holdout purchases.</param>
/// <param name="PredictedMean">Their mean expected number of holdout purchases, E[Y(holdout) | x, t<sub>x</sub>, T].</param>
/// <remarks>An immutable value, safe to share between threads.</remarks>
public readonly record struct FrequencyGroup(int Frequency, bool IncludesHigher, int Customers, double ActualMean, double PredictedMean);
