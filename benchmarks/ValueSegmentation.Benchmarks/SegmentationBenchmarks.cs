using BenchmarkDotNet.Attributes;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Benchmarks;

/// <summary>The segmentation strategies the segmentation suites compare.</summary>
public enum StrategyKind
{
    /// <summary>The default <see cref="TieredStrategy"/> on revenue: top 20 %, next 30 %, bottom 50 % of customers.</summary>
    Tiered,

    /// <summary><see cref="PercentileStrategy"/> on revenue: top 1 %, top 1–20 %, bottom 80 %.</summary>
    Percentile,

    /// <summary><see cref="ParetoStrategy"/> on revenue: A to 80 %, B to 95 % of total revenue, C the rest.</summary>
    Pareto,

    /// <summary><see cref="QuadrantStrategy"/>: revenue × repeat purchases, cut at the medians.</summary>
    Quadrant,

    /// <summary><see cref="RfmStrategy"/> with its defaults: quintile scores and the default rule set.</summary>
    Rfm,
}

/// <summary>The strategies of <see cref="StrategyKind"/>, configured as the suites measure them.</summary>
public static class BenchmarkStrategies
{
    /// <summary>Creates the strategy of a kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="freshMeasures">Whether to give the strategy new copies of the built-in measures, whose values no
    /// population has kept yet.</param>
    /// <returns>A new strategy.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not defined.</exception>
    public static ISegmentationStrategy Create(StrategyKind kind, bool freshMeasures = false)
    {
        // A copy of a built-in measure reads the same columns but is a new key for a population's kept values.
        CustomerMeasure Measure(CustomerMeasure measure) => freshMeasures ? measure.WithUnit(measure.Unit) : measure;
        var revenue = Measure(CustomerMeasure.Revenue);
        return kind switch
        {
            StrategyKind.Tiered => new TieredStrategy(revenue),
            StrategyKind.Percentile => new PercentileStrategy(revenue, [0.01, 0.2]),
            StrategyKind.Pareto => new ParetoStrategy(revenue),
            StrategyKind.Quadrant => new QuadrantStrategy(revenue, Measure(CustomerMeasure.Frequency)),
            StrategyKind.Rfm => new RfmStrategy(recency: Measure(CustomerMeasure.TimeSinceLastPurchase), frequency: Measure(CustomerMeasure.PurchaseCount), monetary: revenue),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a defined StrategyKind."),
        };
    }
}

/// <summary>
/// Segmenting a whole population: <see cref="SegmentedCustomers.FitAndAssign"/> (learn the cut points, then assign
/// every customer, in parallel chunks above 65,536 customers) from an array of summaries, the same from a population
/// whose measure values are already kept, and <see cref="ISegmentationStrategy.Fit"/> alone, for each strategy of
/// <see cref="StrategyKind"/>.
/// </summary>
/// <remarks>Goal (issue 10): fit and assign 10^7 customers in at most 0.25 s on 2 cores with the tiered, percentile and
/// Pareto strategies (column <c>ns/customer</c> at most 25). The summaries are made in <see cref="Setup"/>, so only the
/// strategy's own work and allocations are measured: from an array, that is wrapping it in a
/// <see cref="CustomerSummaryCollection"/> (a copy of the references), reading the measure from every summary into a new
/// array, the cut points, and the segment of every customer into another.</remarks>
[MemoryDiagnoser]
[Config(typeof(PerCustomerConfig))]
public class SegmentationBenchmarks
{
    private ISegmentationStrategy _strategy = null!;
    private CustomerSummary[] _customers = [];
    private CustomerSummaryCollection _evaluated = null!;
    private CustomerSummaryCollection _table = null!;

    /// <summary>The strategy.</summary>
    [ParamsAllValues(Priority = -1)]
    public StrategyKind Strategy { get; set; }

