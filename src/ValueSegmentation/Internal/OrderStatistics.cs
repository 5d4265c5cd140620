using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;

namespace ValueSegmentation.Internal;

/// <summary>
/// Several order statistics of a read-only array of finite values at once, by radix selection on their bit patterns:
/// one pass counts the values by their top 16 bits (in parallel for large inputs), a second collects the few buckets
/// that hold the ranks asked for, and the buckets are narrowed by the next 16 bits until they are small enough to
/// sort. Two passes over the data, whatever the ranks, and no copy of it: what segmentation needs so that fitting cut
/// points costs little next to evaluating the measure. Where the whole order is needed (the running sums of a
/// concentration), <see cref="SortDescending"/> sorts by the same keys, most significant digit first.
/// </summary>
/// <remarks>Values are compared as doubles: −0 and +0 are one value. Thread-safe (no shared state).</remarks>
internal static class OrderStatistics
{
    private const int DigitBits = 16;
    private const int Buckets = 1 << DigitBits;
    private const int SmallEnough = 4096;
    private const int ParallelChunk = 1 << 16;

    /// <summary>The widest digit of the sort's first pass over all values (4,096 buckets: few enough write streams
    /// for the scatter, and buckets of a few thousand keys that the next pass sorts in cache).</summary>
    private const int SortDigitBits = 12;

    /// <summary>The widest digit of the sort's passes inside a bucket.</summary>
    private const int BucketDigitBits = 11;

    /// <summary>Runs of at most this many keys are finished by insertion sort.</summary>
    private const int InsertionSortLength = 32;

    /// <summary>Inputs of at most this many values are sorted by <see cref="MemoryExtensions.Sort{T}(Span{T})"/>.</summary>
    private const int SmallSort = 2048;

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

