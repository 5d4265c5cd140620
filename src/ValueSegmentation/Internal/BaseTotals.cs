using ValueSegmentation.Transactions;

namespace ValueSegmentation.Internal;

/// <summary>Sums over a customer base, shared by the base-level metrics, the pipeline's headline figures and the
/// segment report.</summary>
internal readonly record struct BaseTotals(
    int Customers,
    long Purchases,
    long RepeatPurchases,
    int RepeatCustomers,
    long HoldoutPurchases,
    double Revenue,
    double CostOfGoods,
    double Age,
    TimeUnit TimeUnit)
{
    /// <summary>Revenue per purchase.</summary>
    public double AverageOrderValue => Revenue / Purchases;

    /// <summary>Purchases per customer.</summary>
    public double PurchasesPerCustomer => (double)Purchases / Customers;

    /// <summary>Repeat purchases per unit of the customers' total age.</summary>
    public double PurchaseFrequency(TimeUnit per) => RepeatPurchases == 0 ? 0.0 : RepeatPurchases / TimeUnit.ConvertTo(Age, per);

    /// <summary>The time unit every customer of the collection is measured in.</summary>
    /// <exception cref="ArgumentException">The customers mix time units (a collection made with
    /// <see cref="CustomerSummaryCollection.Of"/>), or there are none.</exception>
    public static TimeUnit TimeUnitOf(CustomerSummaryCollection customers, string name)
    {
        if (customers.Count == 0)
        {
            throw Empty(name);
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

    /// <summary>The totals of a customer base: a collection kept as columns is read column by column, anything else
    /// summary by summary, in the same order (so to the same bits).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null or holds a null.</exception>
    /// <exception cref="ArgumentException">The base is empty or mixes time units.</exception>
    public static BaseTotals Of(IEnumerable<CustomerSummary> customers, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(customers))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(customers, name);
        var sum = default(Sum);
        if (customers is CustomerSummaryCollection { IsColumnar: true } columns)
        {
            var blocks = Sum.Blocks(columns);
            while (blocks.MoveNext())
            {
                for (int k = 0; k < blocks.Length; k++)
                {
                    sum.Add(blocks, k);
                }
            }

            return columns.Count == 0 ? throw Empty(name) : sum.Totals(columns[0].TimeUnit);
        }

        TimeUnit? unit = null;
        foreach (var customer in customers)
        {
            if (customer is null)
            {
                throw new ArgumentNullException(name, $"Customer #{sum.Customers} is null.");
            }

            if (unit is { } u && u != customer.TimeUnit)
            {
                throw MixedUnits(sum.Customers, customer, u, name);
            }

            unit = customer.TimeUnit;
            sum.Add(customer.PurchaseCount, customer.HoldoutPurchaseCount, customer.Revenue, customer.CostOfGoods, customer.Age);
        }

        return unit is { } timeUnit ? sum.Totals(timeUnit) : throw Empty(name);
    }

    private static ArgumentException Empty(string? name) =>
        new("The customer base is empty; the metric needs at least one customer.", name);

    private static ArgumentException MixedUnits(int index, CustomerSummary customer, TimeUnit others, string? name) =>
        new($"Customer #{index} ('{customer.CustomerId}') is measured in {customer.TimeUnit}, the others in {others}.", name);

    /// <summary>The running sums behind <see cref="BaseTotals"/>, one customer at a time.</summary>
    public struct Sum
    {
        /// <summary>Customers added.</summary>
        public int Customers;

        private long _purchases;
        private long _repeatPurchases;
        private int _repeatCustomers;
        private long _holdoutPurchases;
        private double _revenue;
        private double _costOfGoods;
        private double _age;

        /// <summary>Revenue added so far.</summary>
        public readonly double Revenue => _revenue;

        /// <summary>The columns <see cref="Add(SummaryBlocks, int)"/> reads, in a block reader over
        /// <paramref name="customers"/>.</summary>
        public static SummaryBlocks Blocks(CustomerSummaryCollection customers) => new(
            customers, SummaryColumn.PurchaseCount, SummaryColumn.HoldoutPurchaseCount, SummaryColumn.Revenue, SummaryColumn.CostOfGoods, SummaryColumn.Age);

        /// <summary>Adds customer <paramref name="k"/> of a block read by <see cref="Blocks"/>.</summary>
        public void Add(SummaryBlocks block, int k) =>
            Add((int)block[0][k], (int)block[1][k], block[2][k], block[3][k], block[4][k]);

        /// <summary>Adds one customer.</summary>
        public void Add(int purchases, int holdoutPurchases, double revenue, double costOfGoods, double age)
        {
            Customers++;
            _purchases += purchases;
            _repeatPurchases += purchases - 1;
            _repeatCustomers += purchases > 1 ? 1 : 0;
            _holdoutPurchases += holdoutPurchases;
            _revenue += revenue;
            _costOfGoods += costOfGoods;
            _age += age;
        }

        /// <summary>The totals of the customers added.</summary>
        public readonly BaseTotals Totals(TimeUnit unit) =>
            new(Customers, _purchases, _repeatPurchases, _repeatCustomers, _holdoutPurchases, _revenue, _costOfGoods, _age, unit);
    }
}
