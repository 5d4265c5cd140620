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
        var (connection, customers) = CdnowInDuckDb();
        using var _ = connection;
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

    public static TheoryData<string> OrderStatisticStrategies => ["revenue tiers", "AOV percentiles", "frequency tiers", "recency tiers"];

    [Theory]
    [MemberData(nameof(OrderStatisticStrategies))]
    public async Task Exact_cut_points_found_in_the_engine_equal_the_librarys_fit_on_the_same_summaries(string name)
    {
        var (connection, customers) = CdnowInDuckDb();
        await using var _ = connection;
        var strategy = (IOrderStatisticStrategy)Strategy(name);

        var inEngine = await SegmentSql.FitAsync(strategy, connection, "summaries", null, SqlDialect.DuckDb);
        var inMemory = (ThresholdSegmenter)strategy.Fit(customers);

        Assert.Equal(inMemory.Minimums, inEngine.Minimums);
        Assert.Equal(inMemory.Segments.Select(s => s.Name), inEngine.Segments.Select(s => s.Name));
        Assert.All(inEngine.Segments, s => Assert.Null(s.FittedShare)); // the engine returns the cut points, not every value
    }

    [Fact]
    public async Task Approximate_cut_points_rank_within_a_percent_of_the_exact_ones()
    {
        var (connection, customers) = CdnowInDuckDb();
        await using var _ = connection;
        var strategy = new PercentileStrategy(CustomerMeasure.Revenue, [0.05, 0.2, 0.5]);

        var approximate = await SegmentSql.FitAsync(strategy, connection, "summaries", null, SqlDialect.DuckDb, approximate: true);

        // DuckDB's approx_quantile is a t-digest: each cut point holds about the exact number of customers above it.
        var revenue = customers.Select(c => c.Revenue).ToArray();
        var ranks = strategy.CutPointRanks(customers.Count);
        for (int i = 0; i < ranks.Count; i++)
        {
            int above = revenue.Count(v => v >= approximate.Minimums[i]);
            Assert.InRange(above, ranks[i] - (0.01 * customers.Count), ranks[i] + (0.01 * customers.Count));
        }

        Assert.Contains("approx_quantile(value, ", SegmentSql.CreateCutPoints(strategy, customers.Count, "summaries", null, SqlDialect.DuckDb, approximate: true), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_dialect_spells_its_sketch_and_postgresql_stays_exact()
    {
        var tiers = new TieredStrategy(CustomerMeasure.Revenue);

        // 1,000 customers, 20/30/50 %: the 200th and the 500th largest, i.e. the lower quantiles at (1000 − 200 + ½)/1000 and (1000 − 500 + ½)/1000.
        Assert.Contains("percentile_approx(value, 0.8005)", SegmentSql.CreateCutPoints(tiers, 1000, "s", null, SqlDialect.SparkSql, approximate: true), StringComparison.Ordinal);
        Assert.Contains("APPROX_PERCENTILE(value, 0.5005)", SegmentSql.CreateCutPoints(tiers, 1000, "s", null, SqlDialect.Snowflake, approximate: true), StringComparison.Ordinal);
        Assert.Contains("APPROX_QUANTILES(value, 10000)[OFFSET(CAST(ROUND(0.8005 * 10000) AS INT64))]", SegmentSql.CreateCutPoints(tiers, 1000, "s", null, SqlDialect.BigQuery, approximate: true), StringComparison.Ordinal);
        string postgres = SegmentSql.CreateCutPoints(tiers, 1000, "s", null, SqlDialect.PostgreSql, approximate: true);
        Assert.Contains("WHERE rank_from_top IN (200, 500)", postgres, StringComparison.Ordinal);
    }

    [Fact]
    public void Ranks_come_from_the_number_of_customers_and_fixed_thresholds_have_nothing_to_find()
    {
        // 10 customers, top 1 % and top 50 %: ⌈0.1⌉ = 1 and ⌈5⌉ = 5.
        var percentiles = new PercentileStrategy(CustomerMeasure.Revenue, [0.01, 0.5]);
        string sql = SegmentSql.CreateCutPoints(percentiles, 10, "s", null, SqlDialect.DuckDb);

        Assert.Equal([1L, 5L], percentiles.CutPointRanks(10));
        Assert.Contains("MAX(CASE WHEN rank_from_top = 1 THEN value END) AS cut_1", sql, StringComparison.Ordinal);
        Assert.Contains("MAX(CASE WHEN rank_from_top = 5 THEN value END) AS cut_2", sql, StringComparison.Ordinal);
        var error = Assert.Throws<ArgumentException>(() => SegmentSql.CreateCutPoints(new TieredStrategy(CustomerMeasure.Revenue, minimums: [100]), 10, "s", null, SqlDialect.DuckDb));
        Assert.Equal("strategy", error.ParamName);
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

    /// <summary>The CDNOW sample's transactions in DuckDB, the summaries computed and kept there (an engine's sums may come
    /// out in other last bits on each run of a query), and read back.</summary>
    private static (DuckDBConnection Connection, List<CustomerSummary> Customers) CdnowInDuckDb()
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
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

        using (var materialize = connection.CreateCommand())
        {
            materialize.CommandText = $"CREATE TABLE summaries AS {SummarySql.Create(new TransactionTable("tx", "customer", "ts", "amount"), Window, SqlDialect.DuckDb)}";
            materialize.ExecuteNonQuery();
        }

        var customers = new List<CustomerSummary>();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT * FROM summaries ORDER BY customer_id";
        using var reader = read.ExecuteReader();
        while (reader.Read())
        {
            customers.Add(CustomerSummary.FromNumbers(
                reader.GetString(0), Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture), reader.GetDouble(2), reader.GetDouble(3), TimeUnit.Weeks, reader.GetDouble(4), reader.GetDouble(5), reader.GetDouble(6)));
        }

        return (connection, customers);
    }
}
