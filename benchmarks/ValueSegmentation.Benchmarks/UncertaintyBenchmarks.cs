using System.Globalization;
using BenchmarkDotNet.Attributes;
using ValueSegmentation.Probabilistic;
using ValueSegmentation.Probabilistic.Uncertainty;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Benchmarks;

/// <summary>
/// Delta-method intervals against the point predictions they surround: expected purchases in 39 weeks and P(alive)
/// for synthetic BG/NBD customers (<see cref="BtydData.Summaries"/>, daily ages), BG/NBD fitted to them. Goal (issue
/// 14): the intervals within 3× the cost of the point predictions at 10^6 customers.
/// </summary>
[MemoryDiagnoser]
public class DeltaMethodBenchmarks
{
    private CustomerSummaryCollection _customers = null!;
    private BgNbdModel _model = null!;
    private double[] _expected = [];
    private double[] _alive = [];

    /// <summary>Customers: 10^4 and 10^6, capped by <c>VSEG_BENCH_MAX_SIZE</c>.</summary>
    [ParamsSource(nameof(Sizes))]
    public int Customers { get; set; }

    /// <summary>The sizes run.</summary>
    public static IEnumerable<int> Sizes => BenchmarkSizes.Capped(10_000, 1_000_000);

    /// <summary>Draws the customers and fits the model.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _customers = CustomerSummaryCollection.Of(BtydData.Summaries(Customers));
        _model = BgNbdModel.Fit(RepeatPurchaseData.FromSummaries(_customers));
        (_expected, _alive) = (new double[Customers], new double[Customers]);
    }

    /// <summary>The point predictions: E[Y(39)] and P(alive) in one pass.</summary>
    /// <returns>The first expectation.</returns>
    [Benchmark(Baseline = true)]
    public double PointPredictions()
    {
        _model.Predict(39, _customers, _expected, _alive);
        return _expected[0];
    }

    /// <summary>The 90 % delta-method intervals of both, per customer and for the total.</summary>
    /// <returns>The intervals.</returns>
    [Benchmark]
    public PredictionIntervals DeltaMethod() => PredictionIntervals.Compute(_model, _customers, 39);
}

/// <summary>
/// A 200-draw parametric bootstrap of CDNOW's lifetime values (BG/NBD and Gamma-Gamma fitted to the published summaries
/// with mean repeat spend; 36 months at 1 % a month), per customer and in total. Goal (issue 14): 2 s on this machine.
/// </summary>
[MemoryDiagnoser]
public class BootstrapBenchmarks
{
    private CustomerSummaryCollection _customers = null!;
    private ProbabilisticLifetimeValue _value = null!;

    /// <summary>Reads CDNOW and fits the models.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rows = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data", "cdnow_customers_summary_with_transactions.csv"))
            .Skip(1).Select(line => line.Split(',')).ToArray();
        _customers = CustomerSummaryCollection.FromNumbers(
            [.. rows.Select(f => f[0])],
            [.. rows.Select(f => int.Parse(f[1], CultureInfo.InvariantCulture))],
            [.. rows.Select(f => double.Parse(f[2], CultureInfo.InvariantCulture))],
            [.. rows.Select(f => double.Parse(f[3], CultureInfo.InvariantCulture))],
            TimeUnit.Weeks,
            [.. rows.Select(f => double.Parse(f[4], CultureInfo.InvariantCulture))]);
        _value = new ProbabilisticLifetimeValue(
            BgNbdModel.Fit(RepeatPurchaseData.FromSummaries(_customers)), GammaGammaModel.Fit(SpendData.FromSummaries(_customers)), TimeUnit.Months, 0.01, 36);
    }

    /// <summary>The delta method on the same lifetime values, for scale.</summary>
    /// <returns>The intervals.</returns>
    [Benchmark(Baseline = true)]
    public PredictionIntervals DeltaMethod() => PredictionIntervals.Compute(_value, _customers, 39);

    /// <summary>200 parametric draws, seed 1.</summary>
    /// <returns>The intervals.</returns>
    [Benchmark]
    public PredictionIntervals ParametricBootstrap200() =>
        PredictionIntervals.Compute(_value, _customers, 39, new IntervalOptions { Method = IntervalMethod.ParametricBootstrap, Draws = 200, Seed = 1 });
}
