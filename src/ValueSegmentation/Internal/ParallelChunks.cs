using System.Runtime.ExceptionServices;

namespace ValueSegmentation.Internal;

/// <summary>Runs chunks of work in parallel and rethrows a chunk's own exception (with its stack trace) instead of the
/// <see cref="AggregateException"/> that <see cref="Parallel"/> wraps it in, so a large input raises the same
/// documented exception as a small one that runs sequentially.</summary>
internal static class ParallelChunks
{
    public static void Run(int chunks, Action<int> body)
    {
        try
        {
            Parallel.For(0, chunks, body);
        }
        catch (AggregateException aggregate)
        {
            ExceptionDispatchInfo.Throw(aggregate.Flatten().InnerExceptions[0]);
        }
    }
}
