using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ValueSegmentation.Internal;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Tests.Properties;

/// <summary>
/// The radix selection behind every quantile cut point returns what sorting returns, on populations large enough to
/// take its bucket path (more than 4,096 values): many ties, a spike of one value, negative values and −0, values from
/// 10⁻³⁰⁰ to 10³⁰⁰, and values that share their top bits. The value-share thresholds of the Pareto classes equal
/// their definition the same way.
/// </summary>
public class OrderStatisticsProperties
{
    private static Gen<double> Values() => Gen.OneOf(
        Gen.Choose(-50, 50).Select(i => i / 4.0),                                     // ties, negatives and 0
        Gen.Constant(-0.0),
        Gen.Constant(1.0),                                                             // a spike (P(alive) of one-time buyers)
        Gen.Choose(0, 1_000_000).Select(i => 0.5 + (i * 1e-12)),                       // one top-16-bit bucket
        Gen.Choose(-300, 300).Two().Select(p => (p.Item1 >= 0 ? 1 : -1) * Math.Pow(10, p.Item2 / 1.0) * 1.2345));

    [Property(MaxTest = 40)]
    public Property Selection_equals_sorting() => Prop.ForAll(
        (from n in Gen.Choose(4_097, 40_000)
         from values in Gen.ArrayOf(Values(), n)
         from ranks in Gen.ArrayOf(Gen.Choose(0, n - 1), 5)
         select (values, ranks)).ToArbitrary(),
        input =>
        {
            var (values, ranks) = input;
            var copy = (double[])values.Clone();
            var sorted = values.Order().ToArray();
            var selected = OrderStatistics.Smallest(values, ranks);
            Assert.Equal(copy, values); // the input is not changed
            for (int i = 0; i < ranks.Length; i++)
            {
                Assert.True(selected[i] == sorted[ranks[i]], $"rank {ranks[i]}: {selected[i]} instead of {sorted[ranks[i]]}");
            }
        });

    /// <summary>Dyadic values (multiples of 2⁻³⁰ well below 2²³), so every sum is exact whatever its order and the
    /// share threshold has one right answer: ties, negatives, a spike and a crowded top-16-bit bucket.</summary>
    private static Gen<double> ExactValues() => Gen.OneOf(
        Gen.Choose(-50, 50).Select(i => i / 4.0),
        Gen.Constant(1.0),
        Gen.Choose(0, 1_000_000).Select(i => 0.5 + (i / 1_073_741_824.0)));

    [Property(MaxTest = 40)]
    public Property Share_thresholds_equal_walking_down_the_sorted_values() => Prop.ForAll(
        (from n in Gen.Choose(4_097, 40_000)
         from values in Gen.ArrayOf(ExactValues(), n)
         from shares in Gen.ArrayOf(Gen.Choose(0, 1_000).Select(i => i / 1_000.0), 4)
         from tops in Gen.ArrayOf(Gen.Choose(1, n), 3)
         select (values, shares, tops)).ToArbitrary(),
        input =>
        {
            var (values, shares, tops) = input;
            var copy = (double[])values.Clone();
            var positives = values.Where(v => v > 0).OrderDescending().ToArray();
            double total = positives.Sum();
            var targets = shares.Select(s => s * total)
                .Concat(tops.Select(k => positives.Take(k).Sum())) // exactly the sum of a top: ties at the target
                .Append(total * 2)                                  // falls short
                .ToArray();
            var thresholds = OrderStatistics.ShareThresholds(values, targets);
            Assert.Equal(copy, values);
            for (int i = 0; i < targets.Length; i++)
            {
                Assert.True(thresholds[i] == Naive(positives, targets[i]), $"target {targets[i]}: {thresholds[i]} instead of {Naive(positives, targets[i])}");
            }
        });

    /// <summary>Populations large enough to count and collect in parallel chunks (more than 2 × 65,536 values), drawn
    /// from a seed: the same kinds of value as <see cref="Values"/>, mixed by a bit mask; with <c>exact</c>, dyadic
    /// values whose sums (below 2²⁷ in steps of 2⁻²⁰) are exact in any order.</summary>
    private static Gen<double[]> LargeValues(bool exact) =>
        from seed in Gen.Choose(0, int.MaxValue)
        from n in Gen.Choose(131_072, 400_000)
        from kinds in Gen.Choose(1, 0x1F)
        select Mixed(seed, n, kinds, exact);

