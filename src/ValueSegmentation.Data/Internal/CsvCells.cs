using System.Globalization;

namespace ValueSegmentation.Data.Internal;

/// <summary>Writes the cells of the package's CSV files: numbers in the invariant culture, round-trippable; text quoted
/// when it needs to be (RFC 4180) and neutralised against spreadsheet formula injection: a cell that starts with
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return gets a leading apostrophe, as OWASP's CSV
/// injection guidance says, so a spreadsheet shows it as text instead of evaluating it.</summary>
internal static class CsvCells
{
    /// <summary>A customer id, or its pseudonym when a pseudonymizer is given.</summary>
    public static void CustomerId(TextWriter writer, string id, CustomerIdPseudonymizer? pseudonymizer) =>
        Text(writer, pseudonymizer is null ? id : pseudonymizer.Pseudonymize(id));

    public static void Text(TextWriter writer, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        bool formula = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        bool quote = formula || value.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        if (quote)
        {
            writer.Write('"');
        }

        if (formula)
        {
            writer.Write('\'');
        }

        writer.Write(quote ? value.Replace("\"", "\"\"", StringComparison.Ordinal) : value);
        if (quote)
        {
            writer.Write('"');
        }
    }

    /// <summary>A text field read back: the apostrophe <see cref="Text"/> puts before a formula's first character is
    /// removed, so that what the package wrote reads back as it was.</summary>
    public static ReadOnlySpan<char> Unescape(ReadOnlySpan<char> value) =>
        value.Length >= 2 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? value[1..] : value;

    /// <summary>The shortest text that reads back as the same double.</summary>
    public static void Number(TextWriter writer, double value) => writer.Write(value.ToString("R", CultureInfo.InvariantCulture));

    public static void Number(TextWriter writer, double? value)
    {
        if (value is { } v)
        {
            Number(writer, v);
        }
    }

    public static void Integer(TextWriter writer, long value) => writer.Write(value.ToString(CultureInfo.InvariantCulture));

    public static void Header(TextWriter writer, params ReadOnlySpan<string> names)
    {
        for (int i = 0; i < names.Length; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            writer.Write(names[i]);
        }

        writer.Write('\n');
    }

    public static StreamWriter Create(string path) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16), new System.Text.UTF8Encoding(false), 1 << 16);
}
