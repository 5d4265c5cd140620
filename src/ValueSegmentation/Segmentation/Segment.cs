namespace ValueSegmentation.Segmentation;

/// <summary>
/// One segment of a segmentation: its name, its rank (1 = the most valuable), its rule in words and in
/// numbers, and a suggested treatment.
/// </summary>
/// <remarks>Immutable and thread-safe. A segmenter lists its segments in rank order, so a segment's index in
/// <see cref="ICustomerSegmenter.Segments"/> is <see cref="Rank"/> − 1.</remarks>
public sealed class Segment
{
    /// <summary>Creates a segment.</summary>
    /// <param name="name">The segment's name, for example "Highest value".</param>
    /// <param name="rank">Its rank among the segments of its segmenter: 1 for the most valuable.</param>
    /// <param name="rule">The rule in words, for example "revenue ≥ 1,234.5 (top 20 %)".</param>
    /// <param name="treatment">The suggested treatment; may be empty.</param>
    /// <param name="bounds">The rule in numbers: the range of each axis that the segment's customers lie in.
    /// Empty when the rule is not a box (a user-written segmenter may have any rule).</param>
    /// <exception cref="ArgumentNullException">A string argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rank"/> is less than 1.</exception>
    public Segment(string name, int rank, string rule, string treatment, IEnumerable<AxisRange>? bounds = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(rank, 1);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(treatment);
        Name = name;
        Rank = rank;
        Rule = rule;
        Treatment = treatment;
        Bounds = [.. bounds ?? []];
    }

    /// <summary>The segment's name.</summary>
    public string Name { get; }

    /// <summary>The rank among its segmenter's segments: 1 for the most valuable.</summary>
    public int Rank { get; }

    /// <summary>The rule in words, with the numbers of the fitted cut points.</summary>
    public string Rule { get; }

    /// <summary>The suggested treatment.</summary>
    public string Treatment { get; }

    /// <summary>The rule in numbers: for each axis, the range the segment's customers lie in.</summary>
    public IReadOnlyList<AxisRange> Bounds { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Rank}. {Name}: {Rule}";
}
