namespace ValueSegmentation.Data.Internal;

/// <summary>One string per distinct customer id: a read makes each id once and hands the same instance out for every
/// later row of that customer, so a log of 10^7 rows holds as many id strings as it has customers, and the summary
/// builder finds a customer by reference instead of comparing characters. With a pseudonymizer the string handed out is
/// the id's pseudonym, computed once per customer. Each customer also remembers its previous row's timestamp and amount,
/// for the duplicate check of the data-quality profile.</summary>
/// <remarks>
/// <para>The ids are kept in 256 parts by the high bits of their hash (randomised per process, so crafted ids cannot
/// force collisions), each an open-addressing table at most half full whose keys are in one array of characters of
/// its own. <see cref="InternAll"/> interns a block of rows part by part, on every core: a part's table and keys stay in
/// cache while its rows are looked up, where a lookup per row in one large table costs two or three cache misses (the
/// slot, the id's string, the translation of their pages), which made interning 85 % of reading a file.</para>
/// <para>Not thread-safe: one per read.</para>
/// </remarks>
internal sealed class IdPool(CustomerIdPseudonymizer? pseudonymizer)
{
    private const int PartBits = 8;
    private const int SequentialBelow = 1 << 14;

    private readonly Part[] _parts = CreateParts(pseudonymizer);
    private Key[] _keys = [];

    /// <summary>The customer of one row, interned on its own.</summary>
    /// <param name="id">The id as read.</param>
    /// <param name="ticks">The row's timestamp (UTC ticks).</param>
    /// <param name="amount">Its amount.</param>
    /// <param name="repeats">Whether the row has the timestamp and amount of its customer's previous row.</param>
    /// <returns>The one string of that customer (its pseudonym when pseudonymising).</returns>
    public string Intern(ReadOnlySpan<char> id, long ticks, double amount, out bool repeats)
    {
        int hash = string.GetHashCode(id);
        return _parts[PartOf(hash)].Intern(id, hash, ticks, amount, out repeats);
    }

    /// <summary>Interns every row of a block and completes its transactions (<see cref="TransactionBlock.Transactions"/>
    /// and <see cref="TransactionBlock.Repeats"/>); the rows of each customer are taken in the block's order, so the
    /// duplicate check sees them as one by one.</summary>
    public void InternAll(TransactionBlock block)
    {
        int count = block.Count;
        var repeats = block.Repeats;
        if (count < SequentialBelow)
        {
            for (int row = 0; row < count; row++)
            {
                int hash = block.IdHashes[row];
                var timestamp = block.Timestamps[row];
                string id = _parts[PartOf(hash)].Intern(block.IdOf(row), hash, timestamp.UtcTicks, block.Amounts[row], out repeats[row]);
                block.Complete(row, id, timestamp, block.Amounts[row], block.Costs[row]);
            }
        }
        else
        {
            // The rows' keys scattered by part (a stable counting sort: 256 write streams, each sequential), then the
            // parts interned in parallel, each reading its own keys in order with its table in cache.
            var hashes = block.IdHashes;
            var bounds = new int[(1 << PartBits) + 1];
            for (int row = 0; row < count; row++)
            {
                bounds[PartOf(hashes[row]) + 1]++;
            }

            for (int part = 0; part < 1 << PartBits; part++)
            {
                bounds[part + 1] += bounds[part];
            }

            var next = bounds.AsSpan(0, 1 << PartBits).ToArray();
            var keys = _keys.Length >= count ? _keys : _keys = new Key[count];
            for (int row = 0; row < count; row++)
            {
                int hash = hashes[row];
                keys[next[PartOf(hash)]++] = new Key(row, hash, block.IdStarts[row], block.IdLengths[row], block.Timestamps[row], block.Amounts[row], block.Costs[row]);
            }

            ValueSegmentation.Shared.ParallelChunks.Run(1 << PartBits, part =>
            {
                var table = _parts[part];
                for (int k = bounds[part]; k < bounds[part + 1]; k++)
                {
                    ref readonly var key = ref keys[k];
                    string id = table.Intern(block.IdChars.AsSpan(key.IdStart, key.IdLength), key.Hash, key.Timestamp.UtcTicks, key.Amount, out repeats[key.Row]);
                    block.Complete(key.Row, id, key.Timestamp, key.Amount, key.Cost);
                }
            });
        }
    }

    private static int PartOf(int hash) => (int)((uint)hash >> (32 - PartBits));

    private static Part[] CreateParts(CustomerIdPseudonymizer? pseudonymizer)
    {
        var parts = new Part[1 << PartBits];
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = new Part(pseudonymizer);
        }

        return parts;
    }

    /// <summary>The ids whose hash starts with one value: open addressing on the hash's low bits.</summary>
    private sealed class Part(CustomerIdPseudonymizer? pseudonymizer)
    {
        private Slot[] _slots = new Slot[16];
        private char[] _keys = new char[256];
        private int _keyLength;
        private int _count;

        public string Intern(ReadOnlySpan<char> id, int hash, long ticks, double amount, out bool repeats)
        {
            int mask = _slots.Length - 1;
            for (int position = hash & mask; ; position = (position + 1) & mask)
            {
                ref var slot = ref _slots[position];
                if (slot.Id is null)
                {
                    repeats = false;
                    return Add(ref slot, id, hash, ticks, amount);
                }

                if (slot.Hash == hash && id.SequenceEqual(_keys.AsSpan(slot.KeyStart, slot.KeyLength)))
                {
                    repeats = slot.LastTicks == ticks && slot.LastAmount.Equals(amount);
                    slot.LastTicks = ticks;
                    slot.LastAmount = amount;
                    return slot.Id;
                }
            }
        }

        private string Add(ref Slot slot, ReadOnlySpan<char> id, int hash, long ticks, double amount)
        {
            if (_keyLength + id.Length > _keys.Length)
            {
                Array.Resize(ref _keys, Math.Max(_keys.Length * 2, _keyLength + id.Length));
            }

            id.CopyTo(_keys.AsSpan(_keyLength));
            string created = pseudonymizer?.Pseudonymize(id) ?? new string(id);
            slot = new Slot { Id = created, Hash = hash, KeyStart = _keyLength, KeyLength = id.Length, LastTicks = ticks, LastAmount = amount };
            _keyLength += id.Length;
            if (++_count * 2 > _slots.Length)
            {
                Grow();
            }

            return created;
        }

        private void Grow()
        {
            var slots = new Slot[_slots.Length * 2];
            int mask = slots.Length - 1;
            foreach (ref readonly var slot in _slots.AsSpan())
            {
                if (slot.Id is not null)
                {
                    int position = slot.Hash & mask;
                    while (slots[position].Id is not null)
                    {
                        position = (position + 1) & mask;
                    }

                    slots[position] = slot;
                }
            }

            _slots = slots;
        }
    }

    /// <summary>What interning one row needs, gathered in the order of the parts.</summary>
    private readonly record struct Key(int Row, int Hash, int IdStart, int IdLength, DateTimeOffset Timestamp, double Amount, double Cost);

    private struct Slot
    {
        public string? Id;
        public int Hash;
        public int KeyStart;
        public int KeyLength;
        public long LastTicks;
        public double LastAmount;
    }
}
