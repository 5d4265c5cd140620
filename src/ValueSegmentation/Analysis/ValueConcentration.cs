using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ValueSegmentation.Internal;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Analysis;

/// <summary>
/// Concentration of value over customers: the Lorenz curve, the Gini coefficient, the share of value held by
/// the top k % of customers, and the number of top customers needed for x % of value ("20 % of customers
/// bring 60 % of sales").
/// </summary>
/// <remarks>
/// <para>Ranks and ties: customers are ranked by value; the top k % are the ⌈k × n⌉ customers with the highest
/// values. Tied customers hold equal values, so which of them is counted never changes a sum: every figure
/// depends on the values as a multiset only.</para>
/// <para>The Gini coefficient is G = 2 Σᵢ i·y₍ᵢ₎ / (n Σ y) − (n + 1)/n over the values sorted ascending
/// (i = 1..n): 0 when all are equal, (n − 1)/n when one customer holds everything. With a total of 0 (every
/// value 0), the curve is the diagonal and G = 0.</para>
/// <para>Negative values follow <see cref="NegativeValues"/>; <see cref="NegativeCount"/> and
/// <see cref="NegativeTotal"/> report them whatever the policy. Computing sorts the values once (a
/// radix sort on both cores, O(n)) and sums them from the highest down; every query after that is O(1) or O(log n).
/// Immutable and thread-safe.</para>
/// </remarks>
public sealed class ValueConcentration
{
    private readonly double[] _topSums; // _topSums[k] = sum of the k highest values, k = 0..n

    private ValueConcentration(double[] topSums, double gini, int negativeCount, double negativeTotal, NegativeValues policy)
    {
        _topSums = topSums;
        Gini = gini;
        NegativeCount = negativeCount;
        NegativeTotal = negativeTotal;
        Policy = policy;
    }

    /// <summary>The number of customers.</summary>
    public int Count => _topSums.Length - 1;

    /// <summary>The total value after the negative-value policy.</summary>
    public double Total => _topSums[^1];

    /// <summary>The Gini coefficient (see remarks).</summary>
    public double Gini { get; }

    /// <summary>The number of customers with a negative value.</summary>
    public int NegativeCount { get; }

    /// <summary>The sum of the negative values (0 or less), before the policy.</summary>
    public double NegativeTotal { get; }

    /// <summary>How negative values were treated.</summary>
    public NegativeValues Policy { get; }

    /// <summary>Analyses a list of values.</summary>
    /// <param name="values">One value per customer, finite.</param>
    /// <param name="negatives">How negative values count.</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty; or with <see cref="NegativeValues.Keep"/>
    /// the net total is not positive; or with <see cref="NegativeValues.Reject"/> a value is negative.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or infinite, the values (or their negative part)
    /// sum beyond the range of a <see cref="double"/> (about 1.8 × 10³⁰⁸), or <paramref name="negatives"/> is not
    /// defined.</exception>
    public static ValueConcentration Of(ReadOnlySpan<double> values, NegativeValues negatives = NegativeValues.ClampToZero) =>
        Analyse(values, negatives, nameof(values));

