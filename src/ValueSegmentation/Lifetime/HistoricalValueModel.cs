using ValueSegmentation.Internal;
using ValueSegmentation.Metrics;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Lifetime;

/// <summary>
/// Historical value: the profit a customer has already brought, revenue − cost of goods − cost to serve,
/// over the calibration period. It looks backwards only; it may be negative.
/// </summary>
/// <remarks>Immutable and thread-safe when the cost-to-serve function is. Values are in the log's currency.</remarks>
public sealed class HistoricalValueModel : ICustomerValueModel
{
    private readonly Func<CustomerSummary, double>? _costToServe;

    /// <summary>Creates the model.</summary>
    /// <param name="costToServe">Optional cost to serve of a customer, for example
    /// <c>c =&gt; costs.Compute(c, volumes[c.CustomerId])</c> with a <see cref="CostToServeModel"/>; it must return a
    /// finite, non-negative cost. Without it the value is the gross profit.</param>
    public HistoricalValueModel(Func<CustomerSummary, double>? costToServe = null) => _costToServe = costToServe;

    /// <summary>The customer's realised profit: revenue − cost of goods − cost to serve, in the log's currency.</summary>
    /// <param name="customer">The customer.</param>
    /// <returns>The profit to date; negative for a loss-making customer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The cost-to-serve function returned a negative or non-finite cost.</exception>
    public double Evaluate(CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        double costToServe = _costToServe?.Invoke(customer) ?? 0.0;
        return double.IsFinite(costToServe) && costToServe >= 0
            ? CustomerProfit.Of(customer, costToServe).Profit
            : throw new InvalidOperationException($"The cost-to-serve function returned {costToServe} for customer '{customer.CustomerId}'; it must be finite and not negative.");
    }

    /// <summary>The values of many customers, written into <paramref name="values"/> (the same as evaluating each).</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="values">Where to write the values; at least as long as <paramref name="customers"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="values"/> is too short.</exception>
    /// <exception cref="ArgumentNullException">A customer is null.</exception>
    public void Evaluate(ReadOnlySpan<CustomerSummary> customers, Span<double> values) => Batch.EvaluateEach(this, customers, values);
}
