namespace ValueSegmentation.Probabilistic.Numerics;

/// <summary>
/// The values a batch computes once per distinct (x, T) — customers acquired on the same day with the same frequency
/// share them — in an open-addressing table that allocates nothing per customer. One cache serves one thread; it
/// starts over when full, so its memory stays bounded however many distinct histories pass through it.
/// </summary>
internal sealed class HistoryCache
{
    private const int MaxCapacity = 1 << 15;

    private readonly int[] _slots; // entry + 1; 0 marks an empty slot
    private readonly int[] _frequency;
    private readonly double[] _age;
    private readonly double[] _factor;
    private readonly double[] _term;
    private int _count;

    /// <summary>A cache for a batch of <paramref name="customers"/> (it holds at most 32,768 histories, however many
    /// customers there are).</summary>
    public HistoryCache(int customers)
    {
        int capacity = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(customers, 16, MaxCapacity));
        _slots = new int[2 * capacity];
        _frequency = new int[capacity];
        _age = new double[capacity];
        _factor = new double[capacity];
        _term = new double[capacity];
    }

    /// <summary>Finds the values of (x, T), or returns false with the slot where <see cref="Add"/> puts them.</summary>
    public bool TryGet(int frequency, double age, out double factor, out double term, out int slot)
    {
        age += 0.0; // −0 → +0, so that equal ages have equal bits
        int mask = _slots.Length - 1;
        ulong h = ((ulong)(uint)frequency * 0x9E3779B97F4A7C15UL) ^ (ulong)BitConverter.DoubleToInt64Bits(age);
        h = (h ^ (h >> 29)) * 0xBF58476D1CE4E5B9UL;
        slot = (int)(h >> 40) & mask;
        while (_slots[slot] is int occupant and > 0)
        {
            int entry = occupant - 1;
            if (_frequency[entry] == frequency && _age[entry] == age)
            {
                factor = _factor[entry];
                term = _term[entry];
                return true;
            }

            slot = (slot + 1) & mask;
        }

        factor = term = 0;
        return false;
    }

    /// <summary>Stores the values of (x, T) at the slot <see cref="TryGet"/> gave.</summary>
    public void Add(int frequency, double age, double factor, double term, int slot)
    {
        if (_count == _frequency.Length)
        {
            Array.Clear(_slots); // full: start over (the slot given is then free, as every slot is)
            _count = 0;
        }

        _frequency[_count] = frequency;
        _age[_count] = age + 0.0;
        _factor[_count] = factor;
        _term[_count] = term;
        _slots[slot] = ++_count;
    }
}
