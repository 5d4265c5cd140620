using ValueSegmentation.Internal;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Lifetime;

/// <summary>
/// Maps a customer's summary to one value: a lifetime value, a profit, expected purchases, a probability
/// of being active. Closed-form calculators and fitted probabilistic models both serve it, so every
/// segmentation strategy can segment on any of them.
/// </summary>
/// <remarks>
/// Implementations should be immutable and thread-safe, return finite numbers only, and state the unit of
/// their value (currency, purchases, probability) and any horizon and discount rate in their docs.
/// Only <see cref="Evaluate(CustomerSummary)"/> must be written; the batch overload loops over it by default. Override
/// the batch overload when customers share work (the probabilistic models compute once per distinct history): the
/// strategies, reports and the pipeline evaluate a <see cref="Segmentation.CustomerMeasure"/> through it, so a model of
/// your own gets the same fast path as the built-in ones.
/// </remarks>
/// <example>
/// A model in three lines, valuing customers at their repeat revenue:
/// <code>
/// sealed class RepeatRevenue : ICustomerValueModel
/// {
///     public double Evaluate(CustomerSummary customer) => customer.RepeatRevenue;
/// }
/// </code>
/// </example>
public interface ICustomerValueModel
{
    /// <summary>The value of one customer.</summary>
    /// <param name="customer">The customer's summary.</param>
    /// <returns>A finite value in the model's unit.</returns>
    double Evaluate(CustomerSummary customer);

    /// <summary>The values of many customers, written into <paramref name="values"/>.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="values">Where to write the values; at least as long as <paramref name="customers"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="values"/> is shorter than <paramref name="customers"/>.</exception>
    void Evaluate(ReadOnlySpan<CustomerSummary> customers, Span<double> values) => Batch.EvaluateEach(this, customers, values);

    /// <summary>The values of every customer of a population, written into <paramref name="values"/> in its order.</summary>
    /// <remarks>By default the customers' summaries go through
    /// <see cref="Evaluate(ReadOnlySpan{CustomerSummary}, Span{double})"/> a block at a time on every core (for a
    /// collection kept as columns, each block's summary objects are created for the call and then dropped). Override
    /// it to read the columns a model needs with <see cref="CustomerSummaryCollection.CopyColumn"/> instead: the built-in
    /// measures and the probabilistic models do, so a population of 10⁸ customers is valued without a summary object.</remarks>
    /// <param name="customers">The customers.</param>
    /// <param name="values">Where to write the values; at least as long as <paramref name="customers"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="values"/> is shorter than <paramref name="customers"/>.</exception>
    void Evaluate(CustomerSummaryCollection customers, Span<double> values) => Batch.EvaluateInBlocks(this, customers, values);
}
