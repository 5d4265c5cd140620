using ValueSegmentation.Transactions;

namespace ValueSegmentation.Data;

/// <summary>The covariates a read produced, and its report.</summary>
/// <param name="Covariates">The customers' covariates (categorical columns as 0/1 columns against their reference).</param>
/// <param name="Report">What the read did with every row: rows read = used + rejected.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record CovariateReadResult(CustomerCovariates Covariates, ReadReport Report);
