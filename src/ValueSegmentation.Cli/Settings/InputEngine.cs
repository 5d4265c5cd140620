namespace ValueSegmentation.Cli.Settings;

/// <summary>Where the customer summaries are computed.</summary>
internal enum InputEngine
{
    /// <summary>In this process: the log is read into memory (every chart and the tracking plot are available).</summary>
    Memory = 0,

    /// <summary>By DuckDB, out of core, for files larger than memory (the report has no tracking plot).</summary>
    Duckdb = 1,
}
