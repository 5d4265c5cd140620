using ValueSegmentation.Transactions;

namespace ValueSegmentation.Internal;

/// <summary>
/// Reads some columns of a population a block at a time, in the customers' order: each <see cref="MoveNext"/> copies the
/// next block of every column (<see cref="CustomerSummaryCollection.CopyColumn"/>) into buffers of its own, so a loop
/// over a large collection kept as columns makes no summary object.
/// </summary>
internal sealed class SummaryBlocks
{
    /// <summary>Customers per block.</summary>
    public const int Size = 512;

    private readonly CustomerSummaryCollection _customers;
    private readonly SummaryColumn[] _columns;
    private readonly double[][] _values;

    /// <summary>Prepares to read <paramref name="columns"/> of <paramref name="customers"/>; call <see cref="MoveNext"/>
    /// for the first block.</summary>
    public SummaryBlocks(CustomerSummaryCollection customers, params SummaryColumn[] columns)
    {
        _customers = customers;
        _columns = columns;
        _values = [.. columns.Select(_ => new double[Size])];
    }

    /// <summary>Position of the block's first customer.</summary>
    public int Start { get; private set; }

    /// <summary>Customers in the block.</summary>
    public int Length { get; private set; }

    /// <summary>The block's values of the <paramref name="column"/>-th column given to the constructor.</summary>
    public ReadOnlySpan<double> this[int column] => _values[column].AsSpan(0, Length);

    /// <summary>Reads the next block.</summary>
    /// <returns><see langword="false"/> when every customer has been read.</returns>
    public bool MoveNext()
    {
        Start += Length;
        Length = Math.Min(Size, _customers.Count - Start);
        if (Length <= 0)
        {
            Length = 0;
            return false;
        }

        for (int c = 0; c < _columns.Length; c++)
        {
            _customers.CopyColumn(_columns[c], Start, _values[c].AsSpan(0, Length));
        }

        return true;
    }
}
