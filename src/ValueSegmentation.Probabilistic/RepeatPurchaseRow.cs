namespace ValueSegmentation.Probabilistic;

/// <summary>One row of <see cref="RepeatPurchaseData"/>.</summary>
/// <param name="Frequency">The repeat frequency x.</param>
/// <param name="Recency">The recency t<sub>x</sub>.</param>
/// <param name="Age">The age T.</param>
/// <param name="Weight">The number of customers with this history.</param>
/// <remarks>An immutable value, safe to share between threads.</remarks>
public readonly record struct RepeatPurchaseRow(int Frequency, double Recency, double Age, double Weight);
