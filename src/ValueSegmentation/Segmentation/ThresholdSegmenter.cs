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
    private readonly double[] _minimums;
    private readonly Segment[] _segments;

    internal ThresholdSegmenter(CustomerMeasure measure, double[] minimums, SegmentDefinition[] definitions, Func<int, string> explain)
    {
        Measure = measure;
        _minimums = minimums;
        _segments = new Segment[definitions.Length];
        for (int i = 0; i < definitions.Length; i++)
        {
            var range = new AxisRange(
                measure.Name,
                i == definitions.Length - 1 ? double.NegativeInfinity : minimums[i],
                i == 0 ? double.PositiveInfinity : minimums[i - 1],
                includesMinimum: true,
                includesMaximum: false);
            string why = explain(i);
            string rule = range.Describe(measure.Unit) + (why.Length == 0 ? string.Empty : $" ({why})");
            _segments[i] = new Segment(definitions[i].Name, i + 1, rule, definitions[i].Treatment, [range]);
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

    /// <inheritdoc />
    public void Assign(ReadOnlySpan<CustomerSummary> customers, Span<int> segmentIndexes)
    {
        if (segmentIndexes.Length < customers.Length)
        {
            throw new ArgumentException($"The destination holds {segmentIndexes.Length} indexes, fewer than the {customers.Length} customers.", nameof(segmentIndexes));
        }

        Span<double> values = stackalloc double[256];
        for (int start = 0; start < customers.Length; start += values.Length)
        {
            var chunk = customers.Slice(start, Math.Min(values.Length, customers.Length - start));
            Measure.Evaluate(chunk, values);
            for (int i = 0; i < chunk.Length; i++)
            {
                segmentIndexes[start + i] = IndexOf(values[i]);
            }
        }
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
}
