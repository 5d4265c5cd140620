using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ValueSegmentation.Analysis;
using ValueSegmentation.Internal;

namespace ValueSegmentation.Tests.Properties;

/// <summary>
/// The radix sort behind <see cref="ValueConcentration"/> returns what a comparison sort returns, and the concentration
/// built on it equals, bit for bit, the straightforward analysis it replaced (copy, <see cref="Array.Sort(Array)"/>,
/// running sums from the highest value down): the total, the Gini coefficient, every top sum, the negative count and
/// total, and the same exception for NaN, infinities, rejected negatives and sums past the largest double. Inputs range
/// from one value to the sizes that sort on both cores, with ties, −0, a spike of one value, values that share their top
/// bits, adjacent doubles (differing in the last bits only), negative values and magnitudes from 10⁻³⁰⁰ to 10³⁰⁰.
/// </summary>
public class ConcentrationSortProperties
{
    /// <summary>A population drawn from a seed: its size, which kinds of value it mixes (a bit mask) and, sometimes,
    /// a NaN or an infinity at one position.</summary>
    public sealed record Input(int Seed, int Count, int Kinds, int BadAt, double Bad)
    {
        public double[] Values { get; } = Make(Seed, Count, Kinds, BadAt, Bad);

        public override string ToString() => $"seed {Seed}, {Count} values, kinds {Kinds:X}, bad {Bad} at {BadAt}";
    }

    private static double[] Make(int seed, int count, int kinds, int badAt, double bad)
    {
        var random = new Random(seed);
        var values = new double[count];
        int[] enabled = [.. Enumerable.Range(0, 8).Where(k => (kinds & (1 << k)) != 0).DefaultIfEmpty(0)];
        for (int i = 0; i < count; i++)
        {
            values[i] = enabled[random.Next(enabled.Length)] switch
            {
                0 => random.Next(-50, 51) / 4.0,                                       // ties, negatives and 0
                1 => -0.0,
                2 => 1.0,                                                              // a spike
                3 => 0.5 + (random.Next(1_000_000) * 1e-12),                           // one top-bits bucket
                4 => Math.Round(5 - (60 * Math.Log(1 - random.NextDouble())), 2),      // revenue-like
                5 => -Math.Round(60 * random.NextDouble(), 2),                         // losses
                6 => BitConverter.Int64BitsToDouble(0x3FF0_0000_0000_0000L + random.Next(4)), // 1 and its next doubles
                _ => (random.Next(2) == 0 ? 1 : -1) * Math.Pow(10, random.Next(-300, 301)) * 1.2345,
            };
        }

        if ((uint)badAt < (uint)count)
        {
            values[badAt] = bad;
        }

        return values;
    }

