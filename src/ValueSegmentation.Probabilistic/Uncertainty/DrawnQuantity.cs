namespace ValueSegmentation.Probabilistic.Uncertainty;

/// <summary>One predicted quantity: its draws ([draw][customer]) and its point estimates at the fitted parameters.</summary>
internal sealed class DrawnQuantity(double[][] draws, double[] point)
{
    public double[][] Draws { get; } = draws;

    public double[] Point { get; } = point;

    /// <summary>Per-customer percentile intervals of one quantity's draws around its point estimates.</summary>
    public Interval[] Intervals(double level)
    {
        var (draws, point) = (Draws, Point);
        int n = point.Length;
        var intervals = new Interval[n];
        ParallelChunks.ForRanges(n, 1 << 10, (start, end) =>
        {
            var column = new double[draws.Length];
            for (int i = start; i < end; i++)
            {
                for (int d = 0; d < draws.Length; d++)
                {
                    column[d] = draws[d][i];
                }

                intervals[i] = Percentiles(point[i], column, level);
            }
        });
        return intervals;
    }

    /// <summary>The percentile interval of the draws' totals around the total of the point estimates.</summary>
    public Interval Total(double level) =>
        Percentiles(Point.Sum(), Array.ConvertAll(Draws, d => d.Sum()), level);

    /// <summary>The interval between the (1 − level)/2 and (1 + level)/2 quantiles of the values (linear interpolation
    /// between order statistics, Hyndman &amp; Fan's type 7), around <paramref name="estimate"/>.</summary>
    internal static Interval Percentiles(double estimate, double[] values, double level)
    {
        Array.Sort(values);
        return new Interval(estimate, Quantile(values, (1 - level) / 2), Quantile(values, (1 + level) / 2));

        static double Quantile(double[] sorted, double probability)
        {
            double h = (sorted.Length - 1) * probability;
            int low = (int)Math.Floor(h);
            int high = Math.Min(low + 1, sorted.Length - 1);
            return sorted[low] + ((h - low) * (sorted[high] - sorted[low]));
        }
    }
}
