namespace ValueSegmentation.Data;

/// <summary>What one check of a <see cref="DataQualityProfile"/> found.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class QualityFinding
{
    internal QualityFinding(QualityCheck check, string rule, long count, long outOf, IReadOnlyList<long> exampleLines, IReadOnlyList<string> exampleCustomerIds)
    {
        Check = check;
        Rule = rule;
        Count = count;
        OutOf = outOf;
        ExampleLines = exampleLines;
        ExampleCustomerIds = exampleCustomerIds;
    }

    /// <summary>The check.</summary>
    public QualityCheck Check { get; }

    /// <summary>What the check flags, in words, with its limits (for a report).</summary>
    public string Rule { get; }

    /// <summary>The transactions (row checks) or customers (customer checks) flagged.</summary>
    public long Count { get; }

    /// <summary>The transactions or customers checked.</summary>
    public long OutOf { get; }

    /// <summary><see cref="Count"/> / <see cref="OutOf"/>, 0 when nothing was checked.</summary>
    public double Share => OutOf == 0 ? 0.0 : (double)Count / OutOf;

    /// <summary>Whether the check is about customers (<see cref="ExampleCustomerIds"/>) rather than rows (<see cref="ExampleLines"/>).</summary>
    public bool IsAboutCustomers => Check is QualityCheck.TransactionCountOutlier or QualityCheck.RevenueOutlier;

    /// <summary>Row checks: the first flagged rows' lines (as in <see cref="RejectedRow.Line"/>), at most
    /// <see cref="DataQualityRules.MaxExamples"/> (one fewer for each of them the summary builder refused later); empty
    /// for customer checks.</summary>
    public IReadOnlyList<long> ExampleLines { get; }

    /// <summary>Customer checks: the flagged customers with the largest values, largest first, at most
    /// <see cref="DataQualityRules.MaxExamples"/> (pseudonyms when the read pseudonymises); empty for row checks.</summary>
    public IReadOnlyList<string> ExampleCustomerIds { get; }

    /// <summary>"Check: N of M (share)".</summary>
    /// <returns>A one-line summary.</returns>
    public override string ToString() => FormattableString.Invariant($"{Check}: {Count:N0} of {OutOf:N0} ({Share:P2})");
}
