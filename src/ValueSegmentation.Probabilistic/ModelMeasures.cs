using System.Globalization;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic;

/// <summary>
/// Adapters from the probabilistic models to <see cref="CustomerMeasure"/> (an <see cref="Lifetime.ICustomerValueModel"/>),
/// so that any segmentation strategy can use P(alive), expected purchases, expected spend, lifetime value or a
/// residual lifetime as its value or loyalty axis.
/// </summary>
/// <remarks>The measures are immutable and thread-safe, like the models.</remarks>
public static class ModelMeasures
{
    /// <summary>P(alive) under a transaction model: a loyalty axis.</summary>
    /// <param name="model">The model; summaries must be in its time unit.</param>
    /// <returns>The measure "P(alive)".</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static CustomerMeasure ProbabilityAlive(RepeatPurchaseModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new CustomerMeasure("P(alive)", model.ProbabilityAlive);
    }

    /// <summary>The expected purchases in the next <paramref name="horizon"/> under a transaction model.</summary>
    /// <param name="model">The model; summaries must be in its time unit.</param>
    /// <param name="horizon">The horizon, in the model's time unit; not negative.</param>
    /// <returns>The measure, named for example "expected purchases in 39 Weeks".</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="horizon"/> is negative or not finite.</exception>
    public static CustomerMeasure ExpectedPurchases(RepeatPurchaseModel model, double horizon)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!double.IsFinite(horizon) || horizon < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(horizon), horizon, "The horizon must be finite and not negative.");
        }

        return new CustomerMeasure(string.Create(CultureInfo.InvariantCulture, $"expected purchases in {horizon:G6} {model.TimeUnit}"), c => model.ConditionalExpectedPurchases(horizon, c));
    }

    /// <summary>The expected spend per transaction under the Gamma-Gamma model.</summary>
    /// <param name="model">The spend model.</param>
    /// <returns>The measure "expected spend per purchase".</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static CustomerMeasure ExpectedSpend(GammaGammaModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new CustomerMeasure("expected spend per purchase", model.ConditionalExpectedSpend);
    }

    /// <summary>The probabilistic lifetime value: a value axis.</summary>
    /// <param name="lifetimeValue">The calculator.</param>
    /// <returns>The measure, named after the calculator's horizon and discount rate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lifetimeValue"/> is null.</exception>
    public static CustomerMeasure LifetimeValue(ProbabilisticLifetimeValue lifetimeValue)
    {
        ArgumentNullException.ThrowIfNull(lifetimeValue);
        return new CustomerMeasure(lifetimeValue.ToString(), lifetimeValue);
    }

    /// <summary>P(alive at the next opportunity) under BG/BB, with each customer's discrete history supplied by a function
    /// (summaries do not count opportunities).</summary>
    /// <param name="model">The model.</param>
    /// <param name="history">The customer's repeat transactions x, last opportunity t<sub>x</sub> and opportunities n.</param>
    /// <returns>The measure "P(alive)".</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static CustomerMeasure ProbabilityAlive(BgBbModel model, Func<CustomerSummary, (int Frequency, int Recency, int Opportunities)> history)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(history);
        return new CustomerMeasure("P(alive)", c =>
        {
            var (x, tx, n) = history(c);
            return model.ProbabilityAlive(x, tx, n);
        });
    }

    /// <summary>The discounted expected residual lifetime under sBG (a retention-probability axis for contractual
    /// customers), with each customer's renewals supplied by a function.</summary>
    /// <param name="model">The model.</param>
    /// <param name="discountRate">The discount rate per renewal period; positive.</param>
    /// <param name="renewals">The renewals a customer has made.</param>
    /// <returns>The measure "discounted expected residual lifetime".</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="discountRate"/> is not positive.</exception>
    public static CustomerMeasure ResidualLifetime(ShiftedBetaGeometricModel model, double discountRate, Func<CustomerSummary, int> renewals)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(renewals);
        _ = model.DiscountedExpectedLifetime(discountRate); // validates the rate now rather than per customer
        return new CustomerMeasure("discounted expected residual lifetime", c => model.DiscountedExpectedResidualLifetime(discountRate, renewals(c)));
    }
}
