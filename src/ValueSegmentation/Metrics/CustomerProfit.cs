using ValueSegmentation.Transactions;

namespace ValueSegmentation.Metrics;

/// <summary>
/// A customer's profit and its parts: revenue − cost of goods − cost to serve. Profit may be negative: some
/// customers cost more to serve than they bring.
/// </summary>
/// <param name="Revenue">Revenue, in the log's currency.</param>
/// <param name="CostOfGoods">Cost of the goods sold.</param>
/// <param name="CostToServe">Cost of the activities serving the customer caused.</param>
/// <remarks>An immutable value, safe to share between threads.</remarks>
public readonly record struct CustomerProfit(double Revenue, double CostOfGoods, double CostToServe)
{
    /// <summary>Revenue − cost of goods.</summary>
    public double GrossProfit => Revenue - CostOfGoods;

    /// <summary>Revenue − cost of goods − cost to serve; negative for a loss-making customer.</summary>
    public double Profit => Revenue - CostOfGoods - CostToServe;

    /// <summary>The profit of a customer's calibration period.</summary>
    /// <param name="customer">The customer.</param>
    /// <param name="costToServe">The customer's cost to serve (see <see cref="CostToServeModel"/>); finite, not negative.</param>
    /// <returns>The customer's profit and its parts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="costToServe"/> is negative or not finite.</exception>
    public static CustomerProfit Of(CustomerSummary customer, double costToServe = 0)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return new CustomerProfit(customer.Revenue, customer.CostOfGoods, Guard.FiniteNonNegative(costToServe));
    }
}
