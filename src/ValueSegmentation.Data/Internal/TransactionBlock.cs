namespace ValueSegmentation.Data.Internal;

/// <summary>Rows parsed and not yet added to the summary builder, a block at a time: each row's fields, and its customer
/// id as characters with their hash until <see cref="IdPool.InternAll"/> turns the block into
/// <see cref="Transactions"/>. The builder takes a block at once, so a time-ordered log goes through its fast path (on
/// every core, from 65,536 transactions on) instead of one call per row, and the ids of a block are interned together,
/// part by part of the id space, each part's table in cache, instead of one cache miss per row. A read holds at most two
/// blocks (one parsed into, one being added), never the log; a block's arrays grow with its rows up to
/// <see cref="Capacity"/> (about 32 MB), so a small source takes little.</summary>
/// <remarks>Not thread-safe, except that <see cref="IdPool.InternAll"/> fills rows of different customers in parallel.</remarks>
internal sealed class TransactionBlock
{
    public const int Capacity = 1 << 18;
    private const int InitialCapacity = 1 << 12;

    private char[] _idChars = new char[InitialCapacity * 8];
    private int _charCount;
    private Transaction[] _transactions = new Transaction[InitialCapacity];
    private bool[] _repeats = new bool[InitialCapacity];
    private int[] _flags = new int[InitialCapacity];
    private long[] _lines = new long[InitialCapacity];
    private DateTimeOffset[] _timestamps = new DateTimeOffset[InitialCapacity];
    private double[] _amounts = new double[InitialCapacity];
    private double[] _costs = new double[InitialCapacity];
    private int[] _idHashes = new int[InitialCapacity];
    private int[] _idStarts = new int[InitialCapacity];
    private int[] _idLengths = new int[InitialCapacity];

    public int Count { get; private set; }

    /// <summary>The rows as transactions, once interned.</summary>
    public Transaction[] Transactions => _transactions;

    /// <summary>Whether each row repeats its customer's previous row (timestamp and amount), once interned.</summary>
    public bool[] Repeats => _repeats;

    /// <summary>Each row's data-quality flags, taken back with it if the builder refuses it.</summary>
    public int[] Flags => _flags;

    public long[] Lines => _lines;

    public DateTimeOffset[] Timestamps => _timestamps;

    public double[] Amounts => _amounts;

    /// <summary>Costs, NaN for none.</summary>
    public double[] Costs => _costs;

    public int[] IdHashes => _idHashes;

    /// <summary>Where each row's id starts in <see cref="IdChars"/>.</summary>
    public int[] IdStarts => _idStarts;

    public int[] IdLengths => _idLengths;

    /// <summary>The rows' ids, one after the other.</summary>
    public char[] IdChars => _idChars;

    /// <summary>Row <paramref name="row"/>'s customer id as read.</summary>
    public ReadOnlySpan<char> IdOf(int row) => _idChars.AsSpan(_idStarts[row], _idLengths[row]);

    /// <returns>Whether the block is full.</returns>
    public bool Add(ReadOnlySpan<char> id, DateTimeOffset timestamp, double amount, double? cost, long line)
    {
        int row = Count;
        if (row == _lines.Length)
        {
            Grow();
        }

        if (_charCount + id.Length > _idChars.Length)
        {
            Array.Resize(ref _idChars, Math.Max(_idChars.Length * 2, _charCount + id.Length));
        }

        id.CopyTo(_idChars.AsSpan(_charCount));
        _idStarts[row] = _charCount;
        _idLengths[row] = id.Length;
        _idHashes[row] = string.GetHashCode(id);
        _charCount += id.Length;
        _timestamps[row] = timestamp;
        _amounts[row] = amount;
        _costs[row] = cost ?? double.NaN;
        _lines[row] = line;
        return ++Count == Capacity;
    }

    /// <summary>Row <paramref name="row"/> as a transaction of the customer <paramref name="id"/>.</summary>
    public void Complete(int row, string id, DateTimeOffset timestamp, double amount, double cost) =>
        _transactions[row] = new Transaction(id, timestamp, amount, double.IsNaN(cost) ? null : cost);

    /// <summary>Drops the rows from line <paramref name="line"/> on (the rows are in line order).</summary>
    public void KeepRowsBefore(long line)
    {
        while (Count > 0 && _lines[Count - 1] >= line)
        {
            Count--;
        }
    }

    public void Clear()
    {
        Count = 0;
        _charCount = 0;
    }

    private void Grow()
    {
        int length = Math.Min(Capacity, _lines.Length * 2);
        Array.Resize(ref _transactions, length);
        Array.Resize(ref _repeats, length);
        Array.Resize(ref _flags, length);
        Array.Resize(ref _lines, length);
        Array.Resize(ref _timestamps, length);
        Array.Resize(ref _amounts, length);
        Array.Resize(ref _costs, length);
        Array.Resize(ref _idHashes, length);
        Array.Resize(ref _idStarts, length);
        Array.Resize(ref _idLengths, length);
    }
}
