using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using DuckDB.NET.Data;
using ValueSegmentation;
using ValueSegmentation.Data;
using ValueSegmentation.DuckDb;
using ValueSegmentation.Probabilistic;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

// dotnet run -c Release --project benchmarks/ValueSegmentation.ScaleOut -- generate CUSTOMERS FILE.parquet
// dotnet run -c Release --project benchmarks/ValueSegmentation.ScaleOut -- run FILE.parquet [MEMORY_MB] [WORK_DIR]
// dotnet run -c Release --project benchmarks/ValueSegmentation.ScaleOut -- compare FILE.parquet [MEMORY_MB] [ROUNDS]
return args switch
{
    ["generate", var customers, var path] => Generate(long.Parse(customers, CultureInfo.InvariantCulture), path),
    ["compare", var path, .. var rest] => Compare(path, rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 2048, rest.Length > 1 ? int.Parse(rest[1], CultureInfo.InvariantCulture) : 3),
    ["run", var path, .. var rest] => Run(path, rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 512, rest.Length > 1 ? rest[1] : Path.Combine(Path.GetTempPath(), "vseg-scale")),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: generate CUSTOMERS FILE.parquet | run FILE.parquet [MEMORY_MB] [WORK_DIR] | compare FILE.parquet [MEMORY_MB] [ROUNDS]");
    return 2;
}

// About ten transactions per customer over three years (2023–2025), written in time order: each customer's first purchase
// on a day uniform over the first two years, the others uniform between it and the end, at random times of day; counts
// 1 + ⌊Exp(9.5)⌋, amounts uniform on [5, 100) scaled by a customer factor in [0.5, 2.5). Deterministic: every random
// number is a hash of the customer and transaction numbers.
static int Generate(long customers, string path)
{
    var clock = Stopwatch.StartNew();
    using var connection = Open(":memory:", 4096, Path.Combine(Path.GetTempPath(), "vseg-generate"));
    Execute(connection, $"""
        COPY (
          WITH cust AS (
            SELECT c, 1 + CAST(floor(-ln(1 - (hash(c, 1) % 1000003) / 1000003.0) * 9.5) AS BIGINT) AS n,
              (hash(c, 2) % 730) AS birth_day, 0.5 + (hash(c, 3) % 1000) / 500.0 AS scale
            FROM range({customers}) t(c)
          ),
          rows AS (SELECT c, i, birth_day, scale FROM cust, LATERAL range(n) r(i))
          SELECT 'C' || lpad(CAST(c AS VARCHAR), 9, '0') AS customer_id,
            TIMESTAMP '2023-01-01' + to_seconds(CAST(CASE WHEN i = 0 THEN birth_day * 86400 + hash(c, i, 4) % 86400
              ELSE birth_day * 86400 + hash(c, i, 5) % ((1095 - birth_day) * 86400) END AS BIGINT)) AS ordered_at,
            round(scale * (5 + (hash(c, i, 6) % 9500) / 100.0), 2) AS amount
          FROM rows
          ORDER BY ordered_at
        ) TO '{path}' (FORMAT parquet, ROW_GROUP_SIZE 1000000)
        """);
    Console.WriteLine($"{Scalar(connection, $"SELECT COUNT(*) FROM '{path}'")} transactions of {customers} customers in {path} ({new FileInfo(path).Length / 1e6:F0} MB) in {clock.Elapsed.TotalSeconds:F1} s");
    return 0;
}

static int Run(string path, int memoryMegabytes, string workDirectory)
{
    var total = Stopwatch.StartNew();
    var step = Stopwatch.StartNew();
    void Report(string what)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what,-58} {step.Elapsed.TotalSeconds,6:F1} s   (total {total.Elapsed.TotalSeconds,6:F1} s, peak RSS {PeakResidentMegabytes(),5} MB)"));
        step.Restart();
    }

    Directory.CreateDirectory(workDirectory);
    var window = new ObservationWindow(new DateTimeOffset(2025, 12, 31, 0, 0, 0, TimeSpan.Zero), TimeUnit.Weeks);
    var options = new DuckDbOptions { MemoryLimitMegabytes = memoryMegabytes, SpillDirectory = Path.Combine(workDirectory, "spill") };
    using var summaries = DuckDbSummaries.Build(new TransactionFiles(path, "customer_id", "ordered_at", "amount"), window, options);
    long customers = summaries.Report.Customers;
    Report($"summaries: {summaries.Report}");

    var statistics = summaries.ReadFitStatistics();
    double compression = customers / (double)statistics.RowCount;
    Report($"fit statistics: {statistics.RowCount:N0} rows, {compression:F1} customers a row");
    var transactionModel = BgNbdModel.Fit(statistics);
    Report($"BG/NBD fit: {transactionModel.Parameters}");

    // For comparison: the times binned to one week (an approximate fit from fewer rows).
    var binned = summaries.ReadFitStatistics(binWidth: 1);
    Report($"(binned to 1 week: {binned.RowCount:N0} rows, {customers / (double)binned.RowCount:F0}:1; BG/NBD {BgNbdModel.Fit(binned).Parameters})");
    (statistics, binned) = (null!, null!);

    // The Gamma-Gamma likelihood does not compress: a seeded sample of 10^6 repeat buyers (SPEND_SAMPLE=all for all).
    int? sample = Environment.GetEnvironmentVariable("SPEND_SAMPLE") is "all" ? null : 1_000_000;
    var spendData = summaries.ReadSpendStatistics(sampleSize: sample, seed: 1);
    Report($"spend statistics: {spendData.RowCount:N0} rows of {spendData.CustomerCount:N0} repeat buyers{(sample is null ? string.Empty : " (a seeded sample)")}");
    var spendModel = GammaGammaModel.Fit(spendData);
    Report($"Gamma-Gamma fit: {spendModel.Parameters}");
    spendData = null!;

    // What the fits needed is no longer needed: give its memory back before the engine ranks and writes every customer.
    GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    var lifetimeValue = new ProbabilisticLifetimeValue(transactionModel, spendModel, TimeUnit.Months, 0.01, 36);
    summaries.AddLifetimeValue(lifetimeValue);
    Report("lifetime value: discounted purchases per history, sent to the engine");
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    var tiers = new TieredStrategy(new CustomerMeasure("CLV", lifetimeValue.Evaluate));
    var segmenter = summaries.FitAsync(tiers, "clv").GetAwaiter().GetResult();
    Report($"tier cut points in the engine: {string.Join(", ", segmenter.Minimums.Select(m => m.ToString("F2", CultureInfo.InvariantCulture)))}");

    string output = Path.Combine(workDirectory, "segments.parquet");
    summaries.WriteSegments(segmenter, output, "clv");
    string counts = string.Join(", ", Rows(summaries.Connection, $"SELECT segment, COUNT(*) FROM '{output}' GROUP BY segment ORDER BY 2"));
    Report($"segments written to {output}: {counts}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"whole job {total.Elapsed.TotalSeconds:F1} s, peak RSS {PeakResidentMegabytes()} MB, memory cap {memoryMegabytes} MB, fit input compressed {compression:F1}:1"));
    return 0;
}

