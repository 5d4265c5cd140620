using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using DuckDB.NET.Data;
using ValueSegmentation;
using ValueSegmentation.Probabilistic;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Sql;
using ValueSegmentation.Transactions;

// dotnet run -c Release --project benchmarks/ValueSegmentation.ScaleOut -- generate CUSTOMERS FILE.parquet
// dotnet run -c Release --project benchmarks/ValueSegmentation.ScaleOut -- run FILE.parquet [MEMORY_MB] [WORK_DIR]
return args switch
{
    ["generate", var customers, var path] => Generate(long.Parse(customers, CultureInfo.InvariantCulture), path),
    ["run", var path, .. var rest] => Run(path, rest.Length > 0 ? int.Parse(rest[0], CultureInfo.InvariantCulture) : 512, rest.Length > 1 ? rest[1] : Path.Combine(Path.GetTempPath(), "vseg-scale")),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: generate CUSTOMERS FILE.parquet | run FILE.parquet [MEMORY_MB] [WORK_DIR]");
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
    string database = Path.Combine(workDirectory, "work.duckdb");
    File.Delete(database);
    File.Delete(database + ".wal");
    using var connection = Open(database, memoryMegabytes, Path.Combine(workDirectory, "spill"));
    Execute(connection, $"CREATE VIEW transactions AS SELECT * FROM read_parquet('{path}')");
    long transactions = Convert.ToInt64(Scalar(connection, "SELECT COUNT(*) FROM transactions"), CultureInfo.InvariantCulture);

    // The summaries, a part of the customers at a time so that each part's aggregation fits the memory cap: about 40 bytes
    // of working memory per transaction (measured: 1.25·10^7 transactions a part fit 512 MB, 1.7·10^7 do not).
    int parts = (int)Math.Ceiling(transactions * 40.0 / (memoryMegabytes * 1e6));
    var window = new ObservationWindow(new DateTimeOffset(2025, 12, 31, 0, 0, 0, TimeSpan.Zero), TimeUnit.Weeks);
    for (int part = 0; part < parts; part++)
    {
        var table = new TransactionTable("transactions", "customer_id", "ordered_at", "amount")
        {
            Where = parts == 1 ? null : $"hash(\"customer_id\") % {parts} = {part}",
        };
        string sql = SummarySql.Create(table, window, SqlDialect.DuckDb).Replace("ORDER BY customer_id", string.Empty, StringComparison.Ordinal);
        Execute(connection, part == 0 ? $"CREATE TABLE summaries AS {sql}" : $"INSERT INTO summaries {sql}");
    }

    long customers = Convert.ToInt64(Scalar(connection, "SELECT COUNT(*) FROM summaries"), CultureInfo.InvariantCulture);
    Report($"summaries of {transactions:N0} transactions, {customers:N0} customers ({parts} part{(parts == 1 ? "" : "s")})");

    RepeatPurchaseData statistics;
    using (var command = connection.CreateCommand())
    {
        command.CommandText = SummarySql.CreateFitStatistics("summaries");
        using var reader = command.ExecuteReader();
        statistics = RepeatPurchaseData.FromReader(reader, TimeUnit.Weeks);
    }

    double compression = customers / (double)statistics.RowCount;
    Report($"fit statistics: {statistics.RowCount:N0} rows, {compression:F1} customers a row");
    var transactionModel = BgNbdModel.Fit(statistics);
    Report($"BG/NBD fit: {transactionModel.Parameters}");

    // For comparison: the times binned to one week (an approximate fit from fewer rows).
    using (var command = connection.CreateCommand())
    {
        command.CommandText = SummarySql.CreateFitStatistics("summaries", binWidth: 1);
        using var reader = command.ExecuteReader();
        var binned = RepeatPurchaseData.FromReader(reader, TimeUnit.Weeks);
        Report($"(binned to 1 week: {binned.RowCount:N0} rows, {customers / (double)binned.RowCount:F0}:1; BG/NBD {BgNbdModel.Fit(binned).Parameters})");
    }

    SpendData spendData;
    using (var command = connection.CreateCommand())
    {
        command.CommandText = SummarySql.CreateSpendStatistics("summaries");
        using var reader = command.ExecuteReader();
        spendData = SpendData.FromReader(reader);
    }

    Report($"spend statistics: {spendData.RowCount:N0} rows of {spendData.CustomerCount:N0} repeat buyers");
    var spendModel = GammaGammaModel.Fit(spendData);
    Report($"Gamma-Gamma fit: {spendModel.Parameters}");

    // The lifetime value (36 months at 1 % a month) is the discounted purchases of a history times the expected spend:
    // the first computed once per distinct history here and sent to the engine, the second is linear in the mean spend.
    var lifetimeValue = new ProbabilisticLifetimeValue(transactionModel, spendModel, TimeUnit.Months, 0.01, 36);
    int rows = statistics.RowCount;
    var (frequency, recency, age, histories) = (new int[rows], new double[rows], new double[rows], new double[rows]);
    for (int i = 0; i < rows; i++)
    {
        (frequency[i], recency[i], age[i]) = (statistics[i].Frequency, statistics[i].Recency, statistics[i].Age);
    }

    lifetimeValue.DiscountedPurchases(frequency, recency, age, histories);
    Execute(connection, "CREATE TABLE histories (frequency BIGINT, recency DOUBLE, t DOUBLE, discounted_purchases DOUBLE)");
    using (var appender = connection.CreateAppender("histories"))
    {
        for (int i = 0; i < rows; i++)
        {
            appender.CreateRow().AppendValue((long)frequency[i]).AppendValue(recency[i]).AppendValue(age[i]).AppendValue(histories[i]).EndRow();
        }
    }

    // What the fits needed is no longer needed: give its memory back before the engine ranks and writes every customer.
    (statistics, spendData, frequency, recency, age, histories) = (null!, null!, null!, null!, null!, null!);
    GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    var (p, q, gamma) = spendModel.Parameters;
    string spend = string.Create(CultureInfo.InvariantCulture, $"({gamma:R} * ({p:R} / ({p:R} * s.frequency + {q:R} - 1)) + s.monetary_value * ({p:R} * s.frequency / ({p:R} * s.frequency + {q:R} - 1)))");
    Execute(connection, $"CREATE VIEW valued AS SELECT s.customer_id, h.discounted_purchases * {spend} AS clv FROM summaries s JOIN histories h USING (frequency, recency, t)");
    Report($"discounted purchases of {rows:N0} histories, sent to the engine");

    var tiers = new TieredStrategy(new CustomerMeasure("clv", _ => 0));
    var segmenter = SegmentSql.FitAsync(tiers, connection, "valued", "clv", SqlDialect.DuckDb).GetAwaiter().GetResult();
    Report($"tier cut points in the engine: {string.Join(", ", segmenter.Minimums.Select(m => m.ToString("F2", CultureInfo.InvariantCulture)))}");

    string output = Path.Combine(workDirectory, "segments.parquet");
    Execute(connection, $"COPY (SELECT customer_id, clv, {SegmentSql.Case(segmenter, "clv", SqlDialect.DuckDb)} AS segment FROM valued) TO '{output}' (FORMAT parquet)");
    string counts = string.Join(", ", Rows(connection, $"SELECT segment, COUNT(*) FROM '{output}' GROUP BY segment ORDER BY 2"));
    Report($"segments written to {output}: {counts}");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"whole job {total.Elapsed.TotalSeconds:F1} s, peak RSS {PeakResidentMegabytes()} MB, memory cap {memoryMegabytes} MB, fit input compressed {compression:F1}:1"));
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
