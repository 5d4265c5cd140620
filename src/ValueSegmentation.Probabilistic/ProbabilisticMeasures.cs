using ValueSegmentation.Lifetime;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic;

/// <summary>
/// The probabilistic models as segmentation axes, found where the other axes are: <c>CustomerMeasure.ProbabilityAlive(model)</c>,
/// <c>CustomerMeasure.ExpectedPurchases(model, horizon)</c>, <c>CustomerMeasure.ExpectedSpend(spend)</c> and
/// <c>CustomerMeasure.LifetimeValue(clv)</c> next to <see cref="CustomerMeasure.Revenue"/> and friends.
/// </summary>
/// <remarks>
/// <para>These measures evaluate a population through the models' own batch calls (computed once per distinct
/// history and in parallel), so a strategy, a report or the pipeline that segments on them costs what the model's batch
/// call costs. The BG/BB and sBG measures need each customer's discrete history from a function of yours, since
/// summaries do not count opportunities; they are evaluated customer by customer.</para>
/// <para>The measures are immutable and thread-safe, like the models.</para>
/// </remarks>
public static class ProbabilisticMeasures
{
    extension(CustomerMeasure)
    {
        /// <summary>P(alive) under a transaction model: a loyalty axis, in [0, 1].</summary>
        /// <param name="model">The model; summaries must be in its time unit.</param>
        /// <returns>The measure "P(alive)".</returns>
        /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
        public static CustomerMeasure ProbabilityAlive(RepeatPurchaseModel model)
        {
            ArgumentNullException.ThrowIfNull(model);
            return new CustomerMeasure("P(alive)", new ProbabilityAliveValue(model));
        }

        /// <summary>The expected purchases in the next <paramref name="horizon"/> under a transaction model.</summary>
        /// <param name="model">The model; summaries must be in its time unit.</param>
        /// <param name="horizon">The horizon, in the model's time unit; from 0 to 10⁹.</param>
        /// <returns>The measure, named for example "expected purchases in 39 Weeks".</returns>
        /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="horizon"/> is negative, not finite or above 10⁹.</exception>
        public static CustomerMeasure ExpectedPurchases(RepeatPurchaseModel model, double horizon)
        {
            ArgumentNullException.ThrowIfNull(model);
            Guard.FiniteNonNegative(horizon);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(horizon, RepeatPurchaseData.MaxTime);
            return new CustomerMeasure(FormattableString.Invariant($"expected purchases in {horizon:G6} {model.TimeUnit}"), new ExpectedPurchasesValue(model, horizon));
        }

        /// <summary>The expected spend per purchase under the Gamma-Gamma model, in the spend's currency.</summary>
        /// <param name="model">The spend model.</param>
        /// <returns>The measure "expected spend per purchase".</returns>
        /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
        public static CustomerMeasure ExpectedSpend(GammaGammaModel model)
        {
            ArgumentNullException.ThrowIfNull(model);
            return new CustomerMeasure("expected spend per purchase", new ExpectedSpendValue(model));
        }

        /// <summary>The probabilistic lifetime value: a value axis, in the spend's currency.</summary>
        /// <param name="lifetimeValue">The calculator.</param>
        /// <returns>The measure, named after the calculator's horizon and discount rate, for example
        /// "CLV (36 months at 1 %/month)".</returns>
        /// <exception cref="ArgumentNullException"><paramref name="lifetimeValue"/> is null.</exception>
        public static CustomerMeasure LifetimeValue(ProbabilisticLifetimeValue lifetimeValue)
        {
            ArgumentNullException.ThrowIfNull(lifetimeValue);
            return new CustomerMeasure(lifetimeValue.ShortName, lifetimeValue);
        }

        /// <summary>P(alive at the m-th next opportunity) under BG/BB, with each customer's discrete history supplied by a
        /// function (summaries do not count opportunities).</summary>
        /// <param name="model">The model.</param>
        /// <param name="history">The customer's repeat transactions x, last opportunity t<sub>x</sub> and opportunities n.</param>
        /// <param name="futureOpportunities">m, how many opportunities ahead; 1 by default.</param>
        /// <returns>The measure "P(alive)".</returns>
        /// <exception cref="ArgumentNullException">An argument is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="futureOpportunities"/> is less than 1.</exception>
        public static CustomerMeasure ProbabilityAlive(BgBbModel model, Func<CustomerSummary, (int Frequency, int Recency, int Opportunities)> history, int futureOpportunities = 1)
        {
            ArgumentNullException.ThrowIfNull(model);
            ArgumentNullException.ThrowIfNull(history);
            ArgumentOutOfRangeException.ThrowIfLessThan(futureOpportunities, 1);
            return new CustomerMeasure("P(alive)", c =>
            {
                var (x, tx, n) = history(c);
                return model.ProbabilityAlive(x, tx, n, futureOpportunities);
            });
        }

        /// <summary>The discounted expected residual lifetime under sBG (a retention axis for contractual customers), in
        /// renewal periods, with each customer's renewals supplied by a function.</summary>
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

    private sealed class ProbabilityAliveValue(RepeatPurchaseModel model) : ICustomerValueModel
    {
        public double Evaluate(CustomerSummary customer) => model.ProbabilityAlive(customer);

        public void Evaluate(ReadOnlySpan<CustomerSummary> customers, Span<double> values) => model.ProbabilityAlive(customers, values);

        public void Evaluate(CustomerSummaryCollection customers, Span<double> values) => model.Predict(0, customers, [], values);
    }

    private sealed class ExpectedPurchasesValue(RepeatPurchaseModel model, double horizon) : ICustomerValueModel
    {
        public double Evaluate(CustomerSummary customer) => model.ConditionalExpectedPurchases(horizon, customer);

        public void Evaluate(ReadOnlySpan<CustomerSummary> customers, Span<double> values) => model.ConditionalExpectedPurchases(horizon, customers, values);

        public void Evaluate(CustomerSummaryCollection customers, Span<double> values) => model.Predict(horizon, customers, values, []);
    }

    private sealed class ExpectedSpendValue(GammaGammaModel model) : ICustomerValueModel
    {
        public double Evaluate(CustomerSummary customer) => model.ConditionalExpectedSpend(customer);

        public void Evaluate(ReadOnlySpan<CustomerSummary> customers, Span<double> values) => model.ConditionalExpectedSpend(customers, values);

        public void Evaluate(CustomerSummaryCollection customers, Span<double> values) => model.ConditionalExpectedSpend(customers, values);
    }
}
