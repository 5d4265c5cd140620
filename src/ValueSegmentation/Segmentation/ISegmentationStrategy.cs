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
/// <para>Read measures through <see cref="CustomerSummaryCollection.Of"/> and
/// <see cref="CustomerSummaryCollection.ValuesOf"/>: the population you are given is usually a collection that
/// already holds them, so fitting, assigning and reporting evaluate each measure once. The built-in strategies use
/// nothing else.</para>
/// </remarks>
/// <example>
/// A user-written strategy, "above or below the mean of a measure", in a few lines:
/// <code>
/// sealed class AboveMean(CustomerMeasure measure) : ISegmentationStrategy
/// {
///     public ICustomerSegmenter Fit(IReadOnlyList&lt;CustomerSummary&gt; population)
///     {
///         double mean = 0;
///         foreach (double v in CustomerSummaryCollection.Of(population).ValuesOf(measure)) mean += v / population.Count;
///         return new TieredStrategy(measure, minimums: [mean]).Fit(population);
///     }
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
    /// <exception cref="MeasureEvaluationException">A measure cannot value a customer.</exception>
    ICustomerSegmenter Fit(IReadOnlyList<CustomerSummary> population);
}
