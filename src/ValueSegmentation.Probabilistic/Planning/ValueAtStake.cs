using System.Globalization;
using ValueSegmentation.Probabilistic.Uncertainty;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Planning;

/// <summary>
/// The value at stake in each segment — what the business keeps if its members stay as the models expect: Σ P(alive) ×
/// the discounted profit of an active member's future purchases, which is the members' total lifetime value — with its
/// interval, and a retention budget split across the segments in proportion to it.
/// </summary>
/// <remarks>
/// <para>The split assumes that a unit of retention spend protects the same share of value in every segment (so money
/// follows value); where a segment responds better or worse to treatment, weigh the shares by its response before
/// spending. Segments without value get nothing. The intervals are those of <see cref="PredictionIntervals"/> for each
/// segment's total, computed segment by segment.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class ValueAtStake
{
    private readonly SegmentValueAtStake[] _rows;

    private ValueAtStake(SegmentValueAtStake[] rows, double budget, IntervalMethod method, double level)
    {
        _rows = rows;
        Budget = budget;
        Method = method;
        Level = level;
    }

    /// <summary>The segments, in the segmentation's order.</summary>
    public IReadOnlyList<SegmentValueAtStake> Rows => _rows;

    /// <summary>The retention budget split across the segments; 0 when none was given.</summary>
    public double Budget { get; }

    /// <summary>The method of the intervals.</summary>
    public IntervalMethod Method { get; }

    /// <summary>The level of the intervals.</summary>
    public double Level { get; }

    /// <summary>Computes each segment's value at stake and splits a retention budget by it.</summary>
    /// <param name="lifetimeValue">The lifetime value over fitted models.</param>
    /// <param name="segmented">Customers in segments (any strategy), in the transaction model's time unit.</param>
    /// <param name="budget">The retention budget to split, in the spend's currency; 0 (the default) for none. Finite, not
    /// negative.</param>
    /// <param name="options">The method and level of the intervals; <see langword="null"/> for the delta method at 90 %.</param>
    /// <returns>The value at stake per segment.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="budget"/> is negative or not finite.</exception>
    /// <exception cref="ArgumentException">A model has no covariance, the method is the nonparametric bootstrap (it would
    /// refit to each segment alone), or the customers are in another time unit.</exception>
    public static ValueAtStake Compute(ProbabilisticLifetimeValue lifetimeValue, SegmentedCustomers segmented, double budget = 0, IntervalOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(lifetimeValue);
        ArgumentNullException.ThrowIfNull(segmented);
        if (!(double.IsFinite(budget) && budget >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(budget), budget, "The budget must be a finite amount that is not negative.");
        }

        options ??= IntervalOptions.Default;
        if (options.Method == IntervalMethod.NonparametricBootstrap)
        {
            throw new ArgumentException("The nonparametric bootstrap refits the models to the customers it is given, which here would be one segment at a time; use the delta method or the parametric bootstrap.", nameof(options));
        }

        if (segmented.Customers.Count > 0 && segmented.Customers[0].TimeUnit != lifetimeValue.Transactions.TimeUnit)
        {
            throw new ArgumentException($"The customers are measured in {segmented.Customers[0].TimeUnit}, the model in {lifetimeValue.Transactions.TimeUnit}.", nameof(segmented));
        }

        var stakes = new Interval[segmented.Segments.Count];
        for (int s = 0; s < stakes.Length; s++)
        {
            var members = CustomerSummaryCollection.Of([.. segmented.In(segmented.Segments[s])]);
            stakes[s] = members.Count == 0
                ? default
                : PredictionIntervals.Compute(lifetimeValue, members, 0, options).TotalLifetimeValue!.Value;
        }

        double total = stakes.Sum(s => s.Estimate);
        var rows = new SegmentValueAtStake[stakes.Length];
        for (int s = 0; s < rows.Length; s++)
        {
            double share = total > 0 ? stakes[s].Estimate / total : 0;
            rows[s] = new SegmentValueAtStake(segmented.Segments[s], segmented.Counts[s], stakes[s], share, budget * share);
        }

        return new ValueAtStake(rows, budget, options.Method, options.Level);
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(
        "; ",
        _rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Segment.Name}: {r.ValueAtStake} ({r.Share:P1}){(Budget > 0 ? $", budget {r.RetentionBudget:F2}" : string.Empty)}")));
}
