using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Npgsql;
using NpgsqlTypes;
using ValueSegmentation.Probabilistic;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Tests.TestData;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Sql.Tests;

/// <summary>The summaries SQL run in a real PostgreSQL server (a private cluster, <see cref="PostgresServer"/>) equals
/// the in-memory builder, as in DuckDB.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgreSqlSummaryTests(PostgresServer server)
{
    [Fact]
    public async Task On_the_cdnow_sample_the_postgresql_summaries_equal_the_builders()
    {
        var log = Cdnow.SampleTransactions().ToList();

        await AssertSameSummaries(log, new ObservationWindow(Cdnow.End, TimeUnit.Weeks, PurchasePeriod.Day, Cdnow.CalibrationEnd));
    }

    [Fact]
    public async Task On_cdnow_master_the_postgresql_summaries_equal_the_builders()
    {
        // All 23,570 customers of the full CDNOW log (69,659 transactions).
        var log = Cdnow.MasterTransactions().ToList();

        await AssertSameSummaries(log, new ObservationWindow(Cdnow.End, TimeUnit.Weeks, PurchasePeriod.Day, Cdnow.CalibrationEnd));
    }

    [Property(MaxTest = 15)]
    public Property On_random_logs_the_postgresql_summaries_equal_the_builders() =>
        Prop.ForAll(
            (from seed in Gen.Choose(0, 1_000_000)
             from period in Gen.Elements(PurchasePeriod.Day, PurchasePeriod.Week, PurchasePeriod.Month)
             from unit in Gen.Elements(TimeUnit.Days, TimeUnit.Weeks, TimeUnit.Years)
             select (Seed: seed, Period: period, Unit: unit)).ToArbitrary(),
            c =>
            {
                var start = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
                AssertSameSummaries(SummarySqlTests.RandomLog(c.Seed, 30), new ObservationWindow(start.AddDays(730), c.Unit, c.Period, start.AddDays(400))).GetAwaiter().GetResult();
            });

    [Fact]
    public async Task In_postgresql_the_fits_cut_points_and_row_counts_equal_the_librarys_on_cdnow()
    {
        var window = new ObservationWindow(Cdnow.End, TimeUnit.Weeks, PurchasePeriod.Day, Cdnow.CalibrationEnd);
        var log = Cdnow.SampleTransactions().ToList();
        var summaries = CustomerSummary.FromTransactions(log, window);
        var (connection, table) = await Load(log);
        await using var _ = connection;
        var source = new TransactionTable(table, "customer", "ts", "amount", "cost");

        await using (var counts = new NpgsqlCommand(SummarySql.CreateRowCounts(source, window, SqlDialect.PostgreSql), connection))
        await using (var reader = await counts.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal((6919L, 0L, 0L), (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        await using (var keep = new NpgsqlCommand($"CREATE TEMPORARY TABLE summaries_{table} AS {SummarySql.Create(source, window, SqlDialect.PostgreSql)}", connection))
        {
            await keep.ExecuteNonQueryAsync();
        }

        RepeatPurchaseData statistics;
        await using (var fit = new NpgsqlCommand(SummarySql.CreateFitStatistics($"summaries_{table}"), connection))
        await using (var reader = await fit.ExecuteReaderAsync())
        {
            statistics = RepeatPurchaseData.FromReader(reader, TimeUnit.Weeks);
        }

        SpendData spend;
        await using (var fit = new NpgsqlCommand(SummarySql.CreateSpendStatistics($"summaries_{table}"), connection))
        await using (var reader = await fit.ExecuteReaderAsync())
        {
            spend = SpendData.FromReader(reader);
        }

        var purchases = BgNbdModel.Fit(statistics).Parameters;
        var expectedPurchases = BgNbdModel.Fit(RepeatPurchaseData.FromSummaries(summaries)).Parameters;
        Assert.Equal(expectedPurchases.R, purchases.R, 1e-6);
        Assert.Equal(expectedPurchases.B, purchases.B, 1e-6);
        Assert.Equal(GammaGammaModel.Fit(SpendData.FromSummaries(summaries)).Parameters.P, GammaGammaModel.Fit(spend).Parameters.P, 1e-6);

        // Exact cut points by rank (PostgreSQL has no sketch: approximate stays exact), on frequency, whose values are
        // exact in any engine.
        var tiers = new TieredStrategy(CustomerMeasure.Frequency, [0.1, 0.2, 0.7]);
        var inEngine = await SegmentSql.FitAsync(tiers, connection, $"summaries_{table}", null, SqlDialect.PostgreSql, approximate: true);
        Assert.Equal(tiers.Fit(summaries).Minimums, inEngine.Minimums);
    }

    private async Task AssertSameSummaries(IReadOnlyList<Transaction> log, ObservationWindow window)
    {
        var (connection, table) = await Load(log);
        await using var _ = connection;
        await using var query = new NpgsqlCommand(SummarySql.Create(new TransactionTable(table, "customer", "ts", "amount", "cost"), window, SqlDialect.PostgreSql), connection);
        await using var reader = await query.ExecuteReaderAsync();
        SummarySqlTests.AssertSameSummaries(log, window, reader);
    }

    /// <summary>A connection to the server with the log in a temporary table of its own.</summary>
    private async Task<(NpgsqlConnection Connection, string Table)> Load(IReadOnlyList<Transaction> log)
    {
        var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        string table = $"tx_{Guid.NewGuid():N}";
        await using (var create = new NpgsqlCommand($"CREATE TEMPORARY TABLE {table} (customer TEXT, ts TIMESTAMP, amount DOUBLE PRECISION, cost DOUBLE PRECISION)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync($"COPY {table} (customer, ts, amount, cost) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var t in log)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(t.CustomerId, NpgsqlDbType.Text);
                await copy.WriteAsync(t.Timestamp.DateTime, NpgsqlDbType.Timestamp);
                await copy.WriteAsync(t.Amount, NpgsqlDbType.Double);
                if (t.Cost is { } cost)
                {
                    await copy.WriteAsync(cost, NpgsqlDbType.Double);
                }
                else
                {
                    await copy.WriteNullAsync();
                }
            }

            await copy.CompleteAsync();
        }

        return (connection, table);
    }
}
