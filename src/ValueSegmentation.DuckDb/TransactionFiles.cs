using System.Globalization;

namespace ValueSegmentation.DuckDb;

/// <summary>
/// Transactions in files: one or more paths or globs (<c>sales/2025-*.parquet</c>), all of one format, and the columns
/// of the customer, the time of the transaction (a timestamp without a zone or a date: the library counts purchase
/// periods on the clock date as recorded), the amount and, optionally, the cost of goods.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class TransactionFiles
{
    private readonly string[] _paths;

    /// <summary>Names the files and their columns.</summary>
    /// <param name="paths">The files: paths or globs, at least one, all Parquet or all CSV.</param>
    /// <param name="customerColumn">The customer's id.</param>
    /// <param name="timestampColumn">The time of the transaction.</param>
    /// <param name="amountColumn">The amount.</param>
    /// <param name="costColumn">The cost of goods, or <see langword="null"/> when the files have none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="paths"/> is null.</exception>
    /// <exception cref="ArgumentException">There is no path, a path or a column name is empty or white space.</exception>
    public TransactionFiles(IReadOnlyList<string> paths, string customerColumn, string timestampColumn, string amountColumn, string? costColumn = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        _paths = [.. paths];
        if (_paths.Length == 0)
        {
            throw new ArgumentException("Give at least one file or glob.", nameof(paths));
        }

        for (int i = 0; i < _paths.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(_paths[i]))
            {
                throw new ArgumentException($"Path #{i} is empty.", nameof(paths));
            }
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(customerColumn);
        ArgumentException.ThrowIfNullOrWhiteSpace(timestampColumn);
        ArgumentException.ThrowIfNullOrWhiteSpace(amountColumn);
        if (costColumn is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(costColumn);
        }

        CustomerColumn = customerColumn;
        TimestampColumn = timestampColumn;
        AmountColumn = amountColumn;
        CostColumn = costColumn;
    }

    /// <summary>Names one file or glob and its columns.</summary>
    /// <param name="path">The file or glob.</param>
    /// <param name="customerColumn">The customer's id.</param>
    /// <param name="timestampColumn">The time of the transaction.</param>
    /// <param name="amountColumn">The amount.</param>
    /// <param name="costColumn">The cost of goods, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The path or a column name is empty or white space.</exception>
    public TransactionFiles(string path, string customerColumn, string timestampColumn, string amountColumn, string? costColumn = null)
        : this([path], customerColumn, timestampColumn, amountColumn, costColumn)
    {
    }

    /// <summary>The files or globs.</summary>
    public IReadOnlyList<string> Paths => _paths;

    /// <summary>The customer's id column.</summary>
    public string CustomerColumn { get; }

    /// <summary>The timestamp column.</summary>
    public string TimestampColumn { get; }

    /// <summary>The amount column.</summary>
    public string AmountColumn { get; }

    /// <summary>The cost column, or <see langword="null"/>.</summary>
    public string? CostColumn { get; }

    /// <summary>The files' format; <see cref="TransactionFileFormat.Auto"/> (the default) decides by the first path's
    /// extension: <c>.parquet</c> or <c>.pq</c> is Parquet, anything else CSV.</summary>
    public TransactionFileFormat Format { get; init; }

    /// <summary>The format of the files' timestamps for CSV, in DuckDB's <c>strptime</c> notation (for example
    /// <c>%d/%m/%Y %H:%M</c>); <see langword="null"/> (the default) lets DuckDB detect it.</summary>
    public string? CsvTimestampFormat { get; init; }

    /// <summary>The format the files are read as.</summary>
    public TransactionFileFormat ResolvedFormat =>
        Format != TransactionFileFormat.Auto ? Format
        : Path.GetExtension(_paths[0]).ToLowerInvariant() is ".parquet" or ".pq" ? TransactionFileFormat.Parquet
        : TransactionFileFormat.Csv;

    /// <summary>DuckDB's table function over the files.</summary>
    internal string Relation()
    {
        string list = "[" + string.Join(", ", _paths.Select(Literal)) + "]";
        if (ResolvedFormat == TransactionFileFormat.Parquet)
        {
            return $"read_parquet({list})";
        }

        // The customer's id is text whatever it looks like: "007" and "7" are two customers, and an id column that turns
        // alphanumeric after the sniffed rows still reads.
        string format = CsvTimestampFormat is { } pattern ? $", timestampformat = {Literal(pattern)}" : string.Empty;
        string id = Literal(CustomerColumn);
        return string.Create(CultureInfo.InvariantCulture, $"read_csv({list}, header = true, types = {{{id}: 'VARCHAR'}}{format})");
    }

    /// <summary>A SQL string literal.</summary>
    internal static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
