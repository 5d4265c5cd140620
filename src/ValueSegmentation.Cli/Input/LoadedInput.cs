using ValueSegmentation.Data;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Cli.Input;

/// <summary>
/// A transaction log as read: the transactions in memory, or the customer summaries an engine computed from files too
/// large for memory; with the count of rows read, used and rejected (read = used + rejected).
/// </summary>
internal sealed class LoadedInput
{
    private LoadedInput(string source, IReadOnlyList<Transaction>? transactions, CustomerSummaryCollection? summaries, long rowsRead, long rowsUsed, ReadReport? report)
    {
        Source = source;
        Transactions = transactions;
        Summaries = summaries;
        RowsRead = rowsRead;
        RowsUsed = rowsUsed;
        Report = report;
    }

    /// <summary>The file read, or the embedded sample's name.</summary>
    public string Source { get; }

    /// <summary>The transactions, when read into memory.</summary>
    public IReadOnlyList<Transaction>? Transactions { get; }

    /// <summary>The customer summaries, when an engine computed them.</summary>
    public CustomerSummaryCollection? Summaries { get; }

    /// <summary>Rows read (data rows, without the header).</summary>
    public long RowsRead { get; }

    /// <summary>Rows used.</summary>
    public long RowsUsed { get; }

    /// <summary>Rows rejected: <see cref="RowsRead"/> − <see cref="RowsUsed"/>.</summary>
    public long RowsRejected => RowsRead - RowsUsed;

    /// <summary>The reader's report with each rejected row, when read in memory.</summary>
    public ReadReport? Report { get; }

    /// <summary>Where the rejected rows were written, if any were.</summary>
    public string? RejectsFile { get; private set; }

    /// <summary>A log read into memory.</summary>
    public static LoadedInput InMemory(string source, IReadOnlyList<Transaction> transactions, ReadReport report) =>
        new(source, transactions, null, report.RowsRead, report.RowsUsed, report);

    /// <summary>Summaries computed by an engine, or read from a summary table (with its reader's report).</summary>
    public static LoadedInput OfSummaries(string source, CustomerSummaryCollection summaries, long rowsRead, long rowsUsed, ReadReport? report = null) =>
        new(source, null, summaries, rowsRead, rowsUsed, report);

    /// <summary>Writes the rejected rows, if there are any, and remembers where.</summary>
    public void WriteRejects(string path)
    {
        if (Report is not { RowsRejected: > 0 } report)
        {
            return;
        }

        using var writer = OutputFiles.CreateText(path);
        ResultCsvWriter.WriteRejects(writer, report);
        RejectsFile = path;
    }

    /// <summary>One line for the console: rows read = used + rejected.</summary>
    public override string ToString() =>
        FormattableString.Invariant($"{Source}: {RowsRead:N0} rows read = {RowsUsed:N0} used + {RowsRejected:N0} rejected");
}
