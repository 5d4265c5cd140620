namespace ValueSegmentation.Probabilistic;

/// <summary>One row of <see cref="SpendData"/>.</summary>
/// <param name="Frequency">The number of repeat purchases x.</param>
/// <param name="MeanSpend">Their mean value m̄.</param>
/// <param name="Weight">The number of customers with these values.</param>
/// <remarks>An immutable value, safe to share between threads.</remarks>
public readonly record struct SpendRow(int Frequency, double MeanSpend, double Weight);
