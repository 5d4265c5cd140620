using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using DuckDB.NET.Data;
using ValueSegmentation.Data;
using ValueSegmentation.Probabilistic;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Sql;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.DuckDb;

/// <summary>
/// The customer summaries of transaction files larger than memory, computed and kept by DuckDB embedded in the process,
/// and what the library needs from them brought back small: the compressed statistics of the transaction and spend
/// models, the cut points of tiers, and each customer's segment written to a file by the engine.
/// </summary>
/// <remarks>
/// <para>The summaries are those of <see cref="CustomerSummaryBuilder"/> (the SQL of <see cref="SummarySql"/>: same
/// purchase period merged, frequency, recency, T, mean repeat spend, revenue, cost, holdout), kept in the table
/// <c>summaries</c> of a DuckDB database file; the view <c>customers</c> shows them, and once
/// <see cref="AddLifetimeValue"/> has run, the table <c>valued_customers</c>: the summaries with the column <c>clv</c>. <see cref="Connection"/> is open on that database for queries of your own.</para>
/// <para>A typical run: <see cref="Build"/>, <see cref="ReadFitStatistics"/> and <see cref="ReadSpendStatistics"/> for the
/// fits, <see cref="AddLifetimeValue"/>, <see cref="FitAsync"/> for the tiers' cut points and <see cref="WriteSegments"/>.
/// docs/large-data.md measures it at 5·10⁷ transactions. Or bring the summaries into memory with
/// <see cref="ReadSummaries"/> and run the pipeline as usual.</para>
/// <para>Timestamps with a zone are counted on their UTC date (the session's time zone is UTC); store clock times, or
/// convert to the business's clock in the files, to count local days. In CSV files the customer's id is read as text.
/// In a database file of one's own (<see cref="DuckDbOptions.DatabasePath"/>) a new build replaces the tables
/// <c>summaries</c> and <c>valued_customers</c> and the view <c>customers</c> (only once it has succeeded), and uses the
/// names <c>vseg_building</c> and <c>vseg_histories</c> while it works; other tables are left alone.</para>
/// <para>One instance is one DuckDB connection: not thread-safe; use it from one thread at a time.</para>
/// </remarks>
public sealed class DuckDbSummaries : IDisposable
{
    private const string SummariesTable = "summaries";
    private const string CustomersView = "customers";

    /// <summary>Working memory DuckDB needs per transaction to group a part of the customers without running out.</summary>
    private const double BytesPerTransaction = 40;

    private readonly string? _temporaryDatabase;
    private bool _disposed;

    private DuckDbSummaries(DuckDBConnection connection, string? temporaryDatabase, ObservationWindow window)
    {
        Connection = connection;
        _temporaryDatabase = temporaryDatabase;
        Window = window;
        Report = null!;
    }

    /// <summary>The open connection to the database that keeps the summaries (table <c>summaries</c>, relation
    /// <c>customers</c>).</summary>
    public DuckDBConnection Connection { get; }

    /// <summary>The observation window of the summaries.</summary>
    public ObservationWindow Window { get; }

    /// <summary>The rows read and used, and the customers.</summary>
    public DuckDbSummaryReport Report { get; private set; }

    /// <summary>Whether <see cref="AddLifetimeValue"/> has added the column <c>clv</c> to the view <c>customers</c>.</summary>
    public bool HasLifetimeValue { get; private set; }

