using System.Globalization;
using ValueSegmentation.Data.Internal;

namespace ValueSegmentation.Data;

/// <summary>
/// Which column of a source holds a field: by header name (compared case-insensitively, ignoring spaces, underscores,
/// dots and hyphens) or by zero-based ordinal. A string or an int converts to it implicitly.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public readonly struct ColumnSelector : IEquatable<ColumnSelector>
{
    private readonly int _ordinalPlusOne;

    private ColumnSelector(string? name, int ordinal)
    {
        Name = name;
        _ordinalPlusOne = ordinal + 1;
    }

    /// <summary>The header name, or <see langword="null"/> when the column is chosen by ordinal.</summary>
    public string? Name { get; }

    /// <summary>The zero-based ordinal, or <see langword="null"/> when the column is chosen by name.</summary>
    public int? Ordinal => Name is null ? _ordinalPlusOne - 1 : null;

    /// <summary>The column with this header name.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The selector.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
    public static ColumnSelector Named(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new ColumnSelector(name, -1);
    }

    /// <summary>The column at this zero-based ordinal.</summary>
    /// <param name="ordinal">The ordinal: 0 for the first column.</param>
    /// <returns>The selector.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ordinal"/> is negative.</exception>
    public static ColumnSelector At(int ordinal)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        return new ColumnSelector(null, ordinal);
    }

    /// <summary>The column with this header name (<see cref="Named"/>).</summary>
    /// <param name="name">The header name.</param>
    public static implicit operator ColumnSelector(string name) => Named(name);

    /// <summary>The column at this zero-based ordinal (<see cref="At"/>).</summary>
    /// <param name="ordinal">The ordinal.</param>
    public static implicit operator ColumnSelector(int ordinal) => At(ordinal);

    /// <summary>Whether two selectors choose the same column.</summary>
    /// <param name="left">A selector.</param>
    /// <param name="right">Another selector.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public static bool operator ==(ColumnSelector left, ColumnSelector right) => left.Equals(right);

    /// <summary>Whether two selectors choose different columns.</summary>
    /// <param name="left">A selector.</param>
    /// <param name="right">Another selector.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(ColumnSelector left, ColumnSelector right) => !left.Equals(right);

    /// <summary>The column with this header name (<see cref="Named"/>); the named alternative to the implicit conversion.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The selector.</returns>
    public static ColumnSelector FromString(string name) => Named(name);

    /// <summary>The column at this ordinal (<see cref="At"/>); the named alternative to the implicit conversion.</summary>
    /// <param name="ordinal">The ordinal.</param>
    /// <returns>The selector.</returns>
    public static ColumnSelector FromInt32(int ordinal) => At(ordinal);

    /// <inheritdoc />
    public bool Equals(ColumnSelector other) =>
        Name is null ? other.Name is null && _ordinalPlusOne == other._ordinalPlusOne : other.Name is not null && ColumnNames.Same(Name, other.Name);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ColumnSelector other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Name is null ? _ordinalPlusOne : ColumnNames.Normalize(Name).GetHashCode(StringComparison.Ordinal);

    /// <summary>The name in quotes, or "#" and the ordinal.</summary>
    /// <returns>A description for messages.</returns>
    public override string ToString() => Name is null ? "#" + (_ordinalPlusOne - 1).ToString(CultureInfo.InvariantCulture) : $"'{Name}'";
}