// The two ways of bringing summaries into memory with DuckDB reading the files: the summaries SQL in the engine, then
// the summaries read back (DuckDbSummaries.ReadSummaries); or the engine streaming the rows into the library's builder
// (the data package's TransactionReader over DuckDB's reader). Alternated, each run in a fresh process state.
static int Compare(string path, int memoryMegabytes, int rounds)
{
    var window = new ObservationWindow(new DateTimeOffset(2025, 12, 31, 0, 0, 0, TimeSpan.Zero), TimeUnit.Weeks);
    var files = new TransactionFiles(path, "customer_id", "ordered_at", "amount");
    for (int round = 0; round < rounds; round++)
    {
        var clock = Stopwatch.StartNew();
        int viaSql;
        using (var summaries = DuckDbSummaries.Build(files, window, new DuckDbOptions { MemoryLimitMegabytes = memoryMegabytes }))
        {
            viaSql = summaries.ReadSummaries().Count;
        }

        double sqlSeconds = clock.Elapsed.TotalSeconds;
        GC.Collect();
        clock.Restart();
        int viaRows;
        using (var connection = Open(":memory:", memoryMegabytes, Path.Combine(Path.GetTempPath(), "vseg-compare")))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT customer_id, ordered_at, amount FROM {(files.ResolvedFormat == TransactionFileFormat.Parquet ? "read_parquet" : "read_csv")}('{path}')";
            var columns = new TransactionColumns { CustomerId = "customer_id", Timestamp = "ordered_at", Amount = "amount" };
            using var reader = TransactionReader.Create(command.ExecuteReader(), new TransactionReadOptions { Columns = columns });
            viaRows = reader.Summarize(window, TransactionOrder.Any, TransactionsAfterEnd.Drop).Summaries.Count;
        }

        double rowSeconds = clock.Elapsed.TotalSeconds;
        GC.Collect();
        string csv = string.Empty;
        if (files.ResolvedFormat == TransactionFileFormat.Csv)
        {
            // The third way for a CSV file that fits in memory: the data package's own CSV reader, no DuckDB.
            clock.Restart();
            var options = new TransactionReadOptions { Columns = new TransactionColumns { CustomerId = "customer_id", Timestamp = "ordered_at", Amount = "amount" } };
            int viaCsv = TransactionReader.SummarizeCsv(path, window, options).Summaries.Count;
            csv = string.Create(CultureInfo.InvariantCulture, $"; the data package's CSV reader: {clock.Elapsed.TotalSeconds:F1} s ({viaCsv:N0} customers)");
            GC.Collect();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: summaries SQL in DuckDB, read back: {sqlSeconds:F1} s ({viaSql:N0} customers); rows streamed into the builder: {rowSeconds:F1} s ({viaRows:N0} customers){csv}; ratio {rowSeconds / sqlSeconds:F2}"));
    }

    Console.WriteLine($"peak RSS {PeakResidentMegabytes()} MB");
    return 0;
}

static DuckDBConnection Open(string database, int memoryMegabytes, string spill)
{
    Directory.CreateDirectory(spill);
    var connection = new DuckDBConnection($"DataSource={database}");
    connection.Open();
    Execute(connection, $"SET memory_limit = '{memoryMegabytes}MB'; SET temp_directory = '{spill}'; SET preserve_insertion_order = false;");
    return connection;
}

static void Execute(DuckDBConnection connection, string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    command.ExecuteNonQuery();
}

static object? Scalar(DuckDBConnection connection, string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    return command.ExecuteScalar();
}

static IEnumerable<string> Rows(DuckDBConnection connection, string sql)
{
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    using var reader = command.ExecuteReader();
    var rows = new List<string>();
    while (reader.Read())
    {
        rows.Add(string.Create(CultureInfo.InvariantCulture, $"{reader.GetValue(0)} {reader.GetValue(1):N0}"));
    }

    return rows;
}

// The process's peak resident memory (VmHWM): the .NET heap and DuckDB's native memory together.
static long PeakResidentMegabytes() =>
    File.ReadLines("/proc/self/status").Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
        .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).FirstOrDefault();
