namespace ValueSegmentation.Data;

/// <summary>How a <see cref="CovariateTableReader"/> maps the rows of a source onto customers' covariates.</summary>
/// <remarks>Immutable once created (init-only properties) and thread-safe.</remarks>
public sealed class CovariateReadOptions : DataReadOptions
{
    /// <summary>The customer id column. Default: found by the names of <see cref="TransactionColumns.CustomerIdNames"/>,
    /// else the first column.</summary>
    public ColumnSelector? CustomerId { get; init; }

    /// <summary>The covariate columns to read; at least one.</summary>
    public IReadOnlyList<CovariateColumn> Covariates { get; init; } = [];

    /// <inheritdoc />
    internal override void Validate()
    {
        base.Validate();
        ArgumentNullException.ThrowIfNull(Covariates);
        if (Covariates.Count == 0)
        {
            throw new ArgumentException("Name at least one covariate column (CovariateReadOptions.Covariates).", nameof(Covariates));
        }

        foreach (var column in Covariates)
        {
            ArgumentNullException.ThrowIfNull(column, nameof(Covariates));
        }
    }
}
