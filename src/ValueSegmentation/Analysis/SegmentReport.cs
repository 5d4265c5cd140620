using ValueSegmentation.Internal;
using ValueSegmentation.Metrics;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Analysis;

/// <summary>
/// What each segment is and is worth: customers and share of customers, revenue and share of revenue, cost of
/// goods, cost to serve, profit, mean and median value, average order value, purchase frequency, and the mean
/// of a loyalty measure; one row per segment and one for the whole population.
/// </summary>
/// <remarks>
/// <para>Money is in the log's currency over the calibration period. Averages of an empty segment are
/// <see langword="null"/>, not NaN. Shares of revenue are <see langword="null"/> when total revenue is 0.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class SegmentReport
{
    private SegmentReport(CustomerMeasure value, CustomerMeasure? loyalty, TimeUnit frequencyPer, SegmentReportRow[] rows, SegmentReportRow total)
    {
        Value = value;
        Loyalty = loyalty;
        FrequencyPer = frequencyPer;
        Rows = rows;
        Total = total;
    }

    /// <summary>The measure whose mean and median the rows report.</summary>
    public CustomerMeasure Value { get; }

    /// <summary>The loyalty measure whose mean the rows report, if any.</summary>
    public CustomerMeasure? Loyalty { get; }

    /// <summary>The period of <see cref="SegmentReportRow.PurchaseFrequency"/>.</summary>
    public TimeUnit FrequencyPer { get; }

    /// <summary>One row per segment, in rank order.</summary>
    public IReadOnlyList<SegmentReportRow> Rows { get; }

    /// <summary>The whole population.</summary>
    public SegmentReportRow Total { get; }

    /// <summary>Builds the report.</summary>
    /// <param name="segmented">The segmented population.</param>
    /// <param name="value">The value measure to average (for example a CLV); by default <see cref="CustomerMeasure.Revenue"/>.</param>
    /// <param name="loyalty">An optional loyalty measure to average (for example P(alive)).</param>
    /// <param name="costToServe">An optional cost to serve per customer (finite, not negative); without it the cost to serve is 0.</param>
    /// <param name="frequencyPer">The period of the purchase frequency; years by default.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="segmented"/> is null.</exception>
    /// <exception cref="ArgumentException">The customers mix time units.</exception>
    /// <exception cref="MeasureEvaluationException">A measure cannot value a customer.</exception>
    /// <exception cref="InvalidOperationException">The cost to serve is negative or not finite, or the costs to serve
    /// of a segment sum beyond the range of a <see cref="double"/>.</exception>
    public static SegmentReport Create(
        SegmentedCustomers segmented,
        CustomerMeasure? value = null,
        CustomerMeasure? loyalty = null,
        Func<CustomerSummary, double>? costToServe = null,
        TimeUnit frequencyPer = TimeUnit.Years)
    {
        ArgumentNullException.ThrowIfNull(segmented);
        Guard.Defined(frequencyPer);
        value ??= CustomerMeasure.Revenue;
        var customers = segmented.Customers;
        var values = customers.ValuesOf(value).ToArray();
        double[]? loyalties = loyalty is null ? null : customers.ValuesOf(loyalty).ToArray();
        var groups = new List<int>[segmented.Segments.Count];
        for (int s = 0; s < groups.Length; s++)
        {
            groups[s] = new List<int>(segmented.Counts[s]);
        }

        for (int i = 0; i < customers.Count; i++)
        {
            groups[segmented.SegmentIndexOf(i)].Add(i);
        }

        var all = Enumerable.Range(0, customers.Count).ToList();
        double totalRevenue = customers.Sum(c => c.Revenue);
        var total = Row(null, all, customers, values, loyalties, costToServe, frequencyPer, customers.Count, totalRevenue);
        var rows = new SegmentReportRow[groups.Length];
        for (int s = 0; s < rows.Length; s++)
        {
            rows[s] = Row(segmented.Segments[s], groups[s], customers, values, loyalties, costToServe, frequencyPer, customers.Count, totalRevenue);
        }

        return new SegmentReport(value, loyalty, frequencyPer, rows, total);
    }

    private static SegmentReportRow Row(
        Segment? segment,
        List<int> members,
        CustomerSummaryCollection customers,
        double[] values,
        double[]? loyalties,
        Func<CustomerSummary, double>? costToServe,
        TimeUnit per,
        int population,
        double totalRevenue)
    {
        double revenue = 0, costOfGoods = 0, serve = 0, loyaltySum = 0;
        var memberValues = new double[members.Count];
        var memberCustomers = new CustomerSummary[members.Count];
        for (int k = 0; k < members.Count; k++)
        {
            var customer = customers[members[k]];
            memberCustomers[k] = customer;
            memberValues[k] = values[members[k]];
            revenue += customer.Revenue;
            costOfGoods += customer.CostOfGoods;
            if (costToServe is not null)
            {
                double cost = costToServe(customer);
                serve += double.IsFinite(cost) && cost >= 0
                    ? cost
                    : throw new InvalidOperationException($"The cost-to-serve function returned {cost} for customer '{customer.CustomerId}'; it must be finite and not negative.");
                if (!double.IsFinite(serve))
                {
                    throw new InvalidOperationException($"The costs to serve of the segment sum beyond the range of a double at customer '{customer.CustomerId}' ({cost}); the cost-to-serve function must return costs in the range of amounts (Transaction.MaxAmount per transaction).");
                }
            }

            if (loyalties is not null)
            {
                loyaltySum += loyalties[members[k]];
            }
        }

        int n = members.Count;
        return new SegmentReportRow(
            segment,
            n,
            population == 0 ? 0 : (double)n / population,
            revenue,
            Share(revenue, totalRevenue),
            costOfGoods,
            serve,
            revenue - costOfGoods - serve,
            n == 0 ? null : Mean(memberValues),
            n == 0 ? null : Median(memberValues),
            n == 0 ? null : AverageOrderValue.ForBase(memberCustomers),
            n == 0 ? null : PurchaseFrequency.ForBase(memberCustomers, per),
            n == 0 || loyalties is null ? null : (double.IsFinite(loyaltySum) ? loyaltySum / n : Mean([.. members.Select(i => loyalties[i])])));
    }

    /// <summary>The mean of finite values, finite even where their sum overflows (then as Σ v/n).</summary>
    private static double Mean(double[] values)
    {
        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }

        if (double.IsFinite(sum))
        {
            return sum / values.Length;
        }

        double mean = 0;
        foreach (double v in values)
        {
            mean += v / values.Length;
        }

        return mean;
    }

    private static double Median(double[] values)
    {
        int n = values.Length;
        double upper = Quantiles.Smallest(values, n / 2);
        if (n % 2 == 1)
        {
            return upper;
        }

        double lower = Quantiles.Smallest(values.AsSpan(0, n / 2), (n / 2) - 1), midpoint = (lower + upper) / 2;
        return double.IsFinite(midpoint) ? midpoint : (lower / 2) + (upper / 2);
    }

    /// <summary>revenue/total; null when the total is 0 or so near it (revenues that cancel) that the share overflows.</summary>
    private static double? Share(double revenue, double total)
    {
        double share = revenue / total;
        return total == 0 || !double.IsFinite(share) ? null : share;
    }
}
