using System.Globalization;

namespace ValueSegmentation.Probabilistic.Likelihoods;

/// <summary>The survivor curve of a contractual cohort, as the retention models take it.</summary>
internal static class SurvivorCurve
{
    /// <summary>Checks a survivor curve and copies it.</summary>
    /// <param name="survivors">Customers active at the start of periods 0, 1, ..., n.</param>
    /// <returns>The counts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="survivors"/> is null.</exception>
    /// <exception cref="ArgumentException">Fewer than two values, a value that is negative or not finite, an increase,
    /// or a cohort of 0.</exception>
    internal static double[] Check(IReadOnlyList<double> survivors)
    {
        ArgumentNullException.ThrowIfNull(survivors);
        var counts = survivors.ToArray();
        if (counts.Length < 2)
        {
            throw new ArgumentException($"A survivor curve needs the cohort size and at least one later count; got {counts.Length} value(s).", nameof(survivors));
        }

        for (int t = 0; t < counts.Length; t++)
        {
            if (!double.IsFinite(counts[t]) || counts[t] < 0 || (t > 0 && counts[t] > counts[t - 1]))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Survivors at period {t} = {counts[t]}: counts must be finite, not negative and never increase."),
                    nameof(survivors));
            }
        }

        return counts[0] > 0 ? counts : throw new ArgumentException("The cohort is empty (survivors at period 0 = 0).", nameof(survivors));
    }
}
