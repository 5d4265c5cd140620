using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using ValueSegmentation.Internal;
using ValueSegmentation.Lifetime;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Segmentation;

/// <summary>
/// A named number per customer that a segmentation strategy cuts on: a value axis (lifetime value, profit,
/// revenue) or a loyalty axis (P(alive), retention probability, frequency). It wraps any
/// <see cref="ICustomerValueModel"/> and checks that every value it returns is finite.
/// </summary>
/// <remarks>
/// <para>The built-in measures read a <see cref="CustomerSummary"/> directly; wrap a lifetime value model or
/// a fitted probabilistic model with <see cref="CustomerMeasure(string, ICustomerValueModel)"/>, or
/// any function with <see cref="CustomerMeasure(string, Func{CustomerSummary, double})"/>.</para>
/// <para>Immutable and thread-safe when the wrapped model or function is.</para>
/// </remarks>
public sealed class CustomerMeasure : ICustomerValueModel
{
    /// <summary>The fewest customers per core for which a batch of a built-in measure is read in parallel.</summary>
    private const int ParallelChunk = 1 << 15;

    /// <summary>How many customers ahead a batch of a built-in measure asks for a summary's memory.</summary>
    private const int PrefetchDistance = 32;

    private readonly ICustomerValueModel? _model;
    private readonly Func<CustomerSummary, double>? _selector;

    /// <summary>The selector is one of the built-in reads of a summary's own fields: pure, cheap and thread-safe, so a
    /// batch may read customers on several threads. A caller's function is never called concurrently by a batch.</summary>
    private readonly bool _builtIn;

    /// <summary>How a built-in measure reads a population's columns; <see langword="null"/> for any other measure.</summary>
    private readonly ColumnRead? _columns;

    /// <summary>Fills <paramref name="values"/> with the measure of the customers from <paramref name="start"/> on.</summary>
    private delegate void ColumnRead(CustomerSummaryCollection customers, int start, Span<double> values);

