namespace ValueSegmentation.Analysis;

/// <summary>The customers of a <see cref="RepeatPurchaseTracking"/> cohort who made their first purchase in one purchase
/// period.</summary>
/// <param name="PeriodStart">The first day of the purchase period of their first purchase, from which their ages count.</param>
/// <param name="Customers">How many customers made their first purchase in it.</param>
/// <remarks>An immutable value, safe to share between threads.</remarks>
public readonly record struct AcquisitionGroup(DateOnly PeriodStart, int Customers);
