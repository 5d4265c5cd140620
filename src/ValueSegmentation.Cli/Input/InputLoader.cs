using System.Globalization;
using ValueSegmentation.Cli.Settings;
using ValueSegmentation.Data;
using ValueSegmentation.DuckDb;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Cli.Input;

/// <summary>Reads a command's input through the data package (or DuckDB), as its settings say.</summary>
internal static class InputLoader
{
    /// <summary>The customers' covariates of --covariates (a CSV with a header, in the input's culture and delimiter), or
    /// <see langword="null"/> without them. Rows rejected under --skip-invalid are written beside the file
    /// (FILE.rejects.csv), as the log's are.</summary>
    /// <exception cref="UsageException">The covariate flags do not go together.</exception>
    /// <exception cref="InputException">The file does not exist.</exception>
    /// <exception cref="DataReadException">A bad row (without --skip-invalid), too many, or a column that is missing.</exception>
    public static CovariateReadResult? Covariates(ToolConfiguration configuration)
    {
        var input = configuration.Input;
        if (input.ToCovariateOptions() is not { } options)
        {
            return null;
        }

        string path = input.CovariatesFile!;
        if (!File.Exists(path))
        {
            throw new InputException($"The covariates file '{path}' does not exist.");
        }

        var read = CovariateTableReader.ReadCsv(path, options, new CsvFormat { Delimiter = input.Delimiter });
        WriteRejects(read.Report, CovariateRejectsPath(path));
        return read;
    }

    /// <summary>Checks that every customer of an input has covariates: the models with covariates need each customer's.</summary>
    /// <exception cref="InputException">Some customers have none (the message counts them and names a few).</exception>
    public static void RequireCovariates(LoadedInput input, CovariateReadResult covariates)
    {
        IEnumerable<string> ids = input.Transactions is { } transactions
            ? transactions.Select(t => t.CustomerId).Distinct(StringComparer.Ordinal)
            : input.Summaries!.Select(c => c.CustomerId);
        var missing = ids.Where(id => !covariates.Covariates.Contains(id)).ToList();
        if (missing.Count > 0)
        {
            throw new InputException(string.Create(CultureInfo.InvariantCulture, $"{missing.Count:N0} customer(s) of {input.Source} have no covariates in --covariates ({string.Join(", ", missing.Take(5).Select(id => $"'{id}'"))}{(missing.Count > 5 ? ", ..." : string.Empty)}); every customer needs them (rows rejected with --skip-invalid take their customer's covariates away)."));
        }
    }

    /// <summary>Where the rejected rows of a covariates file go.</summary>
    public static string CovariateRejectsPath(string covariatesFile) => covariatesFile + ".rejects.csv";

    /// <summary>Reads the log.</summary>
    /// <param name="path">The file, or <see langword="null"/> for the embedded sample.</param>
    /// <param name="configuration">The command's settings.</param>
    /// <param name="rejectsFile">Where rejected rows are written when there are any (also when too many stop the read).</param>
    /// <param name="progress">Receives the rows and bytes read.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <exception cref="InputException">The file does not exist.</exception>
    /// <exception cref="DataReadException">A bad row (its line and column), or too many with --skip-invalid.</exception>
    public static LoadedInput Load(string? path, ToolConfiguration configuration, string rejectsFile, IProgress<ReadProgress>? progress, CancellationToken cancellationToken)
    {
        if (configuration.Input.Engine == InputEngine.Duckdb)
        {
            return WithDuckDb(path ?? throw new UsageException("--engine duckdb reads files: give the transactions file (or a glob of files)."), configuration, cancellationToken);
        }

        if (path is not null && !File.Exists(path))
        {
            throw new InputException($"The input file '{path}' does not exist.");
        }

        var input = configuration.Input;
        using var reader = path is null
            ? TransactionReader.OpenCsv(EmbeddedSample.Open(), EmbeddedSample.Name, input.ToReadOptions(), input.ToCsvFormat())
            : TransactionReader.OpenCsv(path, input.ToReadOptions(), input.ToCsvFormat());
        try
        {
            var transactions = reader.ReadAll(progress, cancellationToken).ToList();
            WriteRejects(reader.Report, rejectsFile);
            return LoadedInput.InMemory(reader.SourceName, transactions, reader.Report, rejectsFile);
        }
        catch (DataReadException) when (input.SkipInvalid)
        {
            // More bad rows than --max-rejects: keep the ones collected, to diagnose the file.
            WriteRejects(reader.Report, rejectsFile);
            throw;
        }
    }

    /// <summary>
    /// The customer summaries of a command's input: a summary table (<c>--summaries</c>, as <c>vseg summarize</c>
    /// writes it), or the transactions summarised over the settings' window (to the latest day read when no end is
    /// given), or the engine's summaries.
    /// </summary>
    /// <exception cref="InputException">There are no customers.</exception>
    public static (LoadedInput Input, CustomerSummaryCollection Customers) Customers(string? transactions, string? summaryTable, ToolConfiguration configuration, string rejectsFile, IProgress<ReadProgress>? progress, CancellationToken cancellationToken)
    {
        var (input, customers) = summaryTable is null ? Summarised(transactions, configuration, rejectsFile, progress, cancellationToken) : Table(transactions, summaryTable, configuration, rejectsFile);
        return customers.Count > 0 ? (input, customers) : throw new InputException($"{input.Source} has no customers.");
    }

