namespace ValueSegmentation.Data;

/// <summary>A row a reader could not use, and why.</summary>
/// <param name="Line">The row's line in the file (1 = the first line, the header if there is one), or its position
/// among the rows of a database reader (1 = the first).</param>
/// <param name="Column">The 1-based column of the field at fault, or 0 when the fault is the row itself (its number
/// of fields).</param>
/// <param name="ColumnName">The header name of that column, when known.</param>
/// <param name="Value">The raw text of the field (at most 200 characters), when there is one.</param>
/// <param name="Reason">What is wrong with it.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record RejectedRow(long Line, int Column, string? ColumnName, string? Value, string Reason);
