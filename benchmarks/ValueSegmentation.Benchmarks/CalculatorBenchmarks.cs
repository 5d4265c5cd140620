using BenchmarkDotNet.Attributes;
using ValueSegmentation.Lifetime;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Benchmarks;

/// <summary>
/// The closed-form value models evaluated over a batch of customer summaries with
/// <see cref="ICustomerValueModel.Evaluate(ReadOnlySpan{CustomerSummary}, Span{double})"/> into a preallocated array,
/// called through the interface as a segmentation strategy would.
/// </summary>
/// <remarks>Goal: no allocation at all (column <c>B/customer</c> = 0) and time linear in the number of customers
/// (column <c>ns/customer</c> flat across sizes, apart from cache effects).</remarks>
[MemoryDiagnoser]
[Config(typeof(PerCustomerConfig))]
public class CalculatorBenchmarks
{
    private readonly ICustomerValueModel _historical = new HistoricalValueModel();
    private readonly ICustomerValueModel _simple = new SimpleLifetimeValueModel(expectedLifespanYears: 3, grossMargin: 0.4);
    private readonly ICustomerValueModel _retention = new RetentionLifetimeValueModel(retentionRate: 0.8, discountRate: 0.1);
    private CustomerSummary[] _customers = [];
    private double[] _values = [];

    /// <summary>Customer summaries in the batch: 10^3 to 10^7, capped by <c>VSEG_BENCH_MAX_SIZE</c>.</summary>
    [ParamsSource(nameof(CustomerCounts))]
    public int Customers { get; set; }

    /// <summary>The sizes of <see cref="Customers"/>.</summary>
    public static IEnumerable<int> CustomerCounts => BenchmarkSizes.Capped(1_000, 10_000, 100_000, 1_000_000, 10_000_000);

    /// <summary>Generates the summaries and the output array.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _customers = SyntheticData.Summaries(Customers);
        _values = new double[Customers];
    }

    /// <summary><see cref="HistoricalValueModel"/> without a cost-to-serve function: revenue − cost of goods.</summary>
    /// <returns>The last value, so the work is observable.</returns>
    [Benchmark]
    public double Historical() => Evaluate(_historical);

    /// <summary><see cref="SimpleLifetimeValueModel"/>: AOV × purchases per year × 3 years × 40 % margin.</summary>
    /// <returns>The last value.</returns>
    [Benchmark]
    public double Simple() => Evaluate(_simple);

    /// <summary><see cref="RetentionLifetimeValueModel"/> with r = 0.8, d = 0.1 per year and the default margin per period.</summary>
    /// <returns>The last value.</returns>
    [Benchmark]
    public double Retention() => Evaluate(_retention);

    private double Evaluate(ICustomerValueModel model)
    {
        model.Evaluate(_customers, _values);
        return _values[^1];
    }
}
