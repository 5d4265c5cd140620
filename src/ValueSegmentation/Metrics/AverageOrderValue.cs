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
        var totals = BaseTotals.Of(customers);
        return totals.Revenue / totals.Purchases;
    }
}

/// <summary>Sums over a customer base, shared by the base-level metrics.</summary>
internal readonly record struct BaseTotals(int Customers, long Purchases, long RepeatPurchases, double Revenue, double Age, TimeUnit TimeUnit)
{
    public static BaseTotals Of(IEnumerable<CustomerSummary> customers, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(customers))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(customers, name);
        int count = 0;
        long purchases = 0, repeats = 0;
        double revenue = 0, age = 0;
        TimeUnit? unit = null;
        foreach (var customer in customers)
        {
            if (customer is null)
            {
                throw new ArgumentNullException(name, $"Customer #{count} is null.");
            }

            if (unit is { } u && u != customer.TimeUnit)
            {
                throw new ArgumentException($"Customer #{count} ('{customer.CustomerId}') is measured in {customer.TimeUnit}, the others in {u}.", name);
            }

            unit = customer.TimeUnit;
            count++;
            purchases += customer.PurchaseCount;
            repeats += customer.Frequency;
            revenue += customer.Revenue;
            age += customer.Age;
        }

        return count == 0
            ? throw new ArgumentException("The customer base is empty; the metric needs at least one customer.", name)
            : new BaseTotals(count, purchases, repeats, revenue, age, unit!.Value);
    }
}
