using ValueSegmentation.Transactions;

namespace ValueSegmentation.Segmentation;

/// <summary>A fitted value × loyalty quadrant with its cuts frozen.</summary>
/// <remarks>Immutable and thread-safe; <see cref="Assign(CustomerSummary)"/> does not allocate.</remarks>
public sealed class QuadrantSegmenter : ICustomerSegmenter
{
    private readonly Segment[] _segments;

    internal QuadrantSegmenter(QuadrantStrategy strategy, double valueCut, double loyaltyCut)
    {
        Value = strategy.Value;
        Loyalty = strategy.Loyalty;
        ValueCut = valueCut;
        LoyaltyCut = loyaltyCut;
        string valueSource = strategy.ValueCut is null ? "the median" : "the given cut";
        string loyaltySource = strategy.LoyaltyCut is null ? "the median" : "the given cut";
        _segments = new Segment[4];
        for (int i = 0; i < 4; i++)
        {
            bool highValue = i < 2, highLoyalty = i % 2 == 0;
            var valueRange = Half(Value.Name, valueCut, highValue);
            var loyaltyRange = Half(Loyalty.Name, loyaltyCut, highLoyalty);
            string rule = $"{valueRange.Describe(Value.Unit)} and {loyaltyRange.Describe(Loyalty.Unit)} (value cut at {valueSource}, loyalty cut at {loyaltySource})";
            var definition = strategy.SegmentDefinitions[i];
            _segments[i] = new Segment(definition.Name, i + 1, rule, definition.Treatment, [valueRange, loyaltyRange]);
        }
    }

    /// <summary>Restores a saved quadrant: its cuts and the segments as they were fitted, which must be the cuts' quadrants.</summary>
    /// <exception cref="ArgumentException">A cut is NaN, or a segment's rank or bounds are not those of the cuts.</exception>
    internal QuadrantSegmenter(CustomerMeasure value, CustomerMeasure loyalty, double valueCut, double loyaltyCut, Segment[] segments)
    {
        if (segments.Length != 4)
        {
            throw new ArgumentException($"A quadrant has 4 segments, not {segments.Length}.", nameof(segments));
        }

        for (int i = 0; i < 4; i++)
        {
            Segment.CheckSaved(segments[i], i, [Half(value.Name, valueCut, i < 2), Half(loyalty.Name, loyaltyCut, i % 2 == 0)]);
        }

        Value = value;
        Loyalty = loyalty;
        ValueCut = valueCut;
        LoyaltyCut = loyaltyCut;
        _segments = segments;
    }

    /// <summary>The value axis.</summary>
    public CustomerMeasure Value { get; }

    /// <summary>The loyalty axis.</summary>
    public CustomerMeasure Loyalty { get; }

    /// <summary>The value cut: high value is strictly above it.</summary>
    public double ValueCut { get; }

    /// <summary>The loyalty cut: high loyalty is strictly above it.</summary>
    public double LoyaltyCut { get; }

    /// <inheritdoc />
    public IReadOnlyList<Segment> Segments => _segments;

    /// <inheritdoc />
    public Segment Assign(CustomerSummary customer) =>
        _segments[IndexOf(Value.Evaluate(customer), Loyalty.Evaluate(customer))];

    /// <summary>The segments of many customers, from the axes' values kept by the population (evaluated once, see
    /// <see cref="CustomerSummaryCollection.ValuesOf"/>).</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="segmentIndexes">Where to write each customer's segment index (rank − 1).</param>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null or holds a null.</exception>
    /// <exception cref="ArgumentException"><paramref name="segmentIndexes"/> is too short.</exception>
    /// <exception cref="MeasureEvaluationException">A measure cannot value a customer.</exception>
    public void Assign(IReadOnlyList<CustomerSummary> customers, Span<int> segmentIndexes)
    {
        var population = CustomerSummaryCollection.Of(customers);
        Guard.Destination(population.Count, segmentIndexes.Length, nameof(segmentIndexes));

        var values = population.ValuesOf(Value);
        var loyalties = population.ValuesOf(Loyalty);
        for (int i = 0; i < values.Length; i++)
        {
            segmentIndexes[i] = IndexOf(values[i], loyalties[i]);
        }
    }

    /// <summary>The segment index (rank − 1) of a pair of axis values.</summary>
    /// <param name="value">The value-axis value.</param>
    /// <param name="loyalty">The loyalty-axis value.</param>
    /// <returns>0 for High/High, 1 for High value/Low loyalty, 2 for Low value/High loyalty, 3 for Low/Low.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN.</exception>
    public int IndexOf(double value, double loyalty)
    {
        if (double.IsNaN(value) || double.IsNaN(loyalty))
        {
            throw new ArgumentOutOfRangeException(double.IsNaN(value) ? nameof(value) : nameof(loyalty), double.NaN, "A NaN value has no segment.");
        }

        return (value > ValueCut ? 0 : 2) + (loyalty > LoyaltyCut ? 0 : 1);
    }

    private static AxisRange Half(string axis, double cut, bool high) => high
        ? new AxisRange(axis, cut, double.PositiveInfinity, includesMinimum: false, includesMaximum: false)
        : new AxisRange(axis, double.NegativeInfinity, cut, includesMinimum: false, includesMaximum: true);
}
