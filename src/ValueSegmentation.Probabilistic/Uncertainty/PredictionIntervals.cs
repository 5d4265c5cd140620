using System.Globalization;
using MathNet.Numerics.Distributions;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Uncertainty;

/// <summary>
/// Intervals for the predictions of fitted models, per customer and for the whole base: expected purchases in a horizon
/// and P(alive) from a transaction model, and with a lifetime value also the expected spend and the lifetime value —
/// by the delta method, a parametric bootstrap of the parameters, or a nonparametric bootstrap over customers
/// (<see cref="IntervalMethod"/>), with the method and level stated in the result.
/// </summary>
/// <remarks>
/// <para>The intervals carry the uncertainty of the estimated parameters (the models' fits, <see cref="ModelFit"/>), not
/// the randomness of a customer's own future purchases: they answer "how sure are we of this expectation", not "how
/// many will this customer buy". The transaction and spend models are fitted separately, so their estimates are taken as
/// independent.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class PredictionIntervals
{
    private PredictionIntervals(IntervalOptions options, double horizon, Interval[] purchases, Interval[] alive, Interval[]? spend, Interval[]? value, Interval totalPurchases, Interval? totalValue, int nonConverged)
    {
        Method = options.Method;
        Level = options.Level;
        Draws = options.Method == IntervalMethod.DeltaMethod ? 0 : options.Draws;
        Seed = options.Method == IntervalMethod.DeltaMethod ? null : options.Seed;
        Horizon = horizon;
        ExpectedPurchases = purchases;
        ProbabilityAlive = alive;
        ExpectedSpend = spend;
        LifetimeValue = value;
        TotalExpectedPurchases = totalPurchases;
        TotalLifetimeValue = totalValue;
        NonConvergedDraws = nonConverged;
    }

    /// <summary>The method that produced the intervals.</summary>
    public IntervalMethod Method { get; }

    /// <summary>The level of the intervals, for example 0.9.</summary>
    public double Level { get; }

    /// <summary>The draws of a bootstrap; 0 for the delta method.</summary>
    public int Draws { get; }

    /// <summary>The seed of a bootstrap; <see langword="null"/> for the delta method.</summary>
    public int? Seed { get; }

    /// <summary>Refits of a nonparametric bootstrap that did not converge (their estimates are kept); 0 otherwise.</summary>
    public int NonConvergedDraws { get; }

    /// <summary>The horizon t of the expected purchases, in the transaction model's time unit.</summary>
    public double Horizon { get; }

    /// <summary>E[Y(t) | x, t<sub>x</sub>, T] of each customer, in the order of the summaries.</summary>
    public IReadOnlyList<Interval> ExpectedPurchases { get; }

    /// <summary>P(alive | x, t<sub>x</sub>, T) of each customer.</summary>
    public IReadOnlyList<Interval> ProbabilityAlive { get; }

    /// <summary>E[spend | x, m̄] of each customer; <see langword="null"/> without a lifetime value.</summary>
    public IReadOnlyList<Interval>? ExpectedSpend { get; }

    /// <summary>The lifetime value of each customer; <see langword="null"/> without a lifetime value.</summary>
    public IReadOnlyList<Interval>? LifetimeValue { get; }

    /// <summary>The expected purchases of the whole base in the horizon, Σ E[Y(t)].</summary>
    public Interval TotalExpectedPurchases { get; }

    /// <summary>The lifetime value of the whole base, Σ CLV; <see langword="null"/> without a lifetime value.</summary>
    public Interval? TotalLifetimeValue { get; }

    /// <summary>Intervals for the expected purchases in <paramref name="horizon"/> and P(alive) of each customer.</summary>
    /// <param name="transactions">The fitted transaction model (a converged fit, for its covariance or its data).</param>
    /// <param name="customers">The customers, in the model's time unit.</param>
    /// <param name="horizon">t, in the model's time unit; not negative.</param>
    /// <param name="options">The method, level, draws and seed; <see langword="null"/> for <see cref="IntervalOptions.Default"/>.</param>
    /// <returns>The intervals.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transactions"/> or <paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException">The model has no covariance (given parameters, or a fit that did not
    /// converge), or the customers are in another time unit.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="horizon"/> is negative, not finite or above 10⁹.</exception>
    public static PredictionIntervals Compute(RepeatPurchaseModel transactions, CustomerSummaryCollection customers, double horizon, IntervalOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        return Run(transactions, null, customers, horizon, options);
    }

    /// <summary>Intervals for the expected purchases in <paramref name="horizon"/>, P(alive), the expected spend and the
    /// lifetime value of each customer, and the totals of the base.</summary>
    /// <param name="lifetimeValue">The lifetime value over fitted models (converged fits, for their covariance or data).</param>
    /// <param name="customers">The customers, in the transaction model's time unit.</param>
    /// <param name="horizon">t of the expected purchases, in the transaction model's time unit; not negative.</param>
    /// <param name="options">The method, level, draws and seed; <see langword="null"/> for <see cref="IntervalOptions.Default"/>.</param>
    /// <returns>The intervals.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lifetimeValue"/> or <paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException">A model has no covariance (given parameters, or a fit that did not converge),
    /// the customers are in another time unit, or (parametric bootstrap) the spend fit is so uncertain that nearly every
    /// draw has q ≤ 1, no finite mean spend (draws with q ≤ 1 are drawn again).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="horizon"/> is negative, not finite or above 10⁹, or
    /// the spend model rejects a customer's mean spend.</exception>
    public static PredictionIntervals Compute(ProbabilisticLifetimeValue lifetimeValue, CustomerSummaryCollection customers, double horizon, IntervalOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(lifetimeValue);
        return Run(lifetimeValue.Transactions, lifetimeValue, customers, horizon, options);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Level:P0} intervals by {Method}{(Draws > 0 ? $" ({Draws} draws, seed {Seed})" : string.Empty)} for {ExpectedPurchases.Count} customers: total expected purchases {TotalExpectedPurchases}{(TotalLifetimeValue is { } v ? $", total lifetime value {v}" : string.Empty)}");

    private static PredictionIntervals Run(RepeatPurchaseModel transactions, ProbabilisticLifetimeValue? value, CustomerSummaryCollection customers, double horizon, IntervalOptions? options)
    {
        ArgumentNullException.ThrowIfNull(customers);
        options ??= IntervalOptions.Default;
        if (!(horizon >= 0 && horizon <= RepeatPurchaseData.MaxTime))
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "The horizon must be from 0 to 10⁹ time units.");
        }

        if (customers.Count > 0 && customers[0].TimeUnit != transactions.TimeUnit)
        {
            throw new ArgumentException($"The customers are measured in {customers[0].TimeUnit}, the model in {transactions.TimeUnit}.", nameof(customers));
        }

        var fits = new FittedParameters(transactions, value?.Spend);
        if (options.Method == IntervalMethod.DeltaMethod)
        {
            double z = Normal.InvCDF(0, 1, (1 + options.Level) / 2);
            var delta = DeltaIntervals.Compute(fits, value, customers, horizon, z);
            return new PredictionIntervals(options, horizon, delta.Purchases, delta.Alive, delta.Spend, delta.Value, delta.TotalPurchases, delta.TotalValue, 0);
        }

        var draws = BootstrapDraws.Run(fits, value, Population.Of(customers), horizon, options);
        return new PredictionIntervals(
            options,
            horizon,
            draws.Purchases.Intervals(options.Level),
            draws.Alive.Intervals(options.Level),
            draws.Spend?.Intervals(options.Level),
            draws.Value?.Intervals(options.Level),
            draws.Purchases.Total(options.Level),
            draws.Value?.Total(options.Level),
            draws.NonConverged);
    }
}
