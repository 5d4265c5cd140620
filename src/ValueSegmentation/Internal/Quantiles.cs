namespace ValueSegmentation.Internal;

/// <summary>
/// Quantiles by selection (O(n), no full sort), shared by the strategies and the analyses.
/// The quantiles leave their input as it is (<see cref="OrderStatistics"/>); selection in place is
/// <see cref="Selection"/>'s (src/Shared).
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
}
