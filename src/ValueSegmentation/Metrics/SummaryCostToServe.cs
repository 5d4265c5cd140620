using ValueSegmentation.Transactions;

namespace ValueSegmentation.Metrics;

/// <summary>The cost to serve of <see cref="SegmentationOptions.CostDrivers"/>: the drivers whose volumes a summary holds
/// — orders (purchases) and years (from the first purchase to the end of observation) — times their cost per unit.</summary>
/// <remarks>Immutable and thread-safe; <see cref="Of"/> does not allocate.</remarks>
internal sealed class SummaryCostToServe
{
    public const string Orders = "orders";

    public const string Years = "years";

    private SummaryCostToServe(double perOrder, double perYear) => (PerOrder, PerYear) = (perOrder, perYear);

    public double PerOrder { get; }

    public double PerYear { get; }

    /// <summary>The cost to serve of the drivers, or <see langword="null"/> for none.</summary>
    /// <exception cref="InvalidOptionException">A driver is not one a summary holds, or its cost is not a finite,
    /// non-negative number.</exception>
    public static SummaryCostToServe? From(IDictionary<string, double>? drivers)
    {
        if (drivers is null || drivers.Count == 0)
        {
            return null;
        }

        double perOrder = 0, perYear = 0;
        if (drivers.Keys.GroupBy(driver => driver, StringComparer.OrdinalIgnoreCase).FirstOrDefault(same => same.Count() > 1) is { } twice)
        {
            throw new InvalidOptionException($"SegmentationOptions.CostDrivers:{twice.Key}", $"the driver is given {twice.Count()} times ({string.Join(", ", twice)}); names are compared without regard to case.");
        }

        foreach (var (driver, cost) in drivers)
        {
            if (!(cost is >= 0 and <= Transaction.MaxAmount))
            {
                throw new InvalidOptionException($"SegmentationOptions.CostDrivers:{driver}", $"{Invariant.Number(cost)} is not a cost per unit: it must be a number from 0 to {Invariant.Number(Transaction.MaxAmount)}.");
            }

            if (string.Equals(driver, Orders, StringComparison.OrdinalIgnoreCase))
            {
                perOrder = cost;
            }
            else if (string.Equals(driver, Years, StringComparison.OrdinalIgnoreCase))
            {
                perYear = cost;
            }
            else
            {
                throw new InvalidOptionException(
                    $"SegmentationOptions.CostDrivers:{driver}",
                    $"'{driver}' is not a driver a customer summary measures; the drivers are \"{Orders}\" (purchases) and \"{Years}\" (years of the relationship). For other activities (returns, support contacts) add a measure of your own with a CostToServeModel and the volumes.");
            }
        }

        return new SummaryCostToServe(perOrder, perYear);
    }

    /// <summary>The customer's cost to serve, in the log's currency: finite, as costs per unit are at most
    /// <see cref="Transaction.MaxAmount"/> and purchases and years are counts of a bounded window.</summary>
    public double Of(CustomerSummary customer) => (PerOrder * customer.PurchaseCount) + (PerYear * customer.AgeIn(TimeUnit.Years));
}
