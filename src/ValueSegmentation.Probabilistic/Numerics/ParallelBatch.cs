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

        var input = customers.ToArray();
        var output = new double[input.Length];
        int chunkSize = (input.Length + cores - 1) / cores;
        try
        {
            Parallel.For(0, (input.Length + chunkSize - 1) / chunkSize, chunk =>
            {
                int start = chunk * chunkSize, length = Math.Min(chunkSize, input.Length - start);
                action(input.AsSpan(start, length), output.AsSpan(start, length), start);
            });
        }
        catch (AggregateException parallel) when (parallel.InnerExceptions.Count > 0)
        {
            // Surface the computation's own exception, not the parallel loop's wrapper.
            ExceptionDispatchInfo.Capture(parallel.InnerExceptions[0]).Throw();
            throw;
        }

        output.CopyTo(destination);
    }
}
