using System.Globalization;

namespace ValueSegmentation.DuckDb;

/// <summary>What building the summaries read and made: every row of the files is accounted for (read = used + rejected +
/// after the end).</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class DuckDbSummaryReport
{
    internal DuckDbSummaryReport(long rowsRead, long rowsRejected, long rowsAfterEnd, long customers, int parts, TimeSpan elapsed)
    {
        RowsRead = rowsRead;
        RowsRejected = rowsRejected;
        RowsAfterEnd = rowsAfterEnd;
        Customers = customers;
        Parts = parts;
        Elapsed = elapsed;
    }

    /// <summary>The rows of the files.</summary>
    public long RowsRead { get; }

    /// <summary>The rows in the summaries: those read, less the rejected and those after the end.</summary>
    public long RowsUsed => RowsRead - RowsRejected - RowsAfterEnd;

    /// <summary>The rows left out as unusable: a NULL customer, time or amount, or an amount that is not a finite number.</summary>
    public long RowsRejected { get; }

    /// <summary>The usable rows of purchase periods after the window's, left out.</summary>
    public long RowsAfterEnd { get; }

    /// <summary>The customers summarised: those with a purchase in the calibration period.</summary>
    public long Customers { get; }

    /// <summary>The parts of the customers the summaries were built in.</summary>
    public int Parts { get; }

    /// <summary>How long building took.</summary>
    public TimeSpan Elapsed { get; }

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{RowsRead:N0} rows read: {RowsUsed:N0} used, {RowsRejected:N0} rejected, {RowsAfterEnd:N0} after the end; {Customers:N0} customers in {Parts} part{(Parts == 1 ? string.Empty : "s")}, {Elapsed.TotalSeconds:F1} s");
}
