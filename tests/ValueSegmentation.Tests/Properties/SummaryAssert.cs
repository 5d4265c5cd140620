using System.Globalization;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Tests.Properties;

/// <summary>Building, merging and comparing summaries in the summary-merging properties.</summary>
internal static class SummaryAssert
{
    public static CustomerSummaryBuilder Builder(ObservationWindow window, TransactionOrder order, IEnumerable<Transaction> transactions)
    {
        var builder = new CustomerSummaryBuilder(window, order);
        builder.AddRange(transactions);
        return builder;
    }

    /// <summary>Merges <paramref name="other"/> into <paramref name="into"/> and returns it.</summary>
    public static CustomerSummaryBuilder MergeInto(CustomerSummaryBuilder into, CustomerSummaryBuilder other)
    {
        into.Merge(other);
        return into;
    }

    /// <summary>
    /// Merges time-ordered parts down to one by repeatedly merging a randomly chosen pair of neighbours, in a
    /// random direction (left with right, or right with left): every merge tree over the sequence can occur.
    /// Only neighbours are merged because merging two parts around a third would interleave with it, which
    /// chronological summaries reject by contract.
    /// </summary>
    public static T MergeNeighbours<T>(IEnumerable<T> parts, IReadOnlyList<int> salts, Func<T, T, T> merge)
    {
        var list = parts.ToList();
        for (int step = 0; list.Count > 1; step++)
        {
            int salt = salts[step % salts.Count];
            int i = salt / 2 % (list.Count - 1);
            list[i] = salt % 2 == 0 ? merge(list[i], list[i + 1]) : merge(list[i + 1], list[i]);
            list.RemoveAt(i + 1);
        }

        return list[0];
    }

    /// <summary>Merges parts down to one by repeatedly merging a random ordered pair of any two of them.</summary>
    public static T MergeAnyPairs<T>(IEnumerable<T> parts, IReadOnlyList<int> salts, Func<T, T, T> merge)
    {
        var list = parts.ToList();
        for (int step = 0; list.Count > 1; step++)
        {
            int salt = salts[step % salts.Count], count = list.Count;
            int i = salt % count;
            int j = (i + 1 + (salt / count % (count - 1))) % count;
            list[i] = merge(list[i], list[j]);
            list.RemoveAt(j);
        }

        return list[0];
    }

    /// <summary>
    /// Asserts that two collections hold equal summaries (by <see cref="CustomerSummary.Equals(CustomerSummary)"/>,
    /// as sets keyed by customer) and the same holdout-only customers (as sets).
    /// </summary>
    public static void Same(CustomerSummaryCollection expected, CustomerSummaryCollection actual)
    {
        var expectedById = expected.ToDictionary(s => s.CustomerId, StringComparer.Ordinal);
        var actualById = actual.ToDictionary(s => s.CustomerId, StringComparer.Ordinal);
        Assert.Equal(expected.Count, expectedById.Count);
        Assert.Equal(actual.Count, actualById.Count);
        Assert.Equal(expectedById.Keys.Order(StringComparer.Ordinal), actualById.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, summary) in expectedById)
        {
            Same(summary, actualById[id]);
        }

        Assert.Equal(expected.HoldoutOnlyCustomerIds.Order(StringComparer.Ordinal), actual.HoldoutOnlyCustomerIds.Order(StringComparer.Ordinal));
    }

    public static void Same(CustomerSummary expected, CustomerSummary actual) =>
        Assert.True(expected.Equals(actual), $"Summaries differ:\n  expected {Describe(expected)}\n  actual   {Describe(actual)}");

    /// <summary>Every public fact of a summary, for failure messages.</summary>
    public static string Describe(CustomerSummary s) => string.Create(
        CultureInfo.InvariantCulture,
        $"{s.CustomerId}: first {s.FirstPurchase:O}, last {s.LastPurchase:O}, purchases {s.PurchaseCount}, transactions {s.TransactionCount}, x {s.Frequency}, t_x {s.Recency}, T {s.Age}, revenue {s.Revenue} = {s.FirstPurchaseRevenue} + {s.RepeatRevenue}, cost {s.CostOfGoods} over {s.TransactionsWithCost}, holdout purchases {s.HoldoutPurchaseCount} worth {s.HoldoutRevenue}");
}
