using BenchmarkDotNet.Attributes;
using ValueSegmentation.Probabilistic;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Benchmarks;

/// <summary>
/// Segmenting on a model axis against the model's own batch call, for 10^6 synthetic customers with BG/NBD at the CDNOW
/// estimates. Goal (issue 8): segmenting on P(alive) or on expected purchases costs at most 1.1× the batch call.
/// </summary>
/// <remarks>Each segmenting call uses a new measure object, so the population's kept values do not carry over from one
/// iteration to the next: every iteration evaluates the model once, through the measure's batch path, then fits the
/// default tiers (quantile cut points) and assigns every customer.</remarks>
[MemoryDiagnoser]
public class ModelAxisBenchmarks
{
    private readonly BgNbdModel _model = new(BtydData.Truth, TimeUnit.Weeks);
    private CustomerSummaryCollection _customers = null!;
    private double[] _values = [];

    /// <summary>Customers: 10^4 and 10^6, capped by <c>VSEG_BENCH_MAX_SIZE</c>.</summary>
    [ParamsSource(nameof(Sizes))]
    public int Customers { get; set; }

    /// <summary>The sizes run.</summary>
    public static IEnumerable<int> Sizes => BenchmarkSizes.Capped(10_000, 1_000_000);

    /// <summary>Draws the customers (a population, as the summary builder and the pipeline hand it over).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _customers = new CustomerSummaryCollection(BtydData.Summaries(Customers));
        _values = new double[Customers];
    }

    /// <summary>The model's batch call for P(alive).</summary>
    /// <returns>A checksum.</returns>
    [Benchmark(Baseline = true)]
    public double ProbabilityAliveBatch()
    {
        _model.ProbabilityAlive(_customers.AsSpan(), _values);
        return _values[^1];
    }

    /// <summary>The model's batch call for P(alive) into a new array, as a caller keeping the values pays: on this
    /// virtual machine the first touch of a fresh 8 MB array costs more than the model (see benchmarks/README.md).</summary>
    /// <returns>The values.</returns>
    [Benchmark]
    public double[] ProbabilityAliveBatchIntoNewArray()
    {
        var values = new double[Customers];
        _model.ProbabilityAlive(_customers.AsSpan(), values);
        return values;
    }

    /// <summary>Default tiers on P(alive): evaluate, fit, assign.</summary>
    /// <returns>The segmented customers.</returns>
    [Benchmark]
    public SegmentedCustomers TiersOnProbabilityAlive() =>
        SegmentedCustomers.FitAndAssign(new TieredStrategy(CustomerMeasure.ProbabilityAlive(_model)), _customers);

    /// <summary>The model's batch call for the expected purchases in the next 39 weeks.</summary>
    /// <returns>A checksum.</returns>
    [Benchmark]
    public double ExpectedPurchasesBatch()
    {
        _model.ConditionalExpectedPurchases(39, _customers.AsSpan(), _values);
        return _values[^1];
    }

    /// <summary>Default tiers on the expected purchases in the next 39 weeks.</summary>
    /// <returns>The segmented customers.</returns>
    [Benchmark]
    public SegmentedCustomers TiersOnExpectedPurchases() =>
        SegmentedCustomers.FitAndAssign(new TieredStrategy(CustomerMeasure.ExpectedPurchases(_model, 39)), _customers);
}

/// <summary>
/// BG/NBD + Gamma-Gamma lifetime value of 10^6 synthetic customers, monthly periods at 1 % a month. Goal (issue 8): at
/// most 1 s for a 12-month horizon and at most 1 s for an infinite horizon.
/// </summary>
[MemoryDiagnoser]
public class LifetimeValueBenchmarks
{
    private CustomerSummaryCollection _customers = null!;
    private ProbabilisticLifetimeValue _clv = null!;
    private double[] _values = [];

    /// <summary>Customers: 10^4 and 10^6, capped by <c>VSEG_BENCH_MAX_SIZE</c>.</summary>
    [ParamsSource(nameof(Sizes))]
    public int Customers { get; set; }

    /// <summary>The horizon in months: 12, or 0 for an infinite horizon.</summary>
    [Params(12, 0)]
    public int HorizonMonths { get; set; }

    /// <summary>The sizes run.</summary>
    public static IEnumerable<int> Sizes => BenchmarkSizes.Capped(10_000, 1_000_000);

    /// <summary>Draws the customers (mean repeat spend 20, as drawn) and builds the calculator at the published estimates.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _customers = new CustomerSummaryCollection(BtydData.Summaries(Customers));
        var purchases = new BgNbdModel(BtydData.Truth, TimeUnit.Weeks);
        var spend = new GammaGammaModel(new GammaGammaParameters(6.25, 3.74, 15.44));
        _clv = new ProbabilisticLifetimeValue(purchases, spend, TimeUnit.Months, 0.01, HorizonMonths == 0 ? null : HorizonMonths);
        _values = new double[Customers];
    }

    /// <summary>The lifetime value of every customer, through the batch call.</summary>
    /// <returns>A checksum.</returns>
    [Benchmark]
    public double LifetimeValue()
    {
        _clv.Evaluate(_customers.AsSpan(), _values);
        return _values[^1];
    }
}
