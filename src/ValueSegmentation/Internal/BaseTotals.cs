using ValueSegmentation.Transactions;

namespace ValueSegmentation.Internal;

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
