using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ValueSegmentation.Transactions;

/// <summary>
/// Builds <see cref="CustomerSummary"/>s from a stream of transactions in one pass, holding a fixed amount
/// of state per customer and never the transactions themselves.
/// </summary>
/// <remarks>
/// <para>The builder's state is 128 bytes per customer plus two to four 8-byte hash slots (its tables are at most half full),
/// whatever the number of transactions; from 16,384 customers on it is kept in 256 parts by id hash, each of which
/// grows on its own and never copies its entries, so growing never needs twice the memory.</para>
/// <para>Transactions of the same customer in the same <see cref="ValueSegmentation.PurchasePeriod"/> are merged into
/// one purchase. Transactions after the window's end are rejected by default; with
/// <see cref="TransactionsAfterEnd.Drop"/> they are left out and counted in <see cref="DroppedTransactionCount"/>, so
/// that every transaction added is either used (<see cref="TransactionCount"/>) or dropped.</para>
/// <para>To build in parallel, give each thread its own builder over part of the log and
/// <see cref="Merge">merge</see> them; the result is the same as one builder over the whole log.</para>
/// <para>A builder is a mutable accumulator and is not thread-safe. It checks that it is not used from two places
/// at once: a call to <see cref="Add"/>, <see cref="AddRange(IEnumerable{Transaction})"/>, <see cref="EnsureCapacity"/>,
/// <see cref="Merge"/> or <see cref="Build()"/> while another is running (on another thread, or from inside the
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

    /// <summary>How many parts a large builder's customers are split into, by the high bits of their id hash.</summary>
    private const int ShardCount = 256;

    /// <summary>The number of customers at which a builder splits its one table into <see cref="ShardCount"/>: a part of
    /// a large base fits in a core's cache while its transactions are added, grows (and copies its slots) on its own, and
    /// is built into summaries in parallel with the others.</summary>
    private const int SplitThreshold = 1 << 14;

    private readonly bool _tracksPeriods; // TransactionOrder.Any: each customer's distinct purchase periods are kept
    private Shard[] _shards; // one table, or ShardCount of them by id hash once the builder is large
    private int _count; // customers in all tables; each table's entries carry their first-seen rank (0 = first)
    private int _inUse; // 1 while a call that reads or changes the state runs: misuse by two threads fails loudly
    private DateTimeOffset? _latest; // the latest transaction added, by clock time then instant

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
        _tracksPeriods = order == TransactionOrder.Any;
        _shards = NewShards(1);
    }

    /// <summary>The observation window of the summaries.</summary>
    public ObservationWindow Window { get; }

    /// <summary>What the builder assumes about the order of each customer's transactions.</summary>
    public TransactionOrder Order { get; }

    /// <summary>What the builder does with a transaction after the window's end.</summary>
    public TransactionsAfterEnd AfterEnd { get; }

    /// <summary>Number of distinct customers seen so far (including those seen only in the holdout period).</summary>
    public int CustomerCount => _count;

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
    /// <para>A large time-ordered span (65,536 transactions or more) added in chronological mode, none of them earlier
    /// than the <see cref="LatestTransaction"/> already added (the whole log in one call, or a log read in blocks), is
    /// aggregated on every core by radix partitioning: the customers are split into 256 parts by id
    /// hash, a chunk of the log's positions is sorted by part, and the cores add one part at a time, whose table stays
    /// in cache meanwhile; this takes 12 bytes per transaction of a chunk of at most 4,194,304 (48 MB) while it runs.
    /// The result is identical to adding the transactions one by one, in the same first-seen order; a log for which
    /// any transaction could be rejected (out of time order, without a customer, after the end) takes the one-core
    /// path, so that the exception and the transactions added before it are the same too.</para></remarks>
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
                ShardOf(hash).Table.PrefetchSlot(hash);
            }

            if (i + EntryAhead < n)
            {
                int hash = hashes[(i + EntryAhead) & (Ring - 1)];
                ShardOf(hash).Table.PrefetchEntry(hash);
            }

            AddCore(transactions[i], hashes[i & (Ring - 1)], i);
        }
    }

    /// <summary>The smallest log that is aggregated on several cores: below it, starting the threads costs more than it
    /// saves.</summary>
    private const int PartitionThreshold = 1 << 16;

    /// <summary>How many transactions the partitioned path sorts by part at a time: 48 MB of hashes and positions, and
    /// enough transactions per part that each customer's state is fetched once for several of them.</summary>
    private const int PartitionChunk = 1 << 22;

    /// <summary>
    /// Adds a large log on every core when nothing in it can be rejected: the builder is chronological, every transaction
    /// has a customer, the clock times never decrease and start no earlier than the latest transaction already added (so
    /// no customer's purchase falls between periods already seen, and the last transaction is the latest), and the last
    /// one is inside the window or may be dropped. A log read in blocks (a file, a query) takes this path block by block.
    /// </summary>
    /// <remarks>Radix aggregation, a chunk of the log at a time: the cores hash the chunk's ids (each id read once) and
    /// count them by part; the chunk's positions are sorted by part (stably, so each part keeps the log's order); then
    /// the cores take the parts one by one, each adding its transactions to its own table, which stays in cache while it
    /// does. A new customer's entry is stamped with the position of its first transaction; at the end those positions
    /// become first-seen ranks.</remarks>
    /// <returns>False, having changed nothing, when the log does not qualify.</returns>
    private unsafe bool TryAddPartitioned(ReadOnlySpan<Transaction> transactions)
    {
        int n = transactions.Length;
        int cores = Math.Min(Environment.ProcessorCount, 16);
        if (n < PartitionThreshold || cores < 2 || _tracksPeriods)
        {
            return false;
        }

        // No transaction may come before the latest one already added: then none falls between a customer's purchases.
        long previous = _latest is { } latest ? latest.Ticks : long.MinValue;
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

        if (_shards.Length == 1)
        {
            Split();
        }

        var before = new int[ShardCount]; // each part's customers before this log: the new ones come after them
        for (int s = 0; s < ShardCount; s++)
        {
            before[s] = _shards[s].Table.Count;
        }

        int chunkLength = Math.Min(n, PartitionChunk);
        var hashes = new int[chunkLength];
        var sortedPositions = new int[chunkLength];
        var sortedHashes = new int[chunkLength];
        var counts = new int[cores][]; // per core and part: how many of the core's range; then where the next one goes
        for (int p = 0; p < cores; p++)
        {
            counts[p] = new int[ShardCount];
        }

        var partStarts = new int[ShardCount + 1];
        var added = new long[ShardCount];
        var dropped = new long[ShardCount];

        // The span's memory is pinned for the parallel loops (a fixed byte reference pins the array holding it), so that
        // the other threads can read the log through its address.
        fixed (byte* log = &Unsafe.As<Transaction, byte>(ref MemoryMarshal.GetReference(transactions)))
        {
            nint address = (nint)log;
            for (int chunkStart = 0; chunkStart < n; chunkStart += chunkLength)
            {
                int start = chunkStart, length = Math.Min(chunkLength, n - chunkStart);
                ParallelChunks.Run(cores, p =>
                {
                    var chunk = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AsRef<Transaction>((void*)address), n).Slice(start, length);
                    var mine = counts[p];
                    Array.Clear(mine);
                    const int KeyAhead = 64; // ids are scattered through memory: fetch them well ahead
                    var (from, end) = ParallelChunks.Range(p, cores, length);
                    for (int i = from; i < end; i++)
                    {
                        if (i + KeyAhead < end)
                        {
                            CustomerTable<Accumulator>.PrefetchKey(chunk[i + KeyAhead].CustomerId);
                        }

                        int hash = CustomerTable<Accumulator>.Hash(chunk[i].CustomerId!);
                        hashes[i] = hash;
                        mine[ShardIndex(hash, ShardCount)]++;
                    }
                });

                // Each part's positions: core 0's range first, then core 1's, ... so that they stay in log order.
                int running = 0;
                for (int s = 0; s < ShardCount; s++)
                {
                    partStarts[s] = running;
                    for (int p = 0; p < cores; p++)
                    {
                        int count = counts[p][s];
                        counts[p][s] = running;
                        running += count;
                    }
                }

                partStarts[ShardCount] = running;
                ParallelChunks.Run(cores, p =>
                {
                    var next = counts[p];
                    var (from, end) = ParallelChunks.Range(p, cores, length);
                    for (int i = from; i < end; i++)
                    {
                        int hash = hashes[i];
                        int at = next[ShardIndex(hash, ShardCount)]++;
                        sortedPositions[at] = start + i;
                        sortedHashes[at] = hash;
                    }
                });
                ParallelChunks.Run(ShardCount, s =>
                {
                    var all = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AsRef<Transaction>((void*)address), n);
                    int from = partStarts[s], count = partStarts[s + 1] - from;
                    AddPart(_shards[s], all, sortedPositions.AsSpan(from, count), sortedHashes.AsSpan(from, count), ref added[s], ref dropped[s]);
                });
            }
        }

        RankFirstSeen(n, before);
        for (int s = 0; s < ShardCount; s++)
        {
            TransactionCount += added[s];
            DroppedTransactionCount += dropped[s];
            _count += _shards[s].Table.Count - before[s];
        }

        // The latest transaction added: clock times never decrease, so it is among the last ones inside the window.
        int last = n - 1;
        while (last >= 0 && Window.PeriodOf(transactions[last].Timestamp) > Window.EndPeriod)
        {
            last--;
        }

        for (int i = last; i >= 0 && transactions[i].Timestamp.Ticks == transactions[last].Timestamp.Ticks; i--)
        {
            Later(transactions[i].Timestamp);
        }

        return true;
    }

    /// <summary>Adds the transactions at <paramref name="positions"/> (in log order, whose hashes are known) to one part,
    /// as a pipeline that fetches the transactions 16 places ahead, the ids 8 ahead, the slots 8 ahead and the entries 4
    /// ahead. A new customer's order number is the position of its first transaction.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddPart(Shard shard, ReadOnlySpan<Transaction> log, ReadOnlySpan<int> positions, ReadOnlySpan<int> hashes, ref long added, ref long dropped)
    {
        const int TransactionAhead = 16, SlotAhead = 8, EntryAhead = 4;
        var table = shard.Table;
        int n = positions.Length;
        for (int i = 0; i < n; i++)
        {
            if (i + TransactionAhead < n)
            {
                CustomerTable<Accumulator>.PrefetchTransaction(in log[positions[i + TransactionAhead]]);
            }

            if (i + SlotAhead < n)
            {
                CustomerTable<Accumulator>.PrefetchKey(log[positions[i + SlotAhead]].CustomerId);
                table.PrefetchSlot(hashes[i + SlotAhead]);
            }

            if (i + EntryAhead < n)
            {
                table.PrefetchEntry(hashes[i + EntryAhead]);
            }

            int position = positions[i];
            if (AddTo(shard, log[position], hashes[i], position, order: position) == Added.Dropped)
            {
                dropped++;
            }
            else
            {
                added++;
            }
        }
    }

    /// <summary>Turns the order numbers that <see cref="TryAddPartitioned"/> gave the customers it added (each one's first
    /// position among <paramref name="positions"/> transactions; they are the entries of each part from
    /// <paramref name="before"/> on) into first-seen ranks following the builder's earlier customers: a bit per position
    /// marks the first ones, and a customer's rank is the number of marks before its own.</summary>
    private void RankFirstSeen(int positions, int[] before)
    {
        var marks = new ulong[(positions + 63) >> 6];
        for (int s = 0; s < _shards.Length; s++)
        {
            var table = _shards[s].Table;
            for (int i = before[s]; i < table.Count; i++)
            {
                int position = table.OrderAt(i);
                marks[position >> 6] |= 1UL << position;
            }
        }

        var earlier = new int[marks.Length]; // the builder's customers, plus the marks in the words before each word
        earlier[0] = _count;
        for (int w = 1; w < marks.Length; w++)
        {
            earlier[w] = earlier[w - 1] + BitOperations.PopCount(marks[w - 1]);
        }

        ParallelChunks.Run(_shards.Length, s =>
        {
            var table = _shards[s].Table;
            for (int i = before[s]; i < table.Count; i++)
            {
                ref int order = ref table.OrderAt(i);
                int word = order >> 6;
                order = earlier[word] + BitOperations.PopCount(marks[word] & ((1UL << order) - 1));
            }
        });
    }

    /// <summary>Which of <paramref name="shards"/> parts holds the customer with this id hash: by its high bits, which
    /// the tables' slots (indexed by the low bits) do not use.</summary>
    private static int ShardIndex(int hash, int shards) => (int)(((ulong)(uint)hash * (ulong)shards) >> 32);

    private Shard ShardOf(int hash) => _shards[ShardIndex(hash, _shards.Length)];

    private Shard[] NewShards(int count)
    {
        var shards = new Shard[count];
        for (int s = 0; s < count; s++)
        {
            shards[s] = new Shard(_tracksPeriods);
        }

        return shards;
    }

    /// <summary>Moves the customers of the builder's one table into <see cref="ShardCount"/> parts by id hash, keeping
    /// their order numbers.</summary>
    private void Split()
    {
        var single = _shards[0];
        var shards = NewShards(ShardCount);
        var table = single.Table;
        for (int i = 0; i < table.Count; i++)
        {
            int hash = table.HashAt(i);
            var shard = shards[ShardIndex(hash, ShardCount)];
            int index = shard.Table.AddNew(table.KeyAt(i), hash, table.OrderAt(i));
            shard.Table.ValueAt(index) = table.ValueAt(i);
            shard.Periods?.Add(single.Periods![i]);
        }

        _shards = shards;
    }

    /// <summary>Counts a customer just added with order number <see cref="_count"/>, and splits the builder's table
    /// when it reaches <see cref="SplitThreshold"/>.</summary>
    private void CustomerAdded()
    {
        if (++_count == SplitThreshold && _shards.Length == 1)
        {
            Split();
        }
    }

    /// <summary>Every customer as (part, index in the part), in first-seen order.</summary>
    private (int Shard, int Index)[] InFirstSeenOrder()
    {
        var order = new (int Shard, int Index)[_count];
        for (int s = 0; s < _shards.Length; s++)
        {
            var table = _shards[s].Table;
            for (int i = 0; i < table.Count; i++)
            {
                order[table.OrderAt(i)] = (s, i);
            }
        }

        return order;
    }

    /// <summary>Makes room for at least <paramref name="customers"/> customers, so that adding them does not
    /// grow the builder's table step by step.</summary>
    /// <remarks>A builder of <see cref="SplitThreshold"/> (16,384) customers or more keeps them in 256 parts by id hash;
    /// each part gets room for its expected share plus four standard deviations, so that in practice no part grows.</remarks>
    /// <param name="customers">The number of customers expected in all.</param>
    /// <returns>The number of customers the builder now has room for in all (at least <paramref name="customers"/>).</returns>
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
            if (customers >= SplitThreshold && _shards.Length == 1)
            {
                Split();
            }

            int share = _shards.Length == 1
                ? customers
                : (int)Math.Min(MaxCustomers, (customers / (double)ShardCount) + (4 * Math.Sqrt(customers / (double)ShardCount)) + 16);
            long room = 0;
            foreach (var shard in _shards)
            {
                shard.Periods?.EnsureCapacity(share);
                room += shard.Table.EnsureCapacity(share);
            }

            return (int)Math.Min(room, MaxCustomers);
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
        foreach (var theirShard in other._shards)
        {
            var theirTable = theirShard.Table;
            for (int theirIndex = 0; theirIndex < theirTable.Count; theirIndex++)
            {
                string id = theirTable.KeyAt(theirIndex);
                int hash = theirTable.HashAt(theirIndex);
                var mine = ShardOf(hash).Table;
                if (mine.TryFind(id, hash, out int index))
                {
                    CheckMerge(id, mine.ValueAt(index), theirTable.ValueAt(theirIndex), nameof(other));
                }
            }
        }

        // Then in the other builder's first-seen order, so that its new customers follow ours in that order.
        foreach (var (theirShardIndex, theirIndex) in other.InFirstSeenOrder())
        {
            var theirShard = other._shards[theirShardIndex];
            string id = theirShard.Table.KeyAt(theirIndex);
            int hash = theirShard.Table.HashAt(theirIndex);
            ref readonly var theirs = ref theirShard.Table.ValueAt(theirIndex);
            var shard = ShardOf(hash);
            bool exists = shard.Table.FindOrAdd(id, hash, _count, out int index);
            ref var mine = ref shard.Table.ValueAt(index);
            if (!exists)
            {
                mine = theirs;
                shard.Periods?.Add(theirShard.Periods![theirIndex].Clone());
                CustomerAdded();
                continue;
            }

            PeriodTally calibration, holdout;
            if (shard.Periods is null)
            {
                // Checked above: the tallies do not interleave.
                PeriodTally.TryMerge(mine.Calibration, theirs.Calibration, out calibration);
                PeriodTally.TryMerge(mine.Holdout, theirs.Holdout, out holdout);
            }
            else
            {
                var sets = shard.Periods[index];
                var otherSets = theirShard.Periods![theirIndex];
                sets.Calibration.UnionWith(otherSets.Calibration);
                sets.Holdout.UnionWith(otherSets.Holdout);
                calibration = PeriodTally.Combine(mine.Calibration, theirs.Calibration, sets.Calibration.Count);
                holdout = PeriodTally.Combine(mine.Holdout, theirs.Holdout, sets.Holdout.Count);
            }

            mine.Combine(theirs, calibration, holdout);
        }

        TransactionCount += other.TransactionCount;
        DroppedTransactionCount += other.DroppedTransactionCount;
        if (other._latest is { } latest)
        {
            Later(latest);
        }
    }

    /// <summary>Keeps <paramref name="timestamp"/> as <see cref="LatestTransaction"/> when it is later.</summary>
    private void Later(DateTimeOffset timestamp)
    {
        if (_latest is not { } latest || CustomerSummary.ClockOrder(timestamp, latest) > 0)
        {
            _latest = timestamp;
        }
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
            return BuildCore(Window);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Creates the summaries as they are in another window: the same purchase periods and calibration split,
    /// measured to another end and possibly in another time unit. The use: reading a log whose end is not known before it
    /// has been read, into a builder whose window has no end in practice (<see cref="DateTimeOffset.MaxValue"/>), then
    /// building to the day of the <see cref="LatestTransaction"/>, as lifetimes' <c>summary_data_from_transaction_data</c>
    /// does by default.</summary>
    /// <param name="window">The window of the summaries: the builder's purchase period; the builder's calibration end
    /// (at purchase-period resolution) if the builder's window has one, else no holdout split; and an end no earlier than
    /// the purchase period of <see cref="LatestTransaction"/>.</param>
    /// <returns>The summaries, in first-seen order, as <see cref="Build()"/> would return them had the builder been
    /// created with <paramref name="window"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="window"/> is null.</exception>
    /// <exception cref="ArgumentException">The window's purchase period or calibration split differs from the builder's,
    /// or it ends before the latest transaction's purchase period.</exception>
    /// <exception cref="InvalidOperationException">The builder is in use by another call.</exception>
    public CustomerSummaryCollection Build(ObservationWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        Enter();
        try
        {
            bool sameSplit = Window.HasHoldout ? window.HasHoldout && window.CalibrationEndPeriod == Window.CalibrationEndPeriod : !window.HasHoldout;
            if (window.PurchasePeriod != Window.PurchasePeriod || !sameSplit)
            {
                throw new ArgumentException($"Summaries can be built in another window only with the same purchase period and the same calibration split, or none in either (the builder's window: {Window}; this one: {window}).", nameof(window));
            }

            if (_latest is { } latest && window.PeriodOf(latest) > window.EndPeriod)
            {
                throw new ArgumentException($"The window ({window}) ends before the latest transaction ({latest:O}).", nameof(window));
            }

            return BuildCore(window);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Creates the summaries of the window that ends on the day (purchase period) of the
    /// <see cref="LatestTransaction"/>, with the builder's time unit, purchase period and calibration end: for a log
    /// whose end is not known beforehand, read once into a builder whose window has no end in practice
    /// (<see cref="DateTimeOffset.MaxValue"/>), as lifetimes' <c>summary_data_from_transaction_data</c> does by default.
    /// Before any transaction, the builder's own window (<see cref="Build()"/>, no customers).</summary>
    /// <returns>The summaries, in first-seen order.</returns>
    /// <exception cref="ArgumentException">The builder's calibration end is not before the latest transaction's purchase
    /// period.</exception>
    /// <exception cref="InvalidOperationException">The builder is in use by another call.</exception>
    public CustomerSummaryCollection BuildToLatestTransaction() =>
        LatestTransaction is { } latest
            ? Build(new ObservationWindow(latest, Window.TimeUnit, Window.PurchasePeriod, Window.CalibrationEnd))
            : Build();

    /// <summary>The latest transaction added (and not dropped), by clock time and then instant, the order purchase periods
    /// follow; <see langword="null"/> before any.</summary>
    public DateTimeOffset? LatestTransaction => _latest;

    private CustomerSummaryCollection BuildCore(ObservationWindow window)
    {
        // Each customer's place by first-seen rank: its summary's row, or ~k for the k-th customer seen only in the holdout.
        var places = new int[_count];
        var shards = _shards;
        var facts = new (bool Offsets, bool Costs, bool Holdout)[shards.Length];
        ParallelChunks.Run(shards.Length, s =>
        {
            var table = shards[s].Table;
            bool offsets = false, costs = false, holdout = false;
            for (int i = 0; i < table.Count; i++)
            {
                ref readonly var customer = ref table.ValueAt(i);
                places[table.OrderAt(i)] = customer.Calibration.IsEmpty ? -1 : 0;
                offsets |= customer.HasOffsets;
                costs |= customer.TransactionsWithCost != 0;
                holdout |= !customer.Calibration.IsEmpty && !customer.Holdout.IsEmpty;
            }

            facts[s] = (offsets, costs, holdout);
        });

        int summaries = 0, holdoutOnlyCount = 0;
        for (int rank = 0; rank < places.Length; rank++)
        {
            places[rank] = places[rank] < 0 ? ~holdoutOnlyCount++ : summaries++;
        }

        var columns = SummaryColumns.ForWindow(
            summaries, window, facts.Any(f => f.Offsets), facts.Any(f => f.Costs), facts.Any(f => f.Holdout));
        var holdoutOnly = new string[holdoutOnlyCount];
        ParallelChunks.Run(shards.Length, s =>
        {
            var table = shards[s].Table;
            for (int i = 0; i < table.Count; i++)
            {
                int place = places[table.OrderAt(i)];
                if (place < 0)
                {
                    holdoutOnly[~place] = table.KeyAt(i);
                    continue;
                }

                ref readonly var customer = ref table.ValueAt(i);
                columns.SetRow(
                    place,
                    table.KeyAt(i),
                    customer.Calibration,
                    customer.Holdout,
                    customer.FirstTicks,
                    customer.FirstOffset,
                    customer.LastTicks,
                    customer.LastOffset,
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

        if (!_tracksPeriods
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
    private void AddCore(in Transaction transaction, int hash, long position)
    {
        switch (AddTo(ShardOf(hash), transaction, hash, position, _count))
        {
            case Added.Dropped:
                DroppedTransactionCount++;
                return;
            case Added.NewCustomer:
                CustomerAdded();
                break;
        }

        TransactionCount++;
        Later(transaction.Timestamp);
    }

    /// <summary>Adds a transaction to the part that holds its customer, touching nothing else of the builder (the
    /// partitioned path runs it on several parts at once).</summary>
    /// <param name="shard">The part of the transaction's customer.</param>
    /// <param name="transaction">The transaction.</param>
    /// <param name="hash"><see cref="HashOf"/> the transaction.</param>
    /// <param name="position">Its position in the input, for messages, or −1.</param>
    /// <param name="order">The order number of the customer if it is new.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Added AddTo(Shard shard, in Transaction transaction, int hash, long position, int order)
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
                return Added.Dropped;
            }

            throw Rejected(
                transaction,
                position,
                $"Transaction of customer '{id}' at {transaction.Timestamp:O} is after the end of the observation window ({Window}). Widen the window, filter the log, or drop such transactions with TransactionsAfterEnd.Drop (they are counted).");
        }

        bool exists = shard.Table.FindOrAdd(id, hash, order, out int index);
        ref var customer = ref shard.Table.ValueAt(index);
        bool holdout = period > Window.CalibrationEndPeriod;
        if ((holdout ? customer.Holdout.Transactions : customer.Calibration.Transactions) == int.MaxValue)
        {
            throw Rejected(
                transaction,
                position,
                $"Customer '{id}' already has {int.MaxValue} transactions in the {(holdout ? "holdout" : "calibration")} period, the most a summary counts.");
        }

        if (shard.Periods is null)
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
                shard.Periods.Add(new PeriodSets());
            }

            var sets = shard.Periods[index];
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

        return exists ? Added.Transaction : Added.NewCustomer;
    }

    private static TransactionException Rejected(in Transaction transaction, long position, string reason) =>
        new(transaction, position >= 0 ? position : null, reason, position >= 0 ? "transactions" : nameof(transaction));

    /// <summary>Per-customer state: two tallies and the calibration facts that are not counts.</summary>
    /// <remarks>The fields every calibration transaction touches come first, so they share as few cache lines as
    /// possible; the holdout tally, unused without a holdout, comes last. The first and last calibration transactions
    /// are kept as clock ticks and UTC offsets in minutes (a <see cref="DateTimeOffset"/> each would take 32 bytes
    /// instead of 20), so that with its id, hash and order an entry of the table is 128 bytes.</remarks>
    private struct Accumulator
    {
        public PeriodTally Calibration;
        public long FirstTicks; // the earliest calibration transaction by clock time, then instant
        public long LastTicks; // the latest, likewise
        public double Cost;
        public int TransactionsWithCost;
        public short FirstOffset; // minutes
        public short LastOffset;
        public PeriodTally Holdout;

        public readonly bool HasOffsets => FirstOffset != 0 || LastOffset != 0;

        public void AddCalibrationDetails(in Transaction transaction, bool first)
        {
            var timestamp = transaction.Timestamp;
            long ticks = timestamp.Ticks;
            short offset = (short)timestamp.TotalOffsetMinutes;
            if (first)
            {
                (FirstTicks, FirstOffset, LastTicks, LastOffset) = (ticks, offset, ticks, offset);
            }
            else
            {
                Widen(ticks, offset, ticks, offset);
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
                if (Calibration.IsEmpty)
                {
                    (FirstTicks, FirstOffset, LastTicks, LastOffset) = (other.FirstTicks, other.FirstOffset, other.LastTicks, other.LastOffset);
                }
                else
                {
                    Widen(other.FirstTicks, other.FirstOffset, other.LastTicks, other.LastOffset);
                }
            }

            Calibration = calibration;
            Holdout = holdout;
            Cost += other.Cost;
            TransactionsWithCost += other.TransactionsWithCost;
        }

        /// <summary>Moves the first and last transaction out to those given when they are earlier or later (by clock
        /// time, then instant: <see cref="CustomerSummary.ClockOrder"/>; on a tie the one kept stays).</summary>
        private void Widen(long firstTicks, short firstOffset, long lastTicks, short lastOffset)
        {
            if (ClockOrder(firstTicks, firstOffset, FirstTicks, FirstOffset) < 0)
            {
                (FirstTicks, FirstOffset) = (firstTicks, firstOffset);
            }

            if (ClockOrder(lastTicks, lastOffset, LastTicks, LastOffset) > 0)
            {
                (LastTicks, LastOffset) = (lastTicks, lastOffset);
            }
        }

        private static int ClockOrder(long ticks, short offset, long otherTicks, short otherOffset)
        {
            int byClock = ticks.CompareTo(otherTicks);
            return byClock != 0 ? byClock : (ticks - (offset * TimeSpan.TicksPerMinute)).CompareTo(otherTicks - (otherOffset * TimeSpan.TicksPerMinute));
        }
    }

    /// <summary>What adding one transaction did.</summary>
    private enum Added
    {
        /// <summary>Added to a customer already present.</summary>
        Transaction,

        /// <summary>Added as the first transaction of a new customer.</summary>
        NewCustomer,

        /// <summary>Left out: after the window's end, with <see cref="TransactionsAfterEnd.Drop"/>.</summary>
        Dropped,
    }

    /// <summary>One part of the builder's customers: their table and, with <see cref="TransactionOrder.Any"/>, their
    /// distinct purchase periods by table index.</summary>
    private sealed class Shard(bool tracksPeriods)
    {
        public CustomerTable<Accumulator> Table { get; } = new();

        public List<PeriodSets>? Periods { get; } = tracksPeriods ? [] : null;
    }

    /// <summary>The distinct purchase periods of one customer, kept only with <see cref="TransactionOrder.Any"/>.</summary>
    private sealed class PeriodSets
    {
        public HashSet<long> Calibration { get; private init; } = [];

        public HashSet<long> Holdout { get; private init; } = [];

        public PeriodSets Clone() => new() { Calibration = [.. Calibration], Holdout = [.. Holdout] };
    }
}
