using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ValueSegmentation.Transactions;

/// <summary>
/// Builds <see cref="CustomerSummary"/>s from a stream of transactions in one pass, holding a fixed amount
/// of state per customer and never the transactions themselves.
/// </summary>
/// <remarks>
/// <para>Transactions of the same customer in the same <see cref="ValueSegmentation.PurchasePeriod"/> are merged into
/// one purchase. Transactions after the window's end are rejected by default; with
/// <see cref="TransactionsAfterEnd.Drop"/> they are left out and counted in <see cref="DroppedTransactionCount"/>, so
/// that every transaction added is either used (<see cref="TransactionCount"/>) or dropped.</para>
/// <para>To build in parallel, give each thread its own builder over part of the log and
/// <see cref="Merge">merge</see> them; the result is the same as one builder over the whole log.</para>
/// <para>A builder is a mutable accumulator and is not thread-safe. It checks that it is not used from two places
/// at once: a call to <see cref="Add"/>, <see cref="AddRange(IEnumerable{Transaction})"/>, <see cref="EnsureCapacity"/>,
/// <see cref="Merge"/> or <see cref="Build"/> while another is running (on another thread, or from inside the
/// sequence being added) throws an <see cref="InvalidOperationException"/> and changes nothing, so misuse fails
/// loudly instead of losing transactions. The check is a best effort against misuse, not a lock: share a builder
/// between threads only under a lock of your own. When <see cref="Add"/> throws, the builder keeps every
/// transaction added before the rejected one.</para>
/// <para>A summary counts at most <see cref="int.MaxValue"/> transactions of one customer in the calibration
/// period (and as many in the holdout period); one more is rejected with a <see cref="TransactionException"/>.</para>
/// </remarks>
public sealed class CustomerSummaryBuilder
{
    /// <summary>The maximum number of customers a builder holds: 2²⁹ (536,870,912), the largest power of two whose
    /// hash table of twice as many slots fits in one array.</summary>
    internal const int MaxCustomers = 1 << 29;

    private readonly CustomerTable<Accumulator> _customers = new();
    private readonly List<PeriodSets>? _periods; // only for TransactionOrder.Any, by customer index
    private int _inUse; // 1 while a call that reads or changes the state runs: misuse by two threads fails loudly
    private List<long>? _firstPositions; // a partition's only: the position in the log of each customer's first transaction

    /// <summary>Creates an empty builder.</summary>
    /// <param name="window">The observation window of the summaries.</param>
    /// <param name="order">What may be assumed about the order of each customer's transactions.</param>
    /// <param name="afterEnd">What to do with a transaction after the window's end: reject it (the default) or drop and count it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="window"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="order"/> or <paramref name="afterEnd"/> is not a defined value.</exception>
    public CustomerSummaryBuilder(ObservationWindow window, TransactionOrder order = TransactionOrder.Chronological, TransactionsAfterEnd afterEnd = TransactionsAfterEnd.Reject)
    {
        ArgumentNullException.ThrowIfNull(window);
        Window = window;
        Order = Guard.Defined(order);
        AfterEnd = Guard.Defined(afterEnd);
        if (order == TransactionOrder.Any)
        {
            _periods = [];
        }
    }

    /// <summary>The observation window of the summaries.</summary>
    public ObservationWindow Window { get; }

    /// <summary>What the builder assumes about the order of each customer's transactions.</summary>
    public TransactionOrder Order { get; }

    /// <summary>What the builder does with a transaction after the window's end.</summary>
    public TransactionsAfterEnd AfterEnd { get; }

    /// <summary>Number of distinct customers seen so far (including those seen only in the holdout period).</summary>
    public int CustomerCount => _customers.Count;

    /// <summary>Number of transactions summarised so far (added and not dropped).</summary>
    public long TransactionCount { get; private set; }

    /// <summary>Number of transactions left out because they fall after the window's end (with
    /// <see cref="TransactionsAfterEnd.Drop"/>); every transaction added is counted here or in <see cref="TransactionCount"/>.</summary>
    public long DroppedTransactionCount { get; private set; }

