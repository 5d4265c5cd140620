using Microsoft.Data.Sqlite;
using ValueSegmentation.Tests.Properties;
using ValueSegmentation.Tests.TestData;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Data.Tests;

/// <summary>Issue 11: the reader seam over a real database engine (SQLite, through Microsoft.Data.Sqlite): a query's
/// DbDataReader gives the same summaries as the in-memory builder, synchronously and asynchronously, with bad rows
/// named by their position among the query's rows.</summary>
public sealed class SqliteTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public SqliteTests()
    {
        _connection.Open();
        Execute("CREATE TABLE orders (customer TEXT, ordered_at TEXT, amount REAL, cost REAL)");
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public async Task The_CDNOW_sample_loaded_into_SQLite_and_read_back_by_a_query_gives_the_builders_summaries()
    {
        var transactions = Cdnow.SampleTransactions().ToList();
        using (var insert = _connection.BeginTransaction())
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "INSERT INTO orders VALUES ($c, $t, $a, NULL)";
            var (c, t, a) = (command.Parameters.Add("$c", SqliteType.Text), command.Parameters.Add("$t", SqliteType.Text), command.Parameters.Add("$a", SqliteType.Real));
            foreach (var transaction in transactions)
            {
                (c.Value, t.Value, a.Value) = (transaction.CustomerId, transaction.Timestamp.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), transaction.Amount);
                command.ExecuteNonQuery();
            }

            insert.Commit();
        }

        var window = new ObservationWindow(Cdnow.End, TimeUnit.Weeks, PurchasePeriod.Day, Cdnow.CalibrationEnd);
        var expected = SummaryAssert.Builder(window, TransactionOrder.Any, transactions).Build();
        const string Sql = "SELECT customer AS customer_id, ordered_at AS date, amount, cost FROM orders ORDER BY rowid";

        using (var reader = TransactionReader.Create(Query(Sql), sourceName: Sql))
        {
            var (summaries, report) = reader.Summarize(window);
            SummaryAssert.Same(expected, summaries);
            Assert.Equal(transactions.Count, report.RowsUsed);
            Assert.Equal(Sql, report.Source);
        }

        await using (var reader = TransactionReader.Create(Query(Sql)))
        {
            var (summaries, report) = await reader.SummarizeAsync(window);
            SummaryAssert.Same(expected, summaries);
            Assert.Equal(transactions.Count, report.RowsRead);
        }
    }

    [Fact]
    public async Task Nulls_and_wrong_types_from_the_database_are_bad_rows_named_by_position_and_column()
    {
        Execute("""
            INSERT INTO orders VALUES ('a', '2024-01-01', 10, 1);
            INSERT INTO orders VALUES (NULL, '2024-01-02', 10, NULL);
            INSERT INTO orders VALUES ('b', '2024-01-03', NULL, NULL);
            INSERT INTO orders VALUES ('c', 'soon', 5, NULL);
            INSERT INTO orders VALUES ('a', '2024-01-09', 2.5, NULL);
            """);
        var error = Assert.Throws<DataReadException>(() => TransactionReader.Create(Query("SELECT customer AS customer_id, ordered_at AS date, amount, cost FROM orders ORDER BY rowid")).Summarize(new ObservationWindow(new DateTimeOffset(2024, 12, 31, 0, 0, 0, TimeSpan.Zero))));
        Assert.Equal((2L, 1), (error.Line, error.Column));

        var options = new TransactionReadOptions { BadRows = BadRowPolicy.Collect };
        await using var reader = TransactionReader.Create(Query("SELECT customer AS customer_id, ordered_at AS date, amount, cost FROM orders ORDER BY rowid"), options);
        var used = new List<Transaction>();
        await foreach (var transaction in reader.ReadAllAsync())
        {
            used.Add(transaction);
        }

        Assert.Equal([10.0, 2.5], used.Select(t => t.Amount));
        Assert.Equal(1.0, used[0].Cost);
        Assert.Equal([(2L, 1), (3L, 3), (4L, 2)], reader.Report.Rejects.Select(r => (r.Line, r.Column)));
        Assert.Equal((5L, 2L, 3L), (reader.Report.RowsRead, reader.Report.RowsUsed, reader.Report.RowsRejected));
    }

    [Fact]
    public void A_summary_table_in_the_database_reads_as_the_summaries_it_holds()
    {
        Execute("""
            CREATE TABLE rfm (customer_id TEXT, frequency INTEGER, recency REAL, T REAL, monetary_value REAL);
            INSERT INTO rfm VALUES ('1', 2, 30.43, 38.86, 20.5), ('2', 0, 0, 38.86, 0), ('3', 1, 0.5, 12, 3);
            """);
        var (summaries, report) = SummaryTableReader.Read(Query("SELECT * FROM rfm"), TimeUnit.Weeks);
        Assert.Equal(3, report.RowsUsed);
        Assert.Equal([2, 0, 1], summaries.Select(s => s.Frequency));
        Assert.Equal([30.43, 0, 0.5], summaries.Select(s => s.Recency));
        Assert.Equal(20.5, summaries[0].MonetaryValue);
    }

    private SqliteDataReader Query(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteReader();
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
