using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Npgsql;
using NpgsqlTypes;
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

    private async Task AssertSameSummaries(IReadOnlyList<Transaction> log, ObservationWindow window)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
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

        await using var query = new NpgsqlCommand(SummarySql.Create(new TransactionTable(table, "customer", "ts", "amount", "cost"), window, SqlDialect.PostgreSql), connection);
        await using var reader = await query.ExecuteReaderAsync();
        SummarySqlTests.AssertSameSummaries(log, window, reader);
    }
}
