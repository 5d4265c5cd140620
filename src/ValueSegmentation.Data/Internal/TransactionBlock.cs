namespace ValueSegmentation.Data.Internal;

/// <summary>Rows parsed and not yet added to the summary builder, a block at a time: each row's fields, and its customer
/// id as characters with their hash until <see cref="IdPool.InternAll"/> turns the block into
/// <see cref="Transactions"/>. The builder takes a block at once, so a time-ordered log goes through its fast path (on
/// every core, from 65,536 transactions on) instead of one call per row, and the ids of a block are interned together,
/// part by part of the id space, each part's table in cache, instead of one cache miss per row. The log is never held
/// beyond one block (about 32 MB).</summary>
/// <remarks>Not thread-safe, except that <see cref="IdPool.InternAll"/> fills rows of different customers in parallel.</remarks>
internal sealed class TransactionBlock
{
    public const int Capacity = 1 << 18;

    private char[] _idChars = new char[Capacity * 8];
    private int _charCount;

    public int Count { get; private set; }

    /// <summary>The rows as transactions, once interned.</summary>
    public Transaction[] Transactions { get; } = new Transaction[Capacity];

    /// <summary>Whether each row repeats its customer's previous row (timestamp and amount), once interned.</summary>
    public bool[] Repeats { get; } = new bool[Capacity];

    /// <summary>Each row's data-quality flags, taken back with it if the builder refuses it.</summary>
    public int[] Flags { get; } = new int[Capacity];

    public long[] Lines { get; } = new long[Capacity];

    public DateTimeOffset[] Timestamps { get; } = new DateTimeOffset[Capacity];

    public double[] Amounts { get; } = new double[Capacity];

    /// <summary>Costs, NaN for none.</summary>
    public double[] Costs { get; } = new double[Capacity];

    public int[] IdHashes { get; } = new int[Capacity];

    /// <summary>Where each row's id starts in <see cref="IdChars"/>.</summary>
    public int[] IdStarts { get; } = new int[Capacity];

    public int[] IdLengths { get; } = new int[Capacity];

    /// <summary>The rows' ids, one after the other.</summary>
    public char[] IdChars => _idChars;

    /// <summary>Row <paramref name="row"/>'s customer id as read.</summary>
    public ReadOnlySpan<char> IdOf(int row) => _idChars.AsSpan(IdStarts[row], IdLengths[row]);

    /// <returns>Whether the block is full.</returns>
    public bool Add(ReadOnlySpan<char> id, DateTimeOffset timestamp, double amount, double? cost, long line)
    {
        if (_charCount + id.Length > _idChars.Length)
        {
            Array.Resize(ref _idChars, Math.Max(_idChars.Length * 2, _charCount + id.Length));
        }

        int row = Count;
        id.CopyTo(_idChars.AsSpan(_charCount));
        IdStarts[row] = _charCount;
        IdLengths[row] = id.Length;
        IdHashes[row] = string.GetHashCode(id);
        _charCount += id.Length;
        Timestamps[row] = timestamp;
        Amounts[row] = amount;
        Costs[row] = cost ?? double.NaN;
        Lines[row] = line;
        return ++Count == Capacity;
    }

    /// <summary>Row <paramref name="row"/> as a transaction of the customer <paramref name="id"/>.</summary>
    public void Complete(int row, string id, DateTimeOffset timestamp, double amount, double cost) =>
        Transactions[row] = new Transaction(id, timestamp, amount, double.IsNaN(cost) ? null : cost);

    public void Clear()
    {
        Count = 0;
        _charCount = 0;
    }
}
