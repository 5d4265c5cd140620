using ValueSegmentation.Internal;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Metrics;

/// <summary>
/// Average order value (AOV): revenue per purchase. A purchase is one purchase period's transactions taken
/// together (see <see cref="PurchasePeriod"/>), the same count that purchase frequency uses, so that
/// AOV × purchase frequency is revenue per unit of time.
/// </summary>
/// <remarks>All members are pure functions and safe to call from any thread. Amounts are in the log's currency.</remarks>
public static class AverageOrderValue
{
    /// <summary>A customer's average order value: <see cref="CustomerSummary.Revenue"/> / <see cref="CustomerSummary.PurchaseCount"/>.</summary>
    /// <param name="customer">The customer.</param>
    /// <returns>Revenue per purchase in the calibration period.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    public static double ForCustomer(CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return customer.Revenue / customer.PurchaseCount;
    }

    /// <summary>
    /// The average order value of a customer base: total revenue / total purchases, so every purchase weighs
    /// the same (not the mean of the customers' averages).
    /// </summary>
    /// <param name="customers">The customers.</param>
    /// <returns>Revenue per purchase over the base.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null or holds a null.</exception>
    /// <exception cref="ArgumentException"><paramref name="customers"/> is empty.</exception>
    public static double ForBase(IEnumerable<CustomerSummary> customers)
    {
        return BaseTotals.Of(customers).AverageOrderValue;
    }
}