        int chunks = ParallelChunks.Count(values.Length, ParallelChunk);
        var counts = ArrayPool<int>.Shared.Rent(Buckets * (chunks + 1)); // the total, then each chunk's counts
        try
        {
            Histogram(values, counts, chunks);
            return SelectInBuckets(values, ranks, counts, chunks, results);
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
    /// <remarks>The sums run in the order of the values on one thread, so the floating-point sums, and hence ties at a
    /// target, do not depend on the machine; only the collection of the buckets runs in parallel.</remarks>
    public static double[] ShareThresholds(double[] values, ReadOnlySpan<double> targets) =>
        ShareThresholds(values, targets, ofPositiveTotal: false, out _);

    /// <summary>
    /// <see cref="ShareThresholds(double[], ReadOnlySpan{double})"/> for the targets <c>shares[i] × total</c>, where
    /// the total is the sum of the positive values in their order (what <c>Σ max(v, 0)</c> over the values gives), found
    /// in the same pass.
    /// </summary>
    /// <param name="values">The values, finite; read, never changed.</param>
    /// <param name="shares">The shares of the positive total.</param>
    /// <param name="positiveTotal">The sum of the positive values.</param>
    public static double[] ShareThresholdsOfPositiveTotal(double[] values, ReadOnlySpan<double> shares, out double positiveTotal) =>
        ShareThresholds(values, shares, ofPositiveTotal: true, out positiveTotal);

    private static double[] ShareThresholds(double[] values, ReadOnlySpan<double> given, bool ofPositiveTotal, out double positiveTotal)
    {
        const int Shift = 64 - DigitBits;
        var results = new double[given.Length];
        int chunks = ParallelChunks.Count(values.Length, ParallelChunk);
        var counts = ArrayPool<int>.Shared.Rent(Buckets * (chunks + 1)); // the total, then each chunk's counts
        var sums = ArrayPool<double>.Shared.Rent(Buckets);
        try
        {
            // One thread sums in the order of the values (every bucket's sum and the total are what a plain loop gives);
            // the counts are kept per chunk so that the chunks can collect their members side by side below.
            Array.Clear(counts, 0, Buckets * (chunks + 1));
            Array.Clear(sums, 0, Buckets);
            double total = 0;
            for (int chunk = 0; chunk < chunks; chunk++)
            {
                var (start, end) = ParallelChunks.Range(chunk, chunks, values.Length);
                var own = counts.AsSpan((chunk + 1) * Buckets, Buckets);
                for (int i = start; i < end; i++)
                {
                    double v = values[i];
                    if (v > 0)
                    {
                        int bucket = (int)(Key(v) >> Shift);
                        own[bucket]++;
                        sums[bucket] += v;
                        total += v;
                    }
                }
            }

            for (int chunk = 0; chunk < chunks; chunk++)
            {
                var own = counts.AsSpan((chunk + 1) * Buckets, Buckets);
                for (int b = 0; b < Buckets; b++)
                {
                    counts[b] += own[b];
                }
            }

            positiveTotal = total;
            var targets = new double[given.Length];
            for (int t = 0; t < targets.Length; t++)
            {
                targets[t] = ofPositiveTotal ? given[t] * total : given[t];
            }

            // The bucket of each target, scanning from the largest values down, and what remains of it there; the
            // distinct buckets get a slot (marker = slot + 1).
            var bucketOf = new int[targets.Length];
            var remaining = new double[targets.Length];
            var marker = new int[Buckets];
            var slotBuckets = new List<int>();
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
                if (marker[bucket] == 0)
                {
                    slotBuckets.Add(bucket);
                    marker[bucket] = slotBuckets.Count;
                }
            }

            int slots = slotBuckets.Count;
            if (slots > 0)
            {
                // Each chunk writes its members after those of the chunks before it, so every bucket keeps the values'
                // order, which the narrowing sums in.
                var members = slotBuckets.Select(b => new ulong[counts[b]]).ToArray();
                var offsets = new int[chunks * slots];
                for (int s = 0; s < slots; s++)
                {
                    for (int c = 0, offset = 0; c < chunks; c++)
                    {
                        offsets[(c * slots) + s] = offset;
                        offset += counts[((c + 1) * Buckets) + slotBuckets[s]];
                    }
                }

                ParallelChunks.Run(chunks, chunk =>
                {
                    var (start, end) = ParallelChunks.Range(chunk, chunks, values.Length);
                    var filled = offsets.AsSpan(chunk * slots, slots);
                    for (int i = start; i < end; i++)
                    {
                        double v = values[i];
                        if (v > 0)
                        {
                            ulong key = Key(v);
                            int slot = marker[(int)(key >> Shift)] - 1;
                            if (slot >= 0)
                            {
                                members[slot][filled[slot]++] = key;
                            }
                        }
                    }
                });

                for (int t = 0; t < targets.Length; t++)
                {
                    if (bucketOf[t] >= 0)
                    {
                        results[t] = Value(ShareKey(members[marker[bucketOf[t]] - 1], remaining[t], Shift - DigitBits, counts, sums));
                    }
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

    /// <summary>The second pass: collects the buckets holding the ranks (each chunk of the values into its own part of
    /// each bucket, in parallel) and selects in them.</summary>
    /// <param name="values">The values.</param>
    /// <param name="ranks">The ranks.</param>
    /// <param name="counts">The total count per bucket, followed by each chunk's counts (see <see cref="Histogram"/>).</param>
    /// <param name="chunks">The number of chunks the histogram was counted in.</param>
    /// <param name="results">Where to write the order statistics.</param>
    private static double[] SelectInBuckets(double[] values, ReadOnlySpan<int> ranks, int[] counts, int chunks, double[] results)
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

        // Collect the target buckets into pooled arrays, each chunk from where the chunks before it end, noting each
        // bucket's least and greatest key: a bucket of equal keys (a spike of one value, such as P(alive) = 1 for every
        // one-time buyer) needs no selection.
        int slots = slotBuckets.Count;
        var members = slotBuckets.Select(b => ArrayPool<ulong>.Shared.Rent(counts[b])).ToArray();
        var offsets = new int[chunks * slots];
        for (int s = 0; s < slots; s++)
        {
            for (int c = 0, offset = 0; c < chunks; c++)
            {
                offsets[(c * slots) + s] = offset;
                offset += counts[((c + 1) * Buckets) + slotBuckets[s]];
            }
        }

        var least = new ulong[chunks * slots];
        var greatest = new ulong[chunks * slots];
        try
        {
            ParallelChunks.Run(chunks, chunk =>
            {
                var (start, end) = ParallelChunks.Range(chunk, chunks, values.Length);
                var filled = offsets.AsSpan(chunk * slots, slots);
                var low = least.AsSpan(chunk * slots, slots);
                var high = greatest.AsSpan(chunk * slots, slots);
                low.Fill(ulong.MaxValue);
                for (int i = start; i < end; i++)
                {
                    ulong key = Key(values[i]);
                    int slot = marker[(int)(key >> Shift)] - 1;
                    if (slot >= 0)
                    {
                        members[slot][filled[slot]++] = key;
                        low[slot] = Math.Min(low[slot], key);
                        high[slot] = Math.Max(high[slot], key);
                    }
                }
            });

            for (int r = 0; r < ranks.Length; r++)
            {
                int slot = marker[bucketOf[r]] - 1;
                ulong lowest = ulong.MaxValue, highest = 0;
                for (int c = 0; c < chunks; c++)
                {
                    lowest = Math.Min(lowest, least[(c * slots) + slot]);
                    highest = Math.Max(highest, greatest[(c * slots) + slot]);
                }

                results[r] = Value(lowest == highest
                    ? lowest
                    : SelectKey(members[slot].AsSpan(0, counts[bucketOf[r]]), rankInBucket[r], Shift - DigitBits)); // reorders a bucket, never its contents
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

    /// <summary>
    /// The values in descending order, written into <paramref name="destination"/> (as long as the values), with −0
    /// written as +0 and, when <paramref name="negativesAsZero"/>, every negative value as +0. A radix sort of the
    /// values' order-preserving keys, most significant digit first: one parallel pass makes the keys and finds the
    /// bits in which they differ, one counts the values by the top 12 of those bits, one scatters them into their
    /// buckets, and the buckets (a few thousand keys each) are sorted in cache on both cores by narrower digits and
    /// insertion sort. O(n) work for any distribution of doubles; the order is the one a comparison sort gives, since
    /// equal keys are equal values.
    /// </summary>
    /// <param name="values">The values, finite; read, never changed.</param>
    /// <param name="negativesAsZero">Whether negative values are sorted (and written) as 0.</param>
    /// <param name="destination">Where to write the sorted values; at least as long as <paramref name="values"/>.</param>
    public static unsafe void SortDescending(ReadOnlySpan<double> values, bool negativesAsZero, Span<double> destination)
    {
        int n = values.Length;
        destination = destination[..n];
        var sorted = MemoryMarshal.Cast<double, ulong>(destination);
        if (n <= SmallSort)
        {
            for (int i = 0; i < n; i++)
            {
                sorted[i] = DescendingKey(values[i], negativesAsZero);
            }

            sorted.Sort();
            for (int i = 0; i < n; i++)
            {
                destination[i] = Value(~sorted[i]);
            }

            return;
        }

        var scratch = ArrayPool<ulong>.Shared.Rent(n);
        try
        {
            fixed (double* source = values)
            fixed (double* target = destination)
            {
                SortPinned((nint)source, n, negativesAsZero, (nint)target, scratch);
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(scratch);
        }
    }

    /// <summary>The sort of <see cref="SortDescending(ReadOnlySpan{double}, bool, Span{double})"/> over pinned
    /// memory: the keys go to <paramref name="scratch"/>, are scattered into the destination by their first digit, and
    /// each bucket is sorted there with its part of the scratch as the buffer.</summary>
    private static unsafe void SortPinned(nint source, int n, bool negativesAsZero, nint target, ulong[] scratch)
    {
        int chunks = ParallelChunks.Count(n, ParallelChunk);
        var least = new ulong[chunks];
        var greatest = new ulong[chunks];
        ParallelChunks.Run(chunks, chunk =>
        {
            var (start, end) = ParallelChunks.Range(chunk, chunks, n);
            var input = new ReadOnlySpan<double>((double*)source + start, end - start);
            var keys = scratch.AsSpan(start, end - start);
            ulong low = ulong.MaxValue, high = 0;
            for (int i = 0; i < keys.Length; i++)
            {
                ulong key = DescendingKey(input[i], negativesAsZero);
                keys[i] = key;
                low = Math.Min(low, key);
                high = Math.Max(high, key);
            }

            least[chunk] = low;
            greatest[chunk] = high;
        });

        ulong lowest = least.Min(), highest = greatest.Max();
        if (lowest == highest)
        {
            new Span<double>((double*)target, n).Fill(Value(~lowest)); // one value
            return;
        }

        // The first digit: the top bits in which the keys differ (the bits above them are common to all).
        int top = 63 - BitOperations.LeadingZeroCount(lowest ^ highest);
        int bits = Math.Min(SortDigitBits, top + 1);
        int shift = top + 1 - bits, buckets = 1 << bits;
        ulong mask = (ulong)buckets - 1;
        var counts = new int[chunks * buckets];
        ParallelChunks.Run(chunks, chunk =>
        {
            var (start, end) = ParallelChunks.Range(chunk, chunks, n);
            var own = counts.AsSpan(chunk * buckets, buckets);
            foreach (ulong key in scratch.AsSpan(start, end - start))
            {
                own[(int)((key >> shift) & mask)]++;
            }
        });

        // Each chunk scatters its keys after those of the chunks before it in every bucket.
        var bucketStart = new int[buckets + 1];
        for (int b = 0, offset = 0; b < buckets; b++)
        {
            bucketStart[b] = offset;
            for (int c = 0; c < chunks; c++)
            {
                int count = counts[(c * buckets) + b];
                counts[(c * buckets) + b] = offset;
                offset += count;
            }
        }

        bucketStart[buckets] = n;
        ParallelChunks.Run(chunks, chunk =>
        {
            var (start, end) = ParallelChunks.Range(chunk, chunks, n);
            var next = counts.AsSpan(chunk * buckets, buckets);
            ulong* output = (ulong*)target;
            foreach (ulong key in scratch.AsSpan(start, end - start))
            {
                output[next[(int)((key >> shift) & mask)]++] = key;
            }
        });

        // The buckets, in runs of about equal numbers of keys per core, each sorted in place.
        ParallelChunks.Run(chunks, chunk =>
        {
            var (start, end) = ParallelChunks.Range(chunk, chunks, n);
            var keys = new Span<ulong>((ulong*)target, n);
            var levels = new int[65][];
            for (int b = 0; b < buckets; b++)
            {
                int from = bucketStart[b], to = bucketStart[b + 1];
                if (from >= start && from < end && to > from)
                {
                    SortInPlace(keys[from..to], scratch.AsSpan(from, to - from), levels, 0);
                }
            }
        });

        ParallelChunks.Run(chunks, chunk =>
        {
            var (start, end) = ParallelChunks.Range(chunk, chunks, n);
            ulong* keys = (ulong*)target;
            double* output = (double*)target;
            for (int i = start; i < end; i++)
            {
                output[i] = Value(~keys[i]);
            }
        });
    }

    /// <summary>Sorts <paramref name="keys"/> in place, with <paramref name="buffer"/> (as long) to scatter into.</summary>
    private static void SortInPlace(Span<ulong> keys, Span<ulong> buffer, int[][] levels, int depth)
    {
        if (keys.Length <= InsertionSortLength)
        {
            InsertionSort(keys);
            return;
        }

        var starts = levels[depth] ??= new int[(1 << BucketDigitBits) + 1];
        int buckets = Distribute(keys, buffer, starts);
        for (int b = 0; b < buckets; b++)
        {
            int from = starts[b], to = starts[b + 1];
            if (to - from > 1)
            {
                SortInto(buffer[from..to], keys[from..to], levels, depth + 1);
            }
            else if (to > from)
            {
                keys[from] = buffer[from];
            }
        }
    }

    /// <summary>Sorts the keys of <paramref name="source"/> into <paramref name="destination"/> (as long);
    /// <paramref name="source"/> is left in any order.</summary>
    private static void SortInto(Span<ulong> source, Span<ulong> destination, int[][] levels, int depth)
    {
        if (source.Length <= InsertionSortLength)
        {
            source.CopyTo(destination);
            InsertionSort(destination);
            return;
        }

        var starts = levels[depth] ??= new int[(1 << BucketDigitBits) + 1];
        int buckets = Distribute(source, destination, starts);
        if (buckets == 0)
        {
            source.CopyTo(destination); // all equal
            return;
        }

        for (int b = 0; b < buckets; b++)
        {
            int from = starts[b], to = starts[b + 1];
            if (to - from > 1)
            {
                SortInPlace(destination[from..to], source[from..to], levels, depth + 1);
            }
        }
    }

    /// <summary>Scatters <paramref name="source"/> into <paramref name="destination"/> by the top bits in which its
    /// keys differ, as many as suit their number (at most <see cref="BucketDigitBits"/>), and returns the number of
    /// buckets, with bucket b at [starts[b], starts[b + 1]); 0, and nothing written, when all keys are equal.</summary>
    private static int Distribute(Span<ulong> source, Span<ulong> destination, int[] starts)
    {
        ulong low = ulong.MaxValue, high = 0;
        foreach (ulong key in source)
        {
            low = Math.Min(low, key);
            high = Math.Max(high, key);
        }

        if (low == high)
        {
            return 0;
        }

        int top = 63 - BitOperations.LeadingZeroCount(low ^ high);
        int bits = Math.Min(top + 1, Math.Clamp(BitOperations.Log2((uint)source.Length) - 3, 1, BucketDigitBits));
        int shift = top + 1 - bits, buckets = 1 << bits;
        ulong mask = (ulong)buckets - 1;
        var counts = starts.AsSpan(0, buckets + 1);
        counts.Clear();
        foreach (ulong key in source)
        {
            counts[(int)((key >> shift) & mask) + 1]++;
        }

        for (int b = 1; b <= buckets; b++)
        {
            counts[b] += counts[b - 1];
        }

        // counts[b] is now where bucket b starts; advance a copy while scattering, then restore the starts.
        foreach (ulong key in source)
        {
            int b = (int)((key >> shift) & mask);
            destination[counts[b]++] = key;
        }

        for (int b = buckets; b > 0; b--)
        {
            counts[b] = counts[b - 1];
        }

        counts[0] = 0;
        return buckets;
    }

    private static void InsertionSort(Span<ulong> keys)
    {
        for (int i = 1; i < keys.Length; i++)
        {
            ulong key = keys[i];
            int j = i - 1;
            while (j >= 0 && keys[j] > key)
            {
                keys[j + 1] = keys[j];
                j--;
            }

            keys[j + 1] = key;
        }
    }

    /// <summary>The key that orders values from the largest down: the complement of <see cref="Key"/>, of 0 for a
    /// negative value when <paramref name="negativesAsZero"/>.</summary>
    private static ulong DescendingKey(double value, bool negativesAsZero) =>
        ~Key(negativesAsZero && value < 0 ? 0 : value);

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

    /// <summary>The number of values per top 16 bits of their keys, counted in <paramref name="chunks"/> parallel
    /// chunks: the total into the first <see cref="Buckets"/> entries of <paramref name="counts"/>, then chunk c's own
    /// counts at <c>(c + 1) · Buckets</c>.</summary>
    private static void Histogram(double[] values, int[] counts, int chunks)
    {
        const int Shift = 64 - DigitBits;
        ParallelChunks.Run(chunks, chunk =>
        {
            var own = counts.AsSpan((chunk + 1) * Buckets, Buckets);
            own.Clear();
            var (start, end) = ParallelChunks.Range(chunk, chunks, values.Length);
            for (int i = start; i < end; i++)
            {
                own[(int)(Key(values[i]) >> Shift)]++;
            }
        });

        var total = counts.AsSpan(0, Buckets);
        counts.AsSpan(Buckets, Buckets).CopyTo(total);
        for (int c = 1; c < chunks; c++)
        {
            var own = counts.AsSpan((c + 1) * Buckets, Buckets);
            for (int b = 0; b < Buckets; b++)
            {
                total[b] += own[b];
            }
        }
    }
}
