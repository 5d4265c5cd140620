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
    public static int CountOf(double share, int count) => (int)CountOf(share, (long)count);

    /// <summary>The number of customers a share of <paramref name="count"/> stands for: ⌈share × count⌉.</summary>
    public static long CountOf(double share, long count) =>
        (long)Math.Min(count, Math.Ceiling(share * count * (1 - ShareSlack)));

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
        var ranks = TopRanks(increasingShares, n);
        var positions = ranks.Where(k => k > 0).Select(k => (int)(n - k)).ToArray(); // ascending position of the k-th largest
        var selected = OrderStatistics.Smallest(values, positions);
        var thresholds = new double[ranks.Length];
        for (int i = 0, s = 0; i < thresholds.Length; i++)
        {
            thresholds[i] = ranks[i] == 0 ? double.PositiveInfinity : selected[s++];
        }

        return thresholds;
    }

    /// <summary>The ranks from the top, k = ⌈share·n⌉, of nested top shares.</summary>
    /// <param name="increasingShares">The cumulative shares.</param>
    /// <param name="n">The number of customers.</param>
    public static long[] TopRanks(ReadOnlySpan<double> increasingShares, long n)
    {
        var ranks = new long[increasingShares.Length];
        for (int i = 0; i < ranks.Length; i++)
        {
            ranks[i] = CountOf(increasingShares[i], n);
        }

        return ranks;
    }

    /// <summary>Checks the values an engine found at <paramref name="ranks"/> (see <see cref="TopRanks"/>): as many,
    /// finite and non-increasing.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="cutPoints"/> is null.</exception>
    /// <exception cref="ArgumentException">They are not.</exception>
    public static double[] CheckCutPoints(IReadOnlyList<double> cutPoints, long[] ranks, string paramName)
    {
        ArgumentNullException.ThrowIfNull(cutPoints, paramName);
        var copy = cutPoints.ToArray();
        if (copy.Length != ranks.Length)
        {
            throw new ArgumentException($"The strategy has {ranks.Length} cut points, not {copy.Length}.", paramName);
        }

        for (int i = 0; i < copy.Length; i++)
        {
            if (!double.IsFinite(copy[i]))
            {
                throw new ArgumentException($"Cut point #{i} is {Invariant.Number(copy[i])}; it must be the finite value ranked {ranks[i]} from the top.", paramName);
            }

            if (i > 0 && copy[i] > copy[i - 1])
            {
                throw new ArgumentException(
                    $"Cut point #{i} ({Invariant.Number(copy[i])}) is above #{i - 1} ({Invariant.Number(copy[i - 1])}); the values at increasing ranks cannot increase.",
                    paramName);
            }
        }

        return copy;
    }
}
