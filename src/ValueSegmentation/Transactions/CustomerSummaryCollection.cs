using System.Collections;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ValueSegmentation.Internal;
using ValueSegmentation.Segmentation;

namespace ValueSegmentation.Transactions;

/// <summary>
/// A population of customer summaries: the summaries of a transaction log, with the window they share, the customers
/// that could not be summarised because all their purchases fall in the holdout period, and the value of every
/// <see cref="CustomerMeasure"/> asked of it, evaluated once and kept.
/// </summary>
/// <remarks>
/// <para>Strategies, segmenters, reports and the pipeline all read measures through <see cref="ValuesOf"/>, so fitting
/// a strategy, assigning its segments and reporting on them evaluate a measure (a model's batch call, for a
/// probabilistic one) once per customer, not once per step. A strategy of your own gets the same: wrap what it is given
/// with <see cref="Of"/> and read <see cref="ValuesOf"/>. Values are kept for as long as the measure object lives.</para>
/// <para>Instances are immutable and thread-safe; concurrent first requests for one measure evaluate it once.</para>
/// </remarks>
public sealed class CustomerSummaryCollection : IReadOnlyList<CustomerSummary>
{
    private readonly CustomerSummary[] _summaries;
    private readonly ConditionalWeakTable<CustomerMeasure, Lazy<double[]>> _values = new();
    private readonly Lazy<ObservationWindow?> _window;
    private Dictionary<string, int>? _indexById;

