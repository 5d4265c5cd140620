namespace ValueSegmentation.Segmentation;

/// <summary>
/// One segment of a segmentation: its name, its rank (1 = the most valuable), its rule in words and in
/// numbers, and a suggested treatment.
/// </summary>
/// <remarks>
/// <para>A segment of a strategy that aims at a share of customers (tiers, percentiles) states that share
/// (<see cref="TargetShare"/>) and the share of the fitting population that actually landed in it
/// (<see cref="FittedShare"/>): the two differ when many customers tie at a cut point, and a segment can even be empty
/// (for example "Low value" when half of the customers have the value 0 at the cut).</para>
/// <para>Immutable and thread-safe. A segmenter lists its segments in rank order, so a segment's index in
/// <see cref="ICustomerSegmenter.Segments"/> is <see cref="Rank"/> − 1.</para>
/// </remarks>
public sealed class Segment
{
    /// <summary>Creates a segment.</summary>
    /// <param name="name">The segment's name, for example "Highest value".</param>
    /// <param name="rank">Its rank among the segments of its segmenter: 1 for the most valuable.</param>
    /// <param name="rule">The rule in words, for example "revenue ≥ 1,234.5 (top 20 %)".</param>
    /// <param name="treatment">The suggested treatment; may be empty.</param>
    /// <param name="bounds">The rule in numbers: the range of each axis that the segment's customers lie in.
    /// Empty when the rule is not a box (a user-written segmenter may have any rule).</param>
    /// <param name="targetShare">The share of customers the rule aims at, in [0, 1]; <see langword="null"/> for a rule
    /// that does not aim at a share.</param>
    /// <param name="fittedShare">The share of the fitting population in the segment, in [0, 1]; <see langword="null"/>
    /// when the segment was not fitted on data.</param>
    /// <exception cref="ArgumentNullException">A string argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rank"/> is less than 1, or a share is outside [0, 1].</exception>
    public Segment(string name, int rank, string rule, string treatment, IEnumerable<AxisRange>? bounds = null, double? targetShare = null, double? fittedShare = null)
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
        TargetShare = targetShare is { } target ? Guard.Probability(target, nameof(targetShare)) : null;
        FittedShare = fittedShare is { } fitted ? Guard.Probability(fitted, nameof(fittedShare)) : null;
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

    /// <summary>The share of customers the rule aims at (for example 0.5 for "bottom 50 %"); <see langword="null"/> for
    /// a rule that does not aim at a share.</summary>
    public double? TargetShare { get; }

    /// <summary>The share of the population the segmenter was fitted on that landed in this segment; <see langword="null"/>
    /// when it was not fitted on data. Ties at a cut point can make it differ from <see cref="TargetShare"/>.</summary>
    public double? FittedShare { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Rank}. {Name}: {Rule}";

    /// <summary>Checks that a saved segment is the one at <paramref name="index"/> of a restored segmenter: its rank, and
    /// the bounds the segmenter's cut points give it.</summary>
    /// <exception cref="ArgumentException">The rank or the bounds differ.</exception>
    internal static void CheckSaved(Segment segment, int index, AxisRange[] bounds)
    {
        if (segment.Rank != index + 1)
        {
            throw new ArgumentException($"Segment '{segment.Name}' has rank {segment.Rank} at position {index}; ranks follow the order, from 1.", nameof(segment));
        }

        if (!segment.Bounds.SequenceEqual(bounds))
        {
            throw new ArgumentException(
                $"The bounds of segment '{segment.Name}' ({string.Join("; ", segment.Bounds)}) are not those of the cut points ({string.Join("; ", bounds)}).",
                nameof(segment));
        }
    }
}
