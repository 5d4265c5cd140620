using FsCheck.Xunit;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Tests.Properties;

/// <summary>
/// Summaries merge: partial summaries of a log combine into the summary of the whole log, whatever the split
/// (by date range for <see cref="TransactionOrder.Chronological"/>, any split for <see cref="TransactionOrder.Any"/>)
/// and whatever the order of merging.
/// </summary>
/// <remarks>
/// Amounts are multiples of 0.25 and small (see <see cref="LogEntry"/>), so every sum is exact in any order and
/// the comparisons use exact equality.
/// </remarks>
public class SummaryMergeProperties
{
    [Property(Arbitrary = [typeof(TransactionLogArbitraries)])]
    public void Chronological_builders_of_date_parts_merged_in_any_order_equal_one_builder_over_the_log(TransactionLog log)
    {
        var whole = SummaryAssert.Builder(log.Window, TransactionOrder.Chronological, log.Chronological()).Build();

        var parts = log.DateParts().Select(part => SummaryAssert.Builder(log.Window, TransactionOrder.Chronological, part));
        var merged = SummaryAssert.MergeNeighbours(parts, log.MergeSalts, SummaryAssert.MergeInto);

        SummaryAssert.Same(whole, merged.Build());
        Assert.Equal(log.Entries.Count, merged.TransactionCount);
    }

    [Property(Arbitrary = [typeof(TransactionLogArbitraries)])]
    public void Summaries_of_date_parts_merged_in_any_order_equal_the_summaries_of_the_log_without_holdout(TransactionLog log) =>
        AssertMergedPartSummariesEqualWholeLog(log.WithoutHoldout());

    /// <summary>
    /// The same with the window's calibration end (two logs in three have one), for every customer whom no part
    /// lists as holdout-only. A part in which a customer bought only after the calibration end has no summary
    /// for them, so summaries cannot carry that part's holdout purchases (documented on
    /// <see cref="CustomerSummary.Merge"/>; merging builders, above, is exact in that case too).
    /// </summary>
    [Property(Arbitrary = [typeof(TransactionLogArbitraries)])]
    public void Summaries_of_date_parts_merged_in_any_order_equal_the_summaries_of_the_log_with_holdout(TransactionLog log)
    {
        var whole = SummaryAssert.Builder(log.Window, TransactionOrder.Chronological, log.Chronological()).Build();
        var parts = log.DateParts().Select(part => SummaryAssert.Builder(log.Window, TransactionOrder.Chronological, part).Build()).ToList();
        var partlyHoldoutOnly = parts.SelectMany(p => p.HoldoutOnlyCustomerIds).ToHashSet(StringComparer.Ordinal);
        foreach (var expected in whole.Where(s => !partlyHoldoutOnly.Contains(s.CustomerId)))
        {
            var pieces = parts.SelectMany(p => p.Where(s => s.CustomerId == expected.CustomerId)).ToList();
            var merged = SummaryAssert.MergeNeighbours(pieces, log.MergeSalts, (a, b) => a.Merge(b));
            Assert.Equal(expected, merged);
        }
    }

    [Property(Arbitrary = [typeof(ThreePartCustomerLogArbitraries)])]
    public void Merging_summaries_of_date_parts_is_commutative_and_associative(TransactionLog log)
    {
        var summaries = log.DateParts()
            .Select(part => Assert.Single(SummaryAssert.Builder(log.Window, TransactionOrder.Chronological, part).Build()))
            .ToArray();
        var (a, b, c) = (summaries[0], summaries[1], summaries[2]);

        SummaryAssert.Same(a.Merge(b), b.Merge(a));
        SummaryAssert.Same(b.Merge(c), c.Merge(b));
        SummaryAssert.Same(a.Merge(c), c.Merge(a)); // a and c do not interleave either (b lies between them)
        SummaryAssert.Same(a.Merge(b).Merge(c), a.Merge(b.Merge(c)));
        SummaryAssert.Same(a.Merge(b).Merge(c), c.Merge(b.Merge(a)));
        SummaryAssert.Same(a.Merge(b).Merge(c), Assert.Single(SummaryAssert.Builder(log.Window, TransactionOrder.Chronological, log.Chronological()).Build()));
    }

    [Property(Arbitrary = [typeof(TransactionLogArbitraries)])]
    public void Any_order_builders_of_a_random_partition_merged_in_any_order_equal_one_builder_over_the_log(TransactionLog log)
    {
        var whole = SummaryAssert.Builder(log.Window, TransactionOrder.Chronological, log.Chronological()).Build();

        var parts = log.RandomParts().Select(part => SummaryAssert.Builder(log.Window, TransactionOrder.Any, part));
        var merged = SummaryAssert.MergeAnyPairs(parts, log.MergeSalts, SummaryAssert.MergeInto);

        SummaryAssert.Same(whole, merged.Build());
        Assert.Equal(log.Entries.Count, merged.TransactionCount);
    }

    [Property(Arbitrary = [typeof(TransactionLogArbitraries)])]
    public void An_any_order_builder_over_a_shuffled_log_equals_a_chronological_builder_over_the_sorted_log(TransactionLog log)
    {
        var chronological = SummaryAssert.Builder(log.Window, TransactionOrder.Chronological, log.Chronological()).Build();
        var any = SummaryAssert.Builder(log.Window, TransactionOrder.Any, log.Shuffled()).Build();

        SummaryAssert.Same(chronological, any);
    }

    private static void AssertMergedPartSummariesEqualWholeLog(TransactionLog log)
    {
        var whole = SummaryAssert.Builder(log.Window, TransactionOrder.Chronological, log.Chronological()).Build();

        var parts = log.DateParts().Select(part => SummaryAssert.Builder(log.Window, TransactionOrder.Chronological, part).Build()).ToList();
        var customers = parts.SelectMany(p => p.Select(s => s.CustomerId).Concat(p.HoldoutOnlyCustomerIds)).Distinct(StringComparer.Ordinal);
        var merged = new List<CustomerSummary>();
        var holdoutOnly = new List<string>();
        foreach (string id in customers)
        {
            // This customer's summaries in part (that is, date) order; a part in which they bought only in the
            // holdout period has none.
            var pieces = parts.SelectMany(p => p.Where(s => s.CustomerId == id)).ToList();
            if (pieces.Count == 0)
            {
                holdoutOnly.Add(id);
                continue;
            }

            merged.Add(SummaryAssert.MergeNeighbours(pieces, log.MergeSalts, (a, b) => a.Merge(b)));
        }

        SummaryAssert.Same(whole, new CustomerSummaryCollection(merged, holdoutOnly));
    }
}
