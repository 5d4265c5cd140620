using System.Runtime.InteropServices;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Segmentation;

/// <summary>Helpers for the populations the strategies and analyses take.</summary>
internal static class Population
{
    /// <summary>The customers as a span, without copying when the list is backed by an array; every element
    /// is checked not to be null.</summary>
    public static ReadOnlySpan<CustomerSummary> AsSpan(IReadOnlyList<CustomerSummary> customers, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(customers, parameterName);
        ReadOnlySpan<CustomerSummary> span = customers switch
        {
            CustomerSummaryCollection collection => collection.AsSpan(),
            CustomerSummary[] array => array,
            List<CustomerSummary> list => CollectionsMarshal.AsSpan(list),
            _ => customers.ToArray(),
        };
        for (int i = 0; i < span.Length; i++)
        {
            if (span[i] is null)
            {
                throw new ArgumentNullException(parameterName, $"Customer #{i} is null.");
            }
        }

        return span;
    }

    /// <summary>The measure's value of every customer, in a new array.</summary>
    public static double[] Values(CustomerMeasure measure, ReadOnlySpan<CustomerSummary> customers)
    {
        var values = GC.AllocateUninitializedArray<double>(customers.Length);
        measure.Evaluate(customers, values);
        return values;
    }

    /// <summary>Throws when a strategy that learns from data gets none.</summary>
    public static void RequireNotEmpty(ReadOnlySpan<CustomerSummary> customers, string parameterName, string strategy) =>
        RequireNotEmpty(customers.Length, parameterName, strategy);

    /// <summary>Throws when a strategy that learns from data gets none.</summary>
    public static void RequireNotEmpty(int count, string parameterName, string strategy)
    {
        if (count == 0)
        {
            throw new ArgumentException($"The population is empty; {strategy} learns its cut points from the population, so it needs at least one customer.", parameterName);
        }
    }
}
