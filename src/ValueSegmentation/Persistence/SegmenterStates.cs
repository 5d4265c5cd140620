using ValueSegmentation.Segmentation;

namespace ValueSegmentation.Persistence;

/// <summary>Fitted segmenters to and from their saved state. A measure is saved by the name the loading side resolves
/// it by: the built-in measures by their <see cref="MeasureNames"/>, any other by the name the caller gives it.</summary>
internal static class SegmenterStates
{
    private const string What = "segmenter";

    /// <summary>The saved state of a built-in segmenter.</summary>
    /// <param name="segmenter">The segmenter.</param>
    /// <param name="keyOf">The name of a measure, or <see langword="null"/> when it has none.</param>
    /// <exception cref="NotSupportedException">The segmenter is not one of the library's.</exception>
    /// <exception cref="ArgumentException">A measure has no name.</exception>
    public static SegmenterState ToState(ICustomerSegmenter segmenter, Func<CustomerMeasure, string?> keyOf)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        var segments = segmenter.Segments.Select(ToState).ToArray();
        return segmenter switch
        {
            ThresholdSegmenter threshold => new SegmenterState
            {
                Kind = "threshold",
                Measures = [Measure(threshold.Measure, keyOf)],
                Minimums = [.. threshold.Minimums],
                Segments = segments,
            },
            QuadrantSegmenter quadrant => new SegmenterState
            {
                Kind = "quadrant",
                Measures = [Measure(quadrant.Value, keyOf), Measure(quadrant.Loyalty, keyOf)],
                ValueCut = quadrant.ValueCut,
                LoyaltyCut = quadrant.LoyaltyCut,
                Segments = segments,
            },
            RfmSegmenter rfm => new SegmenterState
            {
                Kind = "rfm",
                Measures = [Measure(rfm.Recency, keyOf), Measure(rfm.Frequency, keyOf), Measure(rfm.Monetary, keyOf)],
                RecencyCuts = [.. rfm.RecencyCuts],
                FrequencyCuts = [.. rfm.FrequencyCuts],
                MonetaryCuts = [.. rfm.MonetaryCuts],
                Rules = [.. rfm.Rules.Rules.Select(r => new RfmRuleState
                {
                    Name = r.Name,
                    Recency = [r.Recency.Minimum, r.Recency.Maximum],
                    Frequency = [r.Frequency.Minimum, r.Frequency.Maximum],
                    Monetary = [r.Monetary.Minimum, r.Monetary.Maximum],
                    Treatment = r.Treatment,
                })],
                Segments = segments,
            },
            _ => throw new NotSupportedException(
                $"A segmenter of type {segmenter.GetType().FullName} has no saved form: the library saves its own (ThresholdSegmenter, QuadrantSegmenter, RfmSegmenter). Save your segmenter's cut points yourself."),
        };
    }

    /// <summary>Rebuilds a segmenter from its saved state, checking every value.</summary>
    /// <param name="state">The state.</param>
    /// <param name="resolve">The measure of a saved name, or <see langword="null"/> when the name is unknown.</param>
    /// <param name="path">The JSON path of the state, for messages.</param>
    /// <exception cref="SavedStateException">A value is invalid, a measure is unknown, or the segments are not those of
    /// the cut points.</exception>
    public static ICustomerSegmenter FromState(SegmenterState state, Func<string, CustomerMeasure?> resolve, string path)
    {
        var segments = new Segment[state.Segments.Length];
        for (int i = 0; i < segments.Length; i++)
        {
            segments[i] = FromState(state.Segments[i], $"{path}.segments[{i}]");
        }

        int axes = state.Kind switch
        {
            "threshold" => 1,
            "quadrant" => 2,
            "rfm" => 3,
            _ => throw new SavedStateException($"The saved segmenter is invalid at {path}.kind: \"{state.Kind}\" is not a kind of segmenter this library saves (threshold, quadrant, rfm).", path + ".kind"),
        };
        SavedDocuments.Require(state.Measures.Length == axes, What, path + ".measures", $"a {state.Kind} segmenter has {axes} measure(s), the document {state.Measures.Length}.");
        var measures = new CustomerMeasure[axes];
        for (int i = 0; i < axes; i++)
        {
            measures[i] = Resolve(state.Measures[i], resolve, $"{path}.measures[{i}]");
        }

        return state.Kind switch
        {
            "threshold" => SavedDocuments.Restore(() => new ThresholdSegmenter(measures[0], Required(state.Minimums, path, "minimums"), segments), What, path),
            "quadrant" => SavedDocuments.Restore(() => new QuadrantSegmenter(measures[0], measures[1], Required(state.ValueCut, path, "valueCut"), Required(state.LoyaltyCut, path, "loyaltyCut"), segments), What, path),
            _ => SavedDocuments.Restore(
                () => new RfmSegmenter(
                    new RfmRuleSet(Required(state.Rules, path, "rules").Select(Rule)),
                    measures[0],
                    measures[1],
                    measures[2],
                    Required(state.RecencyCuts, path, "recencyCuts"),
                    Required(state.FrequencyCuts, path, "frequencyCuts"),
                    Required(state.MonetaryCuts, path, "monetaryCuts"),
                    segments),
                What,
                path),
        };
    }

    /// <summary>The key of a measure: the caller's name for it, or a built-in measure's name.</summary>
    public static string? BuiltInKey(CustomerMeasure measure) =>
        MeasureNames.BuiltIn.FirstOrDefault(m => ReferenceEquals(m.Value, measure)).Key;

    /// <summary>A built-in measure by name (ignoring case), or <see langword="null"/>.</summary>
    public static CustomerMeasure? BuiltIn(string key) =>
        MeasureNames.BuiltIn.FirstOrDefault(m => string.Equals(m.Key, key, StringComparison.OrdinalIgnoreCase)).Value;

    private static MeasureState Measure(CustomerMeasure measure, Func<CustomerMeasure, string?> keyOf) => new()
    {
        Key = keyOf(measure) ?? throw new ArgumentException(
            $"The segmenter cuts on the measure '{measure.Name}', which has no name to save it by: give it one (the name the loading side will resolve it by) in the measures passed to the save.",
            nameof(measure)),
        Name = measure.Name,
        Unit = measure.Unit,
    };

    private static CustomerMeasure Resolve(MeasureState state, Func<string, CustomerMeasure?> resolve, string path)
    {
        var measure = resolve(state.Key) ?? throw new SavedStateException(
            $"The saved segmenter cuts on the measure \"{state.Key}\" ({state.Name}), which the loading side does not know: pass it in the measures of the load (or load through the pipeline that defines it, for example with AddProbabilisticModels).",
            path + ".key");
        SavedDocuments.Require(
            string.Equals(measure.Name, state.Name, StringComparison.Ordinal),
            What,
            path + ".name",
            $"the measure \"{state.Key}\" is named '{measure.Name}' here but was saved as '{state.Name}': it is not the same measure.");
        return string.Equals(measure.Unit, state.Unit, StringComparison.Ordinal) ? measure : measure.WithUnit(state.Unit);
    }

    private static SegmentState ToState(Segment segment) => new()
    {
        Name = segment.Name,
        Rank = segment.Rank,
        Rule = segment.Rule,
        Treatment = segment.Treatment,
        Bounds = [.. segment.Bounds.Select(b => new AxisRangeState
        {
            Axis = b.Axis,
            Minimum = b.Minimum,
            Maximum = b.Maximum,
            IncludesMinimum = b.IncludesMinimum,
            IncludesMaximum = b.IncludesMaximum,
        })],
        TargetShare = segment.TargetShare,
        FittedShare = segment.FittedShare,
    };

    private static Segment FromState(SegmentState state, string path) => SavedDocuments.Restore(
        () => new Segment(
            state.Name,
            state.Rank,
            state.Rule,
            state.Treatment,
            state.Bounds.Select(b => new AxisRange(b.Axis, b.Minimum, b.Maximum, b.IncludesMinimum, b.IncludesMaximum)),
            state.TargetShare,
            state.FittedShare),
        What,
        path);

    private static RfmRule Rule(RfmRuleState state) =>
        new(state.Name, Range(state.Recency, nameof(state.Recency)), Range(state.Frequency, nameof(state.Frequency)), Range(state.Monetary, nameof(state.Monetary)), state.Treatment);

    private static ScoreRange Range(int[] pair, string axis) => pair.Length == 2
        ? new ScoreRange(pair[0], pair[1])
        : throw new ArgumentException($"The {axis} score range of a rule is [minimum, maximum], not {pair.Length} numbers.", nameof(pair));

    private static T Required<T>(T? value, string path, string property)
        where T : class =>
        value ?? throw new SavedStateException($"The saved segmenter is invalid at {path}: it has no \"{property}\".", $"{path}.{property}");

    private static double Required(double? value, string path, string property) =>
        value ?? throw new SavedStateException($"The saved segmenter is invalid at {path}: it has no \"{property}\".", $"{path}.{property}");
}
