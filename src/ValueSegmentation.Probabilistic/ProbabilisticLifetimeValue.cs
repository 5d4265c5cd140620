using System.Globalization;
using ValueSegmentation.Lifetime;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic;

/// <summary>
/// Customer lifetime value from a transaction model and the Gamma-Gamma spend model: the discounted expected
/// profit of a customer's future purchases,
/// CLV = margin × E[spend | x, m̄] × Σₖ₌₁ᴷ (E[Y(kΔ) | x, t<sub>x</sub>, T] − E[Y((k − 1)Δ) | x, t<sub>x</sub>, T]) / (1 + d)ᵏ,
/// where Δ is one <see cref="Period"/>, d the <see cref="DiscountRate"/> per period and K the
/// <see cref="HorizonPeriods"/> (Fader, Hardie &amp; Lee 2005, JMR 42(4), section "CLV").
/// </summary>
/// <remarks>
/// <para>Everything is stated: the horizon counts <see cref="Period"/>s, the discount rate is per
/// <see cref="Period"/>, and purchases expected within period k are discounted at its end. The period is converted
/// to the transaction model's time unit by day counts (a month is 365.25/12 days), never silently assumed.</para>
/// <para>With no horizon the sum runs until the remaining terms are negligible (the next term below 10⁻¹² of the
/// total, at most 100,000 periods); it converges for any positive discount rate because expected purchases grow
/// at most linearly. Spend is assumed independent of the purchase process, as the Gamma-Gamma model requires.
/// The value is in the spend's currency. Immutable and thread-safe.</para>
/// </remarks>
public sealed class ProbabilisticLifetimeValue : ICustomerValueModel
{
    private const int MaxPeriods = 100_000;
    private readonly double _periodInModelUnits;

    /// <summary>Creates the calculator.</summary>
    /// <param name="transactions">The fitted transaction model (BG/NBD, MBG/NBD, Pareto/NBD).</param>
    /// <param name="spend">The fitted spend model.</param>
    /// <param name="period">The period of the horizon and of the discount rate, for example <see cref="TimeUnit.Months"/>.</param>
    /// <param name="discountRate">d, the discount rate per <paramref name="period"/>; greater than −1, and positive
    /// for an infinite horizon.</param>
    /// <param name="horizonPeriods">K, the number of periods, or <see langword="null"/> for an infinite horizon.</param>
    /// <param name="margin">The profit margin on spend, in (0, 1]; 1 values revenue.</param>
    /// <exception cref="ArgumentNullException">A model is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public ProbabilisticLifetimeValue(
        RepeatPurchaseModel transactions,
        GammaGammaModel spend,
        TimeUnit period,
        double discountRate,
        int? horizonPeriods,
        double margin = 1)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(spend);
        if (!Enum.IsDefined(period))
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "Not a defined TimeUnit.");
        }

        if (!double.IsFinite(discountRate) || discountRate <= -1 || (horizonPeriods is null && discountRate <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(discountRate), discountRate, "The discount rate per period must be finite and greater than −1, and positive for an infinite horizon.");
        }

        if (horizonPeriods is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(horizonPeriods), horizonPeriods, "The horizon must not be negative.");
        }

        if (!(margin > 0 && margin <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "The margin must be in (0, 1].");
        }

        Transactions = transactions;
        Spend = spend;
        Period = period;
        DiscountRate = discountRate;
        HorizonPeriods = horizonPeriods;
        Margin = margin;
        _periodInModelUnits = period.ConvertTo(1, transactions.TimeUnit);
    }

    /// <summary>The transaction model.</summary>
    public RepeatPurchaseModel Transactions { get; }

    /// <summary>The spend model.</summary>
    public GammaGammaModel Spend { get; }

    /// <summary>The period of the horizon and of the discount rate.</summary>
    public TimeUnit Period { get; }

    /// <summary>d, the discount rate per <see cref="Period"/>.</summary>
    public double DiscountRate { get; }

    /// <summary>K, the number of periods, or <see langword="null"/> for an infinite horizon.</summary>
    public int? HorizonPeriods { get; }

    /// <summary>The profit margin on spend.</summary>
    public double Margin { get; }

    /// <summary>The lifetime value of a customer with the given history and mean repeat spend.</summary>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t<sub>x</sub>, in the transaction model's time unit.</param>
    /// <param name="age">T, in the transaction model's time unit.</param>
    /// <param name="meanSpend">m̄, the mean repeat spend (ignored when x = 0).</param>
    /// <returns>The discounted expected profit.</returns>
    /// <exception cref="ArgumentException">The history is invalid.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The mean spend of a repeat customer is not positive.</exception>
    public double Evaluate(int frequency, double recency, double age, double meanSpend)
    {
        double spend = Spend.ConditionalExpectedSpend(frequency, meanSpend);
        return Margin * spend * DiscountedPurchases(frequency, recency, age);
    }

    /// <summary>The lifetime value of a customer summary (time unit of the transaction model).</summary>
    /// <param name="customer">The customer.</param>
    /// <returns>The discounted expected profit, in the spend's currency.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="ArgumentException">The summary is in another time unit than the transaction model.</exception>
    public double Evaluate(CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        if (customer.TimeUnit != Transactions.TimeUnit)
        {
            throw new ArgumentException($"The customer is measured in {customer.TimeUnit}, the transaction model in {Transactions.TimeUnit}.", nameof(customer));
        }

        return Evaluate(customer.Frequency, customer.Recency, customer.Age, customer.MonetaryValue);
    }

    /// <summary>Σₖ (E[Y(kΔ)] − E[Y((k − 1)Δ)])/(1 + d)ᵏ: the discounted expected number of purchases.</summary>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t<sub>x</sub>.</param>
    /// <param name="age">T.</param>
    /// <returns>The discounted number of purchases.</returns>
    /// <exception cref="ArgumentException">The history is invalid.</exception>
    public double DiscountedPurchases(int frequency, double recency, double age)
    {
        int periods = HorizonPeriods ?? MaxPeriods;
        double total = 0, previous = 0, discount = 1;
        for (int k = 1; k <= periods; k++)
        {
            double cumulative = Transactions.ConditionalExpectedPurchases(k * _periodInModelUnits, frequency, recency, age);
            discount /= 1 + DiscountRate;
            double term = (cumulative - previous) * discount;
            total += term;
            previous = cumulative;
            if (HorizonPeriods is null && term <= 1e-12 * total && k > 1)
            {
                break;
            }
        }

        return total;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"CLV over {(HorizonPeriods is { } k ? k.ToString(CultureInfo.InvariantCulture) : "∞")} {Period} at {DiscountRate:P2} per {Period}, margin {Margin:P0}");
}
