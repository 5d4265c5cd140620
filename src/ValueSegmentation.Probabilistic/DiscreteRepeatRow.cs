namespace ValueSegmentation.Probabilistic;

/// <summary>One row of <see cref="DiscreteRepeatData"/>.</summary>
/// <param name="Frequency">Repeat transactions x.</param>
/// <param name="Recency">Opportunity of the last one, t<sub>x</sub>.</param>
/// <param name="Opportunities">Opportunities n.</param>
/// <param name="Weight">The number of customers with this history.</param>
/// <remarks>An immutable value, safe to share between threads.</remarks>
public readonly record struct DiscreteRepeatRow(int Frequency, int Recency, int Opportunities, double Weight);
