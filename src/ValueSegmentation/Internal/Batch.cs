using ValueSegmentation.Lifetime;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Internal;

/// <summary>The batch path of value models that have nothing to share between customers.</summary>
internal static class Batch
{
    /// <summary>Evaluates a model customer by customer.</summary>
    public static void EvaluateEach(ICustomerValueModel model, ReadOnlySpan<CustomerSummary> customers, Span<double> values)
    {
        Guard.Destination(customers.Length, values.Length, nameof(values));
        for (int i = 0; i < customers.Length; i++)
        {
            values[i] = model.Evaluate(customers[i] ?? throw new ArgumentNullException(nameof(customers), $"Customer #{i} is null."));
        }
    }
}