    private static double[] Mixed(int seed, int n, int kinds, bool exact)
    {
        var random = new Random(seed);
        int[] enabled = [.. Enumerable.Range(0, 5).Where(k => (kinds & (1 << k)) != 0)];
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = enabled[random.Next(enabled.Length)] switch
            {
                0 => random.Next(-50, 51) / 4.0,
                1 => exact ? 0.0 : -0.0,
                2 => 1.0,
                3 => 0.5 + (exact ? random.Next(1_000_000) / 1_048_576.0 : random.Next(1_000_000) * 1e-12),
                _ => exact ? random.Next(1, 1 << 14) / 64.0 : Math.Round(5 - (60 * Math.Log(1 - random.NextDouble())), 2),
            };
        }

        return values;
    }

    [Property(MaxTest = 8)]
    public Property Selection_in_parallel_chunks_equals_sorting() => Prop.ForAll(
        (from values in LargeValues(exact: false)
         from ranks in Gen.ArrayOf(Gen.Choose(0, values.Length - 1), 6)
         select (values, ranks)).ToArbitrary(),
        input =>
        {
            var (values, ranks) = input;
            var sorted = values.Order().ToArray();
            var selected = OrderStatistics.Smallest(values, ranks);
            for (int i = 0; i < ranks.Length; i++)
            {
                Assert.True(selected[i] == sorted[ranks[i]], $"rank {ranks[i]}: {selected[i]} instead of {sorted[ranks[i]]}");
            }
        });

    [Property(MaxTest = 8)]
    public Property Share_thresholds_in_parallel_chunks_equal_walking_down_the_sorted_values() => Prop.ForAll(
        (from values in LargeValues(exact: true)
         from shares in Gen.ArrayOf(Gen.Choose(0, 1_000).Select(i => i / 1_000.0), 4)
         select (values, shares)).ToArbitrary(),
        input =>
        {
            var (values, shares) = input;
            var positives = values.Where(v => v > 0).OrderDescending().ToArray();
            double total = positives.Sum();
            var targets = shares.Select(s => s * total).Append(total).ToArray();
            var thresholds = OrderStatistics.ShareThresholds(values, targets);
            for (int i = 0; i < targets.Length; i++)
            {
                Assert.True(thresholds[i] == Naive(positives, targets[i]), $"target {targets[i]}: {thresholds[i]} instead of {Naive(positives, targets[i])}");
            }
        });

    /// <summary>The Pareto classes' form, which finds the positive total in its first pass, equals the thresholds of
    /// the targets share × total with the total summed as the strategy summed it before (Σ max(v, 0) in input order),
    /// bit for bit, on values whose sums round (so the order of the additions shows).</summary>
    [Property(MaxTest = 100)]
    public Property Share_thresholds_of_the_positive_total_equal_those_of_its_targets() => Prop.ForAll(
        (from small in Gen.Elements(true, false)
         from seed in Gen.Choose(0, int.MaxValue)
         from n in small ? Gen.Choose(1, 5_000) : Gen.Choose(131_072, 300_000)
         from kinds in Gen.Choose(1, 0x1F)
         from shares in Gen.Choose(1, 4).SelectMany(k => Gen.ArrayOf(Gen.Choose(1, 999), k))
         select (Mixed(seed, n, kinds, exact: false), shares.Distinct().Order().Select(i => i / 1_000.0).ToArray())).ToArbitrary(),
        input =>
        {
            var (values, shares) = input;
            double expectedTotal = 0;
            foreach (double v in values)
            {
                expectedTotal += Math.Max(v, 0);
            }

            var expected = OrderStatistics.ShareThresholds(values, [.. shares.Select(s => s * expectedTotal)]);
            var actual = OrderStatistics.ShareThresholdsOfPositiveTotal(values, shares, out double total);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expectedTotal), BitConverter.DoubleToInt64Bits(total));
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
        });

    [Fact]
    public void A_share_threshold_is_infinite_for_no_target_or_no_positive_value()
    {
        Assert.Equal([double.PositiveInfinity, 2.0], OrderStatistics.ShareThresholds([3.0, 2.0, -1.0], [0.0, 4.0]));
        Assert.Equal([double.PositiveInfinity], OrderStatistics.ShareThresholds([0.0, -1.0], [1.0]));
    }

    /// <summary>The definition: the largest positive t whose values ≥ t sum to the target; the smallest when all fall short.</summary>
    private static double Naive(double[] descending, double target)
    {
        if (!(target > 0) || descending.Length == 0)
        {
            return double.PositiveInfinity;
        }

        double sum = 0;
        foreach (double v in descending)
        {
            sum += v;
            if (sum >= target)
            {
                return v;
            }
        }

        return descending[^1];
    }

    [Fact]
    public void A_population_of_one_value_has_that_value_at_every_rank()
    {
        var equal = Enumerable.Repeat(0.75, 50_000).ToArray();
        Assert.Equal([0.75, 0.75, 0.75], OrderStatistics.Smallest(equal, [0, 24_999, 49_999]));
        Assert.Throws<ArgumentOutOfRangeException>(() => OrderStatistics.Smallest(equal, [50_000]));
    }

    /// <summary>An order-statistic strategy fitted from the values at its ranks alone (as an engine returns them) is the
    /// segmenter its <c>Fit</c> returns: tiers by shares and percentiles, on populations with ties.</summary>
    [Property(MaxTest = 60)]
    public Property Cut_points_at_the_ranks_make_the_fitted_segmenter() => Prop.ForAll(
        (from n in Gen.Choose(1, 3_000)
         from values in Gen.ArrayOf(Gen.Choose(0, 40).Select(i => i * 2.5), n)
         from split in Gen.Choose(1, 999)
         from tiered in Gen.Elements(true, false)
         select (values, split / 1000.0, tiered)).ToArbitrary(),
        input =>
        {
            var (values, split, tiered) = input;
            var customers = values.Select((v, i) => CustomerSummary.FromNumbers($"c{i}", 0, 0, 1, TimeUnit.Weeks, 0, v)).ToList();
            var measure = CustomerMeasure.Revenue;
            IOrderStatisticStrategy strategy = tiered
                ? new TieredStrategy(measure, [split, 1 - split])
                : new PercentileStrategy(measure, [split]);

            var fitted = (ThresholdSegmenter)strategy.Fit(customers);
            var descending = values.OrderDescending().ToArray();
            var ranks = strategy.CutPointRanks(values.Length);
            var fromRanks = strategy.FromCutPoints([.. ranks.Select(k => descending[k - 1])], values.Length);

            Assert.Equal(fitted.Minimums, fromRanks.Minimums);
            Assert.Equal(fitted.Segments.Select(s => s.Rule), fromRanks.Segments.Select(s => s.Rule), new RuleWithoutRealisedShare());
        });

    [Fact]
    public void Cut_points_that_cannot_be_order_statistics_are_refused()
    {
        var tiers = new TieredStrategy(CustomerMeasure.Revenue);

        Assert.Equal([20L, 50L], tiers.CutPointRanks(100)); // ⌈0.2 × 100⌉, ⌈0.5 × 100⌉
        Assert.Equal("cutPoints", Assert.Throws<ArgumentException>(() => tiers.FromCutPoints([5.0], 100)).ParamName);
        Assert.Contains("#1 (6) is above #0 (5)", Assert.Throws<ArgumentException>(() => tiers.FromCutPoints([5.0, 6.0], 100)).Message, StringComparison.Ordinal);
        Assert.Contains("#0 is NaN", Assert.Throws<ArgumentException>(() => tiers.FromCutPoints([double.NaN, 1.0], 100)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => tiers.CutPointRanks(0));
        Assert.Empty(new TieredStrategy(CustomerMeasure.Revenue, minimums: [10]).CutPointRanks(100));
    }

    /// <summary>Rules equal but for the realised share, which only a fit on the values can state.</summary>
    private sealed class RuleWithoutRealisedShare : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y) => Strip(x) == Strip(y);

        public int GetHashCode(string obj) => Strip(obj).GetHashCode(StringComparison.Ordinal);

        private static string Strip(string? rule) =>
            rule is null ? string.Empty : System.Text.RegularExpressions.Regex.Replace(rule, "; realised [^)]*", string.Empty);
    }
}
