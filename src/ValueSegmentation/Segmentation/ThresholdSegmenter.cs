using System.Buffers;
using ValueSegmentation.Internal;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Segmentation;

/// <summary>
/// A segmenter on one measure with frozen thresholds: a customer goes to the first segment whose minimum
/// their value reaches. What <see cref="TieredStrategy"/>, <see cref="PercentileStrategy"/> and
/// <see cref="ParetoStrategy"/> return.
/// </summary>
/// <remarks>
/// Segment i (0-based) holds the values v with <c>Minimums[i] ≤ v &lt; Minimums[i − 1]</c>; the first has no upper
/// end and the last no lower end. A value equal to a threshold belongs to the segment above it. Immutable and
/// thread-safe; <see cref="Assign(CustomerSummary)"/> does not allocate.
/// </remarks>
public sealed class ThresholdSegmenter : ICustomerSegmenter
{
    private const int ParallelThreshold = 1 << 16;

    private readonly double[] _minimums;
    private readonly Segment[] _segments;

    /// <summary>Freezes thresholds into segments.</summary>
    /// <param name="measure">The measure the thresholds apply to.</param>
    /// <param name="minimums">The minimum of each segment but the last, non-increasing.</param>
    /// <param name="definitions">Names and treatments, one more than <paramref name="minimums"/>.</param>
    /// <param name="explain">Why segment i has its bounds, in words ("top 20 % of 2,357 customers"); empty for none.</param>
    /// <param name="targetShares">The share of customers each segment aims at, or <see langword="null"/>.</param>
    /// <param name="fittedValues">The values the thresholds were fitted on (to state the realised shares), or empty.</param>
    internal ThresholdSegmenter(CustomerMeasure measure, double[] minimums, SegmentDefinition[] definitions, Func<int, string> explain, double[]? targetShares, ReadOnlySpan<double> fittedValues)
    {
        Measure = measure;
        _minimums = minimums;
        var counts = fittedValues.IsEmpty ? null : Count(fittedValues);
        _segments = new Segment[definitions.Length];
        for (int i = 0; i < definitions.Length; i++)
        {
            var range = new AxisRange(
                measure.Name,
                i == definitions.Length - 1 ? double.NegativeInfinity : minimums[i],
                i == 0 ? double.PositiveInfinity : minimums[i - 1],
                includesMinimum: true,
                includesMaximum: false);
            double? fitted = counts is null ? null : (double)counts[i] / fittedValues.Length;
            string why = explain(i);
            if (fitted is { } share && targetShares is not null)
            {
                why += $"; realised {Invariant.Percent(share)}";
            }

            string rule = range.Describe(measure.Unit) + (why.Length == 0 ? string.Empty : $" ({why})");
            _segments[i] = new Segment(definitions[i].Name, i + 1, rule, definitions[i].Treatment, [range], targetShares?[i], fitted);
        }
    }

    /// <summary>The measure the thresholds apply to.</summary>
    public CustomerMeasure Measure { get; }

    /// <summary>The minimum value of each segment but the last, from the top down (non-increasing; a
    /// threshold of +∞ leaves its segment empty).</summary>
    public IReadOnlyList<double> Minimums => _minimums;

    /// <inheritdoc />
    public IReadOnlyList<Segment> Segments => _segments;

    /// <inheritdoc />
    public Segment Assign(CustomerSummary customer) => _segments[IndexOf(Measure.Evaluate(customer))];

    /// <summary>The segments of many customers, from the measure's values kept by the population (evaluated once, see
    /// <see cref="CustomerSummaryCollection.ValuesOf"/>); large populations are assigned in parallel.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="segmentIndexes">Where to write each customer's segment index (rank − 1).</param>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null or holds a null.</exception>
    /// <exception cref="ArgumentException"><paramref name="segmentIndexes"/> is too short.</exception>
    /// <exception cref="MeasureEvaluationException">The measure cannot value a customer.</exception>
    public void Assign(IReadOnlyList<CustomerSummary> customers, Span<int> segmentIndexes)
    {
        var population = CustomerSummaryCollection.Of(customers);
        Guard.Destination(population.Count, segmentIndexes.Length, nameof(segmentIndexes));

        IndexesOf(population.ValuesArray(Measure), segmentIndexes);
    }

    /// <summary>The index of the segment of a value of <see cref="Measure"/>.</summary>
    /// <param name="value">A value; infinities go to the first or last segment.</param>
    /// <returns>The segment index (rank − 1).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN.</exception>
    public int IndexOf(double value)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A NaN value has no segment.");
        }

        int i = 0;
        while (i < _minimums.Length && !(value >= _minimums[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>The segment indexes of finite values, in parallel chunks when there are many.</summary>
    private void IndexesOf(double[] values, Span<int> destination)
    {
        if (values.Length < ParallelThreshold)
        {
            for (int i = 0; i < values.Length; i++)
            {
                destination[i] = IndexOf(values[i]);
            }

            return;
        }

        // The destination is a span, which the parallel loop cannot hold: fill a pooled array and copy it.
        var indexes = ArrayPool<int>.Shared.Rent(values.Length);
        try
        {
            int chunks = Environment.ProcessorCount;
            int size = (values.Length + chunks - 1) / chunks;
            ParallelChunks.Run(chunks, chunk =>
            {
                int end = Math.Min(values.Length, (chunk + 1) * size);
                for (int i = chunk * size; i < end; i++)
                {
                    indexes[i] = IndexOf(values[i]);
                }
            });
            indexes.AsSpan(0, values.Length).CopyTo(destination);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(indexes);
        }
    }

    /// <summary>How many values fall in each segment: from the counts of values at or above each minimum.</summary>
    private int[] Count(ReadOnlySpan<double> values)
    {
        var counts = new int[_minimums.Length + 1];
        int above = 0;
        for (int i = 0; i < _minimums.Length; i++)
        {
            int atLeast = Quantiles.CountAtLeast(values, _minimums[i]);
            counts[i] = atLeast - above;
            above = atLeast;
        }

        counts[^1] = values.Length - above;
        return counts;
    }
}
