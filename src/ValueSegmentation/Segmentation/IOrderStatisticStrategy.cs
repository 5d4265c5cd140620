namespace ValueSegmentation.Segmentation;

/// <summary>
/// A strategy whose cut points are order statistics of one measure — the k-th largest values for ranks k that depend only
/// on the number of customers (<see cref="TieredStrategy"/> by shares, <see cref="PercentileStrategy"/>). Such a strategy
/// can be fitted where the values are, without bringing them into memory: ask it for the ranks, have an engine return the
/// values at those ranks (<c>ValueSegmentation.Sql.SegmentSql.CreateCutPoints</c>), and build the segmenter from them.
/// <see cref="ISegmentationStrategy.Fit"/> on the same values returns the same segmenter.
/// </summary>
/// <remarks>Implementations are immutable and thread-safe, as strategies are.</remarks>
public interface IOrderStatisticStrategy : ISegmentationStrategy
{
    /// <summary>The measure the cut points are values of.</summary>
    CustomerMeasure Measure { get; }

    /// <summary>The ranks, from the top (1 = the largest value), of the order statistics that are the cut points of a
    /// population of <paramref name="customers"/>, one per cut point: k = ⌈share × n⌉ for each cumulative top share, so at
    /// least 1. Empty for fixed thresholds.</summary>
    /// <param name="customers">The number of customers, at least 1.</param>
    /// <returns>The ranks, one per cut point, non-decreasing.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="customers"/> is less than 1.</exception>
    IReadOnlyList<long> CutPointRanks(long customers);

    /// <summary>The segmenter that <see cref="ISegmentationStrategy.Fit"/> returns for a population of
    /// <paramref name="customers"/> whose values at <see cref="CutPointRanks"/> are <paramref name="cutPoints"/> (the
    /// realised shares, which need every value, are left unstated).</summary>
    /// <param name="cutPoints">The value at each rank of <see cref="CutPointRanks"/>: finite and non-increasing.</param>
    /// <param name="customers">The number of customers, at least 1.</param>
    /// <returns>The segmenter.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cutPoints"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="customers"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">The number of cut points is not the number of ranks, or a cut point is not
    /// finite or is larger than the one before.</exception>
    ThresholdSegmenter FromCutPoints(IReadOnlyList<double> cutPoints, long customers);
}
