namespace ValueSegmentation.Data;

/// <summary>The limits of a read's <see cref="DataQualityProfile"/>: what counts as implausible. The profile only reports;
/// flagged rows are still used (reject them with the reader's options or in the source).</summary>
/// <remarks>Immutable once created (init-only properties) and thread-safe.</remarks>
public sealed class DataQualityRules
{
    /// <summary>The rules every read takes when none are given.</summary>
    public static DataQualityRules Default { get; } = new();

    /// <summary>Timestamps before this are flagged (<see cref="QualityCheck.EarlyTimestamp"/>). Default: 1990-01-01 UTC,
    /// which catches the placeholder dates of spreadsheets (1900-01-01) and of Unix time zero (1970-01-01).</summary>
    public DateTimeOffset EarliestPlausible { get; init; } = new(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Timestamps after this are flagged (<see cref="QualityCheck.FutureTimestamp"/>). Default:
    /// <see langword="null"/>, the time the reader is opened (by <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset? LatestPlausible { get; init; }

    /// <summary>The clock that dates the read when <see cref="LatestPlausible"/> is not given. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The robust outlier rule's cut-off: a customer is flagged when the modified z-score of the logarithm of
    /// its transaction count (or of its revenue) exceeds it, M = 0.6745 (v − median) / MAD (Iglewicz &amp; Hoaglin 1993,
    /// "How to Detect and Handle Outliers", who recommend 3.5). When more than half the customers share one value (the
    /// MAD is 0), 1.2533 × the mean absolute deviation from the median takes the MAD's place. Default: 3.5.</summary>
    public double OutlierScore { get; init; } = 3.5;

    /// <summary>How many examples each finding keeps (the first lines, or the customers with the largest values).
    /// Default: 10.</summary>
    public int MaxExamples { get; init; } = 10;

    /// <exception cref="ArgumentOutOfRangeException">A rule is out of range.</exception>
    /// <exception cref="ArgumentNullException"><see cref="TimeProvider"/> is null.</exception>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(TimeProvider);
        if (!double.IsFinite(OutlierScore) || OutlierScore <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(OutlierScore), OutlierScore, "The outlier score must be positive and finite.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(MaxExamples);
        if (LatestPlausible is { } latest && latest < EarliestPlausible)
        {
            throw new ArgumentOutOfRangeException(nameof(LatestPlausible), latest, $"The latest plausible time is before the earliest ({EarliestPlausible:O}).");
        }
    }
}
