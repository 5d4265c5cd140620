using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ValueSegmentation.Data.Tests;

/// <summary>Issue 16: customers' covariates read from a customer table or from a transaction log's columns, as CSV and
/// through a real database engine (SQLite): categorical columns one-hot against their reference, numbers in the read's
/// culture, a customer's repeated rows checked for time invariance, and every row accounted for.</summary>
public sealed class CovariateTableReaderTests : IDisposable
{
    private static readonly CovariateReadOptions ChannelAndBasket = new()
    {
        Covariates = [CovariateColumn.Categorical("channel", reference: "store"), CovariateColumn.Numeric("first_basket", name: "basket")],
    };

    private readonly string _folder = Directory.CreateTempSubdirectory("vseg-covariates-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_customer_table_gives_one_hot_categories_and_numbers()
    {
        string path = Write("customers.csv", "customer_id,channel,first_basket\nc1,web,12.5\nc2,store,40\nc3,app,7\nc4,web,0\n");
        var (covariates, report) = CovariateTableReader.ReadCsv(path, ChannelAndBasket);

        // Levels in order of first appearance (web, then app), the reference (store) left out.
        Assert.Equal(["channel=web", "channel=app", "basket"], covariates.Names);
        Assert.Equal([1.0, 0, 12.5], covariates["c1"]);
        Assert.Equal([0.0, 0, 40], covariates["c2"]);
        Assert.Equal([0.0, 1, 7], covariates["c3"]);
        Assert.Equal(4, covariates.Count);
        Assert.Equal((4L, 4L, 0L), (report.RowsRead, report.RowsUsed, report.RowsRejected));
    }

    [Fact]
    public void A_transaction_log_s_covariate_columns_are_read_once_per_customer_and_a_changing_value_is_a_bad_row()
    {
        // c1's second row agrees with its first; its third says another channel (line 4), c2's second another basket (line 6).
        string path = Write("log.csv", "customer_id,date,amount,channel,first_basket\nc1,2024-01-01,10,web,10\nc1,2024-02-01,20,web,10\nc1,2024-03-01,5,store,10\nc2,2024-01-05,40,store,40\nc2,2024-02-05,30,store,41\n");
        var collect = new CovariateReadOptions { Covariates = ChannelAndBasket.Covariates, BadRows = BadRowPolicy.Collect };
        var (covariates, report) = CovariateTableReader.ReadCsv(path, collect);
        Assert.Equal([1.0, 10], covariates["c1"]);
        Assert.Equal([0.0, 40], covariates["c2"]);
        Assert.Equal((5L, 3L, 2L), (report.RowsRead, report.RowsUsed, report.RowsRejected));
        var (channel, basket) = (report.Rejects[0], report.Rejects[1]);
        Assert.Equal((4L, 4, "channel", "store"), (channel.Line, channel.Column, channel.ColumnName, channel.Value));
        Assert.Contains("Customer 'c1' has another value of covariate 'channel' than on line 2 ('web')", channel.Reason, StringComparison.Ordinal);
        Assert.Equal((6L, 5, "41"), (basket.Line, basket.Column, basket.Value));
        Assert.Contains("than on line 5 (40)", basket.Reason, StringComparison.Ordinal);

        // Fail fast (the default): the first bad row stops the read, naming its line and column.
        var error = Assert.Throws<DataReadException>(() => CovariateTableReader.ReadCsv(path, ChannelAndBasket));
        Assert.Equal((4L, 4), (error.Line, error.Column));
    }

    [Fact]
    public void Bad_cells_and_bad_options_are_refused_with_their_place()
    {
        string path = Write("bad.csv", "customer_id;channel;first_basket\nc1;web;1,5\nc2;;2\nc3;web;abc\n;web;3\n");
        var german = new CovariateReadOptions { Covariates = ChannelAndBasket.Covariates, Culture = CultureInfo.GetCultureInfo("de-DE"), BadRows = BadRowPolicy.Collect };
        var format = new CsvFormat { Delimiter = ';' };
        var noReference = Assert.Throws<DataReadException>(() => CovariateTableReader.ReadCsv(path, german, format));
        Assert.Contains("The reference level 'store' of covariate 'channel' never occurs; its levels are 'web'", noReference.Reason, StringComparison.Ordinal);

        var webReference = new CovariateReadOptions { Covariates = [CovariateColumn.Categorical("channel", "web"), CovariateColumn.Numeric("first_basket")], Culture = german.Culture, BadRows = BadRowPolicy.Collect };
        string both = Write("both.csv", "customer_id;channel;first_basket\nc1;web;1,5\nc2;;2\nc3;web;abc\n;web;3\nc5;app;2,25\n");
        var (covariates, report) = CovariateTableReader.ReadCsv(both, webReference, format);
        Assert.Equal(["channel=app", "first_basket"], covariates.Names);
        Assert.Equal([0.0, 1.5], covariates["c1"]);
        Assert.Equal([1.0, 2.25], covariates["c5"]);
        Assert.Equal((5L, 2L, 3L), (report.RowsRead, report.RowsUsed, report.RowsRejected));
        Assert.Equal([3L, 4L, 5L], report.Rejects.Select(r => r.Line));
        Assert.Equal([2, 3, 1], report.Rejects.Select(r => r.Column));
        Assert.Contains("a category needs a level", report.Rejects[0].Reason, StringComparison.Ordinal);

        var missing = Assert.Throws<DataReadException>(() => CovariateTableReader.ReadCsv(path, new CovariateReadOptions { Covariates = [CovariateColumn.Numeric("region")] }, format));
        Assert.StartsWith("CovariateReadOptions.Covariates names the column", missing.Reason, StringComparison.Ordinal);
        Assert.Contains("region", missing.Reason, StringComparison.Ordinal);
        Assert.Equal("Covariates", Assert.Throws<ArgumentException>(() => CovariateTableReader.ReadCsv(path, new CovariateReadOptions())).ParamName);
        Assert.Throws<ArgumentException>(() => CovariateColumn.Categorical("channel", " "));
    }

    [Fact]
    public void A_query_on_SQLite_reads_the_same_covariates_as_the_CSV()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "CREATE TABLE customers (customer_id TEXT, channel TEXT, first_basket REAL); INSERT INTO customers VALUES ('c1', 'web', 12.5), ('c2', 'store', 40), ('c3', 'app', 7), ('c4', 'web', 0);";
            command.ExecuteNonQuery();
        }

        using var query = connection.CreateCommand();
        query.CommandText = "SELECT customer_id, channel, first_basket FROM customers ORDER BY customer_id";
        using var reader = query.ExecuteReader();
        var (fromQuery, report) = CovariateTableReader.Read(reader, ChannelAndBasket);
        var (fromCsv, _) = CovariateTableReader.ReadCsv(Write("customers.csv", "customer_id,channel,first_basket\nc1,web,12.5\nc2,store,40\nc3,app,7\nc4,web,0\n"), ChannelAndBasket);
        Assert.Equal(fromCsv.Names, fromQuery.Names);
        foreach (string id in fromCsv.CustomerIds)
        {
            Assert.Equal(fromCsv[id], fromQuery[id]);
        }

        Assert.Equal(("query", 4L), (report.Source, report.RowsUsed));
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
