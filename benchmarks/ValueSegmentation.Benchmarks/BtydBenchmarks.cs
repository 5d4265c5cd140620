using BenchmarkDotNet.Attributes;
using ValueSegmentation.Probabilistic;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Benchmarks;

/// <summary>
/// Maximum-likelihood fits of the transaction models on CDNOW and on synthetic BG/NBD populations of 10^5 and 10^6
/// customers. Goals (20 times faster than the Python library lifetimes on a machine of this kind): BG/NBD 7.5 ms on
/// CDNOW, 75 ms at 10^5, 680 ms at 10^6; Pareto/NBD 30 ms on CDNOW.
/// </summary>
[MemoryDiagnoser]
public class BtydFitBenchmarks
{
    private (int[] Frequency, double[] Recency, double[] Age) _columns;
    private RepeatPurchaseData _data = null!;

    /// <summary>The dataset: CDNOW, synthetic 100,000 or synthetic 1,000,000.</summary>
    [ParamsSource(nameof(Datasets))]
    public string Dataset { get; set; } = "CDNOW";

    /// <summary>The datasets run.</summary>
    public static IEnumerable<string> Datasets => BtydData.Datasets();

    /// <summary>Loads or draws the data, and compresses it.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _columns = BtydData.Columns(Dataset);
        _data = Compress();
    }

    /// <summary>BG/NBD on compressed data.</summary>
    /// <returns>The model.</returns>
    [Benchmark(Baseline = true)]
    public BgNbdModel BgNbd() => BgNbdModel.Fit(_data);

    /// <summary>BG/NBD from the raw columns: compression included.</summary>
    /// <returns>The model.</returns>
    [Benchmark]
    public BgNbdModel BgNbdFromColumns() => BgNbdModel.Fit(Compress());

    /// <summary>MBG/NBD on compressed data.</summary>
    /// <returns>The model.</returns>
    [Benchmark]
    public MbgNbdModel MbgNbd() => MbgNbdModel.Fit(_data);

    /// <summary>Pareto/NBD on compressed data.</summary>
    /// <returns>The model.</returns>
    [Benchmark]
    public ParetoNbdModel ParetoNbd() => ParetoNbdModel.Fit(_data);

    private RepeatPurchaseData Compress() => RepeatPurchaseData.FromColumns(_columns.Frequency, _columns.Recency, _columns.Age, TimeUnit.Weeks);
}

/// <summary>
/// Predictions for 10^6 synthetic customers with BG/NBD at the CDNOW estimates: expected purchases in the next 39 weeks
/// and P(alive). Goal: 30 ms for the expectations (lifetimes: 0.6 s).
/// </summary>
[MemoryDiagnoser]
public class BtydPredictionBenchmarks
{
    private readonly BgNbdModel _model = new(BtydData.Truth, TimeUnit.Weeks);
    private CustomerSummary[] _customers = [];
    private double[] _values = [];

    /// <summary>Customers: 10^4 and 10^6, capped by <c>VSEG_BENCH_MAX_SIZE</c>.</summary>
    [ParamsSource(nameof(Sizes))]
    public int Customers { get; set; }

    /// <summary>The sizes run.</summary>
    public static IEnumerable<int> Sizes => BenchmarkSizes.Capped(10_000, 1_000_000);

    /// <summary>Draws the customers.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _customers = BtydData.Summaries(Customers);
        _values = new double[Customers];
    }

    /// <summary>The batch call, which computes the (x, T) part once per distinct pair.</summary>
    /// <returns>A checksum.</returns>
    [Benchmark(Baseline = true)]
    public double ConditionalExpectedPurchases()
    {
        _model.ConditionalExpectedPurchases(39, _customers, _values);
        return _values[^1];
    }

    /// <summary>One call per customer, without sharing.</summary>
    /// <returns>A checksum.</returns>
    [Benchmark]
    public double ConditionalExpectedPurchasesOneByOne()
    {
        double sum = 0;
        foreach (var customer in _customers)
        {
            sum += _model.ConditionalExpectedPurchases(39, customer);
        }

        return sum;
    }

    /// <summary>P(alive) for every customer.</summary>
    /// <returns>A checksum.</returns>
    [Benchmark]
    public double ProbabilityAlive()
    {
        _model.ProbabilityAlive(_customers, _values);
        return _values[^1];
    }
}
