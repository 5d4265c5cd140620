using ValueSegmentation.Lifetime;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Internal;

/// <summary>The batch path of value models that have nothing to share between customers.</summary>
internal static class Batch
{
    /// <summary>Summaries created at a time for a model without a population path of its own.</summary>
    public const int BlockSize = 1 << 12;

    /// <summary>Evaluates a model customer by customer.</summary>
    public static void EvaluateEach(ICustomerValueModel model, ReadOnlySpan<CustomerSummary> customers, Span<double> values)
    {
        Guard.Destination(customers.Length, values.Length, nameof(values));
        for (int i = 0; i < customers.Length; i++)
        {
            values[i] = model.Evaluate(customers[i] ?? throw new ArgumentNullException(nameof(customers), $"Customer #{i} is null."));
        }
    }

    /// <summary>The default population path of <see cref="ICustomerValueModel"/>: the model's span path over blocks of
    /// summaries, on every core.</summary>
    public static void EvaluateInBlocks(ICustomerValueModel model, CustomerSummaryCollection customers, Span<double> values)
    {
        ArgumentNullException.ThrowIfNull(customers);
        Guard.Destination(customers.Count, values.Length, nameof(values));
        if (!customers.IsColumnar)
        {
            model.Evaluate(customers.AsSpan(), values);
            return;
        }

        ParallelChunks.ForSlices(values[..customers.Count], BlockSize, (start, slice) =>
        {
            var block = new CustomerSummary[Math.Min(BlockSize, slice.Length)];
            for (int offset = 0; offset < slice.Length; offset += block.Length)
            {
                int length = Math.Min(block.Length, slice.Length - offset);
                customers.CopySummaries(start + offset, block.AsSpan(0, length));
                model.Evaluate(block.AsSpan(0, length), slice.Slice(offset, length));
            }
        });
    }
}
