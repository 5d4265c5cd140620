using System.Globalization;
using ValueSegmentation.Probabilistic.Uncertainty;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Planning;

/// <summary>
/// A customer not yet acquired, "like these": what the fitted models expect of a customer at their first purchase, with
/// intervals — the expected repeat purchases in a horizon, the expected spend per repeat purchase, and the lifetime value
/// of the repeat purchases — and from it the allowable acquisition cost.
/// </summary>
/// <remarks>
/// <para>A prospect is the history x = 0, t<sub>x</sub> = 0, T = 0 of the models: its conditional expectation is the
/// unconditional one, E[Y(t) | 0, 0, 0] = E[X(t)] (Fader, Hardie &amp; Lee 2005, eq. 9 for BG/NBD), its expected spend the
/// population mean of Gamma-Gamma, pγ/(q − 1), and its lifetime value the calculator's discounted profit of those
/// purchases. The intervals are those of <see cref="PredictionIntervals"/> for that history. The models describe
/// customers like the ones they were fitted on: a prospect from another channel or market may differ.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class Prospect
{
    private Prospect(PredictionIntervals intervals)
    {
        Intervals = intervals;
        ExpectedPurchases = intervals.ExpectedPurchases[0];
        ExpectedSpend = intervals.ExpectedSpend![0];
        LifetimeValue = intervals.LifetimeValue![0];
    }

    /// <summary>The intervals of the prospect's history, with their method and level.</summary>
    public PredictionIntervals Intervals { get; }

    /// <summary>E[X(t)]: the repeat purchases expected in the horizon after acquisition.</summary>
    public Interval ExpectedPurchases { get; }

    /// <summary>The expected spend per repeat purchase, pγ/(q − 1).</summary>
    public Interval ExpectedSpend { get; }

    /// <summary>The lifetime value of the repeat purchases: margin × expected spend × discounted expected purchases.</summary>
    public Interval LifetimeValue { get; }

    /// <summary>Values a prospect like the customers the models were fitted on.</summary>
    /// <param name="lifetimeValue">The lifetime value over fitted models (fits with a covariance for the delta method and the
    /// parametric bootstrap).</param>
    /// <param name="horizon">The horizon of <see cref="ExpectedPurchases"/>, in the transaction model's time unit.</param>
    /// <param name="options">The method and level of the intervals; <see langword="null"/> for the delta method at 90 %.</param>
    /// <returns>The prospect.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lifetimeValue"/> is null.</exception>
    /// <exception cref="ArgumentException">A model has no covariance (given parameters, or a fit that did not converge),
    /// or the nonparametric bootstrap is asked for (it resamples customers, and a prospect has none).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="horizon"/> is negative, not finite or above 10⁹.</exception>
    public static Prospect Value(ProbabilisticLifetimeValue lifetimeValue, double horizon, IntervalOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(lifetimeValue);
        if (options?.Method == IntervalMethod.NonparametricBootstrap)
        {
            throw new ArgumentException("The nonparametric bootstrap resamples the fitted customers; value a prospect by the delta method or the parametric bootstrap.", nameof(options));
        }

        var history = CustomerSummaryCollection.FromNumbers(["prospect"], [0], [0.0], [0.0], lifetimeValue.Transactions.TimeUnit);
        return new Prospect(PredictionIntervals.Compute(lifetimeValue, history, horizon, options));
    }

    /// <summary>
    /// The most worth spending to acquire one such customer: (profit of the first purchase + lifetime value of the repeat
    /// purchases) / (1 + target return), with the interval of the lifetime value carried through. At a target return of
    /// 0 this is the break-even cost; spending less leaves the return as profit.
    /// </summary>
    /// <param name="firstPurchaseProfit">The expected profit of the acquiring purchase itself, in the spend's currency (the
    /// models value repeat purchases only); finite, not negative.</param>
    /// <param name="targetReturn">The return the acquisition must earn on its cost, for example 0.2 for 20 %; finite, not
    /// negative.</param>
    /// <returns>The allowable cost per acquired customer, with its interval.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative or not finite.</exception>
    public Interval AllowableAcquisitionCost(double firstPurchaseProfit = 0, double targetReturn = 0)
    {
        if (!(double.IsFinite(firstPurchaseProfit) && firstPurchaseProfit >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(firstPurchaseProfit), firstPurchaseProfit, "Must be a finite amount that is not negative.");
        }

        if (!(double.IsFinite(targetReturn) && targetReturn >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(targetReturn), targetReturn, "Must be a finite rate that is not negative, for example 0.2.");
        }

        double Cost(double value) => (firstPurchaseProfit + value) / (1 + targetReturn);
        return new Interval(Cost(LifetimeValue.Estimate), Cost(LifetimeValue.Lower), Cost(LifetimeValue.Upper));
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"Prospect: {ExpectedPurchases} repeat purchases in {Intervals.Horizon:G4}, {ExpectedSpend} per purchase, lifetime value {LifetimeValue} ({Intervals.Level:P0}, {Intervals.Method})");
}
