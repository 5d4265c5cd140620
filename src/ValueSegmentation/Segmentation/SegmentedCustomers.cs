using ValueSegmentation.Internal;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Segmentation;

/// <summary>
/// A population with every customer assigned to a segment: the input of the segment report and the migration
/// analysis.
/// </summary>
/// <remarks>Immutable and thread-safe. The customers keep their input order; the assignment of customer i is
/// <see cref="SegmentIndexOf(int)"/>. The population keeps the measures' values (see
/// <see cref="CustomerSummaryCollection.ValuesOf"/>), so a report on the strategy's own measure evaluates nothing again.</remarks>
public sealed class SegmentedCustomers
{
    private readonly Segment[] _segments;
    private readonly int[] _counts;

    /// <summary>The segment index of each customer, as a segmenter's batch wrote it; or <see langword="null"/> when
    /// <see cref="_narrowIndexes"/> holds them.</summary>
    private readonly int[]? _segmentIndexes;

    /// <summary>The segment index of each customer in one byte, as a built-in threshold segmenter with at most 256
    /// segments writes it (a quarter of the memory); or <see langword="null"/>.</summary>
    private readonly byte[]? _narrowIndexes;

    /// <summary><see cref="_narrowIndexes"/> widened for <see cref="SegmentIndexes"/>, made on its first call.</summary>
    private int[]? _widenedIndexes;

    /// <summary>Wraps an assignment, counting (and checking) the indexes unless the segmenter counted them.</summary>
    /// <param name="customers">The population.</param>
    /// <param name="segmenter">The segmenter that assigned it.</param>
    /// <param name="segments">Its segments, checked to be in rank order.</param>
    /// <param name="segmentIndexes">The segment index of each customer, or <see langword="null"/> with
    /// <paramref name="narrowIndexes"/>.</param>
    /// <param name="narrowIndexes">The segment index of each customer in one byte, or <see langword="null"/>.</param>
    /// <param name="counts">The number of customers in each segment when a built-in segmenter counted them while it
    /// assigned; <see langword="null"/> to count (and check) the indexes here.</param>
    private SegmentedCustomers(CustomerSummaryCollection customers, ICustomerSegmenter segmenter, Segment[] segments, int[]? segmentIndexes, byte[]? narrowIndexes, int[]? counts)
    {
        Customers = customers;
        Segmenter = segmenter;
        _segments = segments;
        _segmentIndexes = segmentIndexes;
        _narrowIndexes = narrowIndexes;
        if (counts is not null)
        {
            _counts = counts;
            return;
        }

        _counts = new int[segments.Length];
        foreach (int index in segmentIndexes!)
        {
            if ((uint)index >= (uint)segments.Length)
            {
                throw new InvalidOperationException($"The segmenter assigned segment index {index}, outside its {segments.Length} segments.");
            }

            _counts[index]++;
        }
    }

    /// <summary>The customers, in input order.</summary>
    public CustomerSummaryCollection Customers { get; }

    /// <summary>The segmenter that assigned them.</summary>
    public ICustomerSegmenter Segmenter { get; }

    /// <summary>The segments, in rank order.</summary>
    public IReadOnlyList<Segment> Segments => _segments;

    /// <summary>The number of customers in each segment, in the order of <see cref="Segments"/>.</summary>
    public IReadOnlyList<int> Counts => _counts;

    /// <summary>Segments that no customer landed in, in rank order: usually many customers tied at a cut point (see
    /// <see cref="Segment.TargetShare"/>).</summary>
    public IReadOnlyList<Segment> EmptySegments => [.. _segments.Where((_, i) => _counts[i] == 0)];

    /// <summary>Assigns every customer with a fitted segmenter, through its batch
    /// <see cref="ICustomerSegmenter.Assign(IReadOnlyList{CustomerSummary}, Span{int})"/>.</summary>
    /// <param name="segmenter">The segmenter.</param>
    /// <param name="customers">The customers; a <see cref="CustomerSummaryCollection"/> lends the segmenter the measure
    /// values it already holds.</param>
    /// <returns>The segmented population.</returns>
    /// <exception cref="ArgumentNullException">An argument is null, or <paramref name="customers"/> holds a null.</exception>
    /// <exception cref="ArgumentException">A customer appears twice, or the summaries mix windows.</exception>
    /// <exception cref="MeasureEvaluationException">A measure cannot value a customer.</exception>
    /// <exception cref="InvalidOperationException">The segmenter's segments are not in rank order, or it assigned an
    /// index outside them.</exception>
    public static SegmentedCustomers Assign(ICustomerSegmenter segmenter, IReadOnlyList<CustomerSummary> customers)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        var population = CustomerSummaryCollection.Of(customers);
        var segments = CheckedSegments(segmenter);
        if (segmenter is ThresholdSegmenter threshold)
        {
            // Every entry is written, so the array needs no clearing; the counts come with the assignment.
            if (segments.Length <= byte.MaxValue + 1)
            {
                var narrow = GC.AllocateUninitializedArray<byte>(population.Count);
                return new SegmentedCustomers(population, segmenter, segments, null, narrow, threshold.AssignAndCount(population, narrow));
            }

            var assigned = GC.AllocateUninitializedArray<int>(population.Count);
            return new SegmentedCustomers(population, segmenter, segments, assigned, null, threshold.AssignAndCount(population, assigned));
        }

