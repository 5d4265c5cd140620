namespace ValueSegmentation.Data;

/// <summary>What a reader does with a row it cannot use.</summary>
public enum BadRowPolicy
{
    /// <summary>Stop at the first bad row with a <see cref="DataReadException"/> naming its source, line, column, raw
    /// value and what is wrong. The default.</summary>
    FailFast,

    /// <summary>Record the row in <see cref="ReadReport.Rejects"/> (line, column, value, reason) and go on, up to
    /// <see cref="DataReadOptions.MaxRejects"/> rows; one more fails the read.</summary>
    Collect,
}
