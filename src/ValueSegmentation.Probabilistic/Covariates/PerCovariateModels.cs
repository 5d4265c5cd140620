using System.Collections.Concurrent;
using ValueSegmentation.Lifetime;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Covariates;

/// <summary>One model per distinct vector of the covariates the models use, built the first time a customer with that
/// vector needs it and shared by every customer with the same values (columns the models do not use are not part of the
/// key); thread-safe.</summary>
internal sealed class PerCovariateModels<TModel>
    where TModel : class
{
    private readonly CustomerCovariates _covariates;
    private readonly Func<string, TModel> _create;
    private readonly int[] _columns;
    private readonly ConcurrentDictionary<string, TModel> _models = new(StringComparer.Ordinal);

    /// <param name="covariates">The customers' covariates.</param>
    /// <param name="used">The covariates the models use (columns of <paramref name="covariates"/>).</param>
    /// <param name="create">The model of a customer.</param>
    public PerCovariateModels(CustomerCovariates covariates, IEnumerable<string> used, Func<string, TModel> create)
    {
        _covariates = covariates;
        _create = create;
        _columns = [.. used.Distinct(StringComparer.Ordinal).Select(name => covariates.IndexOf(name))];
    }

    /// <summary>The model of a customer's covariates.</summary>
    /// <exception cref="KeyNotFoundException">The customer has no covariates.</exception>
    public TModel For(string customerId)
    {
        string key = CovariateFitting.Key(_covariates[customerId], _columns);
        return _models.GetOrAdd(key, static (_, state) => state.Create(state.Id), (Create: _create, Id: customerId));
    }
}

/// <summary>A value of each customer under the model of the customer's covariates. The batch path evaluates the
/// customers who share a model through that model's own batch call.</summary>
internal sealed class PerCovariateValue(PerCovariateModels<ICustomerValueModel> models) : ICustomerValueModel
{
    public double Evaluate(CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return models.For(customer.CustomerId).Evaluate(customer);
    }

    public void Evaluate(ReadOnlySpan<CustomerSummary> customers, Span<double> values)
    {
        if (values.Length < customers.Length)
        {
            throw new ArgumentException($"The values ({values.Length}) are fewer than the customers ({customers.Length}).", nameof(values));
        }

        var groups = new Dictionary<ICustomerValueModel, List<int>>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < customers.Length; i++)
        {
            var model = models.For(customers[i].CustomerId);
            if (!groups.TryGetValue(model, out var members))
            {
                groups.Add(model, members = []);
            }

            members.Add(i);
        }

        foreach (var (model, members) in groups)
        {
            var group = new CustomerSummary[members.Count];
            var groupValues = new double[members.Count];
            for (int m = 0; m < group.Length; m++)
            {
                group[m] = customers[members[m]];
            }

            model.Evaluate(group, groupValues);
            for (int m = 0; m < group.Length; m++)
            {
                values[members[m]] = groupValues[m];
            }
        }
    }
}