        var indexes = new int[population.Count];
        segmenter.Assign(population, indexes);
        return new SegmentedCustomers(population, segmenter, segments, indexes, null, null);
    }

    /// <summary>Fits a strategy on a population and assigns the same population, evaluating each measure once.</summary>
    /// <param name="strategy">The strategy.</param>
    /// <param name="customers">The customers.</param>
    /// <returns>The segmented population.</returns>
    /// <exception cref="ArgumentNullException">An argument is null, or <paramref name="customers"/> holds a null.</exception>
    /// <exception cref="ArgumentException">The strategy needs data and <paramref name="customers"/> is empty, a
    /// customer appears twice, or the summaries mix windows.</exception>
    /// <exception cref="MeasureEvaluationException">A measure cannot value a customer.</exception>
    public static SegmentedCustomers FitAndAssign(ISegmentationStrategy strategy, IReadOnlyList<CustomerSummary> customers)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var population = CustomerSummaryCollection.Of(customers);
        var segmenter = strategy.Fit(population) ?? throw new InvalidOperationException($"The strategy {strategy.GetType().Name} returned no segmenter.");
        return Assign(segmenter, population);
    }

    /// <summary>The segment index (rank − 1) of the customer at <paramref name="customerIndex"/>.</summary>
    /// <param name="customerIndex">The customer's position in <see cref="Customers"/>.</param>
    /// <returns>The index into <see cref="Segments"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="customerIndex"/> is negative or not less than the
    /// number of customers.</exception>
    public int SegmentIndexOf(int customerIndex) =>
        _narrowIndexes is { } narrow ? narrow[Indexes.Check(customerIndex, narrow.Length)] : _segmentIndexes![Indexes.Check(customerIndex, _segmentIndexes.Length)];

    /// <summary>The segment of the customer at <paramref name="customerIndex"/>.</summary>
    /// <param name="customerIndex">The customer's position in <see cref="Customers"/>.</param>
    /// <returns>The segment.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="customerIndex"/> is negative or not less than the
    /// number of customers.</exception>
    public Segment SegmentOf(int customerIndex) => _segments[SegmentIndexOf(customerIndex)];

    /// <summary>The segment of a customer found by identifier (without a scan).</summary>
    /// <param name="customerId">The customer's identifier.</param>
    /// <returns>The segment, or <see langword="null"/> when the customer is not in the population.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customerId"/> is null.</exception>
    public Segment? SegmentOf(string customerId)
    {
        int index = Customers.IndexOf(customerId);
        return index < 0 ? null : SegmentOf(index);
    }

    /// <summary>The segment indexes of all customers, in the order of <see cref="Customers"/>.</summary>
    /// <returns>A read-only span.</returns>
    /// <remarks>The built-in threshold segmenters store one byte per customer; the first call then widens them into an
    /// array of <see cref="int"/>s that later calls share. <see cref="SegmentIndexOf(int)"/> reads the bytes directly.</remarks>
    public ReadOnlySpan<int> SegmentIndexes() => _segmentIndexes ?? Volatile.Read(ref _widenedIndexes) ?? Widen();

    /// <summary>The share of the population in segment <paramref name="segmentIndex"/> (its realised share).</summary>
    /// <param name="segmentIndex">A segment index (rank − 1).</param>
    /// <returns>The share, in [0, 1]; 0 for an empty population.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="segmentIndex"/> is negative or not less than the
    /// number of segments.</exception>
    public double ShareOf(int segmentIndex)
    {
        Indexes.Check(segmentIndex, _counts.Length);
        return Customers.Count == 0 ? 0 : (double)_counts[segmentIndex] / Customers.Count;
    }

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
        for (int i = 0; i < Customers.Count; i++)
        {
            if (SegmentIndexOf(i) == index)
            {
                yield return Customers[i];
            }
        }
    }

    /// <summary>The one-byte indexes as <see cref="int"/>s, kept for later calls (a race makes the same array twice and
    /// keeps one).</summary>
    private int[] Widen()
    {
        var narrow = _narrowIndexes!;
        var wide = GC.AllocateUninitializedArray<int>(narrow.Length);
        for (int i = 0; i < narrow.Length; i++)
        {
            wide[i] = narrow[i];
        }

        return Interlocked.CompareExchange(ref _widenedIndexes, wide, null) ?? wide;
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
