using ValueSegmentation.Internal;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Metrics;

/// <summary>
/// Purchase frequency: how often customers buy, per customer and per customer base.
/// </summary>
/// <remarks>
/// <para>The rate of a customer is the observed <em>repeat</em> purchase rate x / T: repeat purchases
/// (<see cref="CustomerSummary.Frequency"/>) per unit of time since the first purchase
/// (<see cref="CustomerSummary.Age"/>). The first purchase starts the clock and is not counted, as in the
/// customer-base literature; so a customer who bought once has rate 0 rather than one purchase per
/// however-short time they have been observed. A customer with repeat purchases has T &gt; 0, so the rate is
/// always finite.</para>
/// <para>All members are pure functions and safe to call from any thread.</para>
/// </remarks>
public static class PurchaseFrequency
{
    /// <summary>A customer's repeat purchase rate: <c>x / T</c> per <paramref name="per"/>.</summary>
    /// <param name="customer">The customer.</param>
    /// <param name="per">The period of the rate, for example <see cref="TimeUnit.Years"/> for purchases per year.</param>
    /// <returns>Repeat purchases per <paramref name="per"/>; 0 without a repeat purchase.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="per"/> is not a defined value.</exception>
    public static double ForCustomer(CustomerSummary customer, TimeUnit per)
    {
        ArgumentNullException.ThrowIfNull(customer);
        Guard.Defined(per);
        return customer.Frequency == 0 ? 0.0 : customer.Frequency / customer.AgeIn(per);
    }

    /// <summary>
    /// The pooled repeat purchase rate of a customer base: Σx / ΣT per <paramref name="per"/>, so every unit
    /// of customer time weighs the same.
    /// </summary>
    /// <param name="customers">The customers (all measured in the same time unit).</param>
    /// <param name="per">The period of the rate.</param>
    /// <returns>Repeat purchases per customer per <paramref name="per"/>; 0 when nobody repeated.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null or holds a null.</exception>
    /// <exception cref="ArgumentException"><paramref name="customers"/> is empty or mixes time units.</exception>
    public static double ForBase(IEnumerable<CustomerSummary> customers, TimeUnit per)
    {
        Guard.Defined(per);
        return BaseTotals.Of(customers).PurchaseFrequency(per);
    }

    /// <summary>Purchases per customer over the window (repeat and first purchases): Σ purchases / customers.</summary>
    /// <param name="customers">The customers.</param>
    /// <returns>The mean number of purchases per customer, at least 1.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null or holds a null.</exception>
    /// <exception cref="ArgumentException"><paramref name="customers"/> is empty.</exception>
    public static double PurchasesPerCustomer(IEnumerable<CustomerSummary> customers) =>
        BaseTotals.Of(customers).PurchasesPerCustomer;
}
