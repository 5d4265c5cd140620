namespace ValueSegmentation.Internal;

/// <summary>
/// Quantiles by selection (O(n), no full sort), shared by the strategies and the analyses.
/// The quantiles leave their input as it is (<see cref="OrderStatistics"/>); <see cref="Smallest"/> reorders the
/// scratch span it is given.
/// </summary>
internal static class Quantiles
{
    /// <summary>Relative slack when turning a share into a count, so that 0.7 × 10 counts 7, not 8.</summary>
    private const double ShareSlack = 1e-12;

    /// <summary>The number of customers a share of <paramref name="count"/> stands for: ⌈share × count⌉.</summary>
    public static int CountOf(double share, int count) =>
        (int)Math.Min(count, Math.Ceiling(share * count * (1 - ShareSlack)));

    /// <summary>The lower p-quantiles: the ⌈p·n⌉-th smallest values (at least the smallest), for each p.</summary>
    /// <param name="values">The values, finite and at least one; not changed.</param>
    /// <param name="ps">The probabilities.</param>
    public static double[] Lower(double[] values, params ReadOnlySpan<double> ps)
    {
        var ranks = new int[ps.Length];
        for (int i = 0; i < ranks.Length; i++)
        {
            ranks[i] = Math.Max(1, CountOf(ps[i], values.Length)) - 1;
        }

        return OrderStatistics.Smallest(values, ranks);
    }

    /// <summary>
    /// The thresholds of nested top shares (increasing): for each, the k-th largest value with k = ⌈share·n⌉, or +∞
    /// when k = 0. Every value ≥ a threshold is in its top, so ties at it all join the top.
    /// </summary>
    /// <param name="values">The values, finite; not changed.</param>
    /// <param name="increasingShares">The cumulative shares.</param>
    public static double[] TopThresholds(double[] values, ReadOnlySpan<double> increasingShares)
    {
        int n = values.Length;
        var ranks = new List<int>();
        for (int i = 0; i < increasingShares.Length; i++)
        {
            int k = CountOf(increasingShares[i], n);
            if (k > 0)
            {
                ranks.Add(n - k); // ascending position of the k-th largest value
            }
        }

        var selected = OrderStatistics.Smallest(values, [.. ranks]);
        var thresholds = new double[increasingShares.Length];
        for (int i = 0, s = 0; i < thresholds.Length; i++)
        {
            thresholds[i] = CountOf(increasingShares[i], n) == 0 ? double.PositiveInfinity : selected[s++];
        }

        return thresholds;
    }

    /// <summary>The k-th smallest value (0-based) of <paramref name="values"/>, by 3-way quickselect.</summary>
    public static double Smallest(Span<double> values, int k)
    {
        if ((uint)k >= (uint)values.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"Must be in [0, {values.Length}).");
        }

        while (true)
        {
            if (values.Length <= 16)
            {
                values.Sort();
                return values[k];
            }

            double pivot = Pivot(values);
            Partition3(values, pivot, out int lessEnd, out int greaterStart);
            if (k < lessEnd)
            {
                values = values[..lessEnd];
            }
            else if (k < greaterStart)
            {
                return pivot;
            }
            else
            {
                k -= greaterStart;
                values = values[greaterStart..];
            }
        }
    }

    /// <summary>The median of nine values spread over the span (Tukey's ninther): a robust pivot.</summary>
    private static double Pivot(ReadOnlySpan<double> values)
    {
        int n = values.Length;
        if (n < 9)
        {
            return Median3(values[0], values[n / 2], values[n - 1]);
        }

        int step = n / 9;
        return Median3(
            Median3(values[0], values[step], values[2 * step]),
            Median3(values[3 * step], values[4 * step], values[5 * step]),
            Median3(values[6 * step], values[7 * step], values[n - 1]));
    }

    private static double Median3(double a, double b, double c) => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));

    /// <summary>Dutch-flag partition: [0, lessEnd) &lt; pivot, [lessEnd, greaterStart) = pivot, [greaterStart, n) &gt; pivot.</summary>
    private static void Partition3(Span<double> values, double pivot, out int lessEnd, out int greaterStart)
    {
        int lt = 0, i = 0, gt = values.Length;
        while (i < gt)
        {
            double v = values[i];
            if (v < pivot)
            {
                (values[lt], values[i]) = (values[i], values[lt]);
                lt++;
                i++;
            }
            else if (v > pivot)
            {
                gt--;
                (values[gt], values[i]) = (values[i], values[gt]);
            }
            else
            {
                i++;
            }
        }

        lessEnd = lt;
        greaterStart = gt;
    }
}
