using ValueSegmentation.Internal;
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
        var values = customers.ValuesOf(value);
        var loyalties = loyalty is null ? default : customers.ValuesOf(loyalty);
        var unit = customers.Count == 0 ? frequencyPer : BaseTotals.TimeUnitOf(customers, nameof(segmented));
        int segments = segmented.Segments.Count;

        // One pass in the customers' order, reading the columns a block at a time: each segment's sums (and the
        // population's, at index `segments`) add their members in that order, as a loop over the members would.
        var sums = new BaseTotals.Sum[segments + 1];
        var serve = new double[segments + 1];
        var loyaltySums = new double[segments + 1];
        var memberValues = new double[segments][];
        var filled = new int[segments];
        for (int s = 0; s < segments; s++)
        {
            memberValues[s] = new double[segmented.Counts[s]];
        }

        var blocks = BaseTotals.Sum.Blocks(customers);
        while (blocks.MoveNext())
        {
            for (int k = 0; k < blocks.Length; k++)
            {
                int i = blocks.Start + k, s = segmented.SegmentIndexOf(i);
                double cost = costToServe is null ? 0 : CostToServe(costToServe, customers[i]);
                double loyaltyValue = loyalty is null ? 0 : loyalties[i];
                foreach (int row in (ReadOnlySpan<int>)[s, segments])
                {
                    sums[row].Add(blocks, k);
                    loyaltySums[row] += loyaltyValue;
                    serve[row] += cost;
                    if (!double.IsFinite(serve[row]))
                    {
                        throw new InvalidOperationException($"The costs to serve of the segment sum beyond the range of a double at customer '{customers.CustomerIdAt(i)}' ({cost}); the cost-to-serve function must return costs in the range of amounts (Transaction.MaxAmount per transaction).");
                    }
                }

                memberValues[s][filled[s]++] = values[i];
            }
        }

        double totalRevenue = sums[segments].Revenue;
        var total = Row(null, sums[segments].Totals(unit), serve[segments], loyaltySums[segments], values.ToArray(), loyalty is null ? null : () => customers.ValuesOf(loyalty).ToArray(), frequencyPer, customers.Count, totalRevenue);
        var rows = new SegmentReportRow[segments];
        for (int s = 0; s < rows.Length; s++)
        {
            int segment = s;
            rows[s] = Row(
                segmented.Segments[s],
                sums[s].Totals(unit),
                serve[s],
                loyaltySums[s],
                memberValues[s],
                loyalty is null ? null : () => Members(segmented, customers.ValuesOf(loyalty), segment),
                frequencyPer,
                customers.Count,
                totalRevenue);
        }

        return new SegmentReport(value, loyalty, frequencyPer, rows, total);
    }

    private static SegmentReportRow Row(
        Segment? segment,
        BaseTotals totals,
        double serve,
        double loyaltySum,
        double[] memberValues,
        Func<double[]>? memberLoyalties,
        TimeUnit per,
        int population,
        double totalRevenue)
    {
        int n = totals.Customers;
        return new SegmentReportRow(
            segment,
            n,
            population == 0 ? 0 : (double)n / population,
            totals.Revenue,
            Share(totals.Revenue, totalRevenue),
            totals.CostOfGoods,
            serve,
            totals.Revenue - totals.CostOfGoods - serve,
            n == 0 ? null : Mean(memberValues),
            n == 0 ? null : Median(memberValues),
            n == 0 ? null : totals.AverageOrderValue,
            n == 0 ? null : totals.PurchaseFrequency(per),
            n == 0 || memberLoyalties is null ? null : (double.IsFinite(loyaltySum) ? loyaltySum / n : Mean(memberLoyalties())));
    }

    private static double CostToServe(Func<CustomerSummary, double> costToServe, CustomerSummary customer)
    {
        double cost = costToServe(customer);
        return double.IsFinite(cost) && cost >= 0
            ? cost
            : throw new InvalidOperationException($"The cost-to-serve function returned {cost} for customer '{customer.CustomerId}'; it must be finite and not negative.");
    }

    /// <summary>The values of one segment's members, in the customers' order.</summary>
    private static double[] Members(SegmentedCustomers segmented, ReadOnlySpan<double> values, int segment)
    {
        var members = new double[segmented.Counts[segment]];
        for (int i = 0, next = 0; i < values.Length; i++)
        {
            if (segmented.SegmentIndexOf(i) == segment)
            {
                members[next++] = values[i];
            }
        }

        return members;
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

    private static double Median(double[] values) => Selection.Median(values);

    /// <summary>revenue/total; null when the total is 0 or so near it (revenues that cancel) that the share overflows.</summary>
    private static double? Share(double revenue, double total)
    {
        double share = revenue / total;
        return total == 0 || !double.IsFinite(share) ? null : share;
    }
}
