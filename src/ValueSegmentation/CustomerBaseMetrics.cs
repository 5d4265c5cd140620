namespace ValueSegmentation;

/// <summary>The headline metrics of a customer base over the calibration period, as a pipeline run computes them with
/// <see cref="Metrics.AverageOrderValue"/> and <see cref="Metrics.PurchaseFrequency"/>.</summary>
/// <param name="Customers">Customers with a calibration purchase.</param>
/// <param name="Purchases">Purchases (distinct purchase periods with a transaction), first purchases included.</param>
/// <param name="Revenue">Total revenue, in the log's currency.</param>
/// <param name="AverageOrderValue">Revenue per purchase.</param>
/// <param name="PurchasesPerCustomer">Purchases per customer, at least 1.</param>
/// <param name="RepeatPurchaseRate">Pooled repeat purchases per customer per <paramref name="RatePer"/> (Σx / ΣT).</param>
/// <param name="RatePer">The period of <paramref name="RepeatPurchaseRate"/>.</param>
/// <param name="RepeatCustomerShare">The share of customers with at least one repeat purchase.</param>
/// <param name="HoldoutPurchases">Purchases in the holdout period (0 without one).</param>
/// <remarks>An immutable value, safe to share between threads.</remarks>
public readonly record struct CustomerBaseMetrics(
    int Customers,
    long Purchases,
    double Revenue,
    double AverageOrderValue,
    double PurchasesPerCustomer,
    double RepeatPurchaseRate,
    TimeUnit RatePer,
    double RepeatCustomerShare,
    long HoldoutPurchases);
