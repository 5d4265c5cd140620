using ValueSegmentation.Transactions;

namespace ValueSegmentation.Segmentation;

/// <summary>
/// A population with every customer assigned to a segment: the input of the segment report and the migration
/// analysis.
/// </summary>
/// <remarks>Immutable and thread-safe. The customers keep their input order; the assignment of customer i is
/// <see cref="SegmentIndexOf(int)"/>.</remarks>
public sealed class SegmentedCustomers
{
    private const int ParallelChunk = 1 << 16;

    private readonly CustomerSummary[] _customers;
    private readonly int[] _segmentIndexes;
    private readonly Segment[] _segments;
    private readonly int[] _counts;

    private SegmentedCustomers(CustomerSummary[] customers, Segment[] segments, int[] segmentIndexes)
    {
        _customers = customers;
        _segments = segments;
        _segmentIndexes = segmentIndexes;
        _counts = new int[segments.Length];
        foreach (int index in segmentIndexes)
        {
            _counts[index]++;
        }
    }

    /// <summary>The customers, in input order.</summary>
    public IReadOnlyList<CustomerSummary> Customers => _customers;

    /// <summary>The segments, in rank order.</summary>
    public IReadOnlyList<Segment> Segments => _segments;

    /// <summary>The number of customers in each segment, in the order of <see cref="Segments"/>.</summary>
    public IReadOnlyList<int> Counts => _counts;

    /// <summary>Assigns every customer with a fitted segmenter. Large populations are assigned in parallel
    /// chunks, which the segmenter's thread safety allows; the result does not depend on it.</summary>
    /// <param name="segmenter">The segmenter.</param>
    /// <param name="customers">The customers.</param>
    /// <returns>The segmented population.</returns>
    /// <exception cref="ArgumentNullException">An argument is null, or <paramref name="customers"/> holds a null.</exception>
    /// <exception cref="InvalidOperationException">The segmenter's segments are not in rank order, or it assigned an
    /// index outside them.</exception>
    public static SegmentedCustomers Assign(ICustomerSegmenter segmenter, IReadOnlyList<CustomerSummary> customers)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        var span = Population.AsSpan(customers, nameof(customers));
        var segments = CheckedSegments(segmenter);
        var array = span.ToArray();
        var indexes = new int[array.Length];
        if (array.Length <= ParallelChunk)
        {
            segmenter.Assign(array, indexes);
        }
        else
        {
            Parallel.For(0, (array.Length + ParallelChunk - 1) / ParallelChunk, chunk =>
            {
                int start = chunk * ParallelChunk, length = Math.Min(ParallelChunk, array.Length - start);
                segmenter.Assign(array.AsSpan(start, length), indexes.AsSpan(start, length));
            });
        }

        foreach (int index in indexes)
        {
            if ((uint)index >= (uint)segments.Length)
            {
                throw new InvalidOperationException($"The segmenter assigned segment index {index}, outside its {segments.Length} segments.");
            }
        }

        return new SegmentedCustomers(array, segments, indexes);
    }

    /// <summary>Fits a strategy on a population and assigns the same population.</summary>
    /// <param name="strategy">The strategy.</param>
    /// <param name="customers">The customers.</param>
    /// <returns>The segmented population.</returns>
    /// <exception cref="ArgumentNullException">An argument is null, or <paramref name="customers"/> holds a null.</exception>
    /// <exception cref="ArgumentException">The strategy needs data and <paramref name="customers"/> is empty.</exception>
    public static SegmentedCustomers FitAndAssign(ISegmentationStrategy strategy, IReadOnlyList<CustomerSummary> customers)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        if (strategy is not IValueThresholdStrategy thresholds)
        {
            return Assign(strategy.Fit(customers), customers);
        }

        // One evaluation of the measure serves both steps: fit on a copy of the values, assign from the values.
        var span = Population.AsSpan(customers, nameof(customers));
        var values = Population.Values(thresholds.Measure, span);
        var segmenter = thresholds.FitValues((double[])values.Clone());
        var indexes = new int[values.Length];
        Parallel.For(0, (values.Length + ParallelChunk - 1) / ParallelChunk, chunk =>
        {
            int end = Math.Min(values.Length, (chunk + 1) * ParallelChunk);
            for (int i = chunk * ParallelChunk; i < end; i++)
            {
                indexes[i] = segmenter.IndexOf(values[i]);
            }
        });

        return new SegmentedCustomers(span.ToArray(), [.. segmenter.Segments], indexes);
    }

    /// <summary>The segment index (rank − 1) of the customer at <paramref name="customerIndex"/>.</summary>
    /// <param name="customerIndex">The customer's position in <see cref="Customers"/>.</param>
    /// <returns>The index into <see cref="Segments"/>.</returns>
    public int SegmentIndexOf(int customerIndex) => _segmentIndexes[customerIndex];

    /// <summary>The segment of the customer at <paramref name="customerIndex"/>.</summary>
    /// <param name="customerIndex">The customer's position in <see cref="Customers"/>.</param>
    /// <returns>The segment.</returns>
    public Segment SegmentOf(int customerIndex) => _segments[_segmentIndexes[customerIndex]];

    /// <summary>The segment indexes of all customers, in the order of <see cref="Customers"/>.</summary>
    /// <returns>A read-only span.</returns>
    public ReadOnlySpan<int> SegmentIndexes() => _segmentIndexes;

    /// <summary>The customers of one segment, in input order.</summary>
    /// <param name="segment">A segment of <see cref="Segments"/>.</param>
    /// <returns>The customers.</returns>
    /// <exception cref="ArgumentException"><paramref name="segment"/> is not one of <see cref="Segments"/>.</exception>
    public IEnumerable<CustomerSummary> In(Segment segment)
    {
        int index = Array.IndexOf(_segments, segment);
        if (index < 0)
        {
            throw new ArgumentException($"Segment '{segment?.Name}' is not one of this segmentation's segments.", nameof(segment));
        }

        return InCore(index);
    }

    private IEnumerable<CustomerSummary> InCore(int index)
    {
        for (int i = 0; i < _customers.Length; i++)
        {
            if (_segmentIndexes[i] == index)
            {
                yield return _customers[i];
            }
        }
    }

    private static Segment[] CheckedSegments(ICustomerSegmenter segmenter)
    {
        var segments = segmenter.Segments?.ToArray() ?? throw new InvalidOperationException("The segmenter has no segments.");
        if (segments.Length == 0)
        {
            throw new InvalidOperationException("The segmenter has no segments.");
        }

        for (int i = 0; i < segments.Length; i++)
        {
            if (segments[i] is null || segments[i].Rank != i + 1)
            {
                throw new InvalidOperationException($"The segmenter's segment #{i} ({segments[i]?.Name ?? "null"}) has rank {segments[i]?.Rank}; segments must be listed in rank order, ranks 1, 2, 3, ...");
            }
        }

        return segments;
    }
}
