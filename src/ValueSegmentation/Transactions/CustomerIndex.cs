using System.Numerics;

namespace ValueSegmentation.Transactions;

/// <summary>
/// The positions of a population's customers by identifier: an open-addressing table of positions (4 bytes a slot, at
/// most four fifths full), the identifiers themselves read from the population. About 5–10 bytes per customer,
/// against 28 for a <see cref="Dictionary{TKey, TValue}"/> from string to int, which matters at 10⁸ customers.
/// </summary>
/// <remarks>Hashes are <see cref="string.GetHashCode()"/> (randomised per process), so crafted identifiers cannot force
/// collisions. Immutable once built, so thread-safe.</remarks>
internal sealed class CustomerIndex
{
    private readonly int[] _slots; // position + 1; 0 marks an empty slot
    private readonly Func<int, string> _idAt;

    private CustomerIndex(int[] slots, Func<int, string> idAt)
    {
        _slots = slots;
        _idAt = idAt;
    }

    /// <summary>Indexes the <paramref name="count"/> customers whose identifiers <paramref name="idAt"/> gives.</summary>
    /// <exception cref="ArgumentException">A customer appears twice (named, with both positions).</exception>
    public static CustomerIndex Build(int count, Func<int, string> idAt, string parameterName)
    {
        long wanted = Math.Max(8, count + (count / 4) + 1); // at most 80 % full
        var slots = new int[(int)Math.Min(1L << 30, (long)BitOperations.RoundUpToPowerOf2((ulong)wanted))];
        int mask = slots.Length - 1;
        for (int i = 0; i < count; i++)
        {
            string id = idAt(i);
            int position = id.GetHashCode() & mask;
            while (slots[position] != 0)
            {
                int other = slots[position] - 1;
                if (string.Equals(idAt(other), id, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Customer '{id}' appears twice (#{other} and #{i}); a population holds each customer once.", parameterName);
                }

                position = (position + 1) & mask;
            }

            slots[position] = i + 1;
        }

        return new CustomerIndex(slots, idAt);
    }

    /// <summary>The position of a customer, or −1.</summary>
    public int IndexOf(string id)
    {
        int mask = _slots.Length - 1;
        for (int position = id.GetHashCode() & mask; _slots[position] != 0; position = (position + 1) & mask)
        {
            int index = _slots[position] - 1;
            if (string.Equals(_idAt(index), id, StringComparison.Ordinal))
            {
                return index;
            }
        }

        return -1;
    }
}
