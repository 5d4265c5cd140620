namespace ValueSegmentation.Data.Internal;

/// <summary>One string per distinct customer id: a read makes each id once and hands the same instance out for every
/// later row of that customer, so a log of 10^7 rows holds as many id strings as it has customers, and the summary
/// builder finds a customer by reference instead of comparing characters.</summary>
/// <remarks>Open addressing over the ids' hashes (randomised per process, so crafted ids cannot force collisions), at
/// most half full. Not thread-safe: one per read.</remarks>
internal sealed class IdPool
{
    private string?[] _slots = new string?[1024];
    private int[] _hashes = new int[1024];
    private int _count;

    public string Intern(ReadOnlySpan<char> id)
    {
        int hash = string.GetHashCode(id);
        int mask = _slots.Length - 1;
        for (int position = hash & mask; ; position = (position + 1) & mask)
        {
            string? existing = _slots[position];
            if (existing is null)
            {
                string created = new(id);
                _slots[position] = created;
                _hashes[position] = hash;
                if (++_count * 2 > _slots.Length)
                {
                    Grow();
                }

                return created;
            }

            if (_hashes[position] == hash && id.SequenceEqual(existing))
            {
                return existing;
            }
        }
    }

    private void Grow()
    {
        var slots = new string?[_slots.Length * 2];
        var hashes = new int[slots.Length];
        int mask = slots.Length - 1;
        for (int i = 0; i < _slots.Length; i++)
        {
            if (_slots[i] is { } id)
            {
                int position = _hashes[i] & mask;
                while (slots[position] is not null)
                {
                    position = (position + 1) & mask;
                }

                slots[position] = id;
                hashes[position] = _hashes[i];
            }
        }

        _slots = slots;
        _hashes = hashes;
    }
}
