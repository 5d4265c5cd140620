using ValueSegmentation.Internal;
using ValueSegmentation.Metrics;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Lifetime;

/// <summary>
/// The margin/retention lifetime value formula: the discounted margins of a customer who stays each period
/// with probability r, CLV = Σ<sub>t</sub> m·r<sup>t</sup>/(1+d)<sup>t</sup>, over a finite horizon or
/// forever (then m·r/(1+d−r) with margins at the end of each period; Gupta &amp; Lehmann 2003, "Customers as
/// Assets", Journal of Interactive Marketing 17(1)).
/// </summary>
/// <remarks>
/// <para>Everything is per <see cref="Period"/>: the margin m is earned per period, r is the retention rate
/// per period, d the discount rate per period and the horizon a number of periods. Convert rates with
/// <see cref="Retention.Convert"/> first if they are quoted for another period; nothing is converted
/// silently.</para>
/// <para>By default a customer's margin per period is their gross profit per purchase
/// ((revenue − cost of goods) / purchases) times their repeat purchases per period
/// (<see cref="PurchaseFrequency.ForCustomer"/>); supply another margin function to use, say, a margin net of
/// the cost to serve.</para>
/// <para>Immutable and thread-safe when the margin function is. Values are in the currency of the margin.</para>
/// </remarks>
public sealed class RetentionLifetimeValueModel : ICustomerValueModel
{
    private readonly Func<CustomerSummary, double>? _marginPerPeriod;

    /// <summary>Creates the model.</summary>
    /// <param name="retentionRate">r, the retention rate per <paramref name="period"/>, in [0, 1].</param>
    /// <param name="discountRate">d, the discount rate per <paramref name="period"/>; greater than −1.</param>
    /// <param name="period">The period of the margin, the rates and the horizon.</param>
    /// <param name="timing">Whether the first margin comes after one period (the default) or now.</param>
    /// <param name="horizonPeriods">The number of margins counted, or <see langword="null"/> for an infinite horizon.</param>
    /// <param name="marginPerPeriod">Optional margin per period of a customer; the default is described in the remarks.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range, or the infinite sum diverges (r ≥ 1 + d).</exception>
    public RetentionLifetimeValueModel(
        double retentionRate,
        double discountRate,
        TimeUnit period = TimeUnit.Years,
        MarginTiming timing = MarginTiming.EndOfPeriod,
        int? horizonPeriods = null,
        Func<CustomerSummary, double>? marginPerPeriod = null)
    {
        Multiple = MarginMultiple(retentionRate, discountRate, timing, horizonPeriods);
        RetentionRate = retentionRate;
        DiscountRate = discountRate;
        Period = Guard.Defined(period);
        Timing = timing;
        HorizonPeriods = horizonPeriods;
        _marginPerPeriod = marginPerPeriod;
    }

    /// <summary>r, the retention rate per <see cref="Period"/>.</summary>
    public double RetentionRate { get; }

    /// <summary>d, the discount rate per <see cref="Period"/>.</summary>
    public double DiscountRate { get; }

    /// <summary>The period of the margin, the rates and the horizon.</summary>
    public TimeUnit Period { get; }

    /// <summary>Whether the first margin comes after one period or now.</summary>
    public MarginTiming Timing { get; }

    /// <summary>The number of margins counted, or <see langword="null"/> for an infinite horizon.</summary>
    public int? HorizonPeriods { get; }

    /// <summary>The margin multiple: the lifetime value of a margin of 1 per period.</summary>
    public double Multiple { get; }

    /// <summary>
    /// The margin multiple Σ r<sup>t</sup>/(1+d)<sup>t</sup>: the lifetime value of a margin of 1 per period.
    /// With margins at the end of each period and no horizon it is r/(1+d−r); for example 4.09 at r = 0.9,
    /// d = 0.12 (Gupta &amp; Lehmann 2003, Table 1).
    /// </summary>
    /// <param name="retentionRate">r, the retention rate per period, in [0, 1].</param>
    /// <param name="discountRate">d, the discount rate per period; greater than −1.</param>
    /// <param name="timing">Whether the sum runs over t = 1, 2, … (end of period) or t = 0, 1, … (start of period).</param>
    /// <param name="horizonPeriods">The number of terms, or <see langword="null"/> for the infinite sum.</param>
    /// <returns>The multiple, finite and not negative.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range, the infinite sum diverges
    /// (r ≥ 1 + d), or the finite sum overflows.</exception>
    public static double MarginMultiple(double retentionRate, double discountRate, MarginTiming timing = MarginTiming.EndOfPeriod, int? horizonPeriods = null)
    {
        double r = Guard.Probability(retentionRate), d = Guard.DiscountRate(discountRate);
        if (timing is not (MarginTiming.EndOfPeriod or MarginTiming.StartOfPeriod))
        {
            throw new ArgumentOutOfRangeException(nameof(timing), timing, "Not a defined MarginTiming.");
        }

        if (horizonPeriods is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(horizonPeriods), horizonPeriods, "The horizon must not be negative.");
        }

        double denominator = OnePlusDMinusR(d, r); // (1 − q)(1 + d), with q = r / (1 + d)
        double first = timing == MarginTiming.EndOfPeriod ? r / (1.0 + d) : 1.0; // the first term, q or 1
        if (horizonPeriods is not { } horizon)
        {
            return denominator > 0
                ? first * (1.0 + d) / denominator
                : throw new ArgumentOutOfRangeException(nameof(retentionRate), retentionRate, $"The infinite sum diverges when retention ({r}) is at least 1 + discount rate ({1 + d}); give a finite horizon.");
        }

