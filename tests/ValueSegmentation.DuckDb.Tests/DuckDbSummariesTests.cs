using System.Globalization;
using DuckDB.NET.Data;
using ValueSegmentation.Probabilistic;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Tests.TestData;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.DuckDb.Tests;

/// <summary>
/// DuckDB over real files: the CDNOW sample written as Parquet and as CSV, summarised by the engine, equals the library's
/// in-memory summaries (frequency and times exactly, money to 10⁻⁹ relative: the engine adds in its own order); the fits
/// on what comes back equal the fits on the summaries; lifetime values and tiers computed by the engine equal the
/// library's.
/// </summary>
public sealed class DuckDbSummariesTests : IClassFixture<CdnowFiles>
{
    private static readonly ObservationWindow Window = new(Cdnow.End, TimeUnit.Weeks, PurchasePeriod.Day, Cdnow.CalibrationEnd);
    private readonly CdnowFiles _files;

    public DuckDbSummariesTests(CdnowFiles files) => _files = files;

    private static Dictionary<string, CustomerSummary> InMemory() =>
        CustomerSummary.FromTransactions(Cdnow.SampleTransactions(), Window).ToDictionary(c => c.CustomerId, StringComparer.Ordinal);

    public static TheoryData<string, int> Formats => new() { { "parquet", 1 }, { "csv", 1 }, { "parquet", 3 } };

    [Theory]
    [MemberData(nameof(Formats))]
    public void The_engines_summaries_of_cdnow_files_equal_the_librarys_in_any_number_of_parts(string format, int parts)
    {
        using var summaries = DuckDbSummaries.Build(_files.Files(format), Window, new DuckDbOptions { Parts = parts, MemoryLimitMegabytes = 256, Threads = 2 });
        var expected = InMemory();

        var read = summaries.ReadSummaries();

        // 6,919 transactions, all usable and within the window; 2,357 customers.
        Assert.Equal(6919, summaries.Report.RowsRead);
        Assert.Equal(6919, summaries.Report.RowsUsed);
        Assert.Equal(0, summaries.Report.RowsRejected + summaries.Report.RowsAfterEnd);
        Assert.Equal(parts, summaries.Report.Parts);
        Assert.Equal(2357, summaries.Report.Customers);
        Assert.Equal(expected.Count, read.Count);
        foreach (var customer in read)
        {
            var library = expected[customer.CustomerId];
            Assert.Equal(library.Frequency, customer.Frequency);
            Assert.Equal(library.Recency, customer.Recency);
            Assert.Equal(library.Age, customer.Age);
            Assert.Equal(library.HoldoutPurchaseCount, customer.HoldoutPurchaseCount);
            Close(library.Revenue, customer.Revenue);
            Close(library.MonetaryValue, customer.MonetaryValue);
            Close(library.HoldoutRevenue, customer.HoldoutRevenue);
        }
    }

    [Fact]
    public void A_glob_and_a_list_of_paths_read_every_file()
    {
        var byGlob = new TransactionFiles(Path.Combine(_files.Folder, "cdnow-part*.parquet"), "customer_id", "ordered_at", "amount");
        var byList = new TransactionFiles([Path.Combine(_files.Folder, "cdnow-part1.parquet"), Path.Combine(_files.Folder, "cdnow-part2.parquet")], "customer_id", "ordered_at", "amount");

        foreach (var files in new[] { byGlob, byList })
        {
            using var summaries = DuckDbSummaries.Build(files, Window);
            Assert.Equal(TransactionFileFormat.Parquet, files.ResolvedFormat);
            Assert.Equal(6919, summaries.Report.RowsUsed);
            Assert.Equal(2357, summaries.ReadSummaries().Count);
        }
    }

    [Fact]
    public void Fits_on_the_statistics_that_come_back_equal_fits_on_the_summaries()
    {
        using var summaries = DuckDbSummaries.Build(_files.Files("parquet"), Window);
        var inMemory = InMemory().Values.ToList();

        var purchases = BgNbdModel.Fit(summaries.ReadFitStatistics()).Parameters;
        var spend = GammaGammaModel.Fit(summaries.ReadSpendStatistics()).Parameters;

        var expectedPurchases = BgNbdModel.Fit(RepeatPurchaseData.FromSummaries(inMemory)).Parameters;
        var expectedSpend = GammaGammaModel.Fit(SpendData.FromSummaries(inMemory)).Parameters;
        Assert.Equal(expectedPurchases.R, purchases.R, 1e-6);
        Assert.Equal(expectedPurchases.Alpha, purchases.Alpha, 1e-6);
        Assert.Equal(expectedPurchases.A, purchases.A, 1e-6);
        Assert.Equal(expectedPurchases.B, purchases.B, 1e-6);
        Assert.Equal(expectedSpend.P, spend.P, 1e-6);
        Assert.Equal(expectedSpend.Q, spend.Q, 1e-6);
        Assert.Equal(expectedSpend.Gamma, spend.Gamma, 1e-6);
        Assert.True(summaries.ReadFitStatistics(binWidth: 1).RowCount < summaries.ReadFitStatistics().RowCount);
    }