    /// <summary>The analysis of <see cref="Of"/>; a rejection names <paramref name="valuesName"/>, the caller's argument
    /// the values come from.</summary>
    private static ValueConcentration Analyse(ReadOnlySpan<double> values, NegativeValues negatives, string valuesName)
    {
        if (negatives is not (NegativeValues.ClampToZero or NegativeValues.Keep or NegativeValues.Reject))
        {
            throw new ArgumentOutOfRangeException(nameof(negatives), negatives, "Not a defined NegativeValues.");
        }

        if (values.IsEmpty)
        {
            throw new ArgumentException("There are no values; a concentration needs at least one customer.", valuesName);
        }

        int first = FirstNotFinite(values);
        if (first >= 0)
        {
            throw new ArgumentOutOfRangeException(valuesName, values[first], $"Value #{first} is not finite.");
        }

        int negativeCount = CountNegative(values);
        double negativeTotal = 0;
        if (negativeCount > 0)
        {
            foreach (double v in values)
            {
                if (v < 0)
                {
                    negativeTotal += v; // in input order, as documented sums are
                }
            }
        }

        if (negativeCount > 0 && negatives == NegativeValues.Reject)
        {
            throw new ArgumentException($"{negativeCount} value(s) are negative (sum {negativeTotal}); choose NegativeValues.ClampToZero or Keep to analyse loss-making customers.", valuesName);
        }

        if (!double.IsFinite(negativeTotal))
        {
            throw new ArgumentOutOfRangeException(valuesName, negativeTotal, "The negative values sum beyond the range of a double; scale the values down.");
        }

        // The values from the highest down, written where their running sums go: topSums[k] then replaces the k-th
        // highest value, read just before.
        int n = values.Length;
        var topSums = GC.AllocateUninitializedArray<double>(n + 1);
        OrderStatistics.SortDescending(values, negatives == NegativeValues.ClampToZero, topSums.AsSpan(1));
        topSums[0] = 0;
        double weighted = 0; // Σ (i / n)·y₍ᵢ₎: each term is at most |y₍ᵢ₎|, so it overflows no sooner than the sums
        for (int k = 1; k <= n; k++)
        {
            double v = topSums[k]; // the k-th highest
            topSums[k] = topSums[k - 1] + v;
            if (!double.IsFinite(topSums[k]))
            {
                throw new ArgumentOutOfRangeException(valuesName, topSums[k], $"The {k} highest values sum beyond the range of a double; scale the values down (every share is unchanged by scaling).");
            }

            weighted += (double)(n - k + 1) / n * v; // ascending rank i = n − k + 1
        }

        double total = topSums[n];
        if (negatives == NegativeValues.Keep && !(total > 0))
        {
            throw new ArgumentException($"The net total is {total}; shares of a total that is not positive mean nothing. Use NegativeValues.ClampToZero.", valuesName);
        }

        double gini = total == 0 ? 0 : (2 * (weighted / total)) - ((n + 1.0) / n);
        if (negatives != NegativeValues.Keep)
        {
            gini = Math.Clamp(gini, 0, 1); // rounding only
        }

        return new ValueConcentration(topSums, gini, negativeCount, negativeTotal, negatives);
    }

