namespace ValueSegmentation.Shared;

/// <summary>Selection in place (O(n) on average, no full sort): the k-th smallest value and the median, shared by the
/// core's reports and the data package's quality profile (linked into each assembly).</summary>
internal static class Selection
{
    /// <summary>The k-th smallest value (0-based) of <paramref name="values"/>, by 3-way quickselect; afterwards the
    /// values before position k are at most it and those after at least it.</summary>
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

    /// <summary>The median: the middle value, or the mean of the two middle ones (halved first when their sum would
    /// overflow).</summary>
    /// <param name="values">The values, at least one; reordered.</param>
    public static double Median(Span<double> values)
    {
        int n = values.Length;
        double upper = Smallest(values, n / 2);
        if (n % 2 == 1)
        {
            return upper;
        }

        double lower = Smallest(values[..(n / 2)], (n / 2) - 1), midpoint = (lower + upper) / 2;
        return double.IsFinite(midpoint) ? midpoint : (lower / 2) + (upper / 2);
    }
}