    /// <summary>Builds the summaries of the files in DuckDB.</summary>
    /// <param name="files">The transaction files and their columns.</param>
    /// <param name="window">The observation window.</param>
    /// <param name="options">The engine's memory cap, spill folder, threads, database file and parts; <see langword="null"/>
    /// for DuckDB's defaults.</param>
    /// <param name="cancellationToken">Interrupts the engine.</param>
    /// <returns>The summaries, kept in the engine.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="files"/> or <paramref name="window"/> is null.</exception>
    /// <exception cref="DuckDBException">The engine failed: a file is missing or unreadable, a column is missing or of a
    /// type it cannot convert, or it ran out of memory (give more parts or a larger cap).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static DuckDbSummaries Build(TransactionFiles files, ObservationWindow window, DuckDbOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(window);
        options ??= new DuckDbOptions();
        string? temporary = options.DatabasePath is null ? Path.Combine(Path.GetTempPath(), $"vseg-{Guid.NewGuid():N}.duckdb") : null;
        string database = options.DatabasePath ?? temporary!;
        var connection = new DuckDBConnection(new DuckDBConnectionStringBuilder { DataSource = database }.ConnectionString);
        var summaries = new DuckDbSummaries(connection, temporary, window);
        try
        {
            connection.Open();
            summaries.Configure(options, database);
            summaries.Summarise(files, options, cancellationToken);
            return summaries;
        }
        catch
        {
            summaries.Dispose();
            throw;
        }
    }

    /// <summary>Reads the summaries into memory (through the data package's <see cref="SummaryTableReader"/>), for the
    /// pipeline or anything else that takes summaries.</summary>
    /// <returns>The summaries, in customer order.</returns>
    /// <exception cref="ObjectDisposedException">The summaries are disposed.</exception>
    /// <exception cref="InvalidOperationException">A summary the engine computed is not valid (a value it could not
    /// represent; none is lost silently).</exception>
    public CustomerSummaryCollection ReadSummaries()
    {
        using var command = Command($"SELECT * FROM {SummariesTable} ORDER BY customer_id");
        using var reader = command.ExecuteReader();
        var options = new SummaryReadOptions
        {
            Columns = new SummaryTableColumns
            {
                CustomerId = "customer_id",
                Frequency = "frequency",
                Recency = "recency",
                Age = "t",
                MonetaryValue = "monetary_value",
                Revenue = "revenue",
                CostOfGoods = "cost_of_goods",
                HoldoutPurchases = "holdout_purchases",
                HoldoutRevenue = "holdout_revenue",
            },
        };
        var (summaries, report) = SummaryTableReader.Read(reader, Window.TimeUnit, options, "DuckDB summaries");
        return report.RowsRejected == 0
            ? summaries
            : throw new InvalidOperationException($"{report}: the engine's summaries should all be valid; the first rejected: {report.Rejects[0]}.");
    }

    /// <summary>The compressed input of the BG/NBD, MBG/NBD and Pareto/NBD fits: one row per distinct history with its
    /// customers (<see cref="SummarySql.CreateFitStatistics(string, double?)"/>).</summary>
    /// <param name="binWidth"><see langword="null"/> for the exact statistics; or a bin width, in the window's time unit,
    /// for fewer rows and an approximate fit (see <see cref="SummarySql"/>).</param>
    /// <returns>The data the models fit on.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="binWidth"/> is not positive and finite.</exception>
    /// <exception cref="ArgumentException">There are no customers.</exception>
    public RepeatPurchaseData ReadFitStatistics(double? binWidth = null)
    {
        using var command = Command(SummarySql.CreateFitStatistics(SummariesTable, binWidth));
        using var reader = command.ExecuteReader();
        return RepeatPurchaseData.FromReader(reader, Window.TimeUnit);
    }

    /// <summary>The input of the Gamma-Gamma fit: the repeat buyers' (x, mean spend) with their customers, or a seeded
    /// sample of them (<see cref="SpendData.FromReader"/>).</summary>
    /// <param name="nonPositive">What to do with a repeat buyer whose mean spend is not positive.</param>
    /// <param name="sampleSize">The repeat buyers to keep, or <see langword="null"/> for all.</param>
    /// <param name="seed">The seed of the sample.</param>
    /// <returns>The data the spend model fits on.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleSize"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">No repeat buyer is left, or a mean spend is not positive under
    /// <see cref="NonPositiveSpend.Reject"/>.</exception>
    public SpendData ReadSpendStatistics(NonPositiveSpend nonPositive = NonPositiveSpend.Reject, int? sampleSize = null, int seed = 0)
    {
        using var command = Command(SummarySql.CreateSpendStatistics(SummariesTable));
        using var reader = command.ExecuteReader();
        return SpendData.FromReader(reader, nonPositive, sampleSize, seed);
    }

    /// <summary>
    /// Adds each customer's lifetime value as the column <c>clv</c> of the view <c>customers</c>, computed by the engine:
    /// the discounted purchases of each distinct history are computed here once
    /// (<see cref="ProbabilisticLifetimeValue.DiscountedPurchases(ReadOnlySpan{int}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/>)
    /// and sent to the engine, which multiplies them by the margin and the customer's expected spend
    /// E[M | x, m̄] = γp/(px + q − 1) + m̄·px/(px + q − 1) — the value <see cref="ProbabilisticLifetimeValue.Evaluate(CustomerSummary)"/>
    /// gives, to rounding.
    /// </summary>
    /// <param name="value">The lifetime value, fitted on these summaries (in their time unit).</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException">The transaction model is in another time unit than the summaries.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A repeat buyer's mean spend is not positive and the spend model rejects
    /// such customers (the message names one).</exception>
    /// <exception cref="InvalidOperationException">px + q ≤ 1 for some customer, where the expected spend is infinite.</exception>
    public void AddLifetimeValue(ProbabilisticLifetimeValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Transactions.TimeUnit != Window.TimeUnit)
        {
            throw new ArgumentException($"The transaction model is in {value.Transactions.TimeUnit}, the summaries in {Window.TimeUnit}.", nameof(value));
        }

        var spend = value.Spend;
        var (p, q, gamma) = spend.Parameters;
        if (!(q > 1))
        {
            throw new InvalidOperationException("q ≤ 1: the expected spend of a customer without repeat purchases is infinite.");
        }

        if (spend.NonPositiveSpend == NonPositiveSpend.Reject
            && Scalar($"SELECT CAST(customer_id AS VARCHAR) FROM {SummariesTable} WHERE frequency > 0 AND monetary_value <= 0 LIMIT 1") is string refused)
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"Customer '{refused}' has repeat purchases and a mean spend that is not positive; the spend model rejects such customers (fit it with NonPositiveSpend.Exclude to value them at the population mean).");
        }

        // The distinct histories straight into columns (no weights, no hashing): 20 bytes a history on this side.
        var (frequencies, recencies, ages) = (new List<int>(), new List<double>(), new List<double>());
        using (var command = Command($"SELECT DISTINCT frequency, recency, t FROM {SummariesTable}"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                frequencies.Add(checked((int)reader.GetInt64(0)));
                recencies.Add(reader.GetDouble(1));
                ages.Add(reader.GetDouble(2));
            }
        }

        int rows = frequencies.Count;
        var frequency = CollectionsMarshal.AsSpan(frequencies);
        var recency = CollectionsMarshal.AsSpan(recencies);
        var age = CollectionsMarshal.AsSpan(ages);
        var discounted = new double[rows];
        value.DiscountedPurchases(frequency, recency, age, discounted);
        Execute("CREATE OR REPLACE TABLE vseg_histories (frequency BIGINT, recency DOUBLE, t DOUBLE, discounted_purchases DOUBLE)");
        using (var appender = Connection.CreateAppender("vseg_histories"))
        {
            for (int i = 0; i < rows; i++)
            {
                appender.CreateRow().AppendValue((long)frequency[i]).AppendValue(recency[i]).AppendValue(age[i]).AppendValue(discounted[i]).EndRow();
            }
        }

        string n(double number) => number.ToString("R", CultureInfo.InvariantCulture);
        string denominator = $"({n(p)} * s.frequency + {n(q)} - 1)";
        string expectedSpend = $"CASE WHEN s.frequency > 0 AND s.monetary_value <= 0 THEN {n(spend.PopulationMeanSpend)} "
            + $"ELSE {n(gamma)} * ({n(p)} / {denominator}) + s.monetary_value * ({n(p)} * s.frequency / {denominator}) END";
        // Kept as a table: the cut points and the assignment each read every customer's value.
        Execute($"""
            CREATE OR REPLACE TABLE valued_customers AS
            SELECT s.*, {n(value.Margin)} * h.discounted_purchases * ({expectedSpend}) AS clv
            FROM {SummariesTable} s JOIN vseg_histories h USING (frequency, recency, t);
            CREATE OR REPLACE VIEW {CustomersView} AS SELECT * FROM valued_customers;
            DROP TABLE vseg_histories
            """);
        HasLifetimeValue = true;
    }

    /// <summary>Fits tiers by shares or percentiles on the customers inside the engine (<see cref="SegmentSql.FitAsync"/>
    /// over the view <c>customers</c>).</summary>
    /// <param name="strategy">The strategy.</param>
    /// <param name="value">The SQL expression of its measure over the view's columns (<c>clv</c> after
    /// <see cref="AddLifetimeValue"/>, or any expression of the summaries' columns); <see langword="null"/> for a built-in
    /// measure of the summaries.</param>
    /// <param name="approximate">Whether to use DuckDB's approximate quantiles instead of ranking every value.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>The fitted segmenter.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="strategy"/> is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="SegmentSql.CreateCutPoints"/>.</exception>
    public Task<ThresholdSegmenter> FitAsync(IOrderStatisticStrategy strategy, string? value = null, bool approximate = false, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return SegmentSql.FitAsync(strategy, Connection, CustomersView, value, SqlDialect.DuckDb, approximate, cancellationToken);
    }

    /// <summary>Writes every customer's segment to a file, by the engine: the columns customer_id, value and segment, in
    /// Parquet (a <c>.parquet</c> path) or CSV (any other), in no particular order.</summary>
    /// <param name="segmenter">The fitted segmenter (from <see cref="FitAsync"/>, or fitted anywhere on these customers).</param>
    /// <param name="path">The file to write (replaced if it exists).</param>
    /// <param name="value">The SQL expression of the segmenter's measure, as for <see cref="FitAsync"/>.</param>
    /// <returns>The customers written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="segmenter"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or <paramref name="value"/> is null and the
    /// measure is not a built-in one.</exception>
    public long WriteSegments(ThresholdSegmenter segmenter, string path, string? value = null)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string measure = value ?? SegmentSql.MeasureExpression(segmenter.Measure) ?? throw new ArgumentException(
            $"The measure '{segmenter.Measure.Name}' is not a column of the summaries: give the SQL expression of its value.",
            nameof(value));
        string segment = SegmentSql.Case(segmenter, measure, SqlDialect.DuckDb);
        string format = Path.GetExtension(path).Equals(".parquet", StringComparison.OrdinalIgnoreCase) ? "FORMAT parquet" : "FORMAT csv, HEADER true";
        Execute($"COPY (SELECT customer_id, CAST(({measure}) AS DOUBLE) AS value, {segment} AS segment FROM {CustomersView}) TO {TransactionFiles.Literal(path)} ({format})");
        return Report.Customers;
    }

    /// <summary>Closes the connection and deletes the temporary database (not a <see cref="DuckDbOptions.DatabasePath"/>).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Connection.Dispose();
        if (_temporaryDatabase is { } database)
        {
            try
            {
                File.Delete(database);
                File.Delete(database + ".wal");
            }
            catch (IOException)
            {
                // A file another process still holds stays in the temporary folder; disposing must not hide an error.
            }
        }
    }

    private void Configure(DuckDbOptions options, string database)
    {
        // UTC: a timestamp with a zone is counted on its UTC date, whatever the machine's zone (convert to the business's
        // clock in the files, or store clock times, to count local days).
        var settings = new List<string> { "SET preserve_insertion_order = false", "SET TimeZone = 'UTC'" };
        if (options.MemoryLimitMegabytes is { } memory)
        {
            settings.Add(string.Create(CultureInfo.InvariantCulture, $"SET memory_limit = '{memory}MB'"));
        }

        if (options.Threads is { } threads)
        {
            settings.Add(string.Create(CultureInfo.InvariantCulture, $"SET threads = {threads}"));
        }

        string spill = options.SpillDirectory ?? database + ".tmp";
        settings.Add($"SET temp_directory = {TransactionFiles.Literal(spill)}");
        Execute(string.Join("; ", settings));
    }

    private void Summarise(TransactionFiles files, DuckDbOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        Execute($"CREATE OR REPLACE TEMP VIEW vseg_transactions AS SELECT * FROM {files.Relation()}");
        var table = new TransactionTable("temp.vseg_transactions", files.CustomerColumn, files.TimestampColumn, files.AmountColumn, files.CostColumn);
        long read, rejected, afterEnd;
        using (var counts = Command(SummarySql.CreateRowCounts(table, Window, SqlDialect.DuckDb)))
        using (var reader = Run(counts, cancellationToken))
        {
            reader.Read();
            (read, rejected, afterEnd) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }

        int parts = options.Parts ?? (options.MemoryLimitMegabytes is { } memory
            ? (int)Math.Max(1, Math.Ceiling(read * BytesPerTransaction / (memory * 1e6)))
            : 1);
        // Built into a staging table and swapped in at the end, so that a failed or cancelled build leaves an earlier
        // run's summaries (in a database file of one's own) as they were.
        Execute("DROP TABLE IF EXISTS vseg_building");
        for (int part = 0; part < parts; part++)
        {
            var slice = parts == 1 ? table : new TransactionTable(table.Table, table.CustomerColumn, table.TimestampColumn, table.AmountColumn, table.CostColumn)
            {
                Where = string.Create(CultureInfo.InvariantCulture, $"hash(\"{files.CustomerColumn.Replace("\"", "\"\"", StringComparison.Ordinal)}\") % {parts} = {part}"),
            };
            string select = SummarySql.Create(slice, Window, SqlDialect.DuckDb, orderByCustomer: false);
            using var command = Command(part == 0 ? $"CREATE TABLE vseg_building AS {select}" : $"INSERT INTO vseg_building {select}");
            Run(command, cancellationToken).Dispose();
        }

        Execute($"""
            BEGIN TRANSACTION;
            DROP VIEW IF EXISTS {CustomersView};
            DROP TABLE IF EXISTS valued_customers;
            DROP TABLE IF EXISTS {SummariesTable};
            ALTER TABLE vseg_building RENAME TO {SummariesTable};
            CREATE VIEW {CustomersView} AS SELECT * FROM {SummariesTable};
            COMMIT
            """);
        long customers = Convert.ToInt64(Scalar($"SELECT COUNT(*) FROM {SummariesTable}"), CultureInfo.InvariantCulture);
        Report = new DuckDbSummaryReport(read, rejected, afterEnd, customers, parts, clock.Elapsed);
    }

    /// <summary>Runs a command, interrupting the engine when the token is cancelled.</summary>
    private static DbDataReader Run(DbCommand command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var registration = cancellationToken.Register(command.Cancel);
        try
        {
            return command.ExecuteReader();
        }
        catch (DuckDBException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
    }

    private DuckDBCommand Command(string sql)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var command = Command(sql);
        return command.ExecuteScalar();
    }
}
