namespace ValueSegmentation.Analysis;

/// <summary>A point of a Lorenz curve.</summary>
/// <param name="CustomerShare">Cumulative share of customers, lowest values first, in [0, 1].</param>
/// <param name="ValueShare">Their cumulative share of the total value.</param>
/// <remarks>An immutable value, safe to share between threads.</remarks>
public readonly record struct LorenzPoint(double CustomerShare, double ValueShare);