    /// <summary>Sizes from 1 to the parallel sort: tiny, the sort of small inputs, one chunk, two chunks.</summary>
    private static Gen<Input> Inputs(int smallest, int largest) =>
        from seed in Gen.Choose(0, int.MaxValue)
        from count in Gen.Choose(smallest, largest)
        from kinds in Gen.Frequency((3, Gen.Choose(1, 0x7F)), (1, Gen.Choose(1, 0xFF)))
        from bad in Gen.Frequency(
            (6, Gen.Constant((-1, 0.0))),
            (1, from at in Gen.Choose(0, count - 1) from value in Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity) select (at, value)))
        select new Input(seed, count, kinds, bad.Item1, bad.Item2);

    private static Gen<Input> AnySize() => Gen.Frequency(
        (4, Inputs(1, 40)),
        (3, Inputs(41, 2_100)),
        (2, Inputs(2_049, 30_000)));

    [Property(MaxTest = 200)]
    public Property The_radix_sort_equals_a_comparison_sort() => Prop.ForAll(
        AnySize().Where(input => input.Values.All(double.IsFinite)).ToArbitrary(),
        Gen.Elements(false, true).ToArbitrary(),
        (input, negativesAsZero) => AssertSorted(input.Values, negativesAsZero));

    [Property(MaxTest = 6)]
    public Property The_parallel_radix_sort_equals_a_comparison_sort() => Prop.ForAll(
        Inputs(140_000, 400_000).Where(input => input.Values.All(double.IsFinite)).ToArbitrary(),
        Gen.Elements(false, true).ToArbitrary(),
        (input, negativesAsZero) => AssertSorted(input.Values, negativesAsZero));

    [Property(MaxTest = 300)]
    public Property A_concentration_equals_the_sorted_reference_bit_for_bit() => Prop.ForAll(
        AnySize().ToArbitrary(),
        Gen.Elements(NegativeValues.ClampToZero, NegativeValues.Keep, NegativeValues.Reject).ToArbitrary(),
        (input, policy) => AssertSameConcentration(input.Values, policy));

    [Property(MaxTest = 6)]
    public Property A_large_concentration_equals_the_sorted_reference_bit_for_bit() => Prop.ForAll(
        Inputs(140_000, 300_000).ToArbitrary(),
        Gen.Elements(NegativeValues.ClampToZero, NegativeValues.Keep, NegativeValues.Reject).ToArbitrary(),
        (input, policy) => AssertSameConcentration(input.Values, policy));

    [Fact]
    public void Equal_values_and_a_single_value_sort_and_concentrate_as_the_reference()
    {
        AssertSameConcentration([7.5], NegativeValues.ClampToZero);
        AssertSameConcentration([-0.0], NegativeValues.ClampToZero);
        AssertSameConcentration([-2.0, 5], NegativeValues.Keep);
        AssertSameConcentration(Enumerable.Repeat(0.75, 200_000).ToArray(), NegativeValues.ClampToZero);
        AssertSameConcentration(Enumerable.Repeat(-1.0, 5_000).Append(1e6).ToArray(), NegativeValues.Keep);
        AssertSameConcentration(Enumerable.Range(0, 150_000).Select(i => i % 2 == 0 ? -0.0 : 0.0).ToArray(), NegativeValues.ClampToZero);
        AssertSorted(Enumerable.Range(0, 150_000).Select(i => i % 3 == 0 ? -0.0 : 0.0).ToArray(), negativesAsZero: false);
    }

    private static void AssertSorted(double[] values, bool negativesAsZero)
    {
        var copy = (double[])values.Clone();
        var expected = values.Select(v => (negativesAsZero && v < 0 ? 0 : v) + 0.0).OrderDescending().ToArray(); // −0 as +0
        var sorted = new double[values.Length + 1];
        sorted[^1] = 42; // past the values: untouched
        OrderStatistics.SortDescending(values, negativesAsZero, sorted);
        Assert.Equal(copy, values);
        Assert.Equal(42, sorted[^1]);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(
                BitConverter.DoubleToInt64Bits(sorted[i]) == BitConverter.DoubleToInt64Bits(expected[i]),
                $"position {i} of {values.Length}: {sorted[i]:R} instead of {expected[i]:R}");
        }
    }

    private static void AssertSameConcentration(double[] values, NegativeValues policy)
    {
        var reference = Reference(values, policy);
        ValueConcentration actual;
        try
        {
            actual = ValueConcentration.Of(values, policy);
        }
        catch (ArgumentException exception)
        {
            Assert.True(reference.Failure is not null, $"threw {exception.GetType().Name}: {exception.Message}; the reference did not");
            Assert.Equal(reference.Failure!.GetType(), exception.GetType());
            Assert.Equal(reference.Failure.Message, exception.Message);
            Assert.Equal(reference.Failure.ParamName, exception.ParamName);
            return;
        }

        Assert.True(reference.Failure is null, $"did not throw; the reference threw {reference.Failure?.Message}");
        int n = values.Length;
        Assert.Equal(n, actual.Count);
        Assert.Equal(Bits(reference.Gini), Bits(actual.Gini));
        Assert.Equal(Bits(reference.TopSums[n]), Bits(actual.Total));
        Assert.Equal(reference.NegativeCount, actual.NegativeCount);
        Assert.Equal(Bits(reference.NegativeTotal), Bits(actual.NegativeTotal));
        for (int k = 0; k <= n; k++)
        {
            double expected = reference.TopSums[n] == 0 ? (double)k / n : reference.TopSums[k] / reference.TopSums[n];
            Assert.True(Bits(expected) == Bits(actual.ShareOfTop(k)), $"top {k} of {n}: {actual.ShareOfTop(k):R} instead of {expected:R}");
        }

        foreach (double share in new[] { 0, 0.01, 0.2, 0.5, 0.8, 0.95, 1 })
        {
            Assert.Equal(ReferenceCustomersForShare(reference, share), actual.CustomersForShare(share));
        }

        Assert.Equal(ReferenceLorenz(reference, 101), actual.LorenzCurve(101));
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    private sealed record Analysis(double[] TopSums, double Gini, int NegativeCount, double NegativeTotal, ArgumentException? Failure);

    /// <summary>The analysis as it was before the radix sort: copy, <see cref="Array.Sort(Array)"/>, running sums.</summary>
    private static Analysis Reference(double[] values, NegativeValues negatives)
    {
        const string Name = "values";
        var sorted = new double[values.Length];
        int negativeCount = 0;
        double negativeTotal = 0;
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            if (!double.IsFinite(v))
            {
                return Failed(new ArgumentOutOfRangeException(Name, v, $"Value #{i} is not finite."));
            }

            if (v < 0)
            {
                negativeCount++;
                negativeTotal += v;
            }

            sorted[i] = v < 0 && negatives == NegativeValues.ClampToZero ? 0 : v;
        }

        if (negativeCount > 0 && negatives == NegativeValues.Reject)
        {
            return Failed(new ArgumentException($"{negativeCount} value(s) are negative (sum {negativeTotal}); choose NegativeValues.ClampToZero or Keep to analyse loss-making customers.", Name));
        }

        if (!double.IsFinite(negativeTotal))
        {
            return Failed(new ArgumentOutOfRangeException(Name, negativeTotal, "The negative values sum beyond the range of a double; scale the values down."));
        }

        Array.Sort(sorted);
        int n = sorted.Length;
        var topSums = new double[n + 1];
        double weighted = 0;
        for (int k = 1; k <= n; k++)
        {
            double v = sorted[n - k];
            topSums[k] = topSums[k - 1] + v;
            if (!double.IsFinite(topSums[k]))
            {
                return Failed(new ArgumentOutOfRangeException(Name, topSums[k], $"The {k} highest values sum beyond the range of a double; scale the values down (every share is unchanged by scaling)."));
            }

            weighted += (double)(n - k + 1) / n * v;
        }

        double total = topSums[n];
        if (negatives == NegativeValues.Keep && !(total > 0))
        {
            return Failed(new ArgumentException($"The net total is {total}; shares of a total that is not positive mean nothing. Use NegativeValues.ClampToZero.", Name));
        }

        double gini = total == 0 ? 0 : (2 * (weighted / total)) - ((n + 1.0) / n);
        if (negatives != NegativeValues.Keep)
        {
            gini = Math.Clamp(gini, 0, 1);
        }

        return new Analysis(topSums, gini, negativeCount, negativeTotal, null);

        static Analysis Failed(ArgumentException exception) => new([], 0, 0, 0, exception);
    }

    private static int ReferenceCustomersForShare(Analysis reference, double share)
    {
        var sums = reference.TopSums;
        int n = sums.Length - 1;
        double total = sums[n];
        if (total == 0)
        {
            return Quantiles.CountOf(share, n);
        }

        double target = share * total * (1 - 1e-12);
        for (int k = 0; k <= n; k++)
        {
            if (sums[k] >= target)
            {
                return k; // the first crossing; without negative values the sums never decrease
            }
        }

        return n;
    }

    private static LorenzPoint[] ReferenceLorenz(Analysis reference, int points)
    {
        var sums = reference.TopSums;
        int n = sums.Length - 1;
        double total = sums[n];
        int m = Math.Min(points, n + 1);
        var curve = new LorenzPoint[m];
        for (int j = 0; j < m; j++)
        {
            int bottom = (int)Math.Round((double)j * n / (m - 1));
            double valueShare = total == 0 ? (double)bottom / n : (total - sums[n - bottom]) / total;
            curve[j] = new LorenzPoint((double)bottom / n, j == m - 1 ? 1.0 : valueShare);
        }

        return curve;
    }
}
