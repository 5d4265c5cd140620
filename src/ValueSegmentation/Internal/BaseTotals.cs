using ValueSegmentation.Transactions;

namespace ValueSegmentation.Internal;

/// <summary>Sums over a customer base, shared by the base-level metrics.</summary>
internal readonly record struct BaseTotals(int Customers, long Purchases, long RepeatPurchases, double Revenue, double Age, TimeUnit TimeUnit)
{
    /// <summary>Revenue per purchase.</summary>
    public double AverageOrderValue => Revenue / Purchases;

    /// <summary>Repeat purchases per unit of the customers' total age.</summary>
    public double PurchaseFrequency(TimeUnit per) => RepeatPurchases == 0 ? 0.0 : RepeatPurchases / TimeUnit.ConvertTo(Age, per);

    /// <summary>The time unit every customer of the collection is measured in.</summary>
    /// <exception cref="ArgumentException">The customers mix time units (a collection made with
    /// <see cref="CustomerSummaryCollection.Of"/>), or there are none.</exception>
    public static TimeUnit TimeUnitOf(CustomerSummaryCollection customers, string name)
    {
        if (customers.Count == 0)
        {
            throw new ArgumentException("The customer base is empty; the metric needs at least one customer.", name);
        }

        var unit = customers[0].TimeUnit;
        if (!customers.IsColumnar)
        {
            var summaries = customers.AsSpan();
            for (int i = 1; i < summaries.Length; i++)
            {
                if (summaries[i].TimeUnit != unit)
                {
                    throw MixedUnits(i, summaries[i], unit, name);
                }
            }
        }

        return unit;
    }

    public static BaseTotals Of(IEnumerable<CustomerSummary> customers, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(customers))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(customers, name);
        if (customers is CustomerSummaryCollection { IsColumnar: true } columns)
        {
            return OfColumns(columns, name);
        }

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
                throw MixedUnits(count, customer, u, name);
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
    /// <summary>The totals of a collection kept as columns, summed in the same order (so to the same bits) as the
    /// loop over its summaries.</summary>
    private static BaseTotals OfColumns(CustomerSummaryCollection customers, string? name)
    {
        if (customers.Count == 0)
        {
            throw new ArgumentException("The customer base is empty; the metric needs at least one customer.", name);
        }

        const int Block = 512;
        Span<double> purchases = stackalloc double[Block], repeats = stackalloc double[Block], revenues = stackalloc double[Block], ages = stackalloc double[Block];
        long purchaseTotal = 0, repeatTotal = 0;
        double revenue = 0, age = 0;
        for (int start = 0; start < customers.Count; start += Block)
        {
            int length = Math.Min(Block, customers.Count - start);
            customers.CopyColumn(SummaryColumn.PurchaseCount, start, purchases[..length]);
            customers.CopyColumn(SummaryColumn.Frequency, start, repeats[..length]);
            customers.CopyColumn(SummaryColumn.Revenue, start, revenues[..length]);
            customers.CopyColumn(SummaryColumn.Age, start, ages[..length]);
            for (int i = 0; i < length; i++)
            {
                purchaseTotal += (long)purchases[i];
                repeatTotal += (long)repeats[i];
                revenue += revenues[i];
                age += ages[i];
            }
        }

        return new BaseTotals(customers.Count, purchaseTotal, repeatTotal, revenue, age, customers[0].TimeUnit);
    }

    private static ArgumentException MixedUnits(int index, CustomerSummary customer, TimeUnit others, string? name) =>
        new($"Customer #{index} ('{customer.CustomerId}') is measured in {customer.TimeUnit}, the others in {others}.", name);

}
