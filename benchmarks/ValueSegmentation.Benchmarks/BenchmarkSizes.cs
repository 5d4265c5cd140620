using System.Globalization;

namespace ValueSegmentation.Benchmarks;

/// <summary>
/// The problem sizes of the suites, capped by the <c>VSEG_BENCH_MAX_SIZE</c> environment variable so that CI
/// can run a fast dry job over the small sizes only.
/// </summary>
public static class BenchmarkSizes
{
    /// <summary>The environment variable holding the largest size to run (for example <c>10000</c> or <c>1e5</c>).</summary>
    public const string MaxSizeVariable = "VSEG_BENCH_MAX_SIZE";

    /// <summary>
    /// The sizes no larger than <c>VSEG_BENCH_MAX_SIZE</c>, or all of them when it is unset or empty. When the cap
    /// is below every size, the smallest size is kept, so that no suite disappears from a capped run.
    /// </summary>
    /// <param name="sizes">The sizes of a suite, in ascending order.</param>
    /// <returns>The sizes to run.</returns>
    /// <exception cref="InvalidOperationException">The variable is set but is not a positive number.</exception>
    public static IEnumerable<int> Capped(params int[] sizes)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        double max = MaxSize();
        int[] kept = [.. sizes.Where(size => size <= max)];
        return kept.Length > 0 ? kept : [sizes.Min()];
    }

    /// <summary>The cap read from <c>VSEG_BENCH_MAX_SIZE</c>; positive infinity when it is unset.</summary>
    /// <returns>The largest size to run.</returns>
    /// <exception cref="InvalidOperationException">The variable is set but is not a positive number.</exception>
    public static double MaxSize()
    {
        string? text = Environment.GetEnvironmentVariable(MaxSizeVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return double.PositiveInfinity;
        }

        return double.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out double max) && max > 0
            ? max
            : throw new InvalidOperationException($"{MaxSizeVariable}='{text}' is not a positive number; use for example 10000 or 1e5, or unset it to run every size.");
    }
}
