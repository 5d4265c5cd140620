using BenchmarkDotNet.Attributes;
using ValueSegmentation.Analysis;

namespace ValueSegmentation.Benchmarks;

/// <summary>
/// Building a concentration analysis with <see cref="ValueConcentration.Of"/> from the customers' revenues in a
/// <c>double[]</c>: a check of the values, a radix sort on both cores into the array of top sums, and one pass for the
/// top sums and the Gini coefficient.
/// </summary>
/// <remarks>Goal (issue 10): at most 0.3 s for 10^7 values on 2 cores. Expected: time O(n) (column <c>ns/customer</c>
/// about flat) and 8 bytes per customer (the top sums; the sort's buffer is pooled). The revenues are made in
/// <see cref="Setup"/>.</remarks>
[MemoryDiagnoser]
[Config(typeof(PerCustomerConfig))]
public class ConcentrationBenchmarks
{
    private double[] _revenues = [];

    /// <summary>Customers, one value each: 10^3 to 10^7, capped by <c>VSEG_BENCH_MAX_SIZE</c>.</summary>
    [ParamsSource(nameof(CustomerCounts))]
    public int Customers { get; set; }

    /// <summary>The sizes of <see cref="Customers"/>.</summary>
    public static IEnumerable<int> CustomerCounts => BenchmarkSizes.Capped(1_000, 10_000, 100_000, 1_000_000, 10_000_000);

    /// <summary>Generates the revenues of <see cref="SyntheticData.Summaries"/>.</summary>
    [GlobalSetup]
    public void Setup() => _revenues = Revenues(Customers);

    /// <summary>Analyses the revenues (negative values clamped to 0, the default; there are none).</summary>
    /// <returns>The analysis.</returns>
    [Benchmark]
    public ValueConcentration Of() => ValueConcentration.Of(_revenues);

    /// <summary>The revenues of <paramref name="count"/> synthetic customers, in customer order.</summary>
    /// <param name="count">The number of customers.</param>
    /// <returns>One revenue per customer.</returns>
    public static double[] Revenues(int count) => [.. SyntheticData.Summaries(count).Select(customer => customer.Revenue)];
}

/// <summary>
/// Queries of a prebuilt <see cref="ValueConcentration"/> of the customers' revenues: the share of the top 20 %,
/// the customers needed for 80 % of revenue, and a 101-point Lorenz curve.
/// </summary>
/// <remarks>Expected: <see cref="ValueConcentration.TopShare"/> O(1), <see cref="ValueConcentration.CustomersForShare"/>
/// O(log n), <see cref="ValueConcentration.LorenzCurve"/> O(points), with only the curve allocating (its points).</remarks>
[MemoryDiagnoser]
public class ConcentrationQueryBenchmarks
{
    private ValueConcentration _concentration = null!;

    /// <summary>Customers in the analysis: 10^3 to 10^7, capped by <c>VSEG_BENCH_MAX_SIZE</c>.</summary>
    [ParamsSource(nameof(CustomerCounts))]
    public int Customers { get; set; }

    /// <summary>The sizes of <see cref="Customers"/>.</summary>
    public static IEnumerable<int> CustomerCounts => ConcentrationBenchmarks.CustomerCounts;

    /// <summary>Builds the analysis of the revenues.</summary>
    [GlobalSetup]
    public void Setup() => _concentration = ValueConcentration.Of(ConcentrationBenchmarks.Revenues(Customers));

    /// <summary><see cref="ValueConcentration.TopShare"/>(0.2): the share of revenue of the top 20 % of customers.</summary>
    /// <returns>The share.</returns>
    [Benchmark]
    public double TopShare() => _concentration.TopShare(0.2);

    /// <summary><see cref="ValueConcentration.CustomersForShare"/>(0.8): the fewest top customers bringing 80 % of revenue.</summary>
    /// <returns>The number of customers.</returns>
    [Benchmark]
    public int CustomersForShare() => _concentration.CustomersForShare(0.8);

    /// <summary><see cref="ValueConcentration.LorenzCurve"/>(101): the curve at every percent of customers.</summary>
    /// <returns>The points.</returns>
    [Benchmark]
    public IReadOnlyList<LorenzPoint> LorenzCurve() => _concentration.LorenzCurve(101);
}