    /// <summary>Adds one transaction.</summary>
    /// <param name="transaction">The transaction.</param>
    /// <exception cref="TransactionException">The transaction has no customer (a <see langword="default"/> value), is
    /// after the window's end (unless dropped), cannot be placed in order (see <see cref="TransactionOrder.Chronological"/>),
    /// or its customer already has <see cref="int.MaxValue"/> transactions in its period of the window.</exception>
    /// <exception cref="InvalidOperationException">The builder is in use by another call (another thread, or the
    /// sequence that <see cref="AddRange(IEnumerable{Transaction})"/> is consuming).</exception>
    public void Add(in Transaction transaction)
    {
        Enter();
        try
        {
            AddCore(transaction, HashOf(transaction), position: -1);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Adds every transaction of a sequence, enumerating it once.</summary>
    /// <param name="transactions">The transactions.</param>
    /// <exception cref="ArgumentNullException"><paramref name="transactions"/> is null.</exception>
    /// <exception cref="TransactionException">A transaction is invalid, after the window's end (unless dropped), or
    /// out of order; the exception carries it and its zero-based position in the sequence.</exception>
    /// <exception cref="InvalidOperationException">The builder is in use by another call, or the sequence uses the
    /// builder while it is being consumed.</exception>
    public void AddRange(IEnumerable<Transaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        Enter();
        try
        {
            long position = 0;
            foreach (var transaction in transactions)
            {
                AddCore(transaction, HashOf(transaction), position++);
            }
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Adds every transaction of a span, in order.</summary>
    /// <remarks>The fastest way to add an in-memory log. It works as a pipeline: while it adds one transaction,
    /// it asks the processor to fetch the customer state of the transaction 4 places ahead, the table slot of
    /// the one 8 places ahead and the customer id of the one 16 places ahead. In a log whose customers
    /// interleave (sorted by time), each of those would otherwise be a cache miss that stalls every step.
    /// <para>A large time-ordered log added to an empty builder in chronological mode (the common case: the whole log
    /// in one call) is aggregated on every core: each core takes the customers of one range of id hashes, so that
    /// its table is a fraction of the whole and no customer is shared, and the parts are then joined in first-seen
    /// order. The result is identical to adding the transactions one by one; a log for which any transaction could
    /// be rejected (out of time order, without a customer, after the end) takes the one-core path, so that the
    /// exception and the transactions added before it are the same too.</para></remarks>
    /// <param name="transactions">The transactions.</param>
    /// <exception cref="TransactionException">A transaction is invalid, after the window's end (unless dropped), or
    /// out of order; the exception carries it and its zero-based position in the span. The transactions before it have
    /// been added.</exception>
    /// <exception cref="InvalidOperationException">The builder is in use by another call.</exception>
    public void AddRange(ReadOnlySpan<Transaction> transactions)
    {
        Enter();
        try
        {
            if (!TryAddPartitioned(transactions))
            {
                AddSpan(transactions);
            }
        }
        finally
        {
            Exit();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddSpan(ReadOnlySpan<Transaction> transactions)
    {
        const int Ring = 32, KeyAhead = 16, SlotAhead = 8, EntryAhead = 4; // Ring: a power of 2 above KeyAhead
        Span<int> hashes = stackalloc int[Ring];
        int n = transactions.Length;
        for (int j = 0; j < Math.Min(n, SlotAhead); j++)
        {
            hashes[j] = HashOf(transactions[j]);
        }

        for (int i = 0; i < n; i++)
        {
            if (i + KeyAhead < n)
            {
                CustomerTable<Accumulator>.PrefetchKey(transactions[i + KeyAhead].CustomerId);
            }

            if (i + SlotAhead < n)
            {
                int hash = HashOf(transactions[i + SlotAhead]);
                hashes[(i + SlotAhead) & (Ring - 1)] = hash;
                _customers.PrefetchSlot(hash);
            }

            if (i + EntryAhead < n)
            {
                _customers.PrefetchEntry(hashes[(i + EntryAhead) & (Ring - 1)]);
            }

            AddCore(transactions[i], hashes[i & (Ring - 1)], i);
        }
    }

    /// <summary>The same pipeline over the transactions at <paramref name="positions"/>, whose hashes are known.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddSelected(ReadOnlySpan<Transaction> transactions, ReadOnlySpan<int> positions, ReadOnlySpan<int> hashes)
    {
        const int KeyAhead = 16, SlotAhead = 8, EntryAhead = 4;
        int n = positions.Length;
        for (int i = 0; i < n; i++)
        {
            if (i + KeyAhead < n)
            {
                CustomerTable<Accumulator>.PrefetchKey(transactions[positions[i + KeyAhead]].CustomerId);
            }

            if (i + SlotAhead < n)
            {
                _customers.PrefetchSlot(hashes[i + SlotAhead]);
            }

            if (i + EntryAhead < n)
            {
                _customers.PrefetchEntry(hashes[i + EntryAhead]);
            }

            AddCore(transactions[positions[i]], hashes[i], positions[i]);
        }
    }

    /// <summary>The smallest log that is aggregated on several cores: below it, starting the threads and joining the
    /// parts costs more than it saves.</summary>
    private const int PartitionThreshold = 1 << 16;

    /// <summary>
    /// Adds a large log on every core when nothing in it can be rejected: the builder is empty and chronological, every
    /// transaction has a customer, the clock times never decrease (so no customer's purchase falls between periods
    /// already seen, and the last transaction is the latest), and the last one is inside the window or may be dropped.
    /// Each core builds the customers of its share of id hashes in a builder of its own, remembering where each
    /// customer first appears; the parts are then appended to this builder in first-seen order.
    /// </summary>
    /// <returns>False, having changed nothing, when the log does not qualify.</returns>
    private unsafe bool TryAddPartitioned(ReadOnlySpan<Transaction> transactions)
    {
        int n = transactions.Length;
        int cores = Math.Min(Environment.ProcessorCount, 16);
        if (n < PartitionThreshold || cores < 2 || _periods is not null || _customers.Count != 0 || TransactionCount + DroppedTransactionCount + n > int.MaxValue)
        {
            return false;
        }

        long previous = long.MinValue;
        foreach (ref readonly var transaction in transactions)
        {
            long ticks = transaction.Timestamp.Ticks;
            if (transaction.CustomerId is null || ticks < previous)
            {
                return false;
            }

            previous = ticks;
        }

        if (AfterEnd == TransactionsAfterEnd.Reject && Window.PeriodOf(transactions[^1].Timestamp) > Window.EndPeriod)
        {
            return false; // the sequential path rejects the first late transaction, with the ones before it added
        }

        var parts = new CustomerSummaryBuilder[cores];
        for (int p = 0; p < cores; p++)
        {
            parts[p] = new CustomerSummaryBuilder(Window, Order, AfterEnd) { _firstPositions = [] };
        }

        // The span's memory is pinned for the parallel loops (a fixed byte reference pins the array holding it), so that
        // the other threads can read the log through its address. The log goes by blocks: the cores hash a block's ids
        // together (each id read once), then each core adds the transactions of its customers.
        const int Block = 1 << 15;
        var hashes = new int[Block];
        var positions = new int[cores][];
        var selectedHashes = new int[cores][];
        for (int p = 0; p < cores; p++)
        {
            positions[p] = new int[Block];
            selectedHashes[p] = new int[Block];
        }

        fixed (byte* log = &Unsafe.As<Transaction, byte>(ref MemoryMarshal.GetReference(transactions)))
        {
            nint address = (nint)log;
            for (int blockStart = 0; blockStart < n; blockStart += Block)
            {
                int start = blockStart, length = Math.Min(Block, n - blockStart);
                ParallelChunks.Run(cores, p =>
                {
                    var block = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AsRef<Transaction>((void*)address), n).Slice(start, length);
                    const int KeyAhead = 16;
                    var (from, end) = ParallelChunks.Range(p, cores, length);
                    for (int i = from; i < end; i++)
                    {
                        if (i + KeyAhead < end)
                        {
                            CustomerTable<Accumulator>.PrefetchKey(block[i + KeyAhead].CustomerId);
                        }

                        hashes[i] = CustomerTable<Accumulator>.Hash(block[i].CustomerId!);
                    }
                });
                ParallelChunks.Run(cores, p =>
                {
                    var all = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AsRef<Transaction>((void*)address), n);
                    int selected = 0;
                    var mine = positions[p];
                    var mineHashes = selectedHashes[p];
                    for (int i = 0; i < length; i++)
                    {
                        int hash = hashes[i];
                        if (PartitionOf(hash, cores) == p)
                        {
                            mine[selected] = start + i;
                            mineHashes[selected++] = hash;
                        }
                    }

                    parts[p].AddSelected(all, mine.AsSpan(0, selected), mineHashes.AsSpan(0, selected));
                });
            }
        }

        JoinInFirstSeenOrder(parts);
        return true;
    }

    /// <summary>Which of <paramref name="partitions"/> cores takes the customer with this id hash: by its high bits, which
    /// the tables' slots (indexed by the low bits) do not use.</summary>
    private static int PartitionOf(int hash, int partitions) => (int)(((ulong)(uint)hash * (ulong)partitions) >> 32);

    /// <summary>Appends the customers of disjoint partitions to this empty builder, merging the partitions' lists (each
    /// in first-seen order) by the position of each customer's first transaction.</summary>
    private void JoinInFirstSeenOrder(CustomerSummaryBuilder[] parts)
    {
        int total = 0;
        foreach (var part in parts)
        {
            total += part._customers.Count;
            TransactionCount += part.TransactionCount;
            DroppedTransactionCount += part.DroppedTransactionCount;
        }

        _customers.EnsureCapacity(total);
        var next = new int[parts.Length];
        for (int added = 0; added < total; added++)
        {
            int from = -1;
            long earliest = long.MaxValue;
            for (int p = 0; p < parts.Length; p++)
            {
                if (next[p] < parts[p]._customers.Count && parts[p]._firstPositions![next[p]] < earliest)
                {
                    earliest = parts[p]._firstPositions![next[p]];
                    from = p;
                }
            }

            var table = parts[from]._customers;
            int index = next[from]++;
            _customers.FindOrAdd(table.KeyAt(index), table.HashAt(index), out int mine);
            _customers.ValueAt(mine) = table.ValueAt(index);
        }
    }

    /// <summary>Makes room for at least <paramref name="customers"/> customers, so that adding them does not
    /// grow the builder's table step by step.</summary>
    /// <param name="customers">The number of customers expected in all.</param>
    /// <returns>The number of customers the builder can now hold without growing.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="customers"/> is negative or above 2²⁹
    /// (536,870,912), the most customers a builder can hold.</exception>
    /// <exception cref="InvalidOperationException">The builder is in use by another call.</exception>
    /// <exception cref="OutOfMemoryException">The memory for the customers cannot be allocated.</exception>
    public int EnsureCapacity(int customers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(customers);
        if (customers > MaxCustomers)
        {
            throw new ArgumentOutOfRangeException(nameof(customers), customers, $"A builder holds at most {MaxCustomers:N0} customers (2^29); split the log by customer over several builders.");
        }

        Enter();
        try
        {
            _periods?.EnsureCapacity(customers);
            return _customers.EnsureCapacity(customers);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// Adds everything another builder has seen, as if its transactions had been added to this one. The other
    /// builder is not changed.
    /// </summary>
    /// <remarks>
    /// With <see cref="TransactionOrder.Any"/> the merge is exact for any split of the log. With
    /// <see cref="TransactionOrder.Chronological"/> a customer's two parts must not interleave in time (see
    /// <see cref="CustomerSummary.Merge"/>); split the log by date range or by customer.
    /// </remarks>
    /// <param name="other">A builder with the same window and order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ArgumentException">The builders differ in window or order, <paramref name="other"/> is
    /// this builder, a customer's parts interleave in chronological mode, or a customer's merged history would hold
    /// more than <see cref="int.MaxValue"/> transactions in one period of the window. Every customer is checked before
    /// anything is merged, so a rejected merge leaves this builder unchanged.</exception>
    /// <exception cref="InvalidOperationException">Either builder is in use by another call.</exception>
    public void Merge(CustomerSummaryBuilder other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this))
        {
            throw new ArgumentException("A builder cannot be merged with itself.", nameof(other));
        }

        Enter();
        try
        {
            other.Enter();
            try
            {
                MergeCore(other);
            }
            finally
            {
                other.Exit();
            }
        }
        finally
        {
            Exit();
        }
    }

    private void MergeCore(CustomerSummaryBuilder other)
    {
        if (!Window.Equals(other.Window) || Order != other.Order || AfterEnd != other.AfterEnd)
        {
            throw new ArgumentException($"Cannot merge builders of different windows, orders or policies ({Window}, {Order}, {AfterEnd}; {other.Window}, {other.Order}, {other.AfterEnd}).", nameof(other));
        }

        // Check every shared customer first, so that a merge that is rejected changes nothing.
        for (int theirIndex = 0; theirIndex < other._customers.Count; theirIndex++)
        {
            string id = other._customers.KeyAt(theirIndex);
            if (_customers.TryFind(id, CustomerTable<Accumulator>.Hash(id), out int index))
            {
                CheckMerge(id, _customers.ValueAt(index), other._customers.ValueAt(theirIndex), nameof(other));
            }
        }

        for (int theirIndex = 0; theirIndex < other._customers.Count; theirIndex++)
        {
            string id = other._customers.KeyAt(theirIndex);
            ref readonly var theirs = ref other._customers.ValueAt(theirIndex);
            bool exists = _customers.FindOrAdd(id, CustomerTable<Accumulator>.Hash(id), out int index);
            ref var mine = ref _customers.ValueAt(index);
            if (!exists)
            {
                mine = theirs;
                _periods?.Add(other._periods![theirIndex].Clone());
                continue;
            }

            PeriodTally calibration, holdout;
            if (_periods is null)
            {
                // Checked above: the tallies do not interleave.
                PeriodTally.TryMerge(mine.Calibration, theirs.Calibration, out calibration);
                PeriodTally.TryMerge(mine.Holdout, theirs.Holdout, out holdout);
            }
            else
            {
                var sets = _periods[index];
                var otherSets = other._periods![theirIndex];
                sets.Calibration.UnionWith(otherSets.Calibration);
                sets.Holdout.UnionWith(otherSets.Holdout);
                calibration = PeriodTally.Combine(mine.Calibration, theirs.Calibration, sets.Calibration.Count);
                holdout = PeriodTally.Combine(mine.Holdout, theirs.Holdout, sets.Holdout.Count);
            }

            mine.Combine(theirs, calibration, holdout);
        }

        TransactionCount += other.TransactionCount;
        DroppedTransactionCount += other.DroppedTransactionCount;
    }

    /// <summary>Creates the summaries of every customer with a purchase in the calibration period.</summary>
    /// <remarks>Summaries come in the order in which customers were first seen. The builder can go on
    /// accepting transactions afterwards.</remarks>
    /// <returns>The summaries, plus the customers seen only in the holdout period.</returns>
    /// <exception cref="InvalidOperationException">The builder is in use by another call.</exception>
    public CustomerSummaryCollection Build()
    {
        Enter();
        try
        {
            return BuildCore();
        }
        finally
        {
            Exit();
        }
    }

    private CustomerSummaryCollection BuildCore()
    {
        int count = _customers.Count;
        int holdoutOnlyCount = 0;
        bool offsets = false, costs = false, holdout = false;
        for (int i = 0; i < count; i++)
        {
            ref readonly var customer = ref _customers.ValueAt(i);
            holdoutOnlyCount += customer.Calibration.IsEmpty ? 1 : 0;
            offsets |= customer.FirstSeen.Offset != TimeSpan.Zero || customer.LastSeen.Offset != TimeSpan.Zero;
            costs |= customer.TransactionsWithCost != 0;
            holdout |= !customer.Calibration.IsEmpty && !customer.Holdout.IsEmpty;
        }

        var columns = SummaryColumns.ForWindow(count - holdoutOnlyCount, Window, offsets, costs, holdout);
        var holdoutOnly = new string[holdoutOnlyCount];
        int holdoutOnlyIndex = 0;
        var summaryIndex = new int[count]; // where each customer's summary goes, or −1 for a holdout-only customer
        for (int i = 0, next = 0; i < count; i++)
        {
            if (_customers.ValueAt(i).Calibration.IsEmpty)
            {
                holdoutOnly[holdoutOnlyIndex++] = _customers.KeyAt(i);
                summaryIndex[i] = -1;
            }
            else
            {
                summaryIndex[i] = next++;
            }
        }

        // The rows on every core for a large base.
        var customers = _customers;
        ParallelChunks.ForRanges(count, PartitionThreshold / 8, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                if (summaryIndex[i] < 0)
                {
                    continue;
                }

                ref readonly var customer = ref customers.ValueAt(i);
                columns.SetRow(
                    summaryIndex[i],
                    customers.KeyAt(i),
                    customer.Calibration,
                    customer.Holdout,
                    customer.FirstSeen,
                    customer.LastSeen,
                    customer.Cost,
                    customer.TransactionsWithCost);
            }
        });

        return CustomerSummaryCollection.TakeOwnership(columns, holdoutOnly, DroppedTransactionCount);
    }

    /// <summary>Throws when one customer's two states cannot be merged: more than <see cref="int.MaxValue"/> transactions
    /// in a period of the window, or (chronological mode) histories that interleave in time.</summary>
    private void CheckMerge(string id, in Accumulator mine, in Accumulator theirs, string parameterName)
    {
        if ((long)mine.Calibration.Transactions + theirs.Calibration.Transactions > int.MaxValue
            || (long)mine.Holdout.Transactions + theirs.Holdout.Transactions > int.MaxValue)
        {
            throw new ArgumentException($"Together the builders hold more than {int.MaxValue} transactions of customer '{id}' in one period of the window, the most a summary counts. Nothing was merged.", parameterName);
        }

        if (_periods is null
            && (!PeriodTally.TryMerge(mine.Calibration, theirs.Calibration, out _)
                || !PeriodTally.TryMerge(mine.Holdout, theirs.Holdout, out _)))
        {
            throw new ArgumentException(
                $"The two builders' histories of customer '{id}' interleave in time; with TransactionOrder.Chronological, split the log by date range or by customer, or use TransactionOrder.Any. Nothing was merged.",
                parameterName);
        }
    }

    /// <summary>Marks the builder in use, or throws when it already is.</summary>
    private void Enter()
    {
        if (Interlocked.Exchange(ref _inUse, 1) != 0)
        {
            throw new InvalidOperationException(
                "The builder is already in use by another call: another thread, or the sequence being added uses it. A builder is not thread-safe; give each thread its own builder and Merge them, or share one only under a lock. Nothing was added.");
        }
    }

    private void Exit() => Volatile.Write(ref _inUse, 0);

    private static int HashOf(in Transaction transaction) =>
        transaction.CustomerId is { } id ? CustomerTable<Accumulator>.Hash(id) : 0;

    /// <param name="transaction">The transaction.</param>
    /// <param name="hash"><see cref="HashOf"/> the transaction.</param>
    /// <param name="position">Its position in the input, for messages, or −1.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddCore(in Transaction transaction, int hash, long position)
    {
        string? id = transaction.CustomerId;
        if (id is null)
        {
            throw Rejected(transaction, position, "The transaction has no customer (a default Transaction value).");
        }

        long period = Window.PeriodOf(transaction.Timestamp);
        if (period > Window.EndPeriod)
        {
            if (AfterEnd == TransactionsAfterEnd.Drop)
            {
                DroppedTransactionCount++;
                return;
            }

            throw Rejected(
                transaction,
                position,
                $"Transaction of customer '{id}' at {transaction.Timestamp:O} is after the end of the observation window ({Window}). Widen the window, filter the log, or drop such transactions with TransactionsAfterEnd.Drop (they are counted).");
        }

        bool exists = _customers.FindOrAdd(id, hash, out int index);
        if (!exists)
        {
            _firstPositions?.Add(position);
        }

        ref var customer = ref _customers.ValueAt(index);
        bool holdout = period > Window.CalibrationEndPeriod;
        if ((holdout ? customer.Holdout.Transactions : customer.Calibration.Transactions) == int.MaxValue)
        {
            throw Rejected(
                transaction,
                position,
                $"Customer '{id}' already has {int.MaxValue} transactions in the {(holdout ? "holdout" : "calibration")} period, the most a summary counts.");
        }

        if (_periods is null)
        {
            bool placed = holdout
                ? customer.Holdout.TryAdd(period, transaction.Amount)
                : customer.Calibration.TryAdd(period, transaction.Amount);
            if (!placed)
            {
                // Only a known customer's transaction can fail to be placed, so no new entry is left behind.
                throw Rejected(
                    transaction,
                    position,
                    $"Transaction of customer '{id}' at {transaction.Timestamp:O} is out of time order: it falls between purchases already seen, and whether it repeats one of their purchase periods is unknown. Sort the log by time (or by customer and time), or build with TransactionOrder.Any.");
            }
        }
        else
        {
            if (!exists)
            {
                _periods.Add(new PeriodSets());
            }

            var sets = _periods[index];
            if (holdout)
            {
                customer.Holdout.Add(period, transaction.Amount, sets.Holdout.Add(period));
            }
            else
            {
                customer.Calibration.Add(period, transaction.Amount, sets.Calibration.Add(period));
            }
        }

        if (!holdout)
        {
            customer.AddCalibrationDetails(transaction, first: customer.Calibration.Transactions == 1);
        }

        TransactionCount++;
    }

    private static TransactionException Rejected(in Transaction transaction, long position, string reason) =>
        new(transaction, position >= 0 ? position : null, reason, position >= 0 ? "transactions" : nameof(transaction));

    /// <summary>Per-customer state: two tallies and the calibration facts that are not counts.</summary>
    /// <remarks>The fields every calibration transaction touches come first, so they share as few cache lines as
    /// possible; the holdout tally, unused without a holdout, comes last.</remarks>
    private struct Accumulator
    {
        public PeriodTally Calibration;
        public DateTimeOffset FirstSeen;
        public DateTimeOffset LastSeen;
        public double Cost;
        public int TransactionsWithCost;
        public PeriodTally Holdout;

        public void AddCalibrationDetails(in Transaction transaction, bool first)
        {
            var timestamp = transaction.Timestamp;
            if (first)
            {
                FirstSeen = LastSeen = timestamp;
            }
            else
            {
                FirstSeen = CustomerSummary.Earliest(FirstSeen, timestamp);
                LastSeen = CustomerSummary.Latest(LastSeen, timestamp);
            }

            if (transaction.HasCost)
            {
                Cost += transaction.CostOrZero;
                TransactionsWithCost++;
            }
        }

        public void Combine(in Accumulator other, in PeriodTally calibration, in PeriodTally holdout)
        {
            if (!other.Calibration.IsEmpty)
            {
                FirstSeen = Calibration.IsEmpty ? other.FirstSeen : CustomerSummary.Earliest(FirstSeen, other.FirstSeen);
                LastSeen = Calibration.IsEmpty ? other.LastSeen : CustomerSummary.Latest(LastSeen, other.LastSeen);
            }

            Calibration = calibration;
            Holdout = holdout;
            Cost += other.Cost;
            TransactionsWithCost += other.TransactionsWithCost;
        }
    }

    /// <summary>The distinct purchase periods of one customer, kept only with <see cref="TransactionOrder.Any"/>.</summary>
    private sealed class PeriodSets
    {
        public HashSet<long> Calibration { get; private init; } = [];

        public HashSet<long> Holdout { get; private init; } = [];

        public PeriodSets Clone() => new() { Calibration = [.. Calibration], Holdout = [.. Holdout] };
    }
}
