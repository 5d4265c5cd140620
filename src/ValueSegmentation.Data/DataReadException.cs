using System.Globalization;

namespace ValueSegmentation.Data;

/// <summary>
/// A source the reader cannot use: a bad row (with <see cref="BadRowPolicy.FailFast"/>), more rejected rows than
/// <see cref="DataReadOptions.MaxRejects"/>, a header without a needed column or with one twice, or a file whose
/// quoting is broken. It names the source, the line and column, the raw value and what is wrong.
/// </summary>
/// <remarks>Immutable once thrown and safe to share between threads.</remarks>
public sealed class DataReadException : ValueSegmentationException
{
    internal DataReadException(string source, long line, int column, string? columnName, string? value, string reason, string? argumentName, Exception? innerException = null)
        : base(Describe(source, line, column, columnName, value, reason), argumentName, innerException)
    {
        SourceName = source;
        Line = line;
        Column = column;
        ColumnName = columnName;
        Value = value;
        Reason = reason;
    }

    /// <summary>The source: the file's path, or the name given for a database reader.</summary>
    public string SourceName { get; }

    /// <summary>The line in the file (1 = the first), or the row among a database reader's rows (1 = the first); 0 when
    /// the fault is not in a row.</summary>
    public long Line { get; }

    /// <summary>The 1-based column, or 0 when the fault is a whole row or the source.</summary>
    public int Column { get; }

    /// <summary>The header name of the column, when known.</summary>
    public string? ColumnName { get; }

    /// <summary>The raw text of the field (at most 200 characters), when there is one.</summary>
    public string? Value { get; }

    /// <summary>What is wrong.</summary>
    public string Reason { get; }

    /// <summary>The reject this exception describes, as <see cref="BadRowPolicy.Collect"/> would have recorded it.</summary>
    /// <returns>The rejected row.</returns>
    public RejectedRow ToRejectedRow() => new(Line, Column, ColumnName, Value, Reason);

    private static string Describe(string source, long line, int column, string? columnName, string? value, string reason)
    {
        var text = new System.Text.StringBuilder(source);
        if (line > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $", line {line}");
        }

        if (column > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $", column {column}");
            if (columnName is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $" ({columnName})");
            }
        }

        text.Append(": ").Append(reason);
        if (value is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" Value: \"{value}\".");
        }

        return text.ToString();
    }
}