    /// <summary>The index of the first value that is NaN or infinite, or −1 (vectorised: v − v is 0 only when v is
    /// finite).</summary>
    private static int FirstNotFinite(ReadOnlySpan<double> values)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double first = ref MemoryMarshal.GetReference(values);
            for (; i <= values.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var v = Vector256.LoadUnsafe(ref first, (nuint)i);
                if (!Vector256.EqualsAll(v - v, Vector256<double>.Zero))
                {
                    break;
                }
            }
        }

        for (; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>How many values are below 0 (vectorised; −0 is not).</summary>
    private static int CountNegative(ReadOnlySpan<double> values)
    {
        long count = 0;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double first = ref MemoryMarshal.GetReference(values);
            var below = Vector256<long>.Zero;
            for (; i <= values.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                below -= Vector256.LessThan(Vector256.LoadUnsafe(ref first, (nuint)i), Vector256<double>.Zero).AsInt64(); // −1 per lane below
            }

            count = Vector256.Sum(below);
        }

        for (; i < values.Length; i++)
        {
            count += values[i] < 0 ? 1 : 0;
        }

        return (int)count;
    }

    /// <summary>Analyses a measure over a population.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="measure">The value measure, for example <see cref="CustomerMeasure.Revenue"/>.</param>
    /// <param name="negatives">How negative values count.</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="ArgumentNullException">An argument is null, or <paramref name="customers"/> holds a null.</exception>
    /// <exception cref="ArgumentException">As <see cref="Of(ReadOnlySpan{double}, NegativeValues)"/> (there are no
    /// customers, or the measure's values add up past the largest double), naming <paramref name="customers"/>.</exception>
    /// <exception cref="MeasureEvaluationException">The measure cannot value a customer.</exception>
    public static ValueConcentration OfMeasure(IReadOnlyList<CustomerSummary> customers, CustomerMeasure measure, NegativeValues negatives = NegativeValues.ClampToZero)
    {
        ArgumentNullException.ThrowIfNull(measure);
        return Analyse(CustomerSummaryCollection.Of(customers).ValuesOf(measure), negatives, nameof(customers));
    }

    /// <summary>The share of value held by the top <paramref name="customerShare"/> of customers (the ⌈share × n⌉ highest).</summary>
    /// <param name="customerShare">The share of customers, in [0, 1].</param>
    /// <returns>Their share of <see cref="Total"/>; with a zero total, <paramref name="customerShare"/>'s count over n.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="customerShare"/> is outside [0, 1].</exception>
    public double TopShare(double customerShare)
    {
        Guard.Probability(customerShare);
        return ShareOfTop(Quantiles.CountOf(customerShare, Count));
    }

    /// <summary>The share of value held by the <paramref name="customers"/> highest-value customers.</summary>
    /// <param name="customers">A count from 0 to <see cref="Count"/>.</param>
    /// <returns>Their share of <see cref="Total"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="customers"/> is out of range.</exception>
    public double ShareOfTop(int customers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(customers);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(customers, Count);
        return Total == 0 ? (double)customers / Count : _topSums[customers] / Total;
    }

    /// <summary>The fewest top customers whose values sum to at least <paramref name="valueShare"/> of the total.</summary>
    /// <param name="valueShare">The share of value, in [0, 1].</param>
    /// <returns>The number of customers (0 for a share of 0); with <see cref="NegativeValues.Keep"/>, the first
    /// point where the running total reaches the share.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="valueShare"/> is outside [0, 1].</exception>
    public int CustomersForShare(double valueShare)
    {
        Guard.Probability(valueShare);
        if (Total == 0)
        {
            return Quantiles.CountOf(valueShare, Count);
        }

        double target = valueShare * Total * (1 - 1e-12); // slack: a share that is exact on paper is reached
        if (Policy == NegativeValues.Keep)
        {
            for (int k = 0; k <= Count; k++)
            {
                if (_topSums[k] >= target)
                {
                    return k; // not monotone: the first crossing
                }
            }

            return Count;
        }

        int found = Array.BinarySearch(_topSums, target); // non-decreasing without negative values
        int index = found >= 0 ? found : ~found;
        while (index > 0 && _topSums[index - 1] >= target)
        {
            index--; // the first of equal sums (customers with value 0 add nothing)
        }

        return Math.Min(index, Count);
    }

    /// <summary>
    /// The Lorenz curve, ready to plot: cumulative share of customers (poorest first) against cumulative share of
    /// value, from (0, 0) to (1, 1), at <paramref name="points"/> evenly spaced customer counts (or every customer
    /// when there are fewer).
    /// </summary>
    /// <param name="points">The most points to return, at least 2.</param>
    /// <returns>The points, customer share increasing.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="points"/> is less than 2.</exception>
    public IReadOnlyList<LorenzPoint> LorenzCurve(int points = 101)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 2);
        int n = Count;
        int m = Math.Min(points, n + 1);
        var curve = new LorenzPoint[m];
        for (int j = 0; j < m; j++)
        {
            int bottom = (int)Math.Round((double)j * n / (m - 1)); // customers counted from the lowest value
            double valueShare = Total == 0 ? (double)bottom / n : (Total - _topSums[n - bottom]) / Total;
            curve[j] = new LorenzPoint((double)bottom / n, j == m - 1 ? 1.0 : valueShare);
        }

        return curve;
    }
}