    /// <summary>Creates a collection of summaries computed elsewhere or selected from another collection.</summary>
    /// <param name="summaries">The summaries: all from one window, or all built from numbers in one time unit; each
    /// customer once.</param>
    /// <param name="holdoutOnlyCustomerIds">Customers whose every purchase falls in the holdout period.</param>
    /// <exception cref="ArgumentNullException">An argument is null or holds a null.</exception>
    /// <exception cref="ArgumentException">The summaries mix windows or time units, or a customer appears twice.</exception>
    public CustomerSummaryCollection(IEnumerable<CustomerSummary> summaries, IEnumerable<string>? holdoutOnlyCustomerIds = null)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        _summaries = [.. summaries];
        var window = CheckCommonScale(_summaries, nameof(summaries));
        _window = new Lazy<ObservationWindow?>(window);
        _indexById = IndexById(_summaries, nameof(summaries));
        HoldoutOnlyCustomerIds = [.. holdoutOnlyCustomerIds ?? []];
    }

    private CustomerSummaryCollection(CustomerSummary[] summaries, Lazy<ObservationWindow?> window, string[] holdoutOnlyCustomerIds, long droppedTransactions)
    {
        _summaries = summaries;
        _window = window;
        HoldoutOnlyCustomerIds = holdoutOnlyCustomerIds;
        DroppedTransactionCount = droppedTransactions;
    }

    /// <summary>The window every summary covers; <see langword="null"/> for summaries built from numbers (or none).</summary>
    /// <exception cref="InvalidOperationException">The collection wraps a list (<see cref="Of"/>) whose summaries mix
    /// windows or time units.</exception>
    public ObservationWindow? Window => _window.Value;

    /// <summary>Customers seen only in the holdout period: they have no calibration history, so no summary.</summary>
    public IReadOnlyList<string> HoldoutOnlyCustomerIds { get; }

    /// <summary>Transactions the builder left out because they fell after the window's end
    /// (<see cref="TransactionsAfterEnd.Drop"/>); 0 otherwise.</summary>
    public long DroppedTransactionCount { get; }

    /// <summary>Number of summaries.</summary>
    public int Count => _summaries.Length;

    /// <summary>The summary at <paramref name="index"/>.</summary>
    /// <param name="index">Zero-based position.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or not less than <see cref="Count"/>.</exception>
    public CustomerSummary this[int index] => _summaries[Indexes.Check(index, _summaries.Length)];

    /// <summary>The population as a collection: <paramref name="customers"/> itself when it is one (so its measure
    /// values are shared), otherwise a new collection over its summaries, made cheaply for strategies and segmenters:
    /// it checks only that no summary is null, and checks that each customer appears once on the first lookup by
    /// identifier and that the summaries share one window on the first read of <see cref="Window"/>. The constructor
    /// checks everything at once.</summary>
    /// <param name="customers">The customers.</param>
    /// <returns>The collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null or holds a null.</exception>
    public static CustomerSummaryCollection Of(IReadOnlyList<CustomerSummary> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        if (customers is CustomerSummaryCollection collection)
        {
            return collection;
        }

        CustomerSummary[] summaries = [.. customers];
        for (int i = 0; i < summaries.Length; i++)
        {
            if (summaries[i] is null)
            {
                throw new ArgumentNullException(nameof(customers), $"Summary #{i} is null.");
            }
        }

        var window = new Lazy<ObservationWindow?>(() => CommonScaleOrThrow(summaries));
        return new CustomerSummaryCollection(summaries, window, [], 0);
    }

    /// <summary>The summaries as a read-only span, for tight loops.</summary>
    /// <returns>A span over the summaries.</returns>
    public ReadOnlySpan<CustomerSummary> AsSpan() => _summaries;

    /// <summary>
    /// The value of a measure for every customer, in the collection's order: evaluated on the first request through the
    /// measure's batch path and kept, so later requests (the fit, the assignment, the report) cost nothing.
    /// </summary>
    /// <param name="measure">The measure.</param>
    /// <returns>One finite value per customer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="measure"/> is null.</exception>
    /// <exception cref="MeasureEvaluationException">The measure cannot value a customer; the exception names both.</exception>
    public ReadOnlySpan<double> ValuesOf(CustomerMeasure measure) => ValuesArray(measure);

    /// <summary>The position of a customer in the collection, found by identifier without a scan (the index is built
    /// on the first lookup).</summary>
    /// <param name="customerId">The customer's identifier (compared ordinally).</param>
    /// <returns>The position, or −1 when the customer is not in the collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customerId"/> is null.</exception>
    public int IndexOf(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        var index = Volatile.Read(ref _indexById) ?? InitialiseIndex();
        return index.TryGetValue(customerId, out int position) ? position : -1;
    }

    /// <summary>Looks a customer up by identifier without a scan.</summary>
    /// <param name="customerId">The customer's identifier (compared ordinally).</param>
    /// <param name="summary">The customer's summary, when found.</param>
    /// <returns><see langword="true"/> when the customer is in the collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customerId"/> is null.</exception>
    public bool TryGetCustomer(string customerId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CustomerSummary? summary)
    {
        int position = IndexOf(customerId);
        summary = position >= 0 ? _summaries[position] : null;
        return summary is not null;
    }

    /// <inheritdoc />
    public IEnumerator<CustomerSummary> GetEnumerator() => ((IEnumerable<CustomerSummary>)_summaries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Wraps arrays that the builder built, validated and will not change (no copy, no check).</summary>
    internal static CustomerSummaryCollection TakeOwnership(ObservationWindow window, CustomerSummary[] summaries, string[] holdoutOnlyCustomerIds, long droppedTransactions) =>
        new(summaries, new Lazy<ObservationWindow?>(window), holdoutOnlyCustomerIds, droppedTransactions);

    /// <summary>The kept values of a measure (see <see cref="ValuesOf"/>); callers must not write to the array.</summary>
    internal double[] ValuesArray(CustomerMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        return _values.GetValue(measure, m => new Lazy<double[]>(() => Evaluate(m), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    private double[] Evaluate(CustomerMeasure measure)
    {
        var values = GC.AllocateUninitializedArray<double>(_summaries.Length);
        measure.Evaluate(_summaries, values);
        return values;
    }

    private Dictionary<string, int> InitialiseIndex()
    {
        var index = IndexById(_summaries, "customers");
        return Interlocked.CompareExchange(ref _indexById, index, null) ?? index;
    }

    private static Dictionary<string, int> IndexById(CustomerSummary[] summaries, string parameterName)
    {
        var index = new Dictionary<string, int>(summaries.Length, StringComparer.Ordinal);
        for (int i = 0; i < summaries.Length; i++)
        {
            ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(index, summaries[i].CustomerId, out bool exists);
            if (exists)
            {
                throw new ArgumentException($"Customer '{summaries[i].CustomerId}' appears twice (#{slot} and #{i}); a population holds each customer once.", parameterName);
            }

            slot = i;
        }

        return index;
    }

    private static ObservationWindow? CommonScaleOrThrow(CustomerSummary[] summaries)
    {
        try
        {
            return CheckCommonScale(summaries, "customers");
        }
        catch (ArgumentException mixed)
        {
            throw new InvalidOperationException(mixed.Message, mixed);
        }
    }

    /// <summary>Checks that the summaries are non-null and comparable (one window, or numbers in one unit) and
    /// returns the common window.</summary>
    private static ObservationWindow? CheckCommonScale(CustomerSummary[] summaries, string parameterName)
    {
        for (int i = 0; i < summaries.Length; i++)
        {
            var summary = summaries[i] ?? throw new ArgumentNullException(parameterName, $"Summary #{i} is null.");
            var first = summaries[0];
            if (summary.TimeUnit != first.TimeUnit || !Equals(summary.Window, first.Window))
            {
                throw new ArgumentException(
                    $"Summary #{i} (customer '{summary.CustomerId}') is {Describe(summary)}, summary #0 (customer '{first.CustomerId}') {Describe(first)}; a population is measured on one scale.",
                    parameterName);
            }
        }

        return summaries.Length == 0 ? null : summaries[0].Window;

        static string Describe(CustomerSummary s) => s.Window is { } w ? $"over the window {w}" : $"from numbers in {s.TimeUnit}";
    }
}
