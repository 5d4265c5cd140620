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
/// <para>How it is computed: E[Y(t) | x, t<sub>x</sub>, T] = P(alive | x, t<sub>x</sub>, T) × E[Y(t) | alive, x, T], and the
/// second factor depends on the history only through (x, T), so the discounted sum is P(alive) times a sum that is
/// computed once per distinct (x, T) — customers acquired on the same day share it — and, for a batch, in parallel.
/// With no horizon the terms are summed until what remains is below 10⁻⁹ of the total (the expected purchases of an
/// active customer grow concavely in t, so each period adds no more than the one before, and the rest is at most the
/// last term × v/(1 − v), v = 1/(1 + d)), or for at most max(64, ⌈2/ln(1 + d)⌉) periods, after which the rest, a smooth
/// and slowly varying sum, is an Euler–Maclaurin integral: a few dozen evaluations instead of the thousand periods a
/// heavy-tailed drop-out (BG/NBD with a &lt; 1) needs at 1 % a month. The discount rate must be large enough that
/// 10⁶ periods discount away all but 10⁻⁹ of the value. A finite horizon K longer than K₀ is summed the same way: the
/// periods up to K₀ directly, those from K₀ + 1 to K as the difference of the tails beyond K₀ and beyond K, so that
/// any horizon costs about what the infinite one costs (the tests check 30,000, 400,000 and 10⁷ days against direct
/// sums); horizons beyond 10⁶ periods therefore need a positive rate of about 2·10⁻⁶ per period or more.</para>
/// <para>Valid rates: d &gt; −1. A negative rate (money worth more later) is accepted for a finite horizon as long as
/// the compounded factor (1 + d)^(−K) stays below e^690, so the value remains a finite double; the infinite horizon
/// needs a positive rate.</para>
/// <para>Spend is assumed independent of the purchase process, as the Gamma-Gamma model requires; a repeat customer
/// whose mean spend is not positive follows the spend model's <see cref="GammaGammaModel.NonPositiveSpend"/> policy. The
/// value is in the spend's currency. Immutable and thread-safe.</para>
/// </remarks>
public sealed class ProbabilisticLifetimeValue : ICustomerValueModel
{
    private const int MaxPeriods = 1_000_000;
    private const double MaxLogGrowth = 690;
    private const double Tolerance = 1e-9;
    private readonly double _periodInModelUnits;
    private readonly double _discountFactor;

    /// <summary>Creates the calculator.</summary>
    /// <param name="transactions">The fitted transaction model (BG/NBD, MBG/NBD, Pareto/NBD).</param>
    /// <param name="spend">The fitted spend model.</param>
    /// <param name="period">The period of the horizon and of the discount rate, for example <see cref="TimeUnit.Months"/>.</param>
    /// <param name="discountRate">d, the discount rate per <paramref name="period"/>; finite and greater than −1; when
    /// negative, −K·ln(1 + d) ≤ 690 (the compounded factor stays a finite double); for an infinite horizon positive and
    /// large enough that 10⁶ periods discount away all but 10⁻⁹ of the value (about 3·10⁻⁵ per period or more).</param>
    /// <param name="horizonPeriods">K, the number of periods (not negative; above 10⁶ only with a rate of about
    /// 2·10⁻⁶ per period or more), or <see langword="null"/> for an infinite horizon.</param>
    /// <param name="margin">The profit margin on spend, in (0, 1]; 1 values revenue.</param>
    /// <exception cref="ArgumentNullException">A model is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="discountRate"/> is not finite, is −1 or less, is
    /// negative and compounds beyond e^690 over the horizon, or is too small for an infinite horizon;
    /// <paramref name="horizonPeriods"/> is negative, or above 10⁶ with a rate below about 2·10⁻⁶; <paramref name="period"/>
    /// is not defined; or <paramref name="margin"/> is outside (0, 1].</exception>
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
        Guard.Defined(period);
        Guard.DiscountRate(discountRate);
        if (horizonPeriods is null && !(discountRate > 0 && MaxPeriods * Math.Log(1 + discountRate) >= Math.Log((1 + discountRate) / discountRate / Tolerance)))
        {
            throw new ArgumentOutOfRangeException(
                nameof(discountRate),
                discountRate,
                "For an infinite horizon the discount rate per period must be positive and large enough to discount away the value beyond 10⁶ periods (about 3·10⁻⁵ or more); give a horizon, or a longer period.");
        }

