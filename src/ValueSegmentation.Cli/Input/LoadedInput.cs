using ValueSegmentation.Data;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Cli.Input;

/// <summary>
/// A transaction log as read: the transactions in memory, or the customer summaries an engine computed (or a summary
/// table held); with the count of rows read, used, rejected and, for an engine, dropped after the end (read = used +
/// rejected + dropped).
/// </summary>
internal sealed class LoadedInput
{
    private LoadedInput(string source, IReadOnlyList<Transaction>? transactions, CustomerSummaryCollection? summaries, long rowsRead, long rowsRejected, long rowsAfterEnd, string? rejectsFile)
    {
        Source = source;
        Transactions = transactions;
        Summaries = summaries;
        RowsRead = rowsRead;
        RowsRejected = rowsRejected;
        RowsAfterEnd = rowsAfterEnd;
        RejectsFile = rejectsFile;
    }

    /// <summary>The file read, or the embedded sample's name.</summary>
    public string Source { get; }

    /// <summary>The transactions, when read into memory.</summary>
    public IReadOnlyList<Transaction>? Transactions { get; }

    /// <summary>The customer summaries, when an engine computed them or a summary table was read.</summary>
    public CustomerSummaryCollection? Summaries { get; }

    /// <summary>Rows read (data rows, without the header).</summary>
    public long RowsRead { get; }

    /// <summary>Rows rejected as bad.</summary>
    public long RowsRejected { get; }

    /// <summary>Rows an engine dropped for being after the end of observation (in memory the pipeline drops and counts
    /// them: <see cref="SegmentationResult.DroppedTransactions"/>).</summary>
    public long RowsAfterEnd { get; }

    /// <summary>Rows used: read − rejected − dropped after the end.</summary>
    public long RowsUsed => RowsRead - RowsRejected - RowsAfterEnd;

    /// <summary>Where the rejected rows were written, if any were.</summary>
    public string? RejectsFile { get; }

    /// <summary>A log read into memory, its rejects written to <paramref name="rejectsFile"/> when there were any.</summary>
    public static LoadedInput InMemory(string source, IReadOnlyList<Transaction> transactions, ReadReport report, string? rejectsFile) =>
        new(source, transactions, null, report.RowsRead, report.RowsRejected, 0, report.RowsRejected > 0 ? rejectsFile : null);

    /// <summary>A summary table read, its rejects written to <paramref name="rejectsFile"/> when there were any.</summary>
    public static LoadedInput OfSummaryTable(string source, CustomerSummaryCollection summaries, ReadReport report, string? rejectsFile) =>
        new(source, null, summaries, report.RowsRead, report.RowsRejected, 0, report.RowsRejected > 0 ? rejectsFile : null);

    /// <summary>Summaries computed by an engine, which counts its bad rows but does not list them.</summary>
    public static LoadedInput FromEngine(string source, CustomerSummaryCollection summaries, long rowsRead, long rowsRejected, long rowsAfterEnd) =>
        new(source, null, summaries, rowsRead, rowsRejected, rowsAfterEnd, null);

    /// <summary>The rows after the end dropped by the engine or, given, by the pipeline.</summary>
    /// <param name="droppedByPipeline">Transactions the pipeline dropped after the end
    /// (<see cref="SegmentationResult.DroppedTransactions"/>), 0 when it did not run.</param>
    public long Dropped(long droppedByPipeline) => RowsAfterEnd + droppedByPipeline;

    /// <summary>One line for the console: rows read = used + rejected (+ dropped after the end).</summary>
    /// <param name="droppedByPipeline">Transactions the pipeline dropped after the end.</param>
    public string Describe(long droppedByPipeline)
    {
        long dropped = Dropped(droppedByPipeline);
        return FormattableString.Invariant($"{Source}: {RowsRead:N0} rows read = {RowsUsed - droppedByPipeline:N0} used + {RowsRejected:N0} rejected")
            + (dropped > 0 ? FormattableString.Invariant($" + {dropped:N0} after the end dropped") : string.Empty);
    }
}