        if (horizon == 0 || r == 0)
        {
            return horizon == 0 ? 0.0 : (timing == MarginTiming.StartOfPeriod ? 1.0 : 0.0);
        }

        // Σ_{k<H} q^k = (1 − q^H)/(1 − q). Near q = 1 both factors are small: 1 − q = (1 + d − r)/(1 + d) is
        // taken from the same exact difference as the denominator, ln q = log1p(−(1 − q)), and
        // 1 − q^H = −expm1(H ln q), so no cancellation is left.
        double oneMinusQ = denominator / (1.0 + d);
        if (oneMinusQ == 0)
        {
            return first * horizon;
        }

        double sum = -Accurate.ExpM1(horizon * Accurate.Log1P(-oneMinusQ)) / oneMinusQ;
        double multiple = first * sum;
        return double.IsFinite(multiple)
            ? multiple
            : throw new ArgumentOutOfRangeException(nameof(horizonPeriods), horizonPeriods, "The finite sum overflows: retention exceeds 1 + discount rate over too long a horizon.");
    }

    /// <summary>1 + d − r to within one rounding. Neither order of the naive sum is safe: 1 + d rounds a tiny d away
    /// (d = 3e-17 is lost against 1 − r = 2⁻³⁰), and 1 − r rounds when r is small (at d = −0.93, r = 0.07 the rounding
    /// error of 1 − r exceeds the difference). So 1 + d is split into its rounded sum s and exact error e (Knuth's
    /// two-sum): where s − r cancels, s and r are within a factor of two and s − r is exact (Sterbenz), and adding e
    /// rounds once.</summary>
    private static double OnePlusDMinusR(double d, double r)
    {
        double s = 1.0 + d;
        double dPart = s - 1.0;
        double e = (1.0 - (s - dPart)) + (d - dPart);
        return (s - r) + e;
    }

    /// <summary>The lifetime value of a margin: <paramref name="marginPerPeriod"/> × <see cref="MarginMultiple"/>.</summary>
    /// <param name="marginPerPeriod">m, the margin per period; finite (negative for a loss-making customer).</param>
    /// <param name="retentionRate">r, the retention rate per period, in [0, 1].</param>
    /// <param name="discountRate">d, the discount rate per period; greater than −1.</param>
    /// <param name="timing">Whether the first margin comes after one period or now.</param>
    /// <param name="horizonPeriods">The number of margins, or <see langword="null"/> for an infinite horizon.</param>
    /// <returns>The lifetime value, in the currency of the margin. For example 100 × 0.9/(1.12 − 0.9) = 409.09.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range, the sum diverges, or the value exceeds
    /// the range of a <see cref="double"/> (the exception then names <paramref name="marginPerPeriod"/>).</exception>
    public static double Compute(double marginPerPeriod, double retentionRate, double discountRate, MarginTiming timing = MarginTiming.EndOfPeriod, int? horizonPeriods = null)
    {
        double value = Guard.Finite(marginPerPeriod) * MarginMultiple(retentionRate, discountRate, timing, horizonPeriods);
        return double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(marginPerPeriod), marginPerPeriod, "The lifetime value, margin × multiple, exceeds the range of a double.");
    }

    /// <summary>The customer's lifetime value: their margin per period × <see cref="Multiple"/>.</summary>
    /// <param name="customer">The customer.</param>
    /// <returns>The discounted lifetime value, in the log's currency.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The margin function returned a value that is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The customer's lifetime value (or default margin) exceeds the range
    /// of a <see cref="double"/>: a margin near the bound of <see cref="Transaction.MaxAmount"/> with a very large
    /// <see cref="Multiple"/>.</exception>
    public double Evaluate(CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        double margin;
        if (_marginPerPeriod is null)
        {
            margin = (customer.Revenue - customer.CostOfGoods) / customer.PurchaseCount * PurchaseFrequency.ForCustomer(customer, Period);
            if (!double.IsFinite(margin))
            {
                throw new ArgumentOutOfRangeException(nameof(customer), customer, $"The default margin per {Period} of customer '{customer.CustomerId}' (gross profit per purchase × repeat purchases per {Period}) exceeds the range of a double.");
            }
        }
        else
        {
            margin = _marginPerPeriod(customer);
            if (!double.IsFinite(margin))
            {
                throw new InvalidOperationException($"The margin function returned {margin} for customer '{customer.CustomerId}'; it must be finite.");
            }
        }

        double value = margin * Multiple;
        return double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(customer), customer, $"The lifetime value of customer '{customer.CustomerId}', margin {Invariant.Number(margin)} × multiple {Invariant.Number(Multiple)}, exceeds the range of a double.");
    }

    /// <summary>The values of many customers, written into <paramref name="values"/> (the same as evaluating each).</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="values">Where to write the values; at least as long as <paramref name="customers"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="values"/> is too short.</exception>
    /// <exception cref="ArgumentNullException">A customer is null.</exception>
    public void Evaluate(ReadOnlySpan<CustomerSummary> customers, Span<double> values) => Batch.EvaluateEach(this, customers, values);
}
