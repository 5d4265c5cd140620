using System.Collections;
using System.Runtime.CompilerServices;
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
/// <para>What the builder and <see cref="FromNumbers"/> return is kept as columns (<see cref="IsColumnar"/>): about 48
/// bytes per customer plus the identifier, read directly by the measures, models, strategies and reports, with summary
/// objects made only when asked for. <see cref="CopyColumn"/> reads any field a block at a time.</para>
/// <para>Instances are immutable and thread-safe; concurrent first requests for one measure evaluate it once.</para>
/// </remarks>
public sealed class CustomerSummaryCollection : IReadOnlyList<CustomerSummary>
{
    private readonly SummaryColumns? _columns;
    private CustomerSummary[]? _summaries; // the summaries; for a collection kept as columns, created on the first AsSpan
    private readonly ConditionalWeakTable<CustomerMeasure, Lazy<double[]>> _values = new();
    private readonly Lazy<ObservationWindow?> _window;
    private CustomerIndex? _indexById;

    /// <summary>Creates a collection of summaries computed elsewhere or selected from another collection.</summary>
    /// <param name="summaries">The summaries: all from one window, or all built from numbers in one time unit; each
    /// customer once.</param>
    /// <param name="holdoutOnlyCustomerIds">Customers whose every purchase falls in the holdout period.</param>
    /// <exception cref="ArgumentNullException">An argument is null or holds a null.</exception>
    /// <exception cref="ArgumentException">The summaries mix windows or time units, or a customer appears twice.</exception>
    public CustomerSummaryCollection(IEnumerable<CustomerSummary> summaries, IEnumerable<string>? holdoutOnlyCustomerIds = null)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        CustomerSummary[] all = [.. summaries];
        var window = CheckCommonScale(all, nameof(summaries));
        _summaries = all;
        _window = new Lazy<ObservationWindow?>(window);
        _ = InitialiseIndex(nameof(summaries));
        HoldoutOnlyCustomerIds = [.. holdoutOnlyCustomerIds ?? []];
    }

    private CustomerSummaryCollection(CustomerSummary[] summaries, Lazy<ObservationWindow?> window, string[] holdoutOnlyCustomerIds, long droppedTransactions)
    {
        _summaries = summaries;
        _window = window;
        HoldoutOnlyCustomerIds = holdoutOnlyCustomerIds;
        DroppedTransactionCount = droppedTransactions;
    }

    private CustomerSummaryCollection(SummaryColumns columns, string[] holdoutOnlyCustomerIds, long droppedTransactions)
    {
        _columns = columns;
        _window = new Lazy<ObservationWindow?>(columns.Window);
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
    public int Count => _columns?.Count ?? _summaries!.Length;

    /// <summary>Whether the collection keeps its summaries as columns (built by <see cref="CustomerSummaryBuilder"/> or
    /// <see cref="FromNumbers"/>) rather than as the summary objects it was given.</summary>
    /// <remarks>A collection kept as columns costs about 48 bytes per customer plus the identifier (more with costs
    /// or a holdout period), against 250–400 for summary objects. Its measures, fits, predictions, strategies and
    /// reports read the columns; the summary objects are created only when asked for: one by one through the indexer
    /// and the enumerator (a new object on each access, equal to the last), all at once by <see cref="AsSpan"/>.</remarks>
    public bool IsColumnar => _columns is not null;

    /// <summary>The summary at <paramref name="index"/>; for a collection kept as columns (<see cref="IsColumnar"/>),
    /// created on each access unless <see cref="AsSpan"/> has created them all.</summary>
    /// <param name="index">Zero-based position.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or not less than <see cref="Count"/>.</exception>
    public CustomerSummary this[int index]
    {
        get
        {
            Indexes.Check(index, Count);
            return Volatile.Read(ref _summaries) is { } summaries ? summaries[index] : _columns!.Summary(index);
        }
    }

    /// <summary>The identifier of the customer at <paramref name="index"/>, without creating its summary.</summary>
    /// <param name="index">Zero-based position.</param>
    /// <returns>The identifier.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or not less than <see cref="Count"/>.</exception>
    public string CustomerIdAt(int index)
    {
        Indexes.Check(index, Count);
        return _columns is not null ? _columns.Ids[index] : _summaries![index].CustomerId;
    }

    /// <summary>
    /// Copies one field of the summaries from <paramref name="start"/> on, as many as <paramref name="destination"/>
    /// holds: the values of the <see cref="CustomerSummary"/> property that <paramref name="column"/> names, to the last
    /// bit, read straight from the columns of a collection kept as columns (<see cref="IsColumnar"/>).
    /// </summary>
    /// <remarks>The way for a model or a measure of your own to read a large population without creating a summary
    /// object per customer: copy the columns it needs a block at a time.</remarks>
    /// <param name="column">The field.</param>
    /// <param name="start">The position of the first customer to copy.</param>
    /// <param name="destination">Where the values go; its length is the number of customers copied.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="column"/> is not a defined value, or
    /// <paramref name="start"/> and the destination's length reach outside the collection.</exception>
    public void CopyColumn(SummaryColumn column, int start, Span<double> destination)
    {
        Guard.Defined(column);
        if ((uint)start > (uint)Count || destination.Length > Count - start)
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, $"Copying {destination.Length} customer(s) from #{start} reaches outside the {Count} of the collection.");
        }

        if (_columns is not null)
        {
            _columns.Copy(column, start, destination);
            return;
        }

        var summaries = _summaries.AsSpan(start, destination.Length);
        for (int i = 0; i < summaries.Length; i++)
        {
            destination[i] = Field(summaries[i], column);
        }
    }

    /// <summary>
    /// Creates a collection kept as columns from the numbers of many customers at once (a summary table read from a
    /// database or a file, computed elsewhere): row i is <see cref="CustomerSummary.FromNumbers"/> of the i-th element of
    /// every argument, checked the same way, without creating a summary object per customer.
    /// </summary>
    /// <param name="customerIds">The customers' identifiers, each once.</param>
    /// <param name="frequency">x, repeat purchases.</param>
    /// <param name="recency">t_x, in <paramref name="timeUnit"/>.</param>
    /// <param name="age">T, in <paramref name="timeUnit"/>.</param>
    /// <param name="timeUnit">The unit of recency and age.</param>
    /// <param name="monetaryValue">z̄, the mean repeat spend; empty for 0 everywhere.</param>
    /// <param name="revenue">Revenue of the calibration period; empty for the repeat revenue x · z̄.</param>
    /// <param name="costOfGoods">Cost of the goods sold in the calibration period; empty when unknown.</param>
    /// <param name="holdoutPurchases">Purchases in the holdout period; empty for none.</param>
    /// <param name="holdoutRevenue">Revenue in the holdout period; empty for none.</param>
    /// <returns>The collection, in the order of the rows.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customerIds"/> is null.</exception>
    /// <exception cref="ArgumentException">A span is neither empty (where allowed) nor as long as
    /// <paramref name="customerIds"/>, or a customer appears twice.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A row is invalid as in <see cref="CustomerSummary.FromNumbers"/>; the
    /// message names the row, the customer, the argument and the value.</exception>
    public static CustomerSummaryCollection FromNumbers(
        IReadOnlyList<string> customerIds,
        ReadOnlySpan<int> frequency,
        ReadOnlySpan<double> recency,
        ReadOnlySpan<double> age,
        TimeUnit timeUnit,
        ReadOnlySpan<double> monetaryValue = default,
        ReadOnlySpan<double> revenue = default,
        ReadOnlySpan<double> costOfGoods = default,
        ReadOnlySpan<int> holdoutPurchases = default,
        ReadOnlySpan<double> holdoutRevenue = default)
    {
        ArgumentNullException.ThrowIfNull(customerIds);
        Guard.Defined(timeUnit);
        int n = customerIds.Count;
        SameLength(frequency.Length, n, nameof(frequency), optional: false);
        SameLength(recency.Length, n, nameof(recency), optional: false);
        SameLength(age.Length, n, nameof(age), optional: false);
        SameLength(monetaryValue.Length, n, nameof(monetaryValue), optional: true);
        SameLength(revenue.Length, n, nameof(revenue), optional: true);
        SameLength(costOfGoods.Length, n, nameof(costOfGoods), optional: true);
        SameLength(holdoutPurchases.Length, n, nameof(holdoutPurchases), optional: true);
        SameLength(holdoutRevenue.Length, n, nameof(holdoutRevenue), optional: true);

        bool holdout = false;
        foreach (int purchases in holdoutPurchases)
        {
            holdout |= purchases != 0;
        }

        foreach (double value in holdoutRevenue)
        {
            holdout |= value != 0;
        }

        var columns = SummaryColumns.ForNumbers(n, timeUnit, costs: !costOfGoods.IsEmpty, holdout);
        for (int i = 0; i < n; i++)
        {
            string id = customerIds[i];
            try
            {
                ArgumentException.ThrowIfNullOrWhiteSpace(id, nameof(customerIds));
                var tallies = CustomerSummary.NumberTallies.Validate(
                    frequency[i],
                    recency[i],
                    age[i],
                    timeUnit,
                    monetaryValue.IsEmpty ? 0 : monetaryValue[i],
                    revenue.IsEmpty ? null : revenue[i],
                    costOfGoods.IsEmpty ? null : costOfGoods[i],
                    holdoutPurchases.IsEmpty ? 0 : holdoutPurchases[i],
                    holdoutRevenue.IsEmpty ? 0 : holdoutRevenue[i]);
                columns.SetRow(i, id, tallies, recency[i], age[i]);
            }
            catch (ArgumentException invalid)
            {
                throw Row(invalid, i, id);
            }
        }

        var collection = new CustomerSummaryCollection(columns, [], 0);
        _ = collection.InitialiseIndex(nameof(customerIds)); // each customer once, checked now
        return collection;
    }

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
    /// <remarks>For a collection kept as columns (<see cref="IsColumnar"/>) the first call creates every summary object
    /// (250–400 bytes each) and keeps them; prefer <see cref="ValuesOf"/> and <see cref="CopyColumn"/> for large
    /// populations.</remarks>
    public ReadOnlySpan<CustomerSummary> AsSpan() => Volatile.Read(ref _summaries) ?? Materialise();

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
        var index = Volatile.Read(ref _indexById) ?? InitialiseIndex("customers");
        return index.IndexOf(customerId);
    }

    /// <summary>Looks a customer up by identifier without a scan.</summary>
    /// <param name="customerId">The customer's identifier (compared ordinally).</param>
    /// <param name="summary">The customer's summary, when found.</param>
    /// <returns><see langword="true"/> when the customer is in the collection.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customerId"/> is null.</exception>
    public bool TryGetCustomer(string customerId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CustomerSummary? summary)
    {
        int position = IndexOf(customerId);
        summary = position >= 0 ? this[position] : null;
        return summary is not null;
    }

    /// <inheritdoc />
    /// <remarks>For a collection kept as columns, each summary is created as the enumeration reaches it.</remarks>
    public IEnumerator<CustomerSummary> GetEnumerator() => Volatile.Read(ref _summaries) is { } summaries
        ? ((IEnumerable<CustomerSummary>)summaries).GetEnumerator()
        : Enumerate(_columns!);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Wraps columns that the builder built, validated and will not change (no copy, no check).</summary>
    internal static CustomerSummaryCollection TakeOwnership(SummaryColumns columns, string[] holdoutOnlyCustomerIds, long droppedTransactions) =>
        new(columns, holdoutOnlyCustomerIds, droppedTransactions);

    /// <summary>The kept values of a measure (see <see cref="ValuesOf"/>); callers must not write to the array.</summary>
    internal double[] ValuesArray(CustomerMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        return _values.GetValue(measure, m => new Lazy<double[]>(() => Evaluate(m), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>Creates the summaries of rows [start, start + destination.Length) into <paramref name="destination"/>:
    /// the kept objects, or new ones from the columns.</summary>
    internal void CopySummaries(int start, Span<CustomerSummary> destination)
    {
        if (Volatile.Read(ref _summaries) is { } summaries)
        {
            summaries.AsSpan(start, destination.Length).CopyTo(destination);
            return;
        }

        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = _columns!.Summary(start + i);
        }
    }

    private double[] Evaluate(CustomerMeasure measure)
    {
        var values = GC.AllocateUninitializedArray<double>(Count);
        measure.Evaluate(this, values);
        return values;
    }

    private CustomerSummary[] Materialise()
    {
        var summaries = new CustomerSummary[Count];
        ParallelChunks.ForRanges(summaries.Length, Batch.BlockSize, (start, end) => CopySummaries(start, summaries.AsSpan(start, end - start)));
        return Interlocked.CompareExchange(ref _summaries, summaries, null) ?? summaries;
    }

    private static IEnumerator<CustomerSummary> Enumerate(SummaryColumns columns)
    {
        for (int i = 0; i < columns.Count; i++)
        {
            yield return columns.Summary(i);
        }
    }

    private CustomerIndex InitialiseIndex(string parameterName)
    {
        var index = CustomerIndex.Build(Count, CustomerIdAt, parameterName);
        return Interlocked.CompareExchange(ref _indexById, index, null) ?? index;
    }

    private static double Field(CustomerSummary summary, SummaryColumn column) => column switch
    {
        SummaryColumn.Frequency => summary.Frequency,
        SummaryColumn.PurchaseCount => summary.PurchaseCount,
        SummaryColumn.TransactionCount => summary.TransactionCount,
        SummaryColumn.Recency => summary.Recency,
        SummaryColumn.Age => summary.Age,
        SummaryColumn.TimeSinceLastPurchase => summary.TimeSinceLastPurchase,
        SummaryColumn.Revenue => summary.Revenue,
        SummaryColumn.FirstPurchaseRevenue => summary.FirstPurchaseRevenue,
        SummaryColumn.RepeatRevenue => summary.RepeatRevenue,
        SummaryColumn.MonetaryValue => summary.MonetaryValue,
        SummaryColumn.CostOfGoods => summary.CostOfGoods,
        SummaryColumn.TransactionsWithCost => summary.TransactionsWithCost,
        SummaryColumn.HoldoutPurchaseCount => summary.HoldoutPurchaseCount,
        _ => summary.HoldoutRevenue,
    };

    private static void SameLength(int length, int count, string parameterName, bool optional)
    {
        if (length != count && !(optional && length == 0))
        {
            throw new ArgumentException($"{length} values for {count} customers; give one per customer{(optional ? " or none" : string.Empty)}.", parameterName);
        }
    }

    private static ArgumentException Row(ArgumentException invalid, int row, string? id)
    {
        string message = $"Row #{row} (customer '{id}'): {invalid.Message}";
        return invalid is ArgumentOutOfRangeException outOfRange
            ? new ArgumentOutOfRangeException(invalid.ParamName, outOfRange.ActualValue, message)
            : new ArgumentException(message, invalid.ParamName, invalid);
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
