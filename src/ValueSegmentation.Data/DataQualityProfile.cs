namespace ValueSegmentation.Data;

/// <summary>
/// What a read found that may make wrong segments: duplicated rows, refunds and zero amounts, costs above amounts,
/// implausible dates, missing costs (row checks, over the rows used), and customers with implausibly many transactions or
/// an implausible revenue (customer checks, over the summaries). It reports only: every flagged row is still used.
/// </summary>
/// <remarks>Immutable and thread-safe. The checks and their limits are in <see cref="QualityFinding.Rule"/>, set by
/// <see cref="DataReadOptions.Quality"/>.</remarks>
public sealed class DataQualityProfile
{
    internal DataQualityProfile(IReadOnlyList<QualityFinding> findings) => Findings = findings;

    /// <summary>Every check made, in the order of <see cref="QualityCheck"/>: the row checks for a transaction read, and
    /// the customer checks once summaries are built (a summary-table read has only those).</summary>
    public IReadOnlyList<QualityFinding> Findings { get; }

    /// <summary>Whether any check flagged anything.</summary>
    public bool HasFindings => Findings.Any(f => f.Count > 0);

    /// <summary>The finding of a check.</summary>
    /// <param name="check">The check.</param>
    /// <returns>Its finding, or <see langword="null"/> when this read did not make it.</returns>
    public QualityFinding? this[QualityCheck check] => Findings.FirstOrDefault(f => f.Check == check);

    /// <summary>The checks that flagged something, one per line.</summary>
    /// <returns>A short report.</returns>
    public override string ToString() => HasFindings
        ? string.Join(Environment.NewLine, Findings.Where(f => f.Count > 0))
        : "No findings.";
}
