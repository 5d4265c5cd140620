using System.Globalization;
using ValueSegmentation.Internal;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Segmentation;

/// <summary>
/// Percentile segments: the top k % of customers by a measure, for one or more cumulative k (for example the
/// top 1 %, the top 20 % and the rest).
/// </summary>
/// <remarks>
/// <para>Ranks and ties: customers are ranked by value, highest first. The top k % holds every customer whose
/// value is at least the value of the customer ranked ⌈k × n⌉; customers tied at that value all join the top,
/// so the segment holds at least ⌈k × n⌉ customers and can hold more when values tie, but never splits equal
/// values. All-equal values put everyone in the top segment.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class PercentileStrategy : IOrderStatisticStrategy
{
    private readonly double[] _topShares;
    private readonly SegmentDefinition[] _definitions;

    /// <summary>Creates the strategy.</summary>
    /// <param name="measure">The value measure.</param>
    /// <param name="topShares">The cumulative top shares, increasing, each in (0, 1); for example 0.01 and 0.2
    /// for "top 1 %", "top 1–20 %" and "bottom 80 %".</param>
    /// <param name="segmentDefinitions">Optional names and treatments, one more than <paramref name="topShares"/>; by
    /// default named after the percentiles ("Top 1 %", "Top 1 %–20 %", "Bottom 80 %"), with two decimals, or as many
    /// more as it takes for the names to differ.</param>
    /// <exception cref="ArgumentNullException"><paramref name="measure"/> or <paramref name="topShares"/> is null.</exception>
    /// <exception cref="ArgumentException">The shares are empty, out of (0, 1) or not increasing, or the counts differ.</exception>
    public PercentileStrategy(CustomerMeasure measure, IReadOnlyList<double> topShares, IReadOnlyList<SegmentDefinition>? segmentDefinitions = null)
    {
        ArgumentNullException.ThrowIfNull(measure);
        ArgumentNullException.ThrowIfNull(topShares);
        _topShares = ShareList.Validate(topShares, nameof(topShares));
        Measure = measure;
        _definitions = SegmentDefinition.Validate(segmentDefinitions, _topShares.Length + 1, DefaultSegments(_topShares), nameof(segmentDefinitions));
    }

    /// <summary>The measure customers are ranked on.</summary>
    public CustomerMeasure Measure { get; }

    /// <summary>The cumulative top shares.</summary>
    public IReadOnlyList<double> TopShares => _topShares;

    /// <summary>The segments' names and treatments, from the top.</summary>
    public IReadOnlyList<SegmentDefinition> SegmentDefinitions => _definitions;

    /// <summary>Fits the percentile thresholds on a population.</summary>
    /// <param name="population">The customers.</param>
    /// <returns>The segmenter.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="population"/> is null or holds a null.</exception>
    /// <exception cref="ArgumentException"><paramref name="population"/> is empty.</exception>
    /// <exception cref="MeasureEvaluationException">The measure cannot value a customer.</exception>
    public ThresholdSegmenter Fit(IReadOnlyList<CustomerSummary> population)
    {
        var customers = CustomerSummaryCollection.Of(population);
        Population.RequireNotEmpty(customers.Count, nameof(population), "a percentile segmentation");
        var values = customers.ValuesArray(Measure);
        return Segmenter(Quantiles.TopThresholds(values, _topShares), values.Length, values);
    }

    /// <inheritdoc />
    public IReadOnlyList<long> CutPointRanks(long customers) => Ranks(customers);

    /// <inheritdoc />
    public ThresholdSegmenter FromCutPoints(IReadOnlyList<double> cutPoints, long customers) =>
        Segmenter(Quantiles.CheckCutPoints(cutPoints, Ranks(customers), nameof(cutPoints)), customers, []);

    private long[] Ranks(long customers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(customers, 1);
        return Quantiles.TopRanks(_topShares, customers);
    }

    /// <summary>The segmenter of cut points fitted on <paramref name="n"/> customers (their values, when at hand, state
    /// the realised shares).</summary>
    private ThresholdSegmenter Segmenter(double[] thresholds, long n, double[] values)
    {
        var targets = new double[_topShares.Length + 1];
        for (int i = 0; i < targets.Length; i++)
        {
            targets[i] = (i < _topShares.Length ? _topShares[i] : 1) - (i == 0 ? 0 : _topShares[i - 1]);
        }

        return new ThresholdSegmenter(
            Measure,
            thresholds,
            _definitions,
            i => i == 0 ? $"top {Invariant.Percent(_topShares[0])}: the {Quantiles.CountOf(_topShares[0], n)} highest of {n} customers and their ties"
                : i < _topShares.Length ? $"top {Invariant.Percent(_topShares[i - 1])} to {Invariant.Percent(_topShares[i])}"
                : $"bottom {Invariant.Percent(1 - _topShares[^1])}",
            targets,
            values);
    }

    ICustomerSegmenter ISegmentationStrategy.Fit(IReadOnlyList<CustomerSummary> population) => Fit(population);

    private static SegmentDefinition[] DefaultSegments(double[] shares)
    {
        // Close shares can print alike with two decimals ("10 %" for 0.1 and 0.100001): add decimals until the names
        // differ (shares differ by validation, so the round-trip format always tells them apart).
        for (int decimals = 2; ; decimals++)
        {
            string format = decimals <= 15 ? "0." + new string('#', decimals) : "R";
            var segments = DefaultSegments(shares, share => (share * 100).ToString(format, CultureInfo.InvariantCulture) + " %");
            if (format == "R" || segments.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count() == segments.Length)
            {
                return segments;
            }
        }
    }

    private static SegmentDefinition[] DefaultSegments(double[] shares, Func<double, string> percent)
    {
        var segments = new SegmentDefinition[shares.Length + 1];
        segments[0] = new($"Top {percent(shares[0])}", "Protect: personal account management, recognition, first access to new offers.");
        for (int i = 1; i < shares.Length; i++)
        {
            segments[i] = new($"Top {percent(shares[i - 1])}–{percent(shares[i])}", "Develop: loyalty programme, cross-sell and up-sell toward the top.");
        }

        segments[^1] = new($"Bottom {percent(1 - shares[^1])}", "Serve efficiently; automated, low-cost contact.");
        return segments;
    }
}