    /// <summary>Customers in the population: 10^3 to 10^7, capped by <c>VSEG_BENCH_MAX_SIZE</c>.</summary>
    [ParamsSource(nameof(CustomerCounts))]
    public int Customers { get; set; }

    /// <summary>The sizes of <see cref="Customers"/>.</summary>
    public static IEnumerable<int> CustomerCounts => BenchmarkSizes.Capped(1_000, 10_000, 100_000, 1_000_000, 10_000_000);

    /// <summary>Generates the summaries, creates the strategy, and keeps a population that holds the values of its
    /// measures (fitted once, which evaluates them).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _customers = SyntheticData.Summaries(Customers);
        _strategy = BenchmarkStrategies.Create(Strategy);
        _evaluated = CustomerSummaryCollection.Of(_customers);
        _ = _strategy.Fit(_evaluated);
        _table = SyntheticData.SummaryTable(Customers);
    }

    /// <summary>Fits the strategy on the population and assigns every customer.</summary>
    /// <returns>The segmented population.</returns>
    [Benchmark]
    public SegmentedCustomers FitAndAssign() => SegmentedCustomers.FitAndAssign(_strategy, _customers);

    /// <summary>Fits the strategy and assigns every customer of a population that already holds the measure's values,
    /// as the pipeline's does once it has evaluated its axes: the cut points and the assignment alone, without the
    /// copy of the array and the reading of every summary that <see cref="FitAndAssign"/> includes.</summary>
    /// <returns>The segmented population.</returns>
    [Benchmark]
    public SegmentedCustomers FitAndAssignEvaluated() => SegmentedCustomers.FitAndAssign(_strategy, _evaluated);

    /// <summary>Fits the strategy and assigns every customer of a fresh collection kept as columns (as the builder and
    /// <see cref="CustomerSummaryCollection.FromNumbers"/> make it): the measure is read from its columns, then cut and
    /// assigned. The strategy's measures are fresh copies on each call, so they are read from the columns every time.</summary>
    /// <returns>The segmented population.</returns>
    [Benchmark]
    public SegmentedCustomers FitAndAssignColumnar() => SegmentedCustomers.FitAndAssign(BenchmarkStrategies.Create(Strategy, freshMeasures: true), _table);

    /// <summary>Fits the strategy on the population only (the cut points and the segments' rules).</summary>
    /// <returns>The segmenter.</returns>
    [Benchmark]
    public ICustomerSegmenter Fit() => _strategy.Fit(_customers);
}

/// <summary>
/// Assigning one customer online with an already fitted segmenter (<see cref="ICustomerSegmenter.Assign(CustomerSummary)"/>,
/// called through the interface), as a service classifying a customer would. Each call takes the next of
/// <see cref="Rotation"/> customers, so the branches vary as they would in a service.
/// </summary>
/// <remarks>Goal: no allocation (column <c>Allocated</c> = 0 B) and a few nanoseconds per call. The segmenters are
/// fitted on 10^4 customers; the cost of one call does not depend on the population size.</remarks>
[MemoryDiagnoser]
public class SegmentationAssignOneBenchmarks
{
    /// <summary>The number of customers the calls cycle through (a power of two).</summary>
    public const int Rotation = 1024;

    private ICustomerSegmenter _segmenter = null!;
    private CustomerSummary[] _customers = [];
    private int _next;

    /// <summary>The strategy whose segmenter assigns.</summary>
    [ParamsAllValues]
    public StrategyKind Strategy { get; set; }

    /// <summary>Generates 10^4 summaries and fits the strategy on them.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _customers = SyntheticData.Summaries(10_000);
        _segmenter = BenchmarkStrategies.Create(Strategy).Fit(_customers);
        _next = 0;
    }

    /// <summary>Assigns one customer.</summary>
    /// <returns>The customer's segment.</returns>
    [Benchmark]
    public Segment AssignOne() => _segmenter.Assign(_customers[_next++ & (Rotation - 1)]);
}
