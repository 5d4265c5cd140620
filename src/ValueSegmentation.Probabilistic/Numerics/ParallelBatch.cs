using System.Runtime.ExceptionServices;

namespace ValueSegmentation.Probabilistic.Numerics;

/// <summary>Runs a per-customer computation over a batch: in one piece when it is small, otherwise in one range per
/// core, so that work shared inside a range (a cache per distinct history) is done once per core.</summary>
internal static class ParallelBatch
{
    /// <summary>The work on one range of the batch: its first position and its length.</summary>
    public delegate void RangeAction(int start, int length);

    /// <summary>Calls <paramref name="action"/> on ranges covering 0 to <paramref name="count"/> − 1: one range when
    /// the batch is shorter than <paramref name="parallelThreshold"/> or there is one core, one per core otherwise. An
    /// exception of the computation surfaces as itself, not wrapped by the parallel loop.</summary>
    public static void For(int count, int parallelThreshold, RangeAction action)
    {
        int cores = Environment.ProcessorCount;
        if (count < parallelThreshold || cores == 1)
        {
            action(0, count);
            return;
        }

        int rangeSize = (count + cores - 1) / cores;
        try
        {
            Parallel.For(0, (count + rangeSize - 1) / rangeSize, range =>
            {
                int start = range * rangeSize;
                action(start, Math.Min(rangeSize, count - start));
            });
        }
        catch (AggregateException parallel) when (parallel.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(parallel.InnerExceptions[0]).Throw();
            throw;
        }
    }
}
