using ValueSegmentation.Transactions;

namespace ValueSegmentation.Segmentation;

/// <summary>A fitted RFM segmentation: the cut points of the three axes and the named segments.</summary>
/// <remarks>Immutable and thread-safe; <see cref="Assign(CustomerSummary)"/> and <see cref="Score"/> do not allocate.</remarks>
public sealed class RfmSegmenter : ICustomerSegmenter
{
    private readonly double[] _recencyCuts;
    private readonly double[] _frequencyCuts;
    private readonly double[] _monetaryCuts;
    private readonly Segment[] _segments;

    internal RfmSegmenter(RfmStrategy strategy, double[] recencyCuts, double[] frequencyCuts, double[] monetaryCuts, (bool R, bool F, bool M) fitted)
    {
        Rules = strategy.Rules;
        Recency = strategy.Recency;
        Frequency = strategy.Frequency;
        Monetary = strategy.Monetary;
        _recencyCuts = recencyCuts;
        _frequencyCuts = frequencyCuts;
        _monetaryCuts = monetaryCuts;
        string source = (fitted.R, fitted.F, fitted.M) switch
        {
            (true, true, true) => "scores by quintiles",
            (false, false, false) => "scores by the given cut points",
            _ => "scores by quintiles where no cut points were given",
        };
        _segments = new Segment[Rules.Rules.Count];
        for (int i = 0; i < _segments.Length; i++)
        {
            var rule = Rules.Rules[i];
            var bounds = Bounds(rule);
            string words = $"{rule} ({source}): " + string.Join("; ", bounds.Select((b, k) => b.Describe(k switch { 0 => Recency.Unit, 1 => Frequency.Unit, _ => Monetary.Unit })));
            _segments[i] = new Segment(rule.Name, i + 1, words, rule.Treatment, bounds);
        }
    }

    /// <summary>Restores a saved RFM segmentation: its rules, axes and cut points and the segments as they were fitted,
    /// which must be the rules' segments on those cut points.</summary>
    /// <exception cref="ArgumentException">A set of cuts does not hold four non-decreasing numbers, or a segment's name,
    /// rank or bounds are not those of its rule.</exception>
    internal RfmSegmenter(RfmRuleSet rules, CustomerMeasure recency, CustomerMeasure frequency, CustomerMeasure monetary, double[] recencyCuts, double[] frequencyCuts, double[] monetaryCuts, Segment[] segments)
    {
        Rules = rules;
        Recency = recency;
        Frequency = frequency;
        Monetary = monetary;
        _recencyCuts = RfmStrategy.ValidateCuts(recencyCuts, nameof(recencyCuts))!;
        _frequencyCuts = RfmStrategy.ValidateCuts(frequencyCuts, nameof(frequencyCuts))!;
        _monetaryCuts = RfmStrategy.ValidateCuts(monetaryCuts, nameof(monetaryCuts))!;
        if (segments.Length != rules.Rules.Count)
        {
            throw new ArgumentException($"{rules.Rules.Count} rules make {rules.Rules.Count} segments, not {segments.Length}.", nameof(segments));
        }

        for (int i = 0; i < segments.Length; i++)
        {
            if (!string.Equals(segments[i].Name, rules.Rules[i].Name, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Segment {i + 1} is named '{segments[i].Name}' but its rule '{rules.Rules[i].Name}'.", nameof(segments));
            }

            Segment.CheckSaved(segments[i], i, Bounds(rules.Rules[i]));
        }

        _segments = segments;
    }

    /// <summary>The named segments.</summary>
    public RfmRuleSet Rules { get; }

    /// <summary>The recency axis.</summary>
    public CustomerMeasure Recency { get; }

    /// <summary>The frequency axis.</summary>
    public CustomerMeasure Frequency { get; }

    /// <summary>The monetary axis.</summary>
    public CustomerMeasure Monetary { get; }

    /// <summary>The four recency cut points (of time since the last purchase).</summary>
    public IReadOnlyList<double> RecencyCuts => _recencyCuts;

    /// <summary>The four frequency cut points.</summary>
    public IReadOnlyList<double> FrequencyCuts => _frequencyCuts;

    /// <summary>The four monetary cut points.</summary>
    public IReadOnlyList<double> MonetaryCuts => _monetaryCuts;

    /// <inheritdoc />
    public IReadOnlyList<Segment> Segments => _segments;

    /// <summary>A customer's RFM scores.</summary>
    /// <param name="customer">The customer.</param>
    /// <returns>The scores.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="MeasureEvaluationException">A measure cannot value a customer.</exception>
    public RfmScore Score(CustomerSummary customer) => new(
        5 - Interval(_recencyCuts, Recency.Evaluate(customer)),
        1 + Interval(_frequencyCuts, Frequency.Evaluate(customer)),
        1 + Interval(_monetaryCuts, Monetary.Evaluate(customer)));

    /// <inheritdoc />
    public Segment Assign(CustomerSummary customer) => _segments[Rules.IndexOf(Score(customer))];

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

        var recency = population.ValuesOf(Recency);
        var frequency = population.ValuesOf(Frequency);
        var monetary = population.ValuesOf(Monetary);
        for (int i = 0; i < recency.Length; i++)
        {
            var score = new RfmScore(5 - Interval(_recencyCuts, recency[i]), 1 + Interval(_frequencyCuts, frequency[i]), 1 + Interval(_monetaryCuts, monetary[i]));
            segmentIndexes[i] = Rules.IndexOf(score);
        }
    }

    /// <summary>The values of each axis whose scores a rule accepts.</summary>
    private AxisRange[] Bounds(RfmRule rule) =>
    [
        ValueRange(Recency, _recencyCuts, 5 - rule.Recency.Maximum, 5 - rule.Recency.Minimum),
        ValueRange(Frequency, _frequencyCuts, rule.Frequency.Minimum - 1, rule.Frequency.Maximum - 1),
        ValueRange(Monetary, _monetaryCuts, rule.Monetary.Minimum - 1, rule.Monetary.Maximum - 1),
    ];

    private static int Interval(double[] cuts, double value)
    {
        int j = 0;
        while (j < cuts.Length && cuts[j] < value)
        {
            j++;
        }

        return j;
    }

    /// <summary>The values whose interval lies in [low, high]: (c[low − 1], c[high]], unbounded at the ends.</summary>
    private static AxisRange ValueRange(CustomerMeasure measure, double[] cuts, int low, int high) => new(
        measure.Name,
        low == 0 ? double.NegativeInfinity : cuts[low - 1],
        high == 4 ? double.PositiveInfinity : cuts[high],
        includesMinimum: false,
        includesMaximum: true);
}
