namespace ValueSegmentation.Data;

/// <summary>How a <see cref="SummaryTableReader"/> maps the rows of a summary table (one per customer).</summary>
/// <remarks>Immutable once created (init-only properties) and thread-safe.</remarks>
public sealed class SummaryReadOptions : DataReadOptions
{
    /// <summary>The options every read takes when none are given.</summary>
    public static SummaryReadOptions Default { get; } = new();

    /// <summary>Which columns hold the numbers. Default: found by the names lifetimes, CLVTools and BTYD write.</summary>
    public SummaryTableColumns Columns { get; init; } = new();

    /// <inheritdoc />
    internal override void Validate()
    {
        base.Validate();
        ArgumentNullException.ThrowIfNull(Columns);
    }
}