    private static (LoadedInput Input, CustomerSummaryCollection Customers) Table(string? transactions, string summaryTable, ToolConfiguration configuration, string rejectsFile)
    {
        if (transactions is not null)
        {
            throw new UsageException("Give either a transactions file or --summaries, not both.");
        }

        if (!File.Exists(summaryTable))
        {
            throw new InputException($"The summary table '{summaryTable}' does not exist.");
        }

        var (summaries, report) = SummaryTableReader.ReadCsv(summaryTable, configuration.Pipeline.TimeUnit);
        WriteRejects(report, rejectsFile);
        return (LoadedInput.OfSummaryTable(summaryTable, summaries, report, rejectsFile), summaries);
    }

    private static (LoadedInput Input, CustomerSummaryCollection Customers) Summarised(string? transactions, ToolConfiguration configuration, string rejectsFile, IProgress<ReadProgress>? progress, CancellationToken cancellationToken)
    {
        var input = Load(transactions, configuration, rejectsFile, progress, cancellationToken);
        if (input.Summaries is { } computed)
        {
            return (input, computed);
        }

        if (input.Transactions!.Count == 0)
        {
            throw new InputException($"{input.Source} has no transactions.");
        }

        // As the pipeline does: without an end, a window that never ends, built to the day of the latest transaction.
        var window = configuration.Window(configuration.Pipeline.ObservationEnd ?? DateTimeOffset.MaxValue);
        var builder = new CustomerSummaryBuilder(window, TransactionOrder.Any, configuration.Input.AfterEnd);
        builder.AddRange(input.Transactions);
        return (input, configuration.Pipeline.ObservationEnd is null ? builder.BuildToLatestTransaction() : builder.Build());
    }

    private static void WriteRejects(ReadReport report, string path)
    {
        if (report.RowsRejected == 0)
        {
            return;
        }

        using var writer = OutputFiles.CreateText(path);
        ResultCsvWriter.WriteRejects(writer, report);
    }

    private static LoadedInput WithDuckDb(string path, ToolConfiguration configuration, CancellationToken cancellationToken)
    {
        var input = configuration.Input;
        if (configuration.Pipeline.ObservationEnd is not { } end)
        {
            throw new UsageException("--engine duckdb needs --observation-end: the engine computes the summaries in one pass over the files.");
        }

        if (input.UnsupportedByEngine() is { } flag)
        {
            throw new UsageException($"--engine duckdb does not read {flag}: DuckDB reads ISO dates (or --date-format), a point as the decimal separator, UTC times and a header with named columns; it counts bad rows without listing them. Convert the file, or use the memory engine.");
        }

        var header = CsvHeader(path);
        string? cost = input.CostColumn is { } costColumn ? NameOf(costColumn, null, header, TransactionColumns.CostNames) : Find(header, TransactionColumns.CostNames);
        var files = new TransactionFiles(
            path,
            NameOf(input.CustomerColumn, "--customer-column", header, TransactionColumns.CustomerIdNames)!,
            NameOf(input.TimestampColumn, "--timestamp-column", header, TransactionColumns.TimestampNames)!,
            NameOf(input.AmountColumn, "--amount-column", header, TransactionColumns.AmountNames)!,
            cost)
        {
            CsvTimestampFormat = input.DateFormat,
        };
        using var summaries = DuckDbSummaries.Build(files, configuration.Window(end), cancellationToken: cancellationToken);
        var report = summaries.Report;
        if (report.RowsRejected > 0 && !input.SkipInvalid)
        {
            throw new InputException($"{path}: {report.RowsRejected:N0} of {report.RowsRead:N0} rows could not be read by DuckDB (an empty id, an unreadable date or amount); give --skip-invalid to leave them out and count them.");
        }

        if (report.RowsAfterEnd > 0 && input.AfterEnd == TransactionsAfterEnd.Reject)
        {
            throw new InputException($"{path}: {report.RowsAfterEnd:N0} rows are after --observation-end {end:yyyy-MM-dd}; give --after-end drop to leave them out and count them.");
        }

        return LoadedInput.FromEngine(path, summaries.ReadSummaries(), report.RowsRead, report.RowsRejected, report.RowsAfterEnd);
    }

    /// <summary>A column for DuckDB, which reads columns by name: the one given, else the first header name the data
    /// package would try (for a CSV file whose header can be read here).</summary>
    private static string? NameOf(ColumnSelector? column, string? flag, IReadOnlyList<string>? header, IReadOnlyList<string> names) => column switch
    {
        { Name: { } name } => name,
        { } => throw new UsageException("--engine duckdb reads columns by name: give the column flags as header names, not positions."),
        null when flag is null => null,
        null => Find(header, names) ?? throw new UsageException($"--engine duckdb: give {flag}; {(header is null ? "the file's header could not be read here" : $"none of the header's columns ({string.Join(", ", header)}) is one of {string.Join(", ", names)}")}."),
    };

    private static string? Find(IReadOnlyList<string>? header, IReadOnlyList<string> names) =>
        header is null ? null : names.Select(name => header.FirstOrDefault(h => Normalized(h) == Normalized(name))).FirstOrDefault(match => match is not null);

    private static string Normalized(string name) => string.Concat(name.Where(char.IsLetterOrDigit)).ToUpperInvariant();

    /// <summary>The header of a single CSV file (comma, semicolon, tab or bar), or <see langword="null"/> for globs and
    /// Parquet.</summary>
    private static string[]? CsvHeader(string path)
    {
        if (!File.Exists(path) || path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        using var reader = new StreamReader(path);
        string? line = reader.ReadLine();
        if (line is null)
        {
            return null;
        }

        char delimiter = ",;\t|".Where(line.Contains).DefaultIfEmpty(',').First();
        return line.Split(delimiter).Select(cell => cell.Trim().Trim('"')).ToArray();
    }
}
