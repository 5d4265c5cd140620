using System.Data.Common;
using System.Globalization;

namespace ValueSegmentation.Data.Internal;

/// <summary>Finds the ordinal of each field a reader needs: the column chosen by name or ordinal, else the first of
/// the field's usual names present in the header, else (without a header) its usual position.</summary>
/// <remarks>Not thread-safe; used while a reader opens.</remarks>
internal sealed class ColumnResolver
{
    private readonly string?[] _names; // normalised header names; null without a header
    private readonly string[] _headers; // as written
    private readonly string _source;
    private readonly long _headerLine;

    public ColumnResolver(DbDataReader reader, bool hasHeader, string source, long headerLine)
    {
        FieldCount = reader.FieldCount;
        _headers = new string[FieldCount];
        _names = new string?[FieldCount];
        for (int i = 0; i < FieldCount; i++)
        {
            _headers[i] = hasHeader ? reader.GetName(i) : string.Empty;
            _names[i] = hasHeader ? ColumnNames.Normalize(_headers[i]) : null;
        }

        HasHeader = hasHeader;
        _source = source;
        _headerLine = headerLine;
    }

    public int FieldCount { get; }

    public bool HasHeader { get; }

    /// <summary>The header name of a column, or null.</summary>
    public string? NameOf(int ordinal) => HasHeader && ordinal >= 0 && ordinal < FieldCount ? _headers[ordinal] : null;

    /// <summary>The ordinal of a field that must be present.</summary>
    /// <exception cref="DataReadException">It is not.</exception>
    public int Required(ColumnSelector? selector, IReadOnlyList<string> names, int position, string field, string option)
    {
        int ordinal = Find(selector, names, position, option);
        return ordinal >= 0
            ? ordinal
            : throw Fail(0, HasHeader
                ? $"No {field} column: none of the header's columns ({Columns()}) is named {string.Join(", ", names.Select(n => $"\"{n}\""))}. Name it with {option}."
                : $"No {field} column: the source has {FieldCount} column(s) and no header; choose it by ordinal with {option}.");
    }

    /// <summary>The ordinal of an optional field, or −1. A column chosen explicitly must exist.</summary>
    public int Optional(ColumnSelector? selector, IReadOnlyList<string> names, int position, string option)
    {
        int ordinal = Find(selector, names, position, option);
        return ordinal >= 0 || selector is null
            ? ordinal
            : throw Fail(0, $"{option} names the column {selector}, which the source does not have (its columns: {Columns()}).");
    }

    private int Find(ColumnSelector? selector, IReadOnlyList<string> names, int position, string option)
    {
        if (selector is { } chosen)
        {
            if (chosen.Ordinal is { } ordinal)
            {
                return ordinal < FieldCount
                    ? ordinal
                    : throw Fail(0, $"{option} chooses column #{ordinal} (zero-based), but the source has {FieldCount} column(s).");
            }

            if (!HasHeader)
            {
                throw Fail(0, $"{option} chooses the column by name ({chosen}), but the source has no header; choose it by ordinal.");
            }

            return ByName(chosen.Name!);
        }

        if (!HasHeader)
        {
            return position < FieldCount ? position : -1;
        }

        foreach (string name in names)
        {
            int ordinal = ByName(name);
            if (ordinal >= 0)
            {
                return ordinal;
            }
        }

        return -1;
    }

    /// <summary>The one column with this name, −1 if none.</summary>
    /// <exception cref="DataReadException">Two columns have it.</exception>
    private int ByName(string name)
    {
        string wanted = ColumnNames.Normalize(name);
        int found = -1;
        for (int i = 0; i < FieldCount; i++)
        {
            if (string.Equals(_names[i], wanted, StringComparison.Ordinal))
            {
                if (found >= 0)
                {
                    throw Fail(i + 1, string.Create(CultureInfo.InvariantCulture, $"The header names the column \"{name}\" twice (columns {found + 1} and {i + 1}); choose one by ordinal."));
                }

                found = i;
            }
        }

        return found;
    }

    private string Columns() => string.Join(", ", _headers.Select(h => $"\"{h}\""));

    private DataReadException Fail(int column, string reason) =>
        new(_source, HasHeader ? _headerLine : 0, column, column > 0 ? NameOf(column - 1) : null, null, reason, "reader");
}
