namespace ValueSegmentation.Probabilistic.Validation;

/// <summary>One customer's holdout forecast beside what they did.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Frequency">x, the repeat purchases in calibration.</param>
/// <param name="Recency">t<sub>x</sub>, in the model's time unit.</param>
/// <param name="Age">T, in the model's time unit.</param>
/// <param name="ProbabilityAlive">P(alive) at the end of calibration.</param>
/// <param name="PredictedPurchases">E[Y(holdout) | x, t<sub>x</sub>, T], the expected holdout purchases.</param>
/// <param name="ActualPurchases">The purchases made in the holdout period (purchase periods, as calibration counts them).</param>
/// <param name="PredictedRevenue">The expected holdout revenue, expected purchases × E[spend | x, m̄] of the spend model;
/// <see langword="null"/> without one.</param>
/// <param name="ActualRevenue">The revenue of the holdout period.</param>
/// <remarks>An immutable value, safe to share between threads. Money is a double: an estimate, not a ledger entry.</remarks>
public readonly record struct HoldoutPrediction(string CustomerId, int Frequency, double Recency, double Age, double ProbabilityAlive, double PredictedPurchases, int ActualPurchases, double? PredictedRevenue, double ActualRevenue);
