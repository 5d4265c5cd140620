namespace ValueSegmentation.Data;

/// <summary>What a read did with every row of its source: <see cref="RowsRead"/> = <see cref="RowsUsed"/> +
/// <see cref="RowsRejected"/>, always.</summary>
/// <remarks>Immutable and thread-safe; a reader's <see cref="TransactionReader.Report"/> is a new snapshot each time.</remarks>
public sealed class ReadReport
{
    internal ReadReport(string source, long rowsUsed, IReadOnlyList<RejectedRow> rejects)
    {
        Source = source;
        RowsUsed = rowsUsed;
        Rejects = rejects;
    }

    /// <summary>The source: the file's path, or the name given for a database reader.</summary>
    public string Source { get; }

    /// <summary>Data rows read (not counting a header).</summary>
    public long RowsRead => RowsUsed + RowsRejected;

    /// <summary>Rows that became transactions (or summaries), including transactions the summary builder dropped for
    /// falling after the window's end with <c>TransactionsAfterEnd.Drop</c>, which it counts in
    /// <c>DroppedTransactionCount</c>.</summary>
    public long RowsUsed { get; }

    /// <summary>Rows rejected (with <see cref="BadRowPolicy.Collect"/>; 0 otherwise, since the first bad row stops the read).</summary>
    public long RowsRejected => Rejects.Count;

    /// <summary>Each rejected row, in the order read.</summary>
    public IReadOnlyList<RejectedRow> Rejects { get; }

    /// <summary>"N rows read: N used, N rejected", with the source.</summary>
    /// <returns>A one-line summary.</returns>
    public override string ToString() => FormattableString.Invariant($"{Source}: {RowsRead:N0} rows read: {RowsUsed:N0} used, {RowsRejected:N0} rejected");
}
