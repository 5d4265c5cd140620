namespace ValueSegmentation.Data.Internal;

/// <summary>The median and a robust spread of values, for Iglewicz and Hoaglin's modified z-score
/// M = (v − median) / spread with spread = MAD / 0.6745 ("How to Detect and Handle Outliers", 1993); when more than half
/// the values are equal the MAD is 0, and 1.253314 × the mean absolute deviation from the median takes its place
/// (both estimate the standard deviation of normal data).</summary>
/// <param name="Median">The median.</param>
/// <param name="Spread">The spread (positive).</param>
/// <param name="Measure">Which spread: "median absolute deviation" or "mean absolute deviation".</param>
internal readonly record struct RobustScale(double Median, double Spread, string Measure)
{
    /// <summary>The 0.75 quantile of the standard normal: MAD / 0.6745 estimates σ.</summary>
    private const double MadConsistency = 0.6745;

    /// <summary>√(π/2): 1.253314 × the mean absolute deviation estimates σ.</summary>
    private const double MeanAdConsistency = 1.253314;

    /// <summary>The scale of the values, or <see langword="null"/> when there are none or all are equal.</summary>
    /// <param name="values">The values (reordered).</param>
    public static RobustScale? Of(Span<double> values)
    {
        if (values.IsEmpty)
        {
            return null;
        }

        double median = MedianOf(values);
        double meanDeviation = 0;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Math.Abs(values[i] - median);
            meanDeviation += values[i];
        }

        meanDeviation /= values.Length;
        double mad = MedianOf(values);
        if (mad > 0)
        {
            return new RobustScale(median, mad / MadConsistency, "median absolute deviation");
        }

        return meanDeviation > 0 ? new RobustScale(median, MeanAdConsistency * meanDeviation, "mean absolute deviation") : null;
    }

    /// <summary>The median: the middle value, or the mean of the two middle ones.</summary>
    /// <param name="values">The values, not empty (reordered).</param>
    public static double MedianOf(Span<double> values)
    {
        int n = values.Length;
        int upper = n / 2;
        double high = Select(values, upper);
        if (n % 2 == 1)
        {
            return high;
        }

        // After selecting, everything before position `upper` is at most the value there: the lower middle is their largest.
        double low = double.NegativeInfinity;
        foreach (double v in values[..upper])
        {
            low = Math.Max(low, v);
        }

        return (low + high) / 2;
    }

    /// <summary>The k-th smallest value (0-based) by quickselect with a three-way partition (fast on many ties);
    /// afterwards the values before position k are at most it and those after at least it.</summary>
    private static double Select(Span<double> values, int k)
    {
        int lo = 0, hi = values.Length - 1;
        while (lo < hi)
        {
            double pivot = MedianOfThree(values[lo], values[lo + ((hi - lo) / 2)], values[hi]);
            int lt = lo, i = lo, gt = hi;
            while (i <= gt)
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
                    (values[gt], values[i]) = (values[i], values[gt]);
                    gt--;
                }
                else
                {
                    i++;
                }
            }

            if (k < lt)
            {
                hi = lt - 1;
            }
            else if (k > gt)
            {
                lo = gt + 1;
            }
            else
            {
                return pivot;
            }
        }

        return values[k];
    }

    private static double MedianOfThree(double a, double b, double c) => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
}
