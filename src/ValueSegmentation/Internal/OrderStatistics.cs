using System.Buffers;

namespace ValueSegmentation.Internal;

/// <summary>
/// Several order statistics of a read-only array of finite values at once, by radix selection on their bit patterns:
/// one pass counts the values by their top 16 bits (in parallel for large inputs), a second collects the few buckets
/// that hold the ranks asked for, and the buckets are narrowed by the next 16 bits until they are small enough to
/// sort. Two passes over the data, whatever the ranks, and no copy of it: what segmentation needs so that fitting cut
/// points costs little next to evaluating the measure.
/// </summary>
/// <remarks>Values are compared as doubles: −0 and +0 are one value. Thread-safe (no shared state).</remarks>
internal static class OrderStatistics
{
    private const int DigitBits = 16;
    private const int Buckets = 1 << DigitBits;
    private const int SmallEnough = 4096;
    private const int ParallelThreshold = 1 << 17;

    /// <summary>The <paramref name="ranks"/>-th smallest values (0-based ranks, each in [0, n)).</summary>
    /// <param name="values">The values, finite; read, never changed.</param>
    /// <param name="ranks">The ranks.</param>
    public static double[] Smallest(double[] values, ReadOnlySpan<int> ranks)
    {
        var results = new double[ranks.Length];
        foreach (int rank in ranks)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(rank, nameof(ranks));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, values.Length, nameof(ranks));
        }

        if (values.Length <= SmallEnough)
        {
            var keys = new ulong[values.Length];
            for (int i = 0; i < keys.Length; i++)
            {
                keys[i] = Key(values[i]);
            }

            keys.AsSpan().Sort();
            for (int r = 0; r < ranks.Length; r++)
            {
                results[r] = Value(keys[ranks[r]]);
            }

            return results;
        }

        var counts = ArrayPool<int>.Shared.Rent(Buckets);
        try
        {
            Histogram(values, counts);
            return SelectInBuckets(values, ranks, counts, results);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
        }
    }

    /// <summary>
    /// For each target, the largest t such that the positive values ≥ t sum to at least the target: +∞ when the target
    /// is not positive, and the smallest positive value when even all of them fall short (only by rounding). Values ≤ 0
    /// are ignored. One pass sums the positive values by the top 16 bits of their keys, a second collects the buckets
    /// where the targets fall, and those are narrowed by the next digits the same way.
    /// </summary>
    /// <param name="values">The values, finite; read, never changed.</param>
    /// <param name="targets">The targets.</param>
    /// <remarks>Single-threaded, so the floating-point sums, and hence ties at a target, do not depend on the machine.</remarks>
    public static double[] ShareThresholds(double[] values, ReadOnlySpan<double> targets)
    {
        const int Shift = 64 - DigitBits;
        var results = new double[targets.Length];
        var counts = ArrayPool<int>.Shared.Rent(Buckets);
        var sums = ArrayPool<double>.Shared.Rent(Buckets);
        try
        {
            Array.Clear(counts, 0, Buckets);
            Array.Clear(sums, 0, Buckets);
            foreach (double v in values)
            {
                if (v > 0)
                {
                    int bucket = (int)(Key(v) >> Shift);
                    counts[bucket]++;
                    sums[bucket] += v;
                }
            }

            // The bucket of each target, scanning from the largest values down, and what remains of it there.
            var bucketOf = new int[targets.Length];
            var remaining = new double[targets.Length];
            var slots = new Dictionary<int, int>();
            int lowest = -1;
            for (int b = 0; b < Buckets; b++)
            {
                if (counts[b] > 0)
                {
                    lowest = b;
                    break;
                }
            }

            for (int t = 0; t < targets.Length; t++)
            {
                bucketOf[t] = -1;
                if (!(targets[t] > 0) || lowest < 0)
                {
                    results[t] = double.PositiveInfinity;
                    continue;
                }

                double above = 0;
                int bucket = Buckets - 1;
                while (bucket > lowest && (counts[bucket] == 0 || above + sums[bucket] < targets[t]))
                {
                    above += sums[bucket--];
                }

                bucketOf[t] = bucket;
                remaining[t] = targets[t] - above;
                slots.TryAdd(bucket, slots.Count);
            }

            var members = slots.Keys.Select(b => new ulong[counts[b]]).ToArray();
            if (members.Length > 0)
            {
                var filled = new int[members.Length];
                foreach (double v in values)
                {
                    if (v > 0)
                    {
                        ulong key = Key(v);
                        if (slots.TryGetValue((int)(key >> Shift), out int slot))
                        {
                            members[slot][filled[slot]++] = key;
                        }
                    }
                }
            }

            for (int t = 0; t < targets.Length; t++)
            {
                if (bucketOf[t] >= 0)
                {
                    results[t] = Value(ShareKey(members[slots[bucketOf[t]]], remaining[t], Shift - DigitBits, counts, sums));
                }
            }

            return results;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
            ArrayPool<double>.Shared.Return(sums);
        }
    }

    /// <summary>The key of the largest value t among <paramref name="keys"/> (positive values, not changed) such that
    /// the values ≥ t sum to at least <paramref name="target"/>, or of the smallest when they all fall short; narrows by
    /// the digit at <paramref name="shift"/> while many keys remain.</summary>
    private static ulong ShareKey(ReadOnlySpan<ulong> keys, double target, int shift, int[] counts, double[] sums)
    {
        while (keys.Length > SmallEnough && shift >= 0)
        {
            Array.Clear(counts, 0, Buckets);
            Array.Clear(sums, 0, Buckets);
            int lowest = Buckets - 1;
            foreach (ulong key in keys)
            {
                int digit = (int)((key >> shift) & (Buckets - 1));
                counts[digit]++;
                sums[digit] += Value(key);
                lowest = Math.Min(lowest, digit);
            }

            double above = 0;
            int bucket = Buckets - 1;
            while (bucket > lowest && (counts[bucket] == 0 || above + sums[bucket] < target))
            {
                above += sums[bucket--];
            }

            if (counts[bucket] < keys.Length)
            {
                keys = KeysWithDigit(keys, shift, bucket, counts[bucket]);
                target -= above;
            }

            shift -= DigitBits;
        }

        var sorted = keys.ToArray();
        Array.Sort(sorted);
        double sum = 0;
        for (int i = sorted.Length - 1; i > 0; i--)
        {
            sum += Value(sorted[i]);
            if (sum >= target)
            {
                return sorted[i];
            }
        }

        return sorted[0];
    }

    /// <summary>The second pass: collects the buckets holding the ranks and selects in them.</summary>
    private static double[] SelectInBuckets(double[] values, ReadOnlySpan<int> ranks, int[] counts, double[] results)
    {
        const int Shift = 64 - DigitBits;

        // The bucket of each rank and its rank inside the bucket; the distinct buckets get a slot (marker = slot + 1).
        var marker = new byte[Buckets];
        var slotBuckets = new List<int>();
        var bucketOf = new int[ranks.Length];
        var rankInBucket = new int[ranks.Length];
        for (int r = 0; r < ranks.Length; r++)
        {
            int bucket = 0;
            long before = 0;
            while (before + counts[bucket] <= ranks[r])
            {
                before += counts[bucket++];
            }

            bucketOf[r] = bucket;
            rankInBucket[r] = (int)(ranks[r] - before);
            if (marker[bucket] == 0)
            {
                slotBuckets.Add(bucket);
                marker[bucket] = (byte)slotBuckets.Count;
            }
        }

        // Collect the target buckets into pooled arrays, noting each one's least and greatest key: a bucket of equal keys
        // (a spike of one value, such as P(alive) = 1 for every one-time buyer) needs no selection.
        var members = slotBuckets.Select(b => ArrayPool<ulong>.Shared.Rent(counts[b])).ToArray();
        try
        {
            var filled = new int[members.Length];
            var least = Enumerable.Repeat(ulong.MaxValue, members.Length).ToArray();
            var greatest = new ulong[members.Length];
            foreach (double v in values)
            {
                ulong key = Key(v);
                int slot = marker[(int)(key >> Shift)] - 1;
                if (slot >= 0)
                {
                    members[slot][filled[slot]++] = key;
                    least[slot] = Math.Min(least[slot], key);
                    greatest[slot] = Math.Max(greatest[slot], key);
                }
            }

            for (int r = 0; r < ranks.Length; r++)
            {
                int slot = marker[bucketOf[r]] - 1;
                results[r] = Value(least[slot] == greatest[slot]
                    ? least[slot]
                    : SelectKey(members[slot].AsSpan(0, filled[slot]), rankInBucket[r], Shift - DigitBits)); // reorders a bucket, never its contents
            }
        }
        finally
        {
            foreach (var member in members)
            {
                ArrayPool<ulong>.Shared.Return(member);
            }
        }

        return results;
    }

    /// <summary>The order-preserving 64-bit key of a finite double: the bit pattern with the sign bit flipped for
    /// positive values and all bits flipped for negative ones; −0 is first made +0.</summary>
    private static ulong Key(double value)
    {
        long bits = BitConverter.DoubleToInt64Bits(value + 0.0);
        return (ulong)(bits ^ ((bits >> 63) | long.MinValue));
    }

    private static double Value(ulong key) =>
        BitConverter.Int64BitsToDouble((long)((key & 0x8000_0000_0000_0000UL) != 0 ? key ^ 0x8000_0000_0000_0000UL : ~key));

    /// <summary>The <paramref name="rank"/>-th smallest key, narrowing by the 16-bit digit at <paramref name="shift"/>
    /// while many keys remain.</summary>
    private static ulong SelectKey(Span<ulong> keys, int rank, int shift)
    {
        var counts = ArrayPool<int>.Shared.Rent(Buckets);
        try
        {
            return SelectKey(keys, rank, shift, counts);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
        }
    }

    private static ulong SelectKey(Span<ulong> keys, int rank, int shift, int[] counts)
    {
        while (keys.Length > SmallEnough && shift >= 0)
        {
            Array.Clear(counts, 0, Buckets);
            foreach (ulong key in keys)
            {
                counts[(int)((key >> shift) & (Buckets - 1))]++;
            }

            int bucket = 0, before = 0;
            while (before + counts[bucket] <= rank)
            {
                before += counts[bucket++];
            }

            if (counts[bucket] < keys.Length)
            {
                keys = KeysWithDigit(keys, shift, bucket, counts[bucket]);
                rank -= before;
            }

            shift -= DigitBits;
        }

        if (shift < 0)
        {
            return keys[rank]; // every digit agrees: the keys are equal
        }

        keys.Sort();
        return keys[rank];
    }

    /// <summary>The <paramref name="count"/> keys whose digit at <paramref name="shift"/> is <paramref name="digit"/>, in a new array.</summary>
    private static ulong[] KeysWithDigit(ReadOnlySpan<ulong> keys, int shift, int digit, int count)
    {
        var narrowed = new ulong[count];
        int filled = 0;
        foreach (ulong key in keys)
        {
            if ((int)((key >> shift) & (Buckets - 1)) == digit)
            {
                narrowed[filled++] = key;
            }
        }

        return narrowed;
    }

    /// <summary>The number of values per top 16 bits of their keys, counted in parallel chunks for large inputs, into
    /// <paramref name="total"/> (at least <see cref="Buckets"/> long; it is cleared first).</summary>
    private static void Histogram(double[] values, int[] total)
    {
        const int Shift = 64 - DigitBits;
        Array.Clear(total, 0, Buckets);
        if (values.Length < ParallelThreshold || Environment.ProcessorCount == 1)
        {
            foreach (double v in values)
            {
                total[(int)(Key(v) >> Shift)]++;
            }

            return;
        }

        int chunks = Environment.ProcessorCount;
        int size = (values.Length + chunks - 1) / chunks;
        var partial = new int[chunks][];
        try
        {
            ParallelChunks.Run(chunks, chunk =>
            {
                var counts = partial[chunk] = ArrayPool<int>.Shared.Rent(Buckets);
                Array.Clear(counts, 0, Buckets);
                int end = Math.Min(values.Length, (chunk + 1) * size);
                for (int i = chunk * size; i < end; i++)
                {
                    counts[(int)(Key(values[i]) >> Shift)]++;
                }
            });
            foreach (var counts in partial)
            {
                for (int b = 0; b < Buckets; b++)
                {
                    total[b] += counts[b];
                }
            }
        }
        finally
        {
            foreach (var counts in partial)
            {
                if (counts is not null)
                {
                    ArrayPool<int>.Shared.Return(counts);
                }
            }
        }
    }
}
