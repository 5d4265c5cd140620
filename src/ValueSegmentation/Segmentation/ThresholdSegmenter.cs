using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
    /// <summary>The fewest values per core for which a batch is assigned in parallel.</summary>
    private const int ParallelChunk = 1 << 15;

    /// <summary>The most thresholds compared in vector registers; more take the scalar search.</summary>
    private const int VectorThresholds = 16;

    private readonly double[] _minimums;
    private readonly Segment[] _segments;

    /// <summary>Freezes thresholds into segments.</summary>
    /// <param name="measure">The measure the thresholds apply to.</param>
    /// <param name="minimums">The minimum of each segment but the last, non-increasing.</param>
    /// <param name="definitions">Names and treatments, one more than <paramref name="minimums"/>.</param>
    /// <param name="explain">Why segment i has its bounds, in words ("top 20 % of 2,357 customers"); empty for none.</param>
    /// <param name="targetShares">The share of customers each segment aims at, or <see langword="null"/>.</param>
    /// <param name="fittedValues">The values the thresholds were fitted on (to state the realised shares), or empty.</param>
    internal ThresholdSegmenter(CustomerMeasure measure, double[] minimums, SegmentDefinition[] definitions, Func<int, string> explain, double[]? targetShares, double[] fittedValues)
    {
        Measure = measure;
        _minimums = minimums;
        var counts = fittedValues.Length == 0 ? null : Classify(fittedValues, default, default);
        _segments = new Segment[definitions.Length];
        for (int i = 0; i < definitions.Length; i++)
        {
            var range = RangeOf(measure, minimums, i);
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

    /// <summary>Restores a saved segmenter: its thresholds and the segments as they were fitted (rules with the fitting
    /// population's numbers, shares), which must be the thresholds' segments.</summary>
    /// <exception cref="ArgumentException">The thresholds increase or are NaN, or a segment's rank or bounds are not
    /// those of the thresholds.</exception>
    internal ThresholdSegmenter(CustomerMeasure measure, double[] minimums, Segment[] segments)
    {
        for (int i = 0; i < minimums.Length; i++)
        {
            if (double.IsNaN(minimums[i]) || (i > 0 && minimums[i] > minimums[i - 1]))
            {
                throw new ArgumentException($"The thresholds must not increase and not be NaN: threshold {i} is {Invariant.Number(minimums[i])}.", nameof(minimums));
            }
        }

        if (segments.Length != minimums.Length + 1)
        {
            throw new ArgumentException($"{minimums.Length} thresholds make {minimums.Length + 1} segments, not {segments.Length}.", nameof(segments));
        }

        for (int i = 0; i < segments.Length; i++)
        {
            Segment.CheckSaved(segments[i], i, [RangeOf(measure, minimums, i)]);
        }

        Measure = measure;
        _minimums = minimums;
        _segments = segments;
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
    public void Assign(IReadOnlyList<CustomerSummary> customers, Span<int> segmentIndexes) =>
        _ = AssignAndCount(CustomerSummaryCollection.Of(customers), segmentIndexes);

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

    /// <summary>The range of segment <paramref name="index"/>: from its minimum (included) to the one above (excluded).</summary>
    private static AxisRange RangeOf(CustomerMeasure measure, double[] minimums, int index) => new(
        measure.Name,
        index == minimums.Length ? double.NegativeInfinity : minimums[index],
        index == 0 ? double.PositiveInfinity : minimums[index - 1],
        includesMinimum: true,
        includesMaximum: false);

    /// <summary>Assigns a population (see <see cref="Assign(IReadOnlyList{CustomerSummary}, Span{int})"/>) and counts
    /// the customers of each segment on the way.</summary>
    /// <returns>The number of customers in each segment.</returns>
    internal int[] AssignAndCount(CustomerSummaryCollection population, Span<int> segmentIndexes)
    {
        Guard.Destination(population.Count, segmentIndexes.Length, nameof(segmentIndexes));
        return Classify(population.ValuesArray(Measure), segmentIndexes[..population.Count], default);
    }

    /// <summary>As <see cref="AssignAndCount(CustomerSummaryCollection, Span{int})"/>, one byte per customer, for at
    /// most 256 segments: a quarter of the memory to write.</summary>
    /// <returns>The number of customers in each segment.</returns>
    internal int[] AssignAndCount(CustomerSummaryCollection population, Span<byte> segmentIndexes)
    {
        Guard.Destination(population.Count, segmentIndexes.Length, nameof(segmentIndexes));
        if (_segments.Length > byte.MaxValue + 1)
        {
            throw new InvalidOperationException($"{_segments.Length} segments do not fit in a byte.");
        }

        return Classify(population.ValuesArray(Measure), default, segmentIndexes[..population.Count]);
    }

    /// <summary>The segment index of every value (finite, as the measure makes them) written into
    /// <paramref name="ints"/> or <paramref name="bytes"/> (one of them, or neither to count only), and the number of
    /// values in each segment; in parallel chunks over the cores when there are many values.</summary>
    private unsafe int[] Classify(double[] values, Span<int> ints, Span<byte> bytes)
    {
        int n = values.Length, segments = _minimums.Length + 1;
        int chunks = ParallelChunks.Count(n, ParallelChunk);
        var counts = new long[chunks * segments];
        if (chunks == 1)
        {
            ClassifyRange(values, ints, bytes, counts);
        }
        else
        {
            // The destinations are spans, which the parallel loop cannot hold: pin them and hand over their addresses.
            bool toInts = !ints.IsEmpty, toBytes = !bytes.IsEmpty;
            fixed (int* intsFirst = ints)
            fixed (byte* bytesFirst = bytes)
            {
                nint intsAddress = (nint)intsFirst, bytesAddress = (nint)bytesFirst;
                ParallelChunks.Run(chunks, chunk =>
                {
                    var (start, end) = ParallelChunks.Range(chunk, chunks, n);
                    ClassifyRange(
                        values.AsSpan(start, end - start),
                        toInts ? new Span<int>((int*)intsAddress + start, end - start) : default,
                        toBytes ? new Span<byte>((byte*)bytesAddress + start, end - start) : default,
                        counts.AsSpan(chunk * segments, segments));
                });
            }
        }

        var total = new int[segments];
        for (int i = 0; i < counts.Length; i++)
        {
            total[i % segments] += (int)counts[i];
        }

        return total;
    }

    /// <summary>Classifies one range: the segment of each value into <paramref name="ints"/> or
    /// <paramref name="bytes"/> (unless empty), and the number per segment added to <paramref name="counts"/>.</summary>
    private void ClassifyRange(ReadOnlySpan<double> values, Span<int> ints, Span<byte> bytes, Span<long> counts)
    {
        bool toInts = !ints.IsEmpty, toBytes = !bytes.IsEmpty;
        int k = _minimums.Length, i = 0;
        const int Step = 4 * 4; // four vectors of four values
        if (k <= VectorThresholds && Vector256.IsHardwareAccelerated && Vector256<double>.Count == 4 && values.Length >= Step)
        {
            // The minimums do not increase (each segment's range checks it), so a value v is below a prefix of them and
            // its segment, the first whose minimum v reaches, is the number of minimums above v: a count, no branch.
            // below[j] counts the values under minimum j.
            Span<Vector256<double>> bounds = stackalloc Vector256<double>[k];
            Span<Vector256<long>> below = stackalloc Vector256<long>[k];
            for (int j = 0; j < k; j++)
            {
                bounds[j] = Vector256.Create(_minimums[j]);
                below[j] = Vector256<long>.Zero;
            }

            ref double source = ref MemoryMarshal.GetReference(values);
            ref int intTarget = ref MemoryMarshal.GetReference(ints);
            ref byte byteTarget = ref MemoryMarshal.GetReference(bytes);
            for (; i <= values.Length - Step; i += Step)
            {
                var a = Vector256.LoadUnsafe(ref source, (nuint)i);
                var b = Vector256.LoadUnsafe(ref source, (nuint)(i + 4));
                var c = Vector256.LoadUnsafe(ref source, (nuint)(i + 8));
                var d = Vector256.LoadUnsafe(ref source, (nuint)(i + 12));
                Vector256<long> ia = default, ib = default, ic = default, id = default;
                for (int j = 0; j < k; j++)
                {
                    var bound = bounds[j];
                    var ma = Vector256.LessThan(a, bound).AsInt64(); // −1 where below
                    var mb = Vector256.LessThan(b, bound).AsInt64();
                    var mc = Vector256.LessThan(c, bound).AsInt64();
                    var md = Vector256.LessThan(d, bound).AsInt64();
                    ia -= ma;
                    ib -= mb;
                    ic -= mc;
                    id -= md;
                    below[j] -= (ma + mb) + (mc + md);
                }

                if (toInts)
                {
                    Vector256.Narrow(ia, ib).StoreUnsafe(ref intTarget, (nuint)i);
                    Vector256.Narrow(ic, id).StoreUnsafe(ref intTarget, (nuint)(i + 8));
                }
                else if (toBytes)
                {
                    var shorts = Vector256.Narrow(Vector256.Narrow(ia, ib), Vector256.Narrow(ic, id));
                    Vector128.Narrow(shorts.GetLower(), shorts.GetUpper()).AsByte().StoreUnsafe(ref byteTarget, (nuint)i);
                }
            }

            long previous = i;
            for (int j = 0; j < k; j++)
            {
                long under = Vector256.Sum(below[j]);
                counts[j] += previous - under;
                previous = under;
            }

            counts[k] += previous;
        }

        for (; i < values.Length; i++)
        {
            int segment = IndexOf(values[i]);
            counts[segment]++;
            if (toInts)
            {
                ints[i] = segment;
            }
            else if (toBytes)
            {
                bytes[i] = (byte)segment;
            }
        }
    }
}
