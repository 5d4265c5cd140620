using System.Data;

namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>The fit inputs read from any ADO.NET reader (here <see cref="DataTableReader"/>; the SQL tests read DuckDB's):
/// weighted rows equal the same customers given one by one, and a bad row is named by row and column.</summary>
public sealed class QueryReaderTests
{
    private static DataTable Table(params (string Name, Type Type)[] columns)
    {
        var table = new DataTable();
        foreach (var (name, type) in columns)
        {
            table.Columns.Add(name, type);
        }

        return table;
    }

    [Fact]
    public void Weighted_history_rows_equal_the_customers_one_by_one_whatever_the_numeric_types()
    {
        // Three histories with 2, 1 and 3 customers; counts as 64-bit integers, times as decimals, as engines return them.
        var table = Table(("FREQUENCY", typeof(long)), ("recency", typeof(decimal)), ("t", typeof(double)), ("customers", typeof(long)));
        table.Rows.Add(0L, 0m, 30.0, 2L);
        table.Rows.Add(2L, 12.5m, 30.0, 1L);
        table.Rows.Add(1L, 3m, 20.0, 3L);
        using var reader = table.CreateDataReader();

        var fromRows = RepeatPurchaseData.FromReader(reader, TimeUnit.Weeks);
        var oneByOne = RepeatPurchaseData.FromColumns([0, 0, 2, 1, 1, 1], [0, 0, 12.5, 3, 3, 3], [30, 30, 30, 20, 20, 20], TimeUnit.Weeks);

        Assert.Equal(6, fromRows.CustomerCount);
        var parameters = new BgNbdParameters(0.5, 5, 0.8, 2.5);
        Assert.Equal(new BgNbdModel(parameters, TimeUnit.Weeks).LogLikelihood(oneByOne), new BgNbdModel(parameters, TimeUnit.Weeks).LogLikelihood(fromRows), 12);
    }

    [Fact]
    public void A_missing_column_a_null_and_a_fractional_frequency_are_named()
    {
        var noAge = Table(("frequency", typeof(int)), ("recency", typeof(double)));
        using (var reader = noAge.CreateDataReader())
        {
            var error = Assert.Throws<ArgumentException>(() => RepeatPurchaseData.FromReader(reader, TimeUnit.Weeks));
            Assert.Equal("reader", error.ParamName);
            Assert.Contains("no column 't'", error.Message, StringComparison.Ordinal);
        }

        var rows = Table(("frequency", typeof(double)), ("recency", typeof(double)), ("t", typeof(double)));
        rows.Rows.Add(1.0, 2.0, 10.0);
        rows.Rows.Add(1.5, 2.0, 10.0);
        using (var reader = rows.CreateDataReader())
        {
            var error = Assert.Throws<InvalidDataException>(() => RepeatPurchaseData.FromReader(reader, TimeUnit.Weeks));
            Assert.Equal("Row 2, column 'frequency': 1.5 is not a count (a whole number from 0 to 2147483647).", error.Message);
        }

        var spend = Table(("frequency", typeof(int)), ("mean_spend", typeof(double)));
        spend.Rows.Add(2, DBNull.Value);
        using (var reader = spend.CreateDataReader())
        {
            Assert.Equal("Row 1, column 'mean_spend': NULL where a number is needed.", Assert.Throws<InvalidDataException>(() => SpendData.FromReader(reader)).Message);
        }
    }

    [Fact]
    public void A_sample_is_uniform_over_customers_not_rows()
    {
        // One row of 9,000 customers spending 10 and 1,000 rows of one customer spending 100 each: a 1,000-customer sample
        // holds about 900 of the first (binomial, sd ≈ 9.5; the bound is 5 sd), whatever the rows.
        var table = Table(("frequency", typeof(int)), ("mean_spend", typeof(double)), ("customers", typeof(int)));
        table.Rows.Add(1, 10.0, 9000);
        for (int i = 0; i < 1000; i++)
        {
            table.Rows.Add(1, 100.0, 1);
        }

        using var reader = table.CreateDataReader();
        var sample = SpendData.FromReader(reader, sampleSize: 1000, seed: 3);

        Assert.Equal(1000, sample.CustomerCount);
        var withOneTimeBuyers = Table(("frequency", typeof(int)), ("mean_spend", typeof(double)), ("customers", typeof(int)));
        withOneTimeBuyers.Rows.Add(0, 0.0, 7);
        withOneTimeBuyers.Rows.Add(2, 15.0, 3);
        Assert.Equal(7, SpendData.FromReader(withOneTimeBuyers.CreateDataReader()).OneTimeBuyers); // customers, not rows
        double tens = Enumerable.Range(0, sample.RowCount).Where(i => sample[i].MeanSpend == 10).Sum(i => sample[i].Weight);
        Assert.InRange(tens, 900 - 48, 900 + 48);
        Assert.Throws<ArgumentOutOfRangeException>(() => SpendData.FromReader(table.CreateDataReader(), sampleSize: 0));
    }
}
