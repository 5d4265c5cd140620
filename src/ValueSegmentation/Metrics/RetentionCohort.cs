namespace ValueSegmentation.Metrics;

/// <summary>One cohort's retention curve.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class RetentionCohort
{
    private readonly long[] _active;

    internal RetentionCohort(DateOnly start, long[] active)
    {
        Start = start;
        _active = active;
        Retention = [.. active.Select(a => (double)a / active[0])];
    }

    /// <summary>The first day of the cohort's acquisition period.</summary>
    public DateOnly Start { get; }

    /// <summary>Number of customers acquired in the period.</summary>
    public long Size => _active[0];

    /// <summary>Customers of the cohort active (with a purchase) in each period since acquisition; index 0 is <see cref="Size"/>.</summary>
    public IReadOnlyList<long> ActiveCustomers => _active;

    /// <summary>Share of the cohort active in each period since acquisition, in [0, 1]; index 0 is 1.</summary>
    public IReadOnlyList<double> Retention { get; }
}
