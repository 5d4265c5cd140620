using ValueSegmentation.Transactions;

namespace ValueSegmentation.Segmentation;

/// <summary>
/// A fitted segmentation: the segments, with their cut points frozen, and the rule that puts a customer in one.
/// </summary>
/// <remarks>Implementations are immutable and thread-safe, list <see cref="Segments"/> in rank order
/// (<c>Segments[i].Rank == i + 1</c>), and assign every customer to exactly one of them. Assigning one
/// customer should not allocate, so a service can classify customers online.</remarks>
/// <example>
/// A segmenter of your own, "repeat buyers first", in a few lines (it is its own strategy: nothing to learn):
/// <code>
/// sealed class RepeatBuyers : ISegmentationStrategy, ICustomerSegmenter
/// {
///     static readonly Segment Repeat = new("Repeat buyers", 1, "repeat purchases ≥ 1", "Thank and cross-sell");
///     static readonly Segment OneTime = new("One-time buyers", 2, "repeat purchases = 0", "Second-purchase offer");
///     public IReadOnlyList&lt;Segment&gt; Segments { get; } = [Repeat, OneTime];
///     public ICustomerSegmenter Fit(IReadOnlyList&lt;CustomerSummary&gt; population) =&gt; this;
///     public Segment Assign(CustomerSummary customer) =&gt; customer.Frequency &gt; 0 ? Repeat : OneTime;
/// }
/// </code>
/// </example>
public interface ICustomerSegmenter
{
    /// <summary>The segments, in rank order: the most valuable first.</summary>
    IReadOnlyList<Segment> Segments { get; }

    /// <summary>The segment of one customer.</summary>
    /// <param name="customer">The customer.</param>
    /// <returns>One of <see cref="Segments"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    Segment Assign(CustomerSummary customer);

    /// <summary>
    /// The segments of many customers, as indexes into <see cref="Segments"/>. The default calls
    /// <see cref="Assign(CustomerSummary)"/> for each customer; the built-in segmenters read the measures once through
    /// <see cref="CustomerSummaryCollection.ValuesOf"/> instead, so a population the strategy was fitted on is not
    /// evaluated again. Override it to do the same.
    /// </summary>
    /// <param name="customers">The customers.</param>
    /// <param name="segmentIndexes">Where to write each customer's segment index (rank − 1); at least as long as
    /// <paramref name="customers"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null or holds a null.</exception>
    /// <exception cref="ArgumentException"><paramref name="segmentIndexes"/> is too short.</exception>
    /// <exception cref="InvalidOperationException">The default implementation: <see cref="Assign(CustomerSummary)"/>
    /// returned null or a segment that is not in <see cref="Segments"/> at the position of its rank.</exception>
    void Assign(IReadOnlyList<CustomerSummary> customers, Span<int> segmentIndexes)
    {
        ArgumentNullException.ThrowIfNull(customers);
        Guard.Destination(customers.Count, segmentIndexes.Length, nameof(segmentIndexes));

        var segments = Segments;
        for (int i = 0; i < customers.Count; i++)
        {
            var customer = customers[i] ?? throw new ArgumentNullException(nameof(customers), $"Customer #{i} is null.");
            var segment = Assign(customer)
                ?? throw new InvalidOperationException($"The segmenter {GetType().Name} assigned no segment (null) to customer '{customer.CustomerId}'; Assign must return one of its Segments.");
            int index = segment.Rank - 1;
            segmentIndexes[i] = index < segments.Count && ReferenceEquals(segments[index], segment)
                ? index
                : throw new InvalidOperationException($"The segmenter assigned segment '{segment.Name}' (rank {segment.Rank}), which is not at position {index} of its Segments.");
        }
    }
}
