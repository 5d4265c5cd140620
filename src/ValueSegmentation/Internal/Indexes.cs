using System.Runtime.CompilerServices;

namespace ValueSegmentation.Internal;

/// <summary>The check of an index argument of a public accessor: an <see cref="ArgumentOutOfRangeException"/> naming
/// the caller's argument and its value, never an <see cref="IndexOutOfRangeException"/> from an array.</summary>
internal static class Indexes
{
    public static int Check(int index, int count, [CallerArgumentExpression(nameof(index))] string? name = null) =>
        (uint)index < (uint)count
            ? index
            : throw new ArgumentOutOfRangeException(name, index, count == 0 ? "There is nothing to index: the count is 0." : $"Must be at least 0 and less than {count}.");
}
