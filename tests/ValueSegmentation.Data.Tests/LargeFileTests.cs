using System.Globalization;
using System.Text;
using ValueSegmentation.Tests.Properties;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Data.Tests;

/// <summary>Issue 11: a file of several blocks (the reader parses one block while a worker interns, profiles and adds the
/// previous one, and interns a block's ids part by part on every core) gives exactly what the rows say, row by row: the
/// same summaries, rejects in file order, the same profile; and the first bad row in the file is the one reported.</summary>
public sealed class LargeFileTests : IDisposable
{
    private const int Rows = 700_000; // 2.7 blocks of 262,144 rows
    private static readonly DateTimeOffset Origin = new(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("vseg-large-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A time-ordered log of <see cref="Rows"/> rows over 20,000 customers (some ids longer than 8 characters),
    /// with rows written twice, unparsable amounts and, at the end, rows after the window.</summary>
    private sealed record Log(string Path, ObservationWindow Window, List<Transaction> Valid, List<long> BadLines, List<long> LateLines, long Duplicates);

    private Log Generate(int seed)
    {
        var random = new Random(seed);
        var window = new ObservationWindow(Origin.AddMinutes(Rows - 2_000), TimeUnit.Days);
        var valid = new List<Transaction>();
        var bad = new List<long>();
        var late = new List<long>();
        var previous = new Dictionary<string, (long, double)>();
        long duplicates = 0;
        var text = new StringBuilder("customer_id,timestamp,amount\n");
        string? lastLine = null;
        bool lastWasLate = false;
        for (int i = 0; i < Rows; i++)
        {
            long line = i + 2;
            if (lastLine is not null && random.Next(50) == 0)
            {
                text.Append(lastLine); // the previous row again: its customer's previous row
                if (lastWasLate)
                {
                    late.Add(line);
                }
                else
                {
                    valid.Add(valid[^1]);
                    duplicates++;
                }

                continue;
            }

            string id = random.Next(4) == 0 ? $"customer-{random.Next(20_000):D6}" : random.Next(20_000).ToString(CultureInfo.InvariantCulture);
            var timestamp = Origin.AddMinutes(i);
            if (random.Next(40_000) == 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{id},{timestamp:O},not-a-number\n");
                bad.Add(line);
                lastLine = null;
                continue;
            }

            double amount = random.Next(1, 20_000) / 100.0;
            lastLine = string.Create(CultureInfo.InvariantCulture, $"{id},{timestamp:O},{amount:R}\n");
            text.Append(lastLine);
            lastWasLate = timestamp.Date > window.End.Date; // after the day of the end (purchase periods are days; offsets are 0)
            if (lastWasLate)
            {
                late.Add(line);
                continue;
            }

            duplicates += previous.TryGetValue(id, out var last) && last == (timestamp.UtcTicks, amount) ? 1 : 0;
            previous[id] = (timestamp.UtcTicks, amount);
            valid.Add(new Transaction(id, timestamp, amount));
        }

        string path = Path.Combine(_folder, $"log-{seed}.csv");
        File.WriteAllText(path, text.ToString());
        return new Log(path, window, valid, bad, late, duplicates);
    }

    [Theory]
    [InlineData(TransactionOrder.Chronological)]
    [InlineData(TransactionOrder.Any)]
    public void A_file_of_several_blocks_reads_as_its_rows_say(TransactionOrder order)
    {
        var log = Generate(11);
        var options = new TransactionReadOptions { BadRows = BadRowPolicy.Collect, MaxRejects = int.MaxValue };
        using var reader = TransactionReader.OpenCsv(log.Path, options);
        var result = reader.Summarize(log.Window, order);

        var expected = SummaryAssert.Builder(log.Window, TransactionOrder.Any, log.Valid).Build();
        SummaryAssert.Same(expected, result.Summaries);
        Assert.Equal(expected.Select(s => s.CustomerId), result.Summaries.Select(s => s.CustomerId)); // first-seen order
        Assert.Equal(Rows, result.Report.RowsRead);
        Assert.Equal(log.Valid.Count, result.Report.RowsUsed);
        Assert.Equal(log.BadLines.Concat(log.LateLines).Order(), result.Report.Rejects.Select(r => r.Line)); // every one, in file order
        Assert.Equal(log.Duplicates, result.Quality[QualityCheck.DuplicateTransaction]!.Count);
        Assert.Equal(log.Valid.Count, result.Quality[QualityCheck.DuplicateTransaction]!.OutOf); // late rows taken back
    }

    [Fact]
    public async Task Read_asynchronously_the_file_gives_the_same_summaries_report_and_profile()
    {
        var log = Generate(12);
        var options = new TransactionReadOptions { BadRows = BadRowPolicy.Collect, MaxRejects = int.MaxValue };
        SummaryReadResult synchronous, asynchronous;
        using (var reader = TransactionReader.OpenCsv(log.Path, options))
        {
            synchronous = reader.Summarize(log.Window, TransactionOrder.Chronological);
        }

        await using (var reader = TransactionReader.OpenCsv(log.Path, options))
        {
            asynchronous = await reader.SummarizeAsync(log.Window, TransactionOrder.Chronological);
        }

        SummaryAssert.Same(synchronous.Summaries, asynchronous.Summaries);
        Assert.Equal(synchronous.Report.Rejects, asynchronous.Report.Rejects);
        Assert.Equal(synchronous.Quality.Findings.Select(f => (f.Check, f.Count, f.OutOf)), asynchronous.Quality.Findings.Select(f => (f.Check, f.Count, f.OutOf)));
    }

    /// <summary>A log of <see cref="Rows"/> rows, "x" for the amount on the lines <paramref name="unparsable"/> and a
    /// timestamp ten years on (after the window, refused by the builder) on the lines <paramref name="late"/>.</summary>
    private string Faulty(string name, long[] late, long[] unparsable)
    {
        var text = new StringBuilder("customer_id,timestamp,amount\n");
        for (int i = 0; i < Rows; i++)
        {
            long line = i + 2;
            var timestamp = late.Contains(line) ? Origin.AddYears(10) : Origin.AddMinutes(i);
            text.Append(CultureInfo.InvariantCulture, $"c{i % 5_000},{timestamp:O},{(unparsable.Contains(line) ? "x" : "1.5")}\n");
        }

        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Fact]
    public void Failing_fast_the_first_bad_row_of_the_file_is_reported_though_the_next_block_fails_to_parse_first()
    {
        // Line 262,000 (near the end of the first block, which the worker adds while the reader parses the second) is
        // refused by the builder; line 262,200, early in the second block, cannot be parsed, and the reader meets it
        // first. The refusal, the earlier row, is reported.
        string path = Faulty("two-faults.csv", late: [262_000], unparsable: [262_200]);
        var window = new ObservationWindow(Origin.AddYears(5), TimeUnit.Days);

        using var reader = TransactionReader.OpenCsv(path);
        var error = Assert.Throws<DataReadException>(() => reader.Summarize(window));
        Assert.Equal(262_000, error.Line);
        Assert.Equal("timestamp", error.ColumnName);
    }

    [Theory]
    [InlineData(int.MaxValue, 0)]
    [InlineData(4, 262_300)] // the fifth reject in file order
    [InlineData(2, 262_001)]
    public void Collecting_rejects_the_limit_is_reached_at_the_row_of_a_sequential_read(int maxRejects, long failingLine)
    {
        // Refusals by the builder (on the worker) in the first block, parse rejects (on the reader) in the second.
        long[] late = [100_000, 200_000, 262_001], unparsable = [262_200, 262_300, 262_400];
        string path = Faulty($"limit-{maxRejects}.csv", late, unparsable);
        var window = new ObservationWindow(Origin.AddYears(5), TimeUnit.Days);
        var options = new TransactionReadOptions { BadRows = BadRowPolicy.Collect, MaxRejects = maxRejects };

        using var reader = TransactionReader.OpenCsv(path, options);
        if (failingLine == 0)
        {
            var result = reader.Summarize(window);
            Assert.Equal(late.Concat(unparsable), result.Report.Rejects.Select(r => r.Line));
            Assert.Equal((long)Rows, result.Report.RowsUsed + result.Report.RowsRejected);
            return;
        }

        var error = Assert.Throws<DataReadException>(() => reader.Summarize(window));
        Assert.Equal(failingLine, error.Line);
        Assert.Contains("MaxRejects", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cancelled_read_stops_with_the_cancellation()
    {
        var log = Generate(13);
        using var cancellation = new CancellationTokenSource();
        using var reader = TransactionReader.OpenCsv(log.Path, new TransactionReadOptions { BadRows = BadRowPolicy.Collect });
        var progress = new Progress(_ => cancellation.Cancel());
        Assert.Throws<OperationCanceledException>(() => reader.Summarize(log.Window, progress: progress, cancellationToken: cancellation.Token));
        Assert.Equal(1, progress.Reports); // cancelled at the first report (row 65,536), not read to the end
    }

    [Fact]
    public async Task A_read_cancelled_while_a_block_is_being_added_stops_with_the_cancellation()
    {
        var log = Generate(14);
        using var cancellation = new CancellationTokenSource();
        var options = new TransactionReadOptions { BadRows = BadRowPolicy.Collect };
        await using var reader = TransactionReader.OpenCsv(log.Path, options);
        var progress = new Progress(reports =>
        {
            if (reports == 5)
            {
                cancellation.Cancel(); // at row 327,680: the first block (262,144 rows) is with the worker
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader.SummarizeAsync(log.Window, progress: progress, cancellationToken: cancellation.Token));
        Assert.Equal(5, progress.Reports);
    }

    /// <summary>Reports synchronously (<see cref="Progress{T}"/> would post to the thread pool).</summary>
    /// <param name="onReport">Called with the number of reports so far.</param>
    private sealed class Progress(Action<int> onReport) : IProgress<ReadProgress>
    {
        public int Reports { get; private set; }

        public void Report(ReadProgress value) => onReport(++Reports);
    }
}