    [Fact]
    public async Task Lifetime_values_and_tiers_computed_by_the_engine_equal_the_librarys()
    {
        using var summaries = DuckDbSummaries.Build(_files.Files("parquet"), Window);
        var purchases = BgNbdModel.Fit(summaries.ReadFitStatistics());
        var spend = GammaGammaModel.Fit(summaries.ReadSpendStatistics());
        var lifetimeValue = new ProbabilisticLifetimeValue(purchases, spend, TimeUnit.Months, 0.01, 36, margin: 0.3);
        var expected = InMemory();

        summaries.AddLifetimeValue(new ProbabilisticLifetimeValue(purchases, spend, TimeUnit.Months, 0.01, 12));
        summaries.AddLifetimeValue(lifetimeValue); // a second call replaces the first's values

        Assert.True(summaries.HasLifetimeValue);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        using (var command = summaries.Connection.CreateCommand())
        {
            command.CommandText = "SELECT customer_id, clv FROM customers";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                values[reader.GetString(0)] = reader.GetDouble(1);
            }
        }

        Assert.Equal(2357, values.Count);
        foreach (var (id, value) in values)
        {
            Close(lifetimeValue.Evaluate(expected[id]), value);
        }

        // Tiers on the engine's values, fitted and written by the engine, are the tiers the library fits on the same values.
        var tiers = new TieredStrategy(new CustomerMeasure("CLV", c => values[c.CustomerId]));
        var segmenter = await summaries.FitAsync(tiers, "clv");
        var library = tiers.Fit([.. expected.Values]);
        Assert.Equal(library.Minimums, segmenter.Minimums);

