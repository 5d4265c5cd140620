using DuckDB.NET.Data;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Tests.TestData;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Sql.Tests;

/// <summary>A fitted threshold segmenter as a CASE expression assigns every customer in DuckDB as the library does.</summary>
public sealed class SegmentSqlTests
{
    private static readonly ObservationWindow Window = new(Cdnow.End, TimeUnit.Weeks, PurchasePeriod.Day, Cdnow.CalibrationEnd);

    public static TheoryData<string> Strategies => ["revenue tiers", "gross-profit Pareto", "AOV percentiles", "frequency tiers", "recency tiers", "purchases minimums"];

    private static ISegmentationStrategy Strategy(string name) => name switch
    {
        "revenue tiers" => new TieredStrategy(CustomerMeasure.Revenue, segmentDefinitions: [new("Gold", ""), new("Silver's", ""), new("Bronze", "")]),
        "gross-profit Pareto" => new ParetoStrategy(CustomerMeasure.GrossProfit),
        "AOV percentiles" => new PercentileStrategy(CustomerMeasure.AverageOrderValue, [0.01, 0.2, 0.5]),
        "frequency tiers" => new TieredStrategy(CustomerMeasure.Frequency),
        "recency tiers" => new TieredStrategy(CustomerMeasure.TimeSinceLastPurchase),
        _ => new TieredStrategy(CustomerMeasure.PurchaseCount, minimums: [10, 2]),
    };

    [Theory]
    [MemberData(nameof(Strategies))]
    public void Cut_points_fitted_on_the_engines_summaries_assign_every_cdnow_customer_in_the_engine_as_the_library_does(string strategy)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE tx (customer VARCHAR, ts TIMESTAMP, amount DOUBLE)";
            create.ExecuteNonQuery();
        }

        using (var appender = connection.CreateAppender("tx"))
        {
            foreach (var t in Cdnow.SampleTransactions())
            {
                appender.CreateRow().AppendValue(t.CustomerId).AppendValue(t.Timestamp.DateTime).AppendValue(t.Amount).EndRow();
            }
        }

        // The summaries computed and kept in the engine (its sums may come out in other last bits on each run), read back;
        // the strategy fitted on them.
        using (var materialize = connection.CreateCommand())
        {
            materialize.CommandText = $"CREATE TABLE summaries AS {SummarySql.Create(new TransactionTable("tx", "customer", "ts", "amount"), Window, SqlDialect.DuckDb)}";
            materialize.ExecuteNonQuery();
        }

        var customers = new List<CustomerSummary>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT * FROM summaries ORDER BY customer_id";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                customers.Add(CustomerSummary.FromNumbers(
                    reader.GetString(0), Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture), reader.GetDouble(2), reader.GetDouble(3), TimeUnit.Weeks, reader.GetDouble(4), reader.GetDouble(5), reader.GetDouble(6)));
            }
        }

        var segmenter = Assert.IsType<ThresholdSegmenter>(Strategy(strategy).Fit(customers));
        var expected = customers.ToDictionary(c => c.CustomerId, c => segmenter.Assign(c).Name, StringComparer.Ordinal);

        // The segments assigned in the engine.
        using var query = connection.CreateCommand();
        query.CommandText = $"SELECT customer_id, {SegmentSql.Case(segmenter, null, SqlDialect.DuckDb)} AS segment FROM summaries";
        using var rows = query.ExecuteReader();
        int count = 0;
        while (rows.Read())
        {
            count++;
            Assert.Equal(expected[rows.GetString(0)], rows.GetString(1));
        }

        Assert.Equal(2357, count);
    }

    [Fact]
    public void A_measure_that_is_not_a_summary_column_needs_its_expression()
    {
        var customers = CustomerSummary.FromTransactions(Cdnow.SampleTransactions(), Window);
        var segmenter = (ThresholdSegmenter)new TieredStrategy(new CustomerMeasure("score", c => c.Revenue * 2)).Fit(customers);

        var error = Assert.Throws<ArgumentException>(() => SegmentSql.Case(segmenter, null, SqlDialect.PostgreSql));
        Assert.Contains("'score'", error.Message, StringComparison.Ordinal);

        string sql = SegmentSql.Case(segmenter, "2 * revenue", SqlDialect.PostgreSql);
        Assert.StartsWith("CASE\n  WHEN (2 * revenue) >= CAST('", sql, StringComparison.Ordinal);
        Assert.EndsWith("  ELSE 'Low value'\nEND", sql, StringComparison.Ordinal);
    }
}
