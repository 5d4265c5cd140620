using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ValueSegmentation.Internal;

namespace ValueSegmentation.Tests.Properties;

/// <summary>
/// The radix selection behind every quantile cut point returns what sorting returns, on populations large enough to
/// take its bucket path (more than 4,096 values): many ties, a spike of one value, negative values and −0, values from
/// 10⁻³⁰⁰ to 10³⁰⁰, and values that share their top bits.
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

    [Fact]
    public void A_population_of_one_value_has_that_value_at_every_rank()
    {
        var equal = Enumerable.Repeat(0.75, 50_000).ToArray();
        Assert.Equal([0.75, 0.75, 0.75], OrderStatistics.Smallest(equal, [0, 24_999, 49_999]));
        Assert.Throws<ArgumentOutOfRangeException>(() => OrderStatistics.Smallest(equal, [50_000]));
    }
}