    /// <summary>Creates a measure from a value model.</summary>
    /// <param name="name">What the measure is, in words used in segment rules (for example "CLV, 3 years at 10 %").</param>
    /// <param name="model">The model that gives each customer's value.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    public CustomerMeasure(string name, ICustomerValueModel model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(model);
        Name = name;
        Unit = string.Empty;
        _model = model;
    }

    /// <summary>Creates a measure from a function of the summary.</summary>
    /// <param name="name">What the measure is, in words used in segment rules.</param>
    /// <param name="selector">The customer's value; it must be finite.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    public CustomerMeasure(string name, Func<CustomerSummary, double> selector)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(selector);
        Name = name;
        Unit = string.Empty;
        _selector = selector;
    }

    private CustomerMeasure(CustomerMeasure other, string unit)
    {
        Name = other.Name;
        Unit = unit;
        _model = other._model;
        _selector = other._selector;
        _builtIn = other._builtIn;
        _columns = other._columns;
    }

    /// <summary>A built-in measure: a pure read of the summary (see <see cref="_builtIn"/>), and the same read of a
    /// population's columns.</summary>
    private CustomerMeasure(string name, Func<CustomerSummary, double> selector, ColumnRead columns)
        : this(name, selector)
    {
        _builtIn = true;
        _columns = columns;
    }

    /// <summary>Revenue in the calibration period, in the log's currency.</summary>
    public static CustomerMeasure Revenue { get; } = new("revenue", c => c.Revenue, Column(SummaryColumn.Revenue));

    /// <summary>Gross profit in the calibration period: revenue − cost of goods, in the log's currency.</summary>
    public static CustomerMeasure GrossProfit { get; } = new("gross profit", c => c.Revenue - c.CostOfGoods, GrossProfitColumn);

    /// <summary>Repeat frequency x: the number of purchase periods after the first.</summary>
    public static CustomerMeasure Frequency { get; } = new("repeat purchases", c => c.Frequency, Column(SummaryColumn.Frequency));

    /// <summary>Purchases: the number of purchase periods with a purchase (x + 1).</summary>
    public static CustomerMeasure PurchaseCount { get; } = new("purchases", c => c.PurchaseCount, Column(SummaryColumn.PurchaseCount));

    /// <summary>Mean value of the repeat purchases (0 without one), in the log's currency.</summary>
    public static CustomerMeasure MonetaryValue { get; } = new("mean repeat spend", c => c.MonetaryValue, Column(SummaryColumn.MonetaryValue));

    /// <summary>Revenue per purchase (<see cref="Metrics.AverageOrderValue.ForCustomer"/>), in the log's currency.</summary>
    public static CustomerMeasure AverageOrderValue { get; } = new("average order value", Metrics.AverageOrderValue.ForCustomer, AverageOrderValueColumn);

    /// <summary>Time since the last purchase, T − t<sub>x</sub> (<see cref="CustomerSummary.TimeSinceLastPurchase"/>), in
    /// the summaries' time unit; lower is more recent.</summary>
    public static CustomerMeasure TimeSinceLastPurchase { get; } = new("time since last purchase", c => c.TimeSinceLastPurchase, Column(SummaryColumn.TimeSinceLastPurchase));

    /// <summary>The name used in segment rules.</summary>
    public string Name { get; }

    /// <summary>The unit shown after numbers in rules; empty for counts and scores.</summary>
    public string Unit { get; }

    /// <summary>The customer's value on this measure.</summary>
    /// <param name="customer">The customer.</param>
    /// <returns>A finite value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="MeasureEvaluationException">The wrapped model or function threw for this customer, or returned
    /// NaN or an infinity; the exception names the measure and the customer, and carries the model's exception.</exception>
    public double Evaluate(CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        double value;
        try
        {
            value = _selector is not null ? _selector(customer) : _model!.Evaluate(customer);
        }
        catch (Exception exception) when (exception is not MeasureEvaluationException)
        {
            throw Failed(customer, exception);
        }

        return double.IsFinite(value) ? value : throw NotFinite(customer, value);
    }

    /// <summary>The values of many customers, written into <paramref name="values"/>, through the wrapped model's batch
    /// path (<see cref="ICustomerValueModel.Evaluate(ReadOnlySpan{CustomerSummary}, Span{double})"/>), so a model that
    /// shares work between customers does so here too.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="values">Where to write the values; at least as long as <paramref name="customers"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="values"/> is too short.</exception>
    /// <exception cref="ArgumentNullException">A customer is null.</exception>
    /// <exception cref="MeasureEvaluationException">The measure cannot value a customer (the first such, in order);
    /// the exception names the measure and the customer.</exception>
    public void Evaluate(ReadOnlySpan<CustomerSummary> customers, Span<double> values)
    {
        Guard.Destination(customers.Length, values.Length, nameof(values));

        for (int i = 0; i < customers.Length; i++)
        {
            if (customers[i] is null)
            {
                throw new ArgumentNullException(nameof(customers), $"Customer #{i} is null.");
            }
        }

        if (_selector is not null)
        {
            if (_builtIn && customers.Length >= 2 * ParallelChunk && ReadInParallel(customers, values))
            {
                return;
            }

            for (int i = 0; i < customers.Length; i++)
            {
                values[i] = Evaluate(customers[i]);
            }

            return;
        }

        try
        {
            _model!.Evaluate(customers, values);
        }
        catch (Exception exception) when (exception is not MeasureEvaluationException)
        {
            // The batch does not say which customer failed: find the first one, whose own exception is the cause.
            for (int i = 0; i < customers.Length; i++)
            {
                _ = Evaluate(customers[i]);
            }

            throw new MeasureEvaluationException(Name, "(unknown)", "the batch evaluation failed although every customer can be valued alone.", exception);
        }

        for (int i = 0; i < customers.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw NotFinite(customers[i], values[i]);
            }
        }
    }

    /// <summary>The values of every customer of a population, written into <paramref name="values"/> in its order: the
    /// built-in measures read the population's columns on every core (no summary object is created), a wrapped model
    /// goes through its population path
    /// (<see cref="ICustomerValueModel.Evaluate(CustomerSummaryCollection, Span{double})"/>), a function through the
    /// summaries a block at a time.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="values">Where to write the values; at least as long as <paramref name="customers"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="values"/> is too short.</exception>
    /// <exception cref="MeasureEvaluationException">The measure cannot value a customer (the first such, in order);
    /// the exception names the measure and the customer.</exception>
    public void Evaluate(CustomerSummaryCollection customers, Span<double> values)
    {
        ArgumentNullException.ThrowIfNull(customers);
        Guard.Destination(customers.Count, values.Length, nameof(values));
        values = values[..customers.Count];
        if (!customers.IsColumnar)
        {
            Evaluate(customers.AsSpan(), values); // the objects' own fast path (prefetching reads on every core)
            return;
        }

        if (_columns is not null)
        {
            var read = _columns;
            ParallelChunks.ForSlices(values, ParallelChunk, (start, slice) => read(customers, start, slice));
            return; // the fields of validated summaries, and their sums and ratios, are finite
        }

        if (_selector is not null)
        {
            // A caller's function is never called concurrently (see _builtIn): one block of summaries at a time.
            var block = new CustomerSummary[Math.Min(Batch.BlockSize, customers.Count)];
            for (int offset = 0; offset < values.Length; offset += block.Length)
            {
                int length = Math.Min(block.Length, values.Length - offset);
                customers.CopySummaries(offset, block.AsSpan(0, length));
                for (int i = 0; i < length; i++)
                {
                    values[offset + i] = Evaluate(block[i]);
                }
            }

            return;
        }

        try
        {
            _model!.Evaluate(customers, values);
        }
        catch (Exception exception) when (exception is not MeasureEvaluationException)
        {
            // The batch does not say which customer failed: find the first one, whose own exception is the cause.
            for (int i = 0; i < customers.Count; i++)
            {
                _ = Evaluate(customers[i]);
            }

            throw new MeasureEvaluationException(Name, "(unknown)", "the batch evaluation failed although every customer can be valued alone.", exception);
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw NotFinite(customers[i], values[i]);
            }
        }
    }

    /// <summary>Formats a value of this measure for a rule: to 2 decimals (4 below 1), with the unit.</summary>
    /// <param name="value">The value.</param>
    /// <returns>For example "1,234.5 USD".</returns>
    public string Format(double value) => Invariant.Amount(value, Unit);

    /// <summary>The same measure with a unit shown after numbers in rules.</summary>
    /// <param name="unit">The unit, for example "USD"; empty for none.</param>
    /// <returns>A new measure.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="unit"/> is null.</exception>
    public CustomerMeasure WithUnit(string unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return new CustomerMeasure(this, unit);
    }

    /// <inheritdoc />
    public override string ToString() => Name;


    /// <summary>
    /// Reads a built-in measure for many customers on every core, each core over one contiguous range (the customers'
    /// summaries are read from memory, which one core alone cannot keep busy). Returns <see langword="false"/> when a
    /// customer cannot be valued, so that the sequential loop, which calls the same pure read again, reports the first
    /// such customer in order with the documented exception.
    /// </summary>
    private unsafe bool ReadInParallel(ReadOnlySpan<CustomerSummary> customers, Span<double> values)
    {
        var selector = _selector!;
        int n = customers.Length;
        int chunks = ParallelChunks.Count(n, ParallelChunk);
        int failed = 0;

        // The spans cannot enter the parallel loop: pin both and hand over their addresses. The references are read
        // from the pinned array, so the summaries stay reachable through it.
        fixed (byte* customerBytes = &Unsafe.As<CustomerSummary, byte>(ref MemoryMarshal.GetReference(customers)))
        fixed (double* valuesPointer = values)
        {
            nint first = (nint)customerBytes, destination = (nint)valuesPointer;
            ParallelChunks.Run(chunks, chunk =>
            {
                var (start, end) = ParallelChunks.Range(chunk, chunks, n);
                ref CustomerSummary summaries = ref Unsafe.AsRef<CustomerSummary>((void*)first);
                double* output = (double*)destination;
                try
                {
                    for (int i = start; i < end; i++)
                    {
                        if (i + PrefetchDistance < end)
                        {
                            Prefetch(Unsafe.As<CustomerSummary, nint>(ref Unsafe.Add(ref summaries, i + PrefetchDistance)));
                        }

                        double value = selector(Unsafe.Add(ref summaries, i));
                        if (!double.IsFinite(value))
                        {
                            Volatile.Write(ref failed, 1);
                            return;
                        }

                        output[i] = value;
                    }
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    Volatile.Write(ref failed, 1); // reported, with its customer, by the sequential loop
                }
            });
        }

        return failed == 0;
    }

    /// <summary>Hints the processor to fetch the first two cache lines of the object at <paramref name="address"/>,
    /// where a summary keeps its fields: the reads of a large population are then not one memory latency each. The
    /// address is only a hint, so a collection moving the object in the meantime does no harm.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch(nint address)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0((void*)address);
            Sse.Prefetch0((void*)(address + 64));
        }
    }

    private static ColumnRead Column(SummaryColumn column) =>
        (customers, start, values) => customers.CopyColumn(column, start, values);

    /// <summary>Revenue − cost of goods, as <see cref="GrossProfit"/>'s selector computes it.</summary>
    private static void GrossProfitColumn(CustomerSummaryCollection customers, int start, Span<double> values) =>
        Combine(customers, start, values, SummaryColumn.Revenue, SummaryColumn.CostOfGoods, divide: false);

    /// <summary>Revenue ÷ purchases, as <see cref="Metrics.AverageOrderValue.ForCustomer"/> computes it.</summary>
    private static void AverageOrderValueColumn(CustomerSummaryCollection customers, int start, Span<double> values) =>
        Combine(customers, start, values, SummaryColumn.Revenue, SummaryColumn.PurchaseCount, divide: true);

    private static void Combine(CustomerSummaryCollection customers, int start, Span<double> values, SummaryColumn left, SummaryColumn right, bool divide)
    {
        Span<double> other = stackalloc double[256];
        customers.CopyColumn(left, start, values);
        for (int offset = 0; offset < values.Length; offset += other.Length)
        {
            var part = values.Slice(offset, Math.Min(other.Length, values.Length - offset));
            var rights = other[..part.Length];
            customers.CopyColumn(right, start + offset, rights);
            for (int i = 0; i < part.Length; i++)
            {
                part[i] = divide ? part[i] / rights[i] : part[i] - rights[i];
            }
        }
    }

    private MeasureEvaluationException NotFinite(CustomerSummary customer, double value) =>
        new(Name, customer.CustomerId, $"it gave {Invariant.Number(value)}; every value must be finite.");

    private MeasureEvaluationException Failed(CustomerSummary customer, Exception exception) =>
        new(Name, customer.CustomerId, exception.Message, exception);
}
