using System.Runtime.ExceptionServices;

namespace ValueSegmentation.Internal;

/// <summary>Runs chunks of work in parallel and rethrows a chunk's own exception (with its stack trace) instead of the
/// <see cref="AggregateException"/> that <see cref="Parallel"/> wraps it in, so a large input raises the same
/// documented exception as a small one that runs sequentially.</summary>
internal static class ParallelChunks
{
    public static void Run(int chunks, Action<int> body)
    {
        if (chunks == 1)
        {
            body(0);
            return;
        }

        try
        {
            Parallel.For(0, chunks, body);
        }
        catch (AggregateException aggregate)
        {
            ExceptionDispatchInfo.Throw(aggregate.Flatten().InnerExceptions[0]);
        }
    }

    /// <summary>How many chunks <paramref name="count"/> items are split into: one per core, but none of fewer than
    /// <paramref name="minimumPerChunk"/> items, and at least one.</summary>
    public static int Count(int count, int minimumPerChunk) =>
        Math.Max(1, Math.Min(Environment.ProcessorCount, count / Math.Max(1, minimumPerChunk)));

    /// <summary>The items [Start, End) of chunk <paramref name="chunk"/> when <paramref name="count"/> items are split
    /// into <paramref name="chunks"/> contiguous ranges of (almost) equal length, in order.</summary>
    public static (int Start, int End) Range(int chunk, int chunks, int count) =>
        ((int)((long)count * chunk / chunks), (int)((long)count * (chunk + 1) / chunks));
}
