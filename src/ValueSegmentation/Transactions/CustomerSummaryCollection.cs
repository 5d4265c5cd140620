using System.Collections;

namespace ValueSegmentation.Transactions;

/// <summary>
/// The summaries built from a transaction log, with the window they share and the customers that could not
/// be summarised because all their purchases fall in the holdout period.
/// </summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class CustomerSummaryCollection : IReadOnlyList<CustomerSummary>
{
    private readonly CustomerSummary[] _summaries;

    /// <summary>Creates a collection.</summary>
    /// <param name="window">The window every summary covers.</param>
    /// <param name="summaries">The summaries; each must cover <paramref name="window"/>.</param>
    /// <param name="holdoutOnlyCustomerIds">Customers whose every purchase falls in the holdout period.</param>
    /// <exception cref="ArgumentNullException">An argument is null or holds a null.</exception>
    /// <exception cref="ArgumentException">A summary covers another window.</exception>
    public CustomerSummaryCollection(ObservationWindow window, IEnumerable<CustomerSummary> summaries, IEnumerable<string>? holdoutOnlyCustomerIds = null)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(summaries);
        _summaries = [.. summaries];
        for (int i = 0; i < _summaries.Length; i++)
        {
            var summary = _summaries[i] ?? throw new ArgumentNullException(nameof(summaries), $"Summary #{i} is null.");
            if (!summary.Window.Equals(window))
            {
                throw new ArgumentException($"Summary #{i} (customer '{summary.CustomerId}') covers another window ({summary.Window}).", nameof(summaries));
            }
        }

        Window = window;
        HoldoutOnlyCustomerIds = [.. holdoutOnlyCustomerIds ?? []];
    }

    private CustomerSummaryCollection(ObservationWindow window, CustomerSummary[] summaries, string[] holdoutOnlyCustomerIds)
    {
        Window = window;
        _summaries = summaries;
        HoldoutOnlyCustomerIds = holdoutOnlyCustomerIds;
    }

    /// <summary>The window every summary covers.</summary>
    public ObservationWindow Window { get; }

    /// <summary>Customers seen only in the holdout period: they have no calibration history, so no summary.</summary>
    public IReadOnlyList<string> HoldoutOnlyCustomerIds { get; }

    /// <summary>Number of summaries.</summary>
    public int Count => _summaries.Length;

    /// <summary>The summary at <paramref name="index"/>.</summary>
    /// <param name="index">Zero-based position.</param>
    /// <returns>The summary.</returns>
    public CustomerSummary this[int index] => _summaries[index];

    /// <summary>The summaries as a read-only span, for tight loops.</summary>
    /// <returns>A span over the summaries.</returns>
    public ReadOnlySpan<CustomerSummary> AsSpan() => _summaries;

    /// <inheritdoc />
    public IEnumerator<CustomerSummary> GetEnumerator() => ((IEnumerable<CustomerSummary>)_summaries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Wraps arrays that the caller built, validated and will not change (no copy, no check).</summary>
    internal static CustomerSummaryCollection TakeOwnership(ObservationWindow window, CustomerSummary[] summaries, string[] holdoutOnlyCustomerIds) =>
        new(window, summaries, holdoutOnlyCustomerIds);
}
