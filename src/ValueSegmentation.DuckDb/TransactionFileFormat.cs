namespace ValueSegmentation.DuckDb;

/// <summary>The format of transaction files.</summary>
public enum TransactionFileFormat
{
    /// <summary>By the first path's extension: <c>.parquet</c> or <c>.pq</c> is Parquet, anything else CSV.</summary>
    Auto = 0,

    /// <summary>Apache Parquet.</summary>
    Parquet = 1,

    /// <summary>Delimited text with a header row; DuckDB detects the delimiter, quoting and types.</summary>
    Csv = 2,
}
