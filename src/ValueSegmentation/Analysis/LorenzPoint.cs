namespace ValueSegmentation.Analysis;

/// <summary>A point of a Lorenz curve.</summary>
/// <param name="CustomerShare">Cumulative share of customers, lowest values first, in [0, 1].</param>
/// <param name="ValueShare">Their cumulative share of the total value.</param>
public readonly record struct LorenzPoint(double CustomerShare, double ValueShare);
