using ValueSegmentation.Transactions;

namespace ValueSegmentation.Segmentation;

/// <summary>
/// A way of dividing customers into segments. Segmentation takes two steps: <see cref="Fit"/> learns the cut
/// points from a population (quantiles, medians, cumulative shares) and returns an immutable
/// <see cref="ICustomerSegmenter"/> with them frozen, which then assigns one customer (online, in a service) or
/// a whole batch.
/// </summary>
/// <remarks>
/// <para>Contract for implementations: the segments of the returned segmenter form a partition (every customer
/// lands in exactly one), and the fit depends only on the population as a set (permuting it changes nothing).
/// Strategies are immutable and thread-safe.</para>
/// </remarks>
/// <example>
/// A user-written strategy, "repeat buyers first", in a few lines:
/// <code>
/// sealed class RepeatBuyers : ISegmentationStrategy, ICustomerSegmenter
/// {
///     static readonly Segment Repeat = new("Repeat buyers", 1, "repeat purchases ≥ 1", "Thank and cross-sell");
///     static readonly Segment OneTime = new("One-time buyers", 2, "repeat purchases = 0", "Second-purchase offer");
///     public IReadOnlyList&lt;Segment&gt; Segments { get; } = [Repeat, OneTime];
///     public ICustomerSegmenter Fit(IReadOnlyList&lt;CustomerSummary&gt; population) =&gt; this; // nothing to learn
///     public Segment Assign(CustomerSummary customer) =&gt; customer.Frequency &gt; 0 ? Repeat : OneTime;
/// }
/// </code>
/// </example>
public interface ISegmentationStrategy
{
    /// <summary>Learns the strategy's cut points from a population.</summary>
    /// <param name="population">The customers to learn from.</param>
    /// <returns>A segmenter with the cut points frozen.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="population"/> is null or holds a null.</exception>
    /// <exception cref="ArgumentException">The strategy needs data and <paramref name="population"/> is empty.</exception>
    ICustomerSegmenter Fit(IReadOnlyList<CustomerSummary> population);
}

/// <summary>
/// A fitted segmentation: the segments, with their cut points frozen, and the rule that puts a customer in one.
/// </summary>
/// <remarks>Implementations are immutable and thread-safe, list <see cref="Segments"/> in rank order
/// (<c>Segments[i].Rank == i + 1</c>), and assign every customer to exactly one of them. Assigning one
/// customer should not allocate, so a service can classify customers online.</remarks>
public interface ICustomerSegmenter
{
    /// <summary>The segments, in rank order: the most valuable first.</summary>
    IReadOnlyList<Segment> Segments { get; }

    /// <summary>The segment of one customer.</summary>
    /// <param name="customer">The customer.</param>
    /// <returns>One of <see cref="Segments"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    Segment Assign(CustomerSummary customer);

    /// <summary>The segments of many customers, as indexes into <see cref="Segments"/>.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="segmentIndexes">Where to write each customer's segment index (rank − 1); at least as long as
    /// <paramref name="customers"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="segmentIndexes"/> is too short.</exception>
    /// <exception cref="ArgumentNullException">A customer is null.</exception>
    void Assign(ReadOnlySpan<CustomerSummary> customers, Span<int> segmentIndexes)
    {
        if (segmentIndexes.Length < customers.Length)
        {
            throw new ArgumentException($"The destination holds {segmentIndexes.Length} indexes, fewer than the {customers.Length} customers.", nameof(segmentIndexes));
        }

        var segments = Segments;
        for (int i = 0; i < customers.Length; i++)
        {
            var segment = Assign(customers[i] ?? throw new ArgumentNullException(nameof(customers), $"Customer #{i} is null."));
            int index = segment.Rank - 1;
            segmentIndexes[i] = index < segments.Count && ReferenceEquals(segments[index], segment)
                ? index
                : throw new InvalidOperationException($"The segmenter assigned segment '{segment.Name}' (rank {segment.Rank}), which is not at position {index} of its Segments.");
        }
    }
}
