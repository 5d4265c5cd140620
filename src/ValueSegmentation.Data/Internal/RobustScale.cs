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

        double median = Selection.Median(values);
        double meanDeviation = 0;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Math.Abs(values[i] - median);
            meanDeviation += values[i];
        }

        meanDeviation /= values.Length;
        double mad = Selection.Median(values);
        if (mad > 0)
        {
            return new RobustScale(median, mad / MadConsistency, "median absolute deviation");
        }

        return meanDeviation > 0 ? new RobustScale(median, MeanAdConsistency * meanDeviation, "mean absolute deviation") : null;
    }
}
