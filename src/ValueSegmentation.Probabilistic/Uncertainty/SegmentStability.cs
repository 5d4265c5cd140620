using System.Globalization;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Uncertainty;

/// <summary>
/// Segment-membership stability: how sure each customer's segment is, given the uncertainty of the fitted models. The
/// strategy is fitted and applied again under each bootstrap draw of the models (<see cref="IntervalMethod"/>), and each
/// customer's probability of each segment is the share of draws that put them there; per segment, the expected share of
/// its members that would move.
/// </summary>
/// <remarks>
/// <para>The strategy comes from a function of the lifetime value, so that it is rebuilt on each draw's models, for
/// example <c>v =&gt; new TieredStrategy(CustomerMeasure.LifetimeValue(v))</c> or a quadrant of
/// <c>CustomerMeasure.LifetimeValue(v)</c> and <c>CustomerMeasure.ProbabilityAlive(v.Transactions)</c>. Refitting it
/// on each draw asks the question a manager asks: would this customer be in the same segment had the parameters come out
/// a little differently? A strategy of shares (tiers, percentiles) moves a customer only when their rank moves; one
/// of fixed thresholds also when the values move.</para>
/// <para>Segments are matched by position: every fit of one strategy lists the same segments in the same order.
/// Immutable and thread-safe.</para>
/// </remarks>
public sealed class SegmentStability
{
    private readonly double[,] _probabilities;
    private readonly SegmentStabilityRow[] _rows;

    private SegmentStability(IntervalOptions options, SegmentedCustomers baseline, double[,] probabilities, SegmentStabilityRow[] rows, int nonConverged)
    {
        Method = options.Method;
        Draws = options.Draws;
        Seed = options.Seed;
        Baseline = baseline;
        _probabilities = probabilities;
        _rows = rows;
        NonConvergedDraws = nonConverged;
    }

    /// <summary>The bootstrap that drew the models.</summary>
    public IntervalMethod Method { get; }

    /// <summary>The draws.</summary>
    public int Draws { get; }

    /// <summary>The seed of the draws.</summary>
    public int Seed { get; }

    /// <summary>Refits of a nonparametric bootstrap that did not converge (their estimates are kept); 0 otherwise.</summary>
    public int NonConvergedDraws { get; }

    /// <summary>The segmentation at the fitted parameters.</summary>
    public SegmentedCustomers Baseline { get; }

    /// <summary>Each segment's members and the expected share of them that would move, in the strategy's order.</summary>
    public IReadOnlyList<SegmentStabilityRow> Rows => _rows;

    /// <summary>The probability that the customer at <paramref name="customerIndex"/> is in the segment at
    /// <paramref name="segmentIndex"/>: the share of draws that put them there.</summary>
    /// <param name="customerIndex">The customer's position in the summaries.</param>
    /// <param name="segmentIndex">The segment's position in <see cref="SegmentedCustomers.Segments"/>.</param>
    /// <returns>The probability, in [0, 1]; over the segments they sum to 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public double Probability(int customerIndex, int segmentIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(customerIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(customerIndex, _probabilities.GetLength(0));
        ArgumentOutOfRangeException.ThrowIfNegative(segmentIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(segmentIndex, _probabilities.GetLength(1));
        return _probabilities[customerIndex, segmentIndex];
    }

    /// <summary>The probability that the customer stays in their segment of <see cref="Baseline"/>.</summary>
    /// <param name="customerIndex">The customer's position in the summaries.</param>
    /// <returns>The probability, in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="customerIndex"/> is out of range.</exception>
    public double ProbabilityOfStaying(int customerIndex) => Probability(customerIndex, Baseline.SegmentIndexOf(customerIndex));

