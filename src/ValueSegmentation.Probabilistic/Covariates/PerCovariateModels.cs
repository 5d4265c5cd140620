using System.Collections.Concurrent;
using ValueSegmentation.Lifetime;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Covariates;

/// <summary>One model per distinct covariate vector, built the first time a customer with that vector needs it and
/// shared by every customer with the same covariates; thread-safe.</summary>
internal sealed class PerCovariateModels<TModel>(CustomerCovariates covariates, Func<string, TModel> create)
    where TModel : class
{
    private readonly ConcurrentDictionary<string, TModel> _models = new(StringComparer.Ordinal);

    /// <summary>The model of a customer's covariates.</summary>
    /// <exception cref="KeyNotFoundException">The customer has no covariates.</exception>
    public TModel For(string customerId)
    {
        var values = covariates[customerId];
        string key = string.Join(';', values.Select(value => BitConverter.DoubleToInt64Bits(value == 0 ? 0 : value)));
        return _models.GetOrAdd(key, static (_, state) => state.Create(state.Id), (Create: create, Id: customerId));
    }
}

/// <summary>A value of each customer under the model of the customer's covariates.</summary>
internal sealed class PerCovariateValue(PerCovariateModels<ICustomerValueModel> models) : ICustomerValueModel
{
    public double Evaluate(CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return models.For(customer.CustomerId).Evaluate(customer);
    }
}
