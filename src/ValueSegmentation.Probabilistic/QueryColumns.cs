using System.Data.Common;
using System.Globalization;

namespace ValueSegmentation.Probabilistic;

/// <summary>Named numeric columns of a query's rows, read from any ADO.NET reader whatever numeric type the engine
/// returns (a count as a 64-bit or 128-bit integer, a time as a double or a decimal).</summary>
internal sealed class QueryColumns
{
    private readonly DbDataReader _reader;
    private readonly string[] _names;
    private readonly int[] _ordinals;

    private QueryColumns(DbDataReader reader, string[] names, int[] ordinals)
    {
        _reader = reader;
        _names = names;
        _ordinals = ordinals;
    }

    /// <summary>The rows read so far.</summary>
    public long Row { get; private set; }

    /// <summary>The current row's index from 0, for messages (capped at <see cref="int.MaxValue"/>).</summary>
    public int Index => (int)Math.Min(Row - 1, int.MaxValue);

    /// <summary>Finds the columns by name (case-insensitive); an optional column may be missing.</summary>
    /// <exception cref="ArgumentException">A required column is missing (names the reader's columns).</exception>
    public static QueryColumns Find(DbDataReader reader, string parameterName, string[] required, string? optional = null)
    {
        var present = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var repeated = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < reader.FieldCount; i++)
        {
            if (!present.TryAdd(reader.GetName(i), i))
            {
                repeated.Add(reader.GetName(i));
            }
        }

        var names = optional is null ? required : [.. required, optional];
        var ordinals = new int[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            if (repeated.Contains(names[i]))
            {
                throw new ArgumentException($"The query has more than one column named '{names[i]}' (names are compared ignoring case); select it once.", parameterName);
            }

            ordinals[i] = present.TryGetValue(names[i], out int ordinal) ? ordinal
                : i < required.Length
                    ? throw new ArgumentException($"The query has no column '{names[i]}'; it needs {string.Join(", ", required)}{(optional is null ? string.Empty : $" and optionally {optional}")}, and has {string.Join(", ", present.Keys)}.", parameterName)
                    : -1;
        }

        return new QueryColumns(reader, names, ordinals);
    }

    /// <summary>Moves to the next row.</summary>
    public bool Read()
    {
        bool more = _reader.Read();
        Row += more ? 1 : 0;
        return more;
    }

    /// <summary>Column <paramref name="column"/> of the row as a double; 1 for a missing optional column.</summary>
    /// <exception cref="InvalidDataException">The value is NULL or not a number (names the row and column).</exception>
    public double Number(int column)
    {
        int ordinal = _ordinals[column];
        if (ordinal < 0)
        {
            return 1;
        }

        if (_reader.IsDBNull(ordinal))
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Row {Row}, column '{_names[column]}': NULL where a number is needed."));
        }

        object value = _reader.GetValue(ordinal);
        try
        {
            return value switch
            {
                double d => d,
                System.Numerics.BigInteger b => (double)b,
                _ => Convert.ToDouble(value, CultureInfo.InvariantCulture),
            };
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Row {Row}, column '{_names[column]}': '{value}' ({value.GetType().Name}) is not a number."), e);
        }
    }

    /// <summary>Column <paramref name="column"/> of the row as a whole number that fits an <see cref="int"/>.</summary>
    /// <exception cref="InvalidDataException">It is not one.</exception>
    public int Count(int column)
    {
        double value = Number(column);
        return value == Math.Floor(value) && value is >= 0 and <= int.MaxValue
            ? (int)value
            : throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Row {Row}, column '{_names[column]}': {value} is not a count (a whole number from 0 to {int.MaxValue})."));
    }
}
