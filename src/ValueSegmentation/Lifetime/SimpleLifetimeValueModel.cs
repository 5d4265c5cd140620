using ValueSegmentation.Internal;
using ValueSegmentation.Metrics;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Lifetime;

/// <summary>
/// The simple lifetime value formula: average order value × purchases per year × expected lifespan in
/// years, optionally times a gross margin, without discounting.
/// </summary>
/// <remarks>
/// <para>For a customer, the average order value is <see cref="AverageOrderValue.ForCustomer"/> and the
/// purchases per year are the observed repeat rate <see cref="PurchaseFrequency.ForCustomer"/> (x / T). A
/// customer without a repeat purchase therefore has value 0: the formula has no observed rate for them. Use a
/// probabilistic model (BG/NBD, Pareto/NBD) for a forward-looking value of such customers, or
/// <see cref="Compute"/> with rates of your own.</para>
/// <para>Immutable and thread-safe. Values are in the log's currency.</para>
/// </remarks>
public sealed class SimpleLifetimeValueModel : ICustomerValueModel
{
    /// <summary>Creates the model.</summary>
    /// <param name="expectedLifespanYears">How long a customer is expected to stay, in years; finite and not negative.</param>
    /// <param name="grossMargin">The share of revenue that is profit, in [0, 1]; 1 (the default) values revenue.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public SimpleLifetimeValueModel(double expectedLifespanYears, double grossMargin = 1.0)
    {
        ExpectedLifespanYears = Guard.FiniteNonNegative(expectedLifespanYears);
        GrossMargin = Guard.Probability(grossMargin);
    }

    /// <summary>The expected lifespan of a customer, in years.</summary>
    public double ExpectedLifespanYears { get; }

    /// <summary>The share of revenue that is profit.</summary>
    public double GrossMargin { get; }

    /// <summary>The formula: <paramref name="averageOrderValue"/> × <paramref name="purchasesPerYear"/> × <paramref name="lifespanYears"/> × <paramref name="grossMargin"/>.</summary>
    /// <param name="averageOrderValue">Revenue per purchase; finite.</param>
    /// <param name="purchasesPerYear">Purchases per year; finite and not negative.</param>
    /// <param name="lifespanYears">Expected lifespan in years; finite and not negative.</param>
    /// <param name="grossMargin">The share of revenue that is profit, in [0, 1].</param>
    /// <returns>The lifetime value, in the currency of <paramref name="averageOrderValue"/>. For example
    /// 35 × 4 × 3 = 420. It is 0 when a factor is 0, however large the others.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range, or the product exceeds the range of
    /// a <see cref="double"/> (about 1.8 × 10³⁰⁸; the exception names <paramref name="averageOrderValue"/>).</exception>
    public static double Compute(double averageOrderValue, double purchasesPerYear, double lifespanYears, double grossMargin = 1.0)
    {
        Guard.Finite(averageOrderValue);
        Guard.FiniteNonNegative(purchasesPerYear);
        Guard.FiniteNonNegative(lifespanYears);
        Guard.Probability(grossMargin);
        return Product(averageOrderValue, purchasesPerYear, lifespanYears, grossMargin)
            ?? throw new ArgumentOutOfRangeException(
                nameof(averageOrderValue),
                averageOrderValue,
                $"The lifetime value {Invariant.Number(averageOrderValue)} × {Invariant.Number(purchasesPerYear)} × {Invariant.Number(lifespanYears)} × {Invariant.Number(grossMargin)} exceeds the range of a double.");
    }

    /// <summary>The customer's simple lifetime value: AOV × repeat purchases per year × lifespan × margin.</summary>
    /// <param name="customer">The customer.</param>
    /// <returns>The lifetime value in the log's currency; 0 for a customer without a repeat purchase.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The customer's value exceeds the range of a <see cref="double"/>
    /// (possible only with an extreme <see cref="ExpectedLifespanYears"/>).</exception>
    public double Evaluate(CustomerSummary customer)
    {
        double averageOrderValue = AverageOrderValue.ForCustomer(customer), perYear = PurchaseFrequency.ForCustomer(customer, TimeUnit.Years);
        return Product(averageOrderValue, perYear, ExpectedLifespanYears, GrossMargin)
            ?? throw new ArgumentOutOfRangeException(
                nameof(customer),
                customer,
                $"The simple lifetime value of customer '{customer.CustomerId}', {Invariant.Number(averageOrderValue)} × {Invariant.Number(perYear)} per year × {Invariant.Number(ExpectedLifespanYears)} years × {Invariant.Number(GrossMargin)}, exceeds the range of a double.");
    }

    /// <summary>The values of many customers, written into <paramref name="values"/> (the same as evaluating each).</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="values">Where to write the values; at least as long as <paramref name="customers"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="values"/> is too short.</exception>
    /// <exception cref="ArgumentNullException">A customer is null.</exception>
    public void Evaluate(ReadOnlySpan<CustomerSummary> customers, Span<double> values) => Batch.EvaluateEach(this, customers, values);

    /// <summary>The product of finite factors: 0 when one is 0 (even if the others overflow), null when it overflows.</summary>
    private static double? Product(double a, double b, double c, double d)
    {
        if (a == 0 || b == 0 || c == 0 || d == 0)
        {
            return 0.0;
        }

        double product = a * b * c * d;
        return double.IsFinite(product) ? product : null;
    }
}
