using ValueSegmentation.Transactions;

namespace ValueSegmentation.Data;

/// <summary>The customer summaries a read produced, and its report.</summary>
/// <param name="Summaries">The summaries (kept as columns).</param>
/// <param name="Report">What the read did with every row.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record SummaryReadResult(CustomerSummaryCollection Summaries, ReadReport Report);
