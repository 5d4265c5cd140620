using System.Globalization;

namespace ValueSegmentation.Tests.TestData;

/// <summary>
/// Readers for the CDNOW reference files in data/ (copied byte-exact from ../shared/data; see data/README.md).
/// </summary>
internal static class Cdnow
{
    /// <summary>The first day of the cohort's observation: 1997-01-01.</summary>
    public static readonly DateTimeOffset Start = Day("19970101");

    /// <summary>The end of the 39-week calibration period: 1997-09-30.</summary>
    public static readonly DateTimeOffset CalibrationEnd = Day("19970930");

    /// <summary>The end of observation: 1998-06-30.</summary>
    public static readonly DateTimeOffset End = Day("19980630");

    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "data", file);

    /// <summary>
    /// The transactions of CDNOW_sample.txt: columns master id, sample id, date (yyyyMMdd), CDs, dollars;
    /// the customer id is the sample id without its zero padding ("0001" is "1"), as the summary files write it.
    /// </summary>
    public static IEnumerable<Transaction> SampleTransactions() => File.ReadLines(PathOf("CDNOW_sample.txt"))
        .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Select(f => new Transaction(int.Parse(f[1], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), Day(f[2]), double.Parse(f[4], CultureInfo.InvariantCulture)));

    /// <summary>The transactions of CDNOW_master.txt (header skipped): columns id, date, CDs, dollars.</summary>
    public static IEnumerable<Transaction> MasterTransactions() => File.ReadLines(PathOf("CDNOW_master.txt"))
        .Skip(1)
        .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Select(f => new Transaction(f[0], Day(f[1]), double.Parse(f[3], CultureInfo.InvariantCulture)));

    /// <summary>cdnow_customers_summary_with_transactions.csv: ID, x, t_x, T, zbar.</summary>
    public static IReadOnlyDictionary<string, PublishedSummary> PublishedSummaries() =>
        File.ReadLines(PathOf("cdnow_customers_summary_with_transactions.csv"))
            .Skip(1)
            .Select(line => line.TrimEnd('\r').Split(','))
            .ToDictionary(
                f => f[0],
                f => new PublishedSummary(int.Parse(f[1], CultureInfo.InvariantCulture), Number(f[2]), Number(f[3]), Number(f[4])));

    /// <summary>cdnow_customers_summary.csv: ID, frequency, recency, T.</summary>
    public static IReadOnlyDictionary<string, PublishedSummary> PublishedRfm() =>
        File.ReadLines(PathOf("cdnow_customers_summary.csv"))
            .Skip(1)
            .Select(line => line.Split(','))
            .ToDictionary(
                f => f[0],
                f => new PublishedSummary(int.Parse(f[1], CultureInfo.InvariantCulture), Number(f[2]), Number(f[3]), double.NaN));

    public static DateTimeOffset Day(string yyyymmdd) =>
        new(DateTime.ParseExact(yyyymmdd, "yyyyMMdd", CultureInfo.InvariantCulture), TimeSpan.Zero);

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    internal readonly record struct PublishedSummary(int Frequency, double Recency, double Age, double MeanRepeatSpend);
}