    /// <summary>Measures the stability of a strategy's segments on a lifetime value.</summary>
    /// <param name="lifetimeValue">The lifetime value over fitted models.</param>
    /// <param name="customers">The customers, in the transaction model's time unit.</param>
    /// <param name="strategy">Builds the strategy on a lifetime value: called once on <paramref name="lifetimeValue"/> and
    /// once on each draw's.</param>
    /// <param name="options">A bootstrap method, the draws and the seed; <see langword="null"/> for a parametric bootstrap of
    /// 200 draws with seed 0. The level is not used.</param>
    /// <returns>The stability.</returns>
    /// <exception cref="ArgumentNullException">An argument is null, or <paramref name="strategy"/> returns null.</exception>
    /// <exception cref="ArgumentException">The method is the delta method, a model has no covariance (parametric) or was not
    /// fitted (nonparametric), the customers are empty or in another time unit, or two fits of the strategy list different
    /// numbers of segments.</exception>
    public static SegmentStability Compute(ProbabilisticLifetimeValue lifetimeValue, CustomerSummaryCollection customers, Func<ProbabilisticLifetimeValue, ISegmentationStrategy> strategy, IntervalOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(lifetimeValue);
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(strategy);
        options ??= new IntervalOptions { Method = IntervalMethod.ParametricBootstrap };
        if (options.Method == IntervalMethod.DeltaMethod)
        {
            throw new ArgumentException("Segment stability needs draws of the models: choose a bootstrap method.", nameof(options));
        }

        if (customers.Count == 0)
        {
            throw new ArgumentException("There are no customers to segment.", nameof(customers));
        }

        if (customers[0].TimeUnit != lifetimeValue.Transactions.TimeUnit)
        {
            throw new ArgumentException($"The customers are measured in {customers[0].TimeUnit}, the model in {lifetimeValue.Transactions.TimeUnit}.", nameof(customers));
        }

        var baseline = SegmentedCustomers.FitAndAssign(Build(strategy, lifetimeValue), customers);
        int n = customers.Count, k = baseline.Segments.Count;
        var sampler = new ModelSampler(new FittedParameters(lifetimeValue.Transactions, lifetimeValue.Spend), lifetimeValue, Population.Of(customers), options.Method);
        var counts = new int[n * k];
        int nonConverged = 0;
        ParallelChunks.Run(options.Draws, d =>
        {
            var (model, spend, converged) = sampler.Sample(options.Seed, d);
            if (!converged)
            {
                Interlocked.Increment(ref nonConverged);
            }

            var drawn = SegmentedCustomers.FitAndAssign(Build(strategy, lifetimeValue.With(model, spend!)), customers);
            if (drawn.Segments.Count != k)
            {
                throw new ArgumentException($"The strategy made {drawn.Segments.Count} segments under a draw and {k} at the estimates; stability compares the same segments.", nameof(strategy));
            }

            var indexes = drawn.SegmentIndexes();
            for (int i = 0; i < n; i++)
            {
                Interlocked.Increment(ref counts[(i * k) + indexes[i]]);
            }
        });

        var probabilities = new double[n, k];
        var moving = new double[k];
        for (int i = 0; i < n; i++)
        {
            for (int s = 0; s < k; s++)
            {
                probabilities[i, s] = counts[(i * k) + s] / (double)options.Draws;
            }

            int home = baseline.SegmentIndexOf(i);
            moving[home] += 1 - probabilities[i, home];
        }

        var rows = new SegmentStabilityRow[k];
        for (int s = 0; s < k; s++)
        {
            int members = baseline.Counts[s];
            rows[s] = new SegmentStabilityRow(baseline.Segments[s], members, members == 0 ? 0 : moving[s] / members);
        }

        return new SegmentStability(options, baseline, probabilities, rows, nonConverged);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"Segment stability over {Draws} draws ({Method}, seed {Seed}): {string.Join("; ", _rows.Select(r => $"{r.Segment.Name} {r.Customers}, {r.ExpectedShareMoving:P1} expected to move"))}");

    private static ISegmentationStrategy Build(Func<ProbabilisticLifetimeValue, ISegmentationStrategy> strategy, ProbabilisticLifetimeValue value) =>
        strategy(value) ?? throw new ArgumentNullException(nameof(strategy), "The strategy function returned null.");
}
