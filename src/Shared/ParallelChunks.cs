using System.Runtime.ExceptionServices;

namespace ValueSegmentation.Shared;

/// <summary>Runs chunks of work in parallel and rethrows a chunk's own exception (with its stack trace) instead of the
/// <see cref="AggregateException"/> that <see cref="Parallel"/> wraps it in, so a large input raises the same
/// documented exception as a small one that runs sequentially.</summary>
/// <remarks>Linked into each package (src/Shared), so that every parallel loop of the libraries splits and fails the
/// same way.</remarks>
internal static class ParallelChunks
{
    /// <summary>The work on one range of items: [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public delegate void RangeAction(int start, int end);

    /// <summary>Runs <paramref name="body"/> for chunks 0 to <paramref name="chunks"/> − 1, in parallel when there are
    /// several, rethrowing a chunk's own exception.</summary>
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

    /// <summary>Runs <paramref name="body"/> over <paramref name="count"/> items split into <see cref="Count"/> contiguous
    /// ranges (one per core, none shorter than <paramref name="minimumPerChunk"/>), in parallel when there are several.</summary>
    public static void ForRanges(int count, int minimumPerChunk, RangeAction body)
    {
        int chunks = Count(count, minimumPerChunk);
        Run(chunks, chunk =>
        {
            var (start, end) = Range(chunk, chunks, count);
            body(start, end);
        });
    }

    /// <summary>A slice of a destination span, with the position of its first element in the whole.</summary>
    /// <param name="start">Position of <paramref name="slice"/>'s first element.</param>
    /// <param name="slice">The slice to fill.</param>
    public delegate void SliceAction(int start, Span<double> slice);

    /// <summary>Fills <paramref name="destination"/> in contiguous slices, one per chunk, on every core when it is
    /// large (see <see cref="ForRanges"/>). The span is pinned for the duration, so it may live anywhere.</summary>
    /// <param name="destination">The span to fill.</param>
    /// <param name="minimumPerChunk">The fewest elements worth a chunk of their own.</param>
    /// <param name="body">Fills one slice.</param>
    public static unsafe void ForSlices(Span<double> destination, int minimumPerChunk, SliceAction body)
    {
        int count = destination.Length;
        if (Count(count, minimumPerChunk) == 1)
        {
            body(0, destination);
            return;
        }

        fixed (double* pointer = destination)
        {
            nint address = (nint)pointer;
            ForRanges(count, minimumPerChunk, (start, end) => body(start, new Span<double>((double*)address + start, end - start)));
        }
    }
}
