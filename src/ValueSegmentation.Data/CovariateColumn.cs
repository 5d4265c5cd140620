namespace ValueSegmentation.Data;

/// <summary>
/// A column of time-invariant customer facts for <see cref="CovariateTableReader"/>: a number (a first-basket value, an
/// age), or a category (a channel, a region) turned into 0/1 columns against a stated reference level.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class CovariateColumn
{
    private CovariateColumn(ColumnSelector column, string? name, string? reference)
    {
        if (name is not null && string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A covariate's name must not be empty or white space.", nameof(name));
        }

        Column = column;
        Name = name;
        Reference = reference;
    }

    /// <summary>The column in the source.</summary>
    public ColumnSelector Column { get; }

    /// <summary>The covariate's name; <see langword="null"/> for the column's header name (or "column N" without a
    /// header).</summary>
    public string? Name { get; }

    /// <summary>For a category, the reference level (all 0/1 columns 0); <see langword="null"/> for a number.</summary>
    public string? Reference { get; }

    /// <summary>Whether the column holds categories.</summary>
    public bool IsCategorical => Reference is not null;

    /// <summary>A numeric covariate: each cell a finite number in the read's culture.</summary>
    /// <param name="column">The column, by header name or ordinal.</param>
    /// <param name="name">The covariate's name; <see langword="null"/> for the column's.</param>
    /// <returns>The column.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    public static CovariateColumn Numeric(ColumnSelector column, string? name = null) => new(column, name, null);

    /// <summary>
    /// A categorical covariate: each cell a level (text, trimmed, compared ordinally); one 0/1 column "name=level" per
    /// level but <paramref name="reference"/>, in the order the levels first appear, so each effect is the level's
    /// difference from the reference.
    /// </summary>
    /// <param name="column">The column, by header name or ordinal.</param>
    /// <param name="reference">The reference level; it must occur in the column.</param>
    /// <param name="name">The covariate's name; <see langword="null"/> for the column's.</param>
    /// <returns>The column.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reference"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="reference"/> or <paramref name="name"/> is empty or white space.</exception>
    public static CovariateColumn Categorical(ColumnSelector column, string reference, string? name = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        return new(column, name, reference.Trim());
    }

    /// <inheritdoc/>
    public override string ToString() => IsCategorical ? $"{Name ?? Column.ToString()} (categorical, reference '{Reference}')" : $"{Name ?? Column.ToString()} (numeric)";
}
