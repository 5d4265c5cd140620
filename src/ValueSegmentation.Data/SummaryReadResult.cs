using ValueSegmentation.Transactions;

namespace ValueSegmentation.Data;

/// <summary>The customer summaries a read produced, its report and its data-quality profile.</summary>
/// <param name="Summaries">The summaries (kept as columns).</param>
/// <param name="Report">What the read did with every row.</param>
/// <param name="Quality">What the rows and customers show that may make wrong segments: the row checks of a
/// transaction read and the customer checks (a summary-table read has only those).</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record SummaryReadResult(CustomerSummaryCollection Summaries, ReadReport Report, DataQualityProfile Quality)
{
    /// <summary>The summaries and the report, for <c>var (customers, report) = …</c>.</summary>
    /// <param name="summaries">The summaries.</param>
    /// <param name="report">The report.</param>
    public void Deconstruct(out CustomerSummaryCollection summaries, out ReadReport report)
    {
        summaries = Summaries;
        report = Report;
    }
}
