namespace ValueSegmentation.DuckDb;

/// <summary>How the embedded DuckDB runs: its memory cap, where it spills, its threads and where it keeps the summaries.</summary>
/// <remarks>Every property has DuckDB's default when left <see langword="null"/>. Immutable once built.</remarks>
public sealed class DuckDbOptions
{
    /// <summary>The most memory DuckDB may use, in megabytes (its <c>memory_limit</c>); <see langword="null"/> for
    /// DuckDB's default, 80 % of the machine's memory. The summaries are built a part of the customers at a time so that
    /// each part fits (see <see cref="Parts"/>); the process needs this much plus the .NET side (the compressed
    /// statistics) and DuckDB's own overhead.</summary>
    public int? MemoryLimitMegabytes
    {
        get;
        init => field = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The memory limit must be positive, in megabytes.");
    }

    /// <summary>The folder DuckDB spills to when work exceeds the cap (its <c>temp_directory</c>); <see langword="null"/>
    /// for a folder next to the database.</summary>
    public string? SpillDirectory { get; init; }

    /// <summary>DuckDB's worker threads; <see langword="null"/> for one per core.</summary>
    public int? Threads
    {
        get;
        init => field = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The number of threads must be positive.");
    }

    /// <summary>The DuckDB database file that keeps the summaries (and may be opened later); <see langword="null"/> for a
    /// temporary file, deleted when the summaries are disposed. An in-memory database is not offered: its tables cannot
    /// spill, and millions of summaries would not fit a small cap.</summary>
    public string? DatabasePath { get; init; }

    /// <summary>How many parts of the customers (by a hash of the id) the summaries are built in; <see langword="null"/>
    /// (the default) for enough parts that each has about <see cref="MemoryLimitMegabytes"/> × 10⁶ / 40 transactions
    /// (DuckDB needs about 40 bytes a transaction to group a part in memory on two threads; measured: 1.25·10⁷
    /// transactions a part fit 512 MB, 1.7·10⁷ do not), or one part without a cap. Parts split the customers by a hash of
    /// the id, so they are equal only on average; if DuckDB reports that it ran out of memory, give more parts (more
    /// threads need more memory too). Each part scans the files once.</summary>
    public int? Parts
    {
        get;
        init => field = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The number of parts must be positive.");
    }
}
