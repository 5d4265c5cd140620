using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace ValueSegmentation.Transactions;

/// <summary>
/// A hash table from customer id to per-customer state, made for <see cref="CustomerSummaryBuilder"/>: it keeps
/// entries in the order they were added, never removes, and lets the caller compute a key's hash and prefetch its slot
/// and entry ahead of the lookup, so that a log whose customers interleave does not stall on a cache miss per
/// step. Each entry also carries an <see cref="OrderAt">order</see> number that the owner assigns (the builder's
/// first-seen rank across all its tables).
/// </summary>
/// <remarks>Open addressing with linear probing, at most half full; each slot holds the key's hash and the
/// entry's index, so a probe touches one small array and the entry is read only on a hash match. Hashes are
/// <see cref="string.GetHashCode()"/> (randomised per process), so crafted ids cannot force collisions.
/// <para>Entries live in pages of <see cref="PageSize"/>: the first page grows by doubling up to that size, later ones
/// are added whole, so the table never copies its entries as it grows and holds at most one page it does not use.
/// The slot array is rebuilt from the entries' hashes when it doubles.</para></remarks>
/// <typeparam name="TValue">The per-customer state.</typeparam>
internal sealed class CustomerTable<TValue>
    where TValue : struct
{
    /// <summary>Entries per page (after the first page has grown to it).</summary>
    public const int PageSize = 1 << PageShift;

    private const int PageShift = 12;
    private const int PageMask = PageSize - 1;

    private Slot[] _slots = new Slot[16];
    private Entry[][] _pages = [new Entry[8]];

    /// <summary>Number of customers.</summary>
    public int Count { get; private set; }

    /// <summary>The hash of a customer id.</summary>
    public static int Hash(string key) => key.GetHashCode();

    /// <summary>The id of the customer at <paramref name="index"/> (0 = first added).</summary>
    public string KeyAt(int index) => EntryAt(index).Key;

    /// <summary>The id hash of the customer at <paramref name="index"/>.</summary>
    public int HashAt(int index) => EntryAt(index).Hash;

    /// <summary>The order number the owner gave the customer at <paramref name="index"/>.</summary>
    public ref int OrderAt(int index) => ref EntryAt(index).Order;

    /// <summary>The state of the customer at <paramref name="index"/>.</summary>
    public ref TValue ValueAt(int index) => ref EntryAt(index).Value;

    /// <summary>Finds the customer's entry without adding one.</summary>
    /// <param name="key">The customer id.</param>
    /// <param name="hash"><see cref="Hash"/> of <paramref name="key"/>.</param>
    /// <param name="index">The entry's index, or −1.</param>
    /// <returns><see langword="true"/> when the customer is present.</returns>
    public bool TryFind(string key, int hash, out int index)
    {
        int mask = _slots.Length - 1;
        for (int position = hash & mask; _slots[position].IndexPlusOne != 0; position = (position + 1) & mask)
        {
            ref Slot slot = ref _slots[position];
            if (slot.Hash == hash && SameKey(EntryAt(slot.IndexPlusOne - 1).Key, key))
            {
                index = slot.IndexPlusOne - 1;
                return true;
            }
        }

        index = -1;
        return false;
    }

    /// <summary>Finds the customer's entry, adding a default one with order number <paramref name="order"/> if there is none.</summary>
    /// <param name="key">The customer id.</param>
    /// <param name="hash"><see cref="Hash"/> of <paramref name="key"/>.</param>
    /// <param name="order">The order number of a new entry.</param>
    /// <param name="index">The entry's index, in the order entries were added.</param>
    /// <returns><see langword="true"/> when the customer was already present.</returns>
    public bool FindOrAdd(string key, int hash, int order, out int index)
    {
        int mask = _slots.Length - 1;
        int position = hash & mask;
        while (true)
        {
            ref Slot slot = ref _slots[position];
            if (slot.IndexPlusOne == 0)
            {
                break;
            }

            if (slot.Hash == hash && SameKey(EntryAt(slot.IndexPlusOne - 1).Key, key))
            {
                index = slot.IndexPlusOne - 1;
                return true;
            }

            position = (position + 1) & mask;
        }

        index = Append(key, hash, order);
        return false;
    }

    /// <summary>Adds a customer the caller knows is absent, with order number <paramref name="order"/>.</summary>
    /// <returns>The entry's index.</returns>
    public int AddNew(string key, int hash, int order) => Append(key, hash, order);

    /// <summary>Makes room for <paramref name="capacity"/> customers without growing.</summary>
    /// <returns>The capacity now.</returns>
    public int EnsureCapacity(int capacity)
    {
        while (Capacity < capacity)
        {
            AddPage(capacity);
        }

        long slotsNeeded = Math.Max(16, (long)BitOperations.RoundUpToPowerOf2((uint)capacity) * 2);
        if (slotsNeeded > _slots.Length)
        {
            Rehash(checked((int)slotsNeeded));
        }

        return Math.Min(Capacity, _slots.Length / 2);
    }

    /// <summary>Hints the processor to fetch the characters of a customer id.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PrefetchKey(string? key)
    {
        if (key is not null)
        {
            Prefetch(ref MemoryMarshal.GetReference(key.AsSpan()));
        }
    }

    /// <summary>Hints the processor to fetch the slot where a lookup of <paramref name="hash"/> starts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PrefetchSlot(int hash) => Prefetch(ref _slots[hash & (_slots.Length - 1)]);

    /// <summary>Hints the processor to fetch the entry that a lookup of <paramref name="hash"/> probably finds
    /// (the one in its first slot, if the hash matches), ideally after <see cref="PrefetchSlot"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PrefetchEntry(int hash)
    {
        Slot slot = _slots[hash & (_slots.Length - 1)];
        if (slot.Hash == hash && slot.IndexPlusOne != 0)
        {
            ref Entry entry = ref EntryAt(slot.IndexPlusOne - 1);
            Prefetch(ref entry);
            Prefetch(ref Unsafe.AddByteOffset(ref Unsafe.As<Entry, byte>(ref entry), 64));
        }
    }

    /// <summary>Hints the processor to fetch a transaction (both cache lines it may straddle).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PrefetchTransaction(ref readonly Transaction transaction)
    {
        ref byte start = ref Unsafe.As<Transaction, byte>(ref Unsafe.AsRef(in transaction));
        Prefetch(ref start);
        Prefetch(ref Unsafe.AddByteOffset(ref start, Unsafe.SizeOf<Transaction>() - 1));
    }

    /// <summary>Entries the pages hold.</summary>
    private int Capacity => ((_pages.Length - 1) * PageSize) + _pages[^1].Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref Entry EntryAt(int index) => ref _pages[index >> PageShift][index & PageMask];

    private static bool SameKey(string existing, string key) =>
        ReferenceEquals(existing, key) || string.Equals(existing, key, StringComparison.Ordinal);

    private int Append(string key, int hash, int order)
    {
        if ((Count + 1) * 2L > _slots.Length)
        {
            Rehash(checked(_slots.Length * 2));
        }

        if (Count == Capacity)
        {
            AddPage(Count + 1);
        }

        int index = Count++;
        EntryAt(index) = new Entry { Key = key, Hash = hash, Order = order };
        Place(_slots, hash, index);
        return index;
    }

    /// <summary>Grows the first page towards <paramref name="wanted"/> entries (by doubling, up to a full page), or adds
    /// a full page once the first is full.</summary>
    private void AddPage(int wanted)
    {
        if (_pages.Length == 1 && _pages[0].Length < PageSize)
        {
            int length = (int)Math.Min(PageSize, Math.Max(_pages[0].Length * 2L, BitOperations.RoundUpToPowerOf2((uint)wanted)));
            Array.Resize(ref _pages[0], length);
            return;
        }

        Array.Resize(ref _pages, _pages.Length + 1);
        _pages[^1] = new Entry[PageSize];
    }

    private void Rehash(int slotCount)
    {
        var slots = new Slot[slotCount];
        for (int i = 0; i < Count; i++)
        {
            Place(slots, EntryAt(i).Hash, i);
        }

        _slots = slots;
    }

    private static void Place(Slot[] slots, int hash, int index)
    {
        int mask = slots.Length - 1;
        int position = hash & mask;
        while (slots[position].IndexPlusOne != 0)
        {
            position = (position + 1) & mask;
        }

        slots[position] = new Slot { Hash = hash, IndexPlusOne = index + 1 };
    }

    /// <summary>A hint only: if the object moves before the hint is served nothing happens, since a prefetch never faults.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch<T>(ref T location)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref location));
        }
    }

    private struct Slot
    {
        public int Hash;
        public int IndexPlusOne; // 0 = empty
    }

    private struct Entry
    {
        public string Key;
        public int Hash;
        public int Order;
        public TValue Value;
    }
}
