using ValueSegmentation.Lifetime;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Covariates;

/// <summary>
/// The probabilistic lifetime value (<see cref="ProbabilisticLifetimeValue"/>) of each customer under the transaction and
/// spend models of that customer's covariates: an <see cref="ICustomerValueModel"/>, so the segmentation strategies, the
/// reports and the pipeline (<c>AddMeasure(name, new CustomerMeasure(label, model))</c>) segment on the covariate-aware
/// value like on any other.
/// </summary>
/// <remarks>Customers with equal covariates share one lifetime value model, built the first time it is needed.
/// Immutable from the outside and thread-safe.</remarks>
public sealed class CovariateLifetimeValue : ICustomerValueModel
{
    private readonly PerCovariateModels<ProbabilisticLifetimeValue> _models;

    /// <summary>Creates the lifetime value.</summary>
    /// <param name="transactions">The transaction model with covariates.</param>
    /// <param name="spend">The spend model with covariates.</param>
    /// <param name="covariates">The customers' covariates, holding every covariate of both models.</param>
    /// <param name="period">The period of the discount rate and the horizon.</param>
    /// <param name="discountRate">The discount rate per period.</param>
    /// <param name="horizonPeriods">The horizon in periods; <see langword="null"/> for an infinite one.</param>
    /// <param name="margin">The margin on spend, in (0, 1].</param>
    /// <exception cref="ArgumentNullException">A model or the covariates are null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As for <see cref="ProbabilisticLifetimeValue"/>.</exception>
    /// <exception cref="ArgumentException">The covariates lack a covariate of a model.</exception>
    public CovariateLifetimeValue(CovariateModel<RepeatPurchaseModel> transactions, CovariateModel<GammaGammaModel> spend, CustomerCovariates covariates, TimeUnit period, double discountRate, int? horizonPeriods, double margin = 1)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(spend);
        ArgumentNullException.ThrowIfNull(covariates);
        foreach (string name in transactions.CovariateNames.Concat(spend.CovariateNames))
        {
            if (covariates.IndexOf(name) < 0)
            {
                throw new ArgumentException($"The covariates lack '{name}', which a model was fitted with.", nameof(covariates));
            }
        }

        // The baselines check the rate, horizon, period and margin once, with the messages of ProbabilisticLifetimeValue.
        _ = new ProbabilisticLifetimeValue(transactions.Baseline, spend.Baseline, period, discountRate, horizonPeriods, margin);
        _models = new(covariates, transactions.CovariateNames.Concat(spend.CovariateNames), id => new ProbabilisticLifetimeValue(
            transactions.ModelFor(covariates, id), spend.ModelFor(covariates, id), period, discountRate, horizonPeriods, margin));
    }

    /// <summary>The lifetime value of a customer under the models of the customer's covariates.</summary>
    /// <param name="customer">The customer, who must have covariates.</param>
    /// <returns>The discounted expected margin over the horizon, in the currency of the spend.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">The customer has no covariates.</exception>
    public double Evaluate(CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return ModelOf(customer.CustomerId).Evaluate(customer);
    }

    /// <summary>The lifetime value model of a customer's covariates.</summary>
    /// <param name="customerId">The customer.</param>
    /// <returns>The model (shared by customers with equal covariates).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customerId"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">The customer has no covariates.</exception>
    public ProbabilisticLifetimeValue ModelOf(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        return _models.For(customerId);
    }
}
