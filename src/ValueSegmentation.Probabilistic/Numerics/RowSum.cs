namespace ValueSegmentation.Probabilistic.Numerics;

/// <summary>
/// Sums a log-likelihood and its gradient over the rows of a data set on every core: the rows are cut into blocks of a
/// fixed size, each block is summed on its own, and the blocks' sums are added in block order. The result does not
/// depend on the number of cores or on the order in which the blocks finish, so a fit is reproducible on any machine.
/// </summary>
internal static class RowSum
{
    /// <summary>The rows of one block: large enough that scheduling costs nothing next to it, small enough that two cores
    /// share the work of a CDNOW-sized data set evenly.</summary>
    internal const int BlockSize = 8192;

    /// <summary>The log-likelihood and gradient of the rows from <paramref name="start"/> (inclusive) to
    /// <paramref name="end"/> (exclusive); <paramref name="gradient"/> arrives cleared and receives the block's
    /// gradient.</summary>
    public delegate double BlockSum(int start, int end, Span<double> gradient);

    /// <summary>The sum over rows 0 to <paramref name="rows"/> − 1 of <paramref name="block"/>, with the gradient in
    /// <paramref name="gradient"/>.</summary>
    public static double Run(int rows, Span<double> gradient, BlockSum block)
    {
        int blocks = (rows + BlockSize - 1) / BlockSize;
        gradient.Clear();
        if (blocks <= 1 || Environment.ProcessorCount == 1)
        {
            return Sequential(rows, blocks, gradient, block);
        }

        int k = gradient.Length;
        var values = new double[blocks];
        var gradients = new double[blocks * k];
        ParallelChunks.Run(blocks, b =>
        {
            int start = b * BlockSize;
            values[b] = block(start, Math.Min(rows, start + BlockSize), gradients.AsSpan(b * k, k));
        });

        double total = 0;
        for (int b = 0; b < blocks; b++)
        {
            total += values[b];
            for (int j = 0; j < k; j++)
            {
                gradient[j] += gradients[(b * k) + j];
            }
        }

        return total;
    }

    /// <summary>The same sums, block by block on the calling thread (blocks summed in the same order, so that the result
    /// is bit for bit that of the parallel path).</summary>
    private static double Sequential(int rows, int blocks, Span<double> gradient, BlockSum block)
    {
        int k = gradient.Length;
        Span<double> partial = stackalloc double[k];
        double total = 0;
        for (int b = 0; b < Math.Max(blocks, 1); b++)
        {
            partial.Clear();
            int start = b * BlockSize;
            total += block(start, Math.Min(rows, start + BlockSize), partial);
            for (int j = 0; j < k; j++)
            {
                gradient[j] += partial[j];
            }
        }

        return total;
    }
}
