using ValueSegmentation.Internal;
using ValueSegmentation.Segmentation;

namespace ValueSegmentation.Analysis;

/// <summary>
/// Movement between the segments of two snapshots of the same customer base (the same strategy fitted at two
/// dates): the transition matrix in counts and row shares, the customers who moved up (rising stars) and
/// down (at risk), and the customers who are new or lost.
/// </summary>
/// <remarks>
/// <para>Customers are matched by <c>CustomerId</c>. A customer in the first snapshot only is lost; in the
/// second only, new. Each row of the matrix, with its lost count, sums to the segment's size in the first
/// snapshot, and the row shares (with the lost share) sum to 1. Up and down compare ranks: a move to a
/// lower rank number is up.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class SegmentMigration
{
    private readonly int[,] _counts;
    private readonly int[] _lost;
    private readonly int[] _new;
    private readonly int[] _rowTotals;

    private SegmentMigration(
        Segment[] segments,
        int[,] counts,
        int[] lost,
        int[] added,
        int[] rowTotals,
        CustomerMove[] risingStars,
        CustomerMove[] atRisk,
        string[] newIds,
        string[] lostIds)
    {
        Segments = segments;
        _counts = counts;
        _lost = lost;
        _new = added;
        _rowTotals = rowTotals;
        RisingStars = risingStars;
        AtRisk = atRisk;
        NewCustomerIds = newIds;
        LostCustomerIds = lostIds;
    }

    /// <summary>The segments (of the first snapshot; the second has segments of the same names in the same order).</summary>
    public IReadOnlyList<Segment> Segments { get; }

    /// <summary>Customers who moved to a better-ranked segment, in the first snapshot's customer order.</summary>
    public IReadOnlyList<CustomerMove> RisingStars { get; }

    /// <summary>Customers who moved to a worse-ranked segment, in the first snapshot's customer order.</summary>
    public IReadOnlyList<CustomerMove> AtRisk { get; }

    /// <summary>Customers in the second snapshot only.</summary>
    public IReadOnlyList<string> NewCustomerIds { get; }

    /// <summary>Customers in the first snapshot only.</summary>
    public IReadOnlyList<string> LostCustomerIds { get; }

    /// <summary>Compares two segmentations of the same base.</summary>
    /// <param name="before">The first snapshot.</param>
    /// <param name="after">The second snapshot.</param>
    /// <returns>The migration.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The snapshots' segments differ in number or names.</exception>
    public static SegmentMigration Between(SegmentedCustomers before, SegmentedCustomers after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (!before.Segments.Select(s => s.Name).SequenceEqual(after.Segments.Select(s => s.Name), StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"The snapshots have different segments ({string.Join(", ", before.Segments.Select(s => s.Name))} against {string.Join(", ", after.Segments.Select(s => s.Name))}); compare segmentations by the same strategy.",
                nameof(after));
        }

        int k = before.Segments.Count;
        var counts = new int[k, k];
        var lost = new int[k];
        var added = new int[k];
        var rowTotals = before.Counts.ToArray();
        var up = new List<CustomerMove>();
        var down = new List<CustomerMove>();
        var lostIds = new List<string>();
        for (int i = 0; i < before.Customers.Count; i++)
        {
            string id = before.Customers.CustomerIdAt(i);
            int from = before.SegmentIndexOf(i);
            int j = after.Customers.IndexOf(id);
            if (j < 0)
            {
                lost[from]++;
                lostIds.Add(id);
                continue;
            }

            int to = after.SegmentIndexOf(j);
            counts[from, to]++;
            if (to != from)
            {
                (to < from ? up : down).Add(new CustomerMove(id, before.Segments[from], after.Segments[to]));
            }
        }

        var newIds = new List<string>();
        for (int j = 0; j < after.Customers.Count; j++)
        {
            if (before.Customers.IndexOf(after.Customers.CustomerIdAt(j)) < 0)
            {
                added[after.SegmentIndexOf(j)]++;
                newIds.Add(after.Customers.CustomerIdAt(j));
            }
        }

        return new SegmentMigration([.. before.Segments], counts, lost, added, rowTotals, [.. up], [.. down], [.. newIds], [.. lostIds]);
    }

    /// <summary>Customers in segment <paramref name="from"/> first and segment <paramref name="to"/> second.</summary>
    /// <param name="from">Segment index (rank − 1) in the first snapshot.</param>
    /// <param name="to">Segment index in the second snapshot.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> or <paramref name="to"/> is not a segment index (0 to the number of segments − 1).</exception>
    public int Count(int from, int to) => _counts[Indexes.Check(from, _lost.Length), Indexes.Check(to, _new.Length)];

    /// <summary>The share of segment <paramref name="from"/>'s first-snapshot customers who are in
    /// <paramref name="to"/> second; 0 for an empty segment.</summary>
    /// <param name="from">Segment index in the first snapshot.</param>
    /// <param name="to">Segment index in the second snapshot.</param>
    /// <returns>The row share, in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> or <paramref name="to"/> is not a segment index (0 to the number of segments − 1).</exception>
    public double RowShare(int from, int to)
    {
        int count = Count(from, to);
        return _rowTotals[from] == 0 ? 0 : (double)count / _rowTotals[from];
    }

    /// <summary>Customers of segment <paramref name="from"/> in the first snapshot who are missing from the second.</summary>
    /// <param name="from">Segment index in the first snapshot.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> is not a segment index (0 to the number of segments − 1).</exception>
    public int Lost(int from) => _lost[Indexes.Check(from, _lost.Length)];

    /// <summary>The share of segment <paramref name="from"/> that was lost; 0 for an empty segment.</summary>
    /// <param name="from">Segment index in the first snapshot.</param>
    /// <returns>The share, in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> is not a segment index (0 to the number of segments − 1).</exception>
    public double LostShare(int from) => _rowTotals[Indexes.Check(from, _lost.Length)] == 0 ? 0 : (double)_lost[from] / _rowTotals[from];

    /// <summary>Customers new in the second snapshot who landed in segment <paramref name="to"/>.</summary>
    /// <param name="to">Segment index in the second snapshot.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="to"/> is not a segment index (0 to the number of segments − 1).</exception>
    public int New(int to) => _new[Indexes.Check(to, _new.Length)];

    /// <summary>The size of segment <paramref name="from"/> in the first snapshot: its row's counts plus its lost count.</summary>
    /// <param name="from">Segment index in the first snapshot.</param>
    /// <returns>The count.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="from"/> is not a segment index (0 to the number of segments − 1).</exception>
    public int RowTotal(int from) => _rowTotals[Indexes.Check(from, _rowTotals.Length)];
}