        if (horizonPeriods is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(horizonPeriods), horizonPeriods, "The horizon must not be negative.");
        }

        if (horizonPeriods is { } k && discountRate < 0 && -Accurate.Log1P(discountRate) * k > MaxLogGrowth)
        {
            // A negative rate makes the discount factor (1 + d)^(−k) grow; beyond e^690 the value overflows a double.
            throw new ArgumentOutOfRangeException(
                nameof(discountRate),
                discountRate,
                string.Create(CultureInfo.InvariantCulture, $"A negative discount rate compounds to (1 + d)^(−K) = e^{-Accurate.Log1P(discountRate) * k:G4} over the {k} periods of the horizon; it must stay below e^{MaxLogGrowth}. Give a rate closer to 0 or a shorter horizon."));
        }

        if (horizonPeriods is > MaxPeriods && !(discountRate > 0 && 2 / Math.Log(1 + discountRate) <= MaxPeriods))
        {
            throw new ArgumentOutOfRangeException(
                nameof(horizonPeriods),
                horizonPeriods,
                string.Create(CultureInfo.InvariantCulture, $"A horizon beyond {MaxPeriods:N0} periods needs a positive discount rate of about 2·10⁻⁶ per period or more (the periods beyond ⌈2/ln(1 + d)⌉ are then summed by the Euler–Maclaurin formula); the rate is {discountRate}."));
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
        _discountFactor = 1 / (1 + discountRate);
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
    /// <exception cref="ArgumentOutOfRangeException">The mean spend of a repeat customer is not positive and the spend
    /// model rejects such customers, or it is so large that the value overflows a double.</exception>
    public double Evaluate(int frequency, double recency, double age, double meanSpend)
    {
        double spend = Spend.ConditionalExpectedSpend(frequency, meanSpend);
        double value = Margin * spend * DiscountedPurchases(frequency, recency, age);
        return double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(meanSpend), meanSpend, "The lifetime value overflows a double for this mean spend.");
    }

    /// <summary>The lifetime value of a customer summary (time unit of the transaction model).</summary>
    /// <param name="customer">The customer.</param>
    /// <returns>The discounted expected profit, in the spend's currency.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="ArgumentException">The summary is in another time unit than the transaction model.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The customer's mean spend is not positive and the spend model rejects
    /// such customers, or so large that the value overflows a double (named <paramref name="customer"/>).</exception>
    public double Evaluate(CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        if (customer.TimeUnit != Transactions.TimeUnit)
        {
            throw new ArgumentException($"The customer is measured in {customer.TimeUnit}, the transaction model in {Transactions.TimeUnit}.", nameof(customer));
        }

        try
        {
            return Evaluate(customer.Frequency, customer.Recency, customer.Age, customer.MonetaryValue);
        }
        catch (ArgumentOutOfRangeException refused) when (refused.ParamName == "meanSpend")
        {
            throw new ArgumentOutOfRangeException(nameof(customer), $"Customer '{customer.CustomerId}': {refused.Message}");
        }
    }

    /// <summary>The lifetime values of many customers, written into <paramref name="values"/>: the discounted sum is
    /// computed once per distinct (x, T), and large batches run on every core.</summary>
    /// <param name="customers">The customers, in the transaction model's time unit.</param>
    /// <param name="values">Where to write the values; at least as long as <paramref name="customers"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="values"/> is too short, or a summary is in another time unit.</exception>
    /// <exception cref="ArgumentNullException">A customer is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The mean spend of a repeat customer is not positive and the spend
    /// model rejects such customers.</exception>
    public void Evaluate(ReadOnlySpan<CustomerSummary> customers, Span<double> values)
    {
        Transactions.PerHistory(DiscountedPurchasesIfAlive, customers, values);
        for (int i = 0; i < customers.Length; i++)
        {
            values[i] *= Margin * Spend.ConditionalExpectedSpend(customers[i]);
        }
    }

    /// <summary>The lifetime values of every customer of a population, written into <paramref name="values"/> in its
    /// order, as the overload over summaries computes them; a collection kept as columns is read column by column.</summary>
    /// <param name="customers">The customers, in the transaction model's time unit.</param>
    /// <param name="values">Where to write the values; at least as long as <paramref name="customers"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="values"/> is too short, or the customers are in another time unit.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The mean spend of a repeat customer is not positive and the spend
    /// model rejects such customers.</exception>
    public void Evaluate(CustomerSummaryCollection customers, Span<double> values)
    {
        ArgumentNullException.ThrowIfNull(customers);
        Transactions.PerHistory(DiscountedPurchasesIfAlive, customers, values);
        const int Block = 256;
        Span<double> spends = stackalloc double[Block];
        for (int start = 0; start < customers.Count; start += Block)
        {
            int count = Math.Min(Block, customers.Count - start);
            Spend.ConditionalExpectedSpend(customers, start, spends[..count]);
            for (int i = 0; i < count; i++)
            {
                values[start + i] *= Margin * spends[i];
            }
        }
    }

    /// <summary>Σₖ (E[Y(kΔ)] − E[Y((k − 1)Δ)])/(1 + d)ᵏ: the discounted expected number of purchases.</summary>
    /// <param name="frequency">x.</param>
    /// <param name="recency">t<sub>x</sub>.</param>
    /// <param name="age">T.</param>
    /// <returns>The discounted number of purchases.</returns>
    /// <exception cref="ArgumentException">The history is invalid.</exception>
    public double DiscountedPurchases(int frequency, double recency, double age)
    {
        double alive = Transactions.ProbabilityAlive(frequency, recency, age);
        return alive == 0 ? 0 : alive * DiscountedPurchasesIfAlive(frequency, age);
    }

    /// <summary>The discounted expected number of purchases of many histories given as columns — the compressed
    /// statistics an engine returns (<c>RepeatPurchaseData</c> rows, or <c>SummarySql.CreateFitStatistics</c>) — written
    /// into <paramref name="destination"/>: the discounted sum is computed once per distinct (x, T) and the columns run on
    /// every core. Each value times <see cref="Margin"/> × E[spend | x, m̄] is a customer's lifetime value, which an engine
    /// can then compute for every customer of that history.</summary>
    /// <param name="frequency">x of each history.</param>
    /// <param name="recency">t<sub>x</sub> of each history, in the transaction model's time unit.</param>
    /// <param name="age">T of each history, in the transaction model's time unit.</param>
    /// <param name="destination">Where to write the values; at least as long as the columns.</param>
    /// <exception cref="ArgumentException">The columns differ in length, the destination is too short, or a history is
    /// invalid (the message gives its index).</exception>
    public void DiscountedPurchases(ReadOnlySpan<int> frequency, ReadOnlySpan<double> recency, ReadOnlySpan<double> age, Span<double> destination) =>
        Transactions.PerHistory(DiscountedPurchasesIfAlive, frequency, recency, age, destination);

    /// <summary>The name of the measure built on this calculator, for segment rules: "CLV (36 months at 1 %/month)".</summary>
    internal string ShortName
    {
        get
        {
            string unit = Period.ToString().ToLowerInvariant().TrimEnd('s');
            string horizon = HorizonPeriods is { } k ? string.Create(CultureInfo.InvariantCulture, $"{k} {unit}{(k == 1 ? string.Empty : "s")}") : "lifetime";
            return $"CLV ({horizon} at {Invariant.Percent(DiscountRate)}/{unit}{(Margin < 1 ? $", margin {Invariant.Percent(Margin)}" : string.Empty)})";
        }
    }

    /// <summary>The same calculator over other models (the same period, rate, horizon and margin).</summary>
    internal ProbabilisticLifetimeValue With(RepeatPurchaseModel transactions, GammaGammaModel spend) =>
        new(transactions, spend, Period, DiscountRate, HorizonPeriods, Margin);

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"CLV over {(HorizonPeriods is { } k ? k.ToString(CultureInfo.InvariantCulture) : "∞")} {Period} at {DiscountRate:P2} per {Period}, margin {Margin:P0}");

    /// <summary>The discounted sum of an active customer's expected purchases per period: the factor of
    /// <see cref="DiscountedPurchases(int, double, double)"/> that depends on (x, T) only.</summary>
    /// <remarks>With a horizon, the sum itself. With none, the terms are summed until what is left is below the tolerance
    /// (see the class remarks) or up to period K₀ = max(64, ⌈2/ln(1 + d)⌉), and then what is left, Σₖ₌K₀₊₁^∞ f(k) with
    /// f(x) = (1 + d)^(−x) (G(xΔ) − G((x − 1)Δ)) and G the expected purchases of an active customer, is the midpoint
    /// Euler–Maclaurin formula: ∫_m^∞ f + f′(m)/24 − 7f‴(m)/5760, m = K₀ + ½ (for f = e^(−cx) it is c/(2 sinh(c/2)) ×
    /// the integral, 1 − c²/24 + 7c⁴/5760 − …), the integral by 32-point Gauss–Laguerre
    /// after x = m + u/ln(1 + d), the derivatives by central differences. f is smooth with a singularity no nearer than
    /// ln(1 + d)·(m + (α + T)/Δ) ≥ 2 from the integration path in u, where the rule converges to about 10⁻¹⁴, and its
    /// derivatives scale like (ln(1 + d) + 2/m)ᵏ, which leaves the dropped terms of the formula far below 10⁻¹⁰ of the
    /// sum. The tests check the result against the direct sum of the definition to 10⁻⁸.</remarks>
    internal double DiscountedPurchasesIfAlive(int frequency, double age)
    {
        double logDiscount = Math.Log(1 + DiscountRate);
        int periods = HorizonPeriods ?? DirectPeriods(DiscountRate);
        if (HorizonPeriods is { } horizon && DiscountRate > 0 && horizon > DirectPeriods(DiscountRate))
        {
            // A long finite horizon: the periods up to K₀ directly, those from K₀ + 1 to K as the difference of the
            // Euler–Maclaurin tails beyond K₀ and beyond K, so the cost does not grow with K.
            // Beyond K the discount factor is below e^(−50): that tail is far below the tolerance and is not evaluated.
            int direct = DirectPeriods(DiscountRate);
            double beyond = logDiscount * horizon > 50 ? 0 : Tail(frequency, age, horizon, logDiscount);
            return SumTo(frequency, age, direct, stopEarly: false).Total + Tail(frequency, age, direct, logDiscount) - beyond;
        }

        if (HorizonPeriods is { } undiscounted && DiscountRate == 0)
        {
            // Without discounting the per-period increments telescope: Σₖ₌₁ᴷ (E[Y(k)] − E[Y(k − 1)]) = E[Y(K)].
            return Transactions.ExpectedPurchasesIfAlive(undiscounted * _periodInModelUnits, frequency, age);
        }

        if (HorizonPeriods is not null)
        {
            return SumTo(frequency, age, periods, stopEarly: false).Total;
        }

        var (total, complete) = SumTo(frequency, age, periods, stopEarly: true);
        return complete ? total : total + Tail(frequency, age, periods, logDiscount);
    }

    /// <summary>K₀ = min(10⁶, max(64, ⌈2/ln(1 + d)⌉)): the periods summed directly before the Euler–Maclaurin tail.</summary>
    private static int DirectPeriods(double discountRate) =>
        (int)Math.Min(MaxPeriods, Math.Max(64, Math.Ceiling(2 / Math.Log(1 + discountRate))));

    /// <summary>Σₖ₌₁ᴷ f(k), and whether it stopped early because the rest is below the tolerance (infinite horizon).</summary>
    private (double Total, bool Complete) SumTo(int frequency, double age, int periods, bool stopEarly)
    {
        double total = 0, previous = 0, discount = 1;
        double tailFactor = _discountFactor / (1 - _discountFactor); // Σ_{j≥1} vʲ
        for (int k = 1; k <= periods; k++)
        {
            double cumulative = Transactions.ExpectedPurchasesIfAlive(k * _periodInModelUnits, frequency, age);
            discount *= _discountFactor;
            double term = (cumulative - previous) * discount;
            total += term;
            previous = cumulative;
            if (stopEarly && term * tailFactor <= Tolerance * total)
            {
                return (total, true);
            }
        }

        return (total, false);
    }

    /// <summary>Σₖ₌K₀₊₁^∞ f(k) by the midpoint Euler–Maclaurin formula (see <see cref="DiscountedPurchasesIfAlive"/>).</summary>
    private double Tail(int frequency, double age, int lastSummed, double logDiscount)
    {
        double F(double x) => Math.Exp(-logDiscount * x)
            * (Transactions.ExpectedPurchasesIfAlive(x * _periodInModelUnits, frequency, age) - Transactions.ExpectedPurchasesIfAlive((x - 1) * _periodInModelUnits, frequency, age));

        double m = lastSummed + 0.5;
        double integral = 0;
        var nodes = Numerics.GaussLaguerre.Nodes;
        var weights = Numerics.GaussLaguerre.Weights;
        for (int i = 0; i < nodes.Length; i++)
        {
            double x = m + (nodes[i] / logDiscount);
            integral += weights[i] * (Transactions.ExpectedPurchasesIfAlive(x * _periodInModelUnits, frequency, age) - Transactions.ExpectedPurchasesIfAlive((x - 1) * _periodInModelUnits, frequency, age));
        }

        integral *= Math.Exp(-logDiscount * m) / logDiscount;
        double below2 = F(m - 1.5), below1 = F(m - 0.5), above1 = F(m + 0.5), above2 = F(m + 1.5);
        double first = ((27 * (above1 - below1)) - (above2 - below2)) / 24;
        double third = above2 - (3 * above1) + (3 * below1) - below2;
        return integral + (first / 24) - (7 * third / 5760);
    }
}
