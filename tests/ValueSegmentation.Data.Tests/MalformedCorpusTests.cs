using System.Globalization;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Data.Tests;

/// <summary>
/// Issue 11: the corpus of malformed files in Malformed/ (written by Malformed/make_corpus.py, one file per defect,
/// named for it) and expected.csv, which says how each must be answered: a bad row fails fast at its line and column
/// or, collected, is exactly the one reject while the four good rows are used; a header that cannot be used, broken
/// quoting and an empty file fail under both policies.
/// </summary>
public class MalformedCorpusTests
{
    private static readonly ObservationWindow Window = new(new DateTimeOffset(2024, 12, 31, 0, 0, 0, TimeSpan.Zero), TimeUnit.Days);

    public static TheoryData<string, string, long, int, string> Corpus()
    {
        var data = new TheoryData<string, string, long, int, string>();
        foreach (string line in File.ReadLines(PathOf("expected.csv")).Skip(1))
        {
            string[] f = line.Split(',', 5);
            data.Add(f[0], f[1], long.Parse(f[2], CultureInfo.InvariantCulture), int.Parse(f[3], CultureInfo.InvariantCulture), f[4]);
        }

        return data;
    }

    [Fact]
    public void The_corpus_has_at_least_fifty_files_each_with_an_expectation()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Malformed"), "*.csv").Select(Path.GetFileName).Where(f => f != "expected.csv").ToHashSet();
        var expected = Corpus().Select(row => (string)row[0]).ToHashSet();
        Assert.True(files.Count >= 50, $"{files.Count} files");
        Assert.Equal(files.Order(), expected.Order());
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Failing_fast_names_the_line_and_column_of_the_defect(string file, string kind, long line, int column, string reason)
    {
        var error = Assert.Throws<DataReadException>(() => TransactionReader.SummarizeCsv(PathOf(file), Window));
        Assert.Equal(PathOf(file), error.SourceName);
        Assert.Equal(line, error.Line);
        if (column > 0 || kind == "row")
        {
            Assert.Equal(column, error.Column);
        }

        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Collecting_rejects_exactly_the_bad_row_and_uses_the_others(string file, string kind, long line, int column, string reason)
    {
        var options = new TransactionReadOptions { BadRows = BadRowPolicy.Collect };
        if (kind != "row")
        {
            // The header, broken quoting and an empty file cannot be skipped like a row.
            var error = Assert.Throws<DataReadException>(() => TransactionReader.SummarizeCsv(PathOf(file), Window, options));
            Assert.Equal(line, error.Line);
            return;
        }

        var (summaries, report) = TransactionReader.SummarizeCsv(PathOf(file), Window, options);
        var reject = Assert.Single(report.Rejects);
        Assert.Equal(line, reject.Line);
        Assert.Equal(column, reject.Column);
        Assert.Contains(reason, reject.Reason, StringComparison.Ordinal);
        Assert.Equal(5, report.RowsRead);
        Assert.Equal(4, report.RowsUsed);
        Assert.Equal(1, report.RowsRejected);

        // The four good rows: c1 twice (10.5 then 12.25 with a cost of 3), c2 once (20, cost 5), c3 once (30).
        Assert.Equal(["c1", "c2", "c3"], summaries.Select(s => s.CustomerId));
        var c1 = summaries.Single(s => s.CustomerId == "c1");
        Assert.Equal((1, 22.75, 3.0), (c1.Frequency, c1.Revenue, c1.CostOfGoods));
    }

    private static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Malformed", file);
}