        string output = Path.Combine(_files.Folder, $"segments-{Guid.NewGuid():N}.csv");
        Assert.Equal(2357, summaries.WriteSegments(segmenter, output, "clv"));
        var lines = File.ReadAllLines(output);
        Assert.Equal("customer_id,value,segment", lines[0]);
        Assert.Equal(2357, lines.Length - 1);
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(',');
            Assert.Equal(library.Assign(expected[fields[0]]).Name, fields[2]);
        }
    }

    [Fact]
    public void Unusable_and_late_rows_are_counted_not_lost()
    {
        // The sample plus a row without a customer, one with a NaN amount and one after the window.
        string path = Path.Combine(_files.Folder, "with-bad-rows.csv");
        File.WriteAllLines(path, [.. File.ReadAllLines(_files.Path("csv")), ",1997-03-01 00:00:00,10", "00001,1997-03-02 00:00:00,nan", "00001,1999-01-01 00:00:00,10"]);

        using var summaries = DuckDbSummaries.Build(new TransactionFiles(path, "customer_id", "ordered_at", "amount"), Window);

        Assert.Equal(6922, summaries.Report.RowsRead);
        Assert.Equal(2, summaries.Report.RowsRejected);
        Assert.Equal(1, summaries.Report.RowsAfterEnd);
        Assert.Equal(6919, summaries.Report.RowsUsed);
        Assert.Equal(2357, summaries.Report.Customers);
        Assert.Contains("6,922 rows read: 6,919 used, 2 rejected, 1 after the end", summaries.Report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_or_column_is_the_engines_error_and_a_disposed_instance_refuses_work()
    {
        var missingFile = Assert.Throws<DuckDBException>(() => DuckDbSummaries.Build(new TransactionFiles(Path.Combine(_files.Folder, "nothing.parquet"), "customer_id", "ordered_at", "amount"), Window));
        Assert.Contains("nothing.parquet", missingFile.Message, StringComparison.Ordinal);
        var missingColumn = Assert.Throws<DuckDBException>(() => DuckDbSummaries.Build(new TransactionFiles(_files.Path("parquet"), "client", "ordered_at", "amount"), Window));
        Assert.Contains("client", missingColumn.Message, StringComparison.Ordinal);
        Assert.Throws<OperationCanceledException>(() => DuckDbSummaries.Build(_files.Files("parquet"), Window, cancellationToken: new CancellationToken(canceled: true)));

        var summaries = DuckDbSummaries.Build(_files.Files("parquet"), Window);
        summaries.Dispose();
        Assert.Throws<ObjectDisposedException>(() => summaries.ReadFitStatistics());
        Assert.Throws<ObjectDisposedException>(() => summaries.FitAsync(new TieredStrategy(CustomerMeasure.Revenue)).GetAwaiter().GetResult());
        summaries.Dispose(); // twice is harmless
        Assert.Throws<ArgumentOutOfRangeException>(() => new DuckDbOptions { MemoryLimitMegabytes = 0 });
        Assert.Throws<ArgumentException>(() => new TransactionFiles([], "c", "t", "a"));
    }

    [Fact]
    public void Cancelling_stops_the_build_with_the_engine_interrupted()
    {
        // Five million generated transactions take seconds to summarise on one thread; the token is cancelled after 100 ms.
        string path = Path.Combine(_files.Folder, "large.parquet");
        using (var connection = new DuckDBConnection("DataSource=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"COPY (SELECT 'C' || (i % 500000) AS customer_id, TIMESTAMP '1997-01-01' + to_days(CAST(i % 300 AS INTEGER)) AS ordered_at, 10.0 AS amount FROM range(5000000) t(i)) TO '{path}' (FORMAT parquet)";
            command.ExecuteNonQuery();
        }

        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        // One part: the cancellation lands in the engine's count or summaries query (DuckDB interrupts it), not between parts.
        Assert.ThrowsAny<OperationCanceledException>(() => DuckDbSummaries.Build(new TransactionFiles(path, "customer_id", "ordered_at", "amount"), Window, new DuckDbOptions { Parts = 1, Threads = 1 }, cancellation.Token));
    }

    [Fact]
    public void The_temporary_database_is_deleted_on_dispose_and_one_of_ones_own_is_kept()
    {
        var before = Directory.GetFiles(Path.GetTempPath(), "vseg-*.duckdb").ToHashSet(StringComparer.Ordinal);
        using (var summaries = DuckDbSummaries.Build(_files.Files("parquet"), Window))
        {
            Assert.Single(Directory.GetFiles(Path.GetTempPath(), "vseg-*.duckdb"), f => !before.Contains(f));
        }

        Assert.DoesNotContain(Directory.GetFiles(Path.GetTempPath(), "vseg-*.duckdb"), f => !before.Contains(f));
    }

    [Fact]
    public void A_database_file_of_ones_own_keeps_the_summaries_and_its_other_tables()
    {
        // The file already holds a table of the user's named transactions; two builds run into it, the second for the
        // calibration period only, and replace the summaries (and the valued customers) each time.
        string database = Path.Combine(_files.Folder, $"kept-{Guid.NewGuid():N}.duckdb");
        using (var own = new DuckDBConnection($"DataSource={database}"))
        {
            own.Open();
            using var create = own.CreateCommand();
            create.CommandText = "CREATE TABLE transactions AS SELECT 42 AS answer";
            create.ExecuteNonQuery();
        }

        using (var first = DuckDbSummaries.Build(_files.Files("parquet"), Window, new DuckDbOptions { DatabasePath = database }))
        {
            first.AddLifetimeValue(new ProbabilisticLifetimeValue(BgNbdModel.Fit(first.ReadFitStatistics()), GammaGammaModel.Fit(first.ReadSpendStatistics()), TimeUnit.Months, 0.01, 12));
        }

        using (DuckDbSummaries.Build(_files.Files("parquet"), new ObservationWindow(Cdnow.CalibrationEnd, TimeUnit.Weeks), new DuckDbOptions { DatabasePath = database }))
        {
        }

        using var connection = new DuckDBConnection($"DataSource={database}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM summaries), (SELECT CAST(SUM(holdout_purchases) AS BIGINT) FROM summaries), (SELECT answer FROM transactions), (SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'valued_customers')";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(2357L, Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture));
        Assert.Equal(0L, Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture)); // the second window has no holdout
        Assert.Equal(42, Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture));
        Assert.Equal(0L, Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture)); // the first run's values went with its summaries
    }

    [Fact]
    public void A_repeat_buyer_without_positive_spend_is_refused_by_a_rejecting_spend_model_whatever_the_id_type()
    {
        // Integer ids in Parquet; customer 7 buys 10, then 0 on a later day: a mean repeat spend of 0.
        string path = Path.Combine(_files.Folder, "numeric-ids.parquet");
        using (var connection = new DuckDBConnection("DataSource=:memory:"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"COPY (SELECT * FROM (VALUES (7, TIMESTAMP '1997-01-02', 10.0), (7, TIMESTAMP '1997-02-02', 0.0), (8, TIMESTAMP '1997-01-03', 20.0), (8, TIMESTAMP '1997-03-03', 30.0)) t(customer_id, ordered_at, amount)) TO '{path}' (FORMAT parquet)";
            command.ExecuteNonQuery();
        }

        using var summaries = DuckDbSummaries.Build(new TransactionFiles(path, "customer_id", "ordered_at", "amount"), Window);
        var value = new ProbabilisticLifetimeValue(new BgNbdModel(new(0.243, 4.414, 0.793, 2.426), TimeUnit.Weeks), new GammaGammaModel(new(6.25, 3.74, 15.44)), TimeUnit.Months, 0.01, 12);

        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => summaries.AddLifetimeValue(value));
        Assert.Contains("Customer '7'", refused.Message, StringComparison.Ordinal);
    }

    private static void Close(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, DuckDB {actual:R}");
}
