using System.Buffers;
using System.Runtime.ExceptionServices;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Numerics;

/// <summary>Runs a per-customer computation over a batch: in one piece when it is small, otherwise in one chunk per
/// core, so that work shared inside a chunk (a cache per distinct history) is done once per core.</summary>
internal static class ParallelBatch
{
    /// <summary>The work on one chunk: its customers, where to write their values, and the position of its first customer in the whole batch.</summary>
    public delegate void ChunkAction(ReadOnlySpan<CustomerSummary> customers, Span<double> destination, int offset);

    public static void Run(ReadOnlySpan<CustomerSummary> customers, Span<double> destination, int parallelThreshold, ChunkAction action)
    {
        int cores = Environment.ProcessorCount;
        if (customers.Length < parallelThreshold || cores == 1)
        {
            action(customers, destination, 0);
            return;
        }

        // A span cannot cross into the parallel loop: copy the batch into pooled arrays (large and short-lived, they would
        // otherwise be allocated on the large-object heap at every call and bring on full collections).
        int n = customers.Length;
        var input = ArrayPool<CustomerSummary>.Shared.Rent(n);
        var output = ArrayPool<double>.Shared.Rent(n);
        try
        {
            customers.CopyTo(input);
            int chunkSize = (n + cores - 1) / cores;
            Parallel.For(0, (n + chunkSize - 1) / chunkSize, chunk =>
            {
                int start = chunk * chunkSize, length = Math.Min(chunkSize, n - start);
                action(input.AsSpan(start, length), output.AsSpan(start, length), start);
            });
            output.AsSpan(0, n).CopyTo(destination);
        }
        catch (AggregateException parallel) when (parallel.InnerExceptions.Count > 0)
        {
            // Surface the computation's own exception, not the parallel loop's wrapper.
            ExceptionDispatchInfo.Capture(parallel.InnerExceptions[0]).Throw();
            throw;
        }
        finally
        {
            ArrayPool<CustomerSummary>.Shared.Return(input, clearArray: true); // hold no customer beyond the call
            ArrayPool<double>.Shared.Return(output);
        }
    }
}
