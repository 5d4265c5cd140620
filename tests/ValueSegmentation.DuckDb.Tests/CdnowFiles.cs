using DuckDB.NET.Data;
using ValueSegmentation.Tests.TestData;

namespace ValueSegmentation.DuckDb.Tests;

/// <summary>The CDNOW sample's transactions as files, in a temporary folder: Parquet (written by DuckDB) and CSV.</summary>
public sealed class CdnowFiles : IDisposable
{
    public CdnowFiles()
    {
        Folder = Directory.CreateTempSubdirectory("vseg-duckdb-tests").FullName;
        File.WriteAllLines(Path("csv"), ["customer_id,ordered_at,amount", .. Cdnow.SampleTransactions().Select(t => FormattableString.Invariant($"{t.CustomerId},{t.Timestamp:yyyy-MM-dd HH:mm:ss},{t.Amount:R}"))]);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"COPY (SELECT customer_id, ordered_at, amount FROM read_csv('{Path("csv")}', header = true, types = {{'customer_id': 'VARCHAR'}})) TO '{Path("parquet")}' (FORMAT parquet)";
        command.ExecuteNonQuery();

        // The same transactions in two files, split by customer, for globs and lists of paths.
        foreach (var (part, condition) in new[] { (1, "<"), (2, ">=") })
        {
            command.CommandText = $"COPY (SELECT * FROM '{Path("parquet")}' WHERE customer_id {condition} '01200') TO '{System.IO.Path.Combine(Folder, $"cdnow-part{part}.parquet")}' (FORMAT parquet)";
            command.ExecuteNonQuery();
        }
    }

    public string Folder { get; }

    public string Path(string format) => System.IO.Path.Combine(Folder, $"cdnow.{format}");

    public TransactionFiles Files(string format) => new(Path(format), "customer_id", "ordered_at", "amount");

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
