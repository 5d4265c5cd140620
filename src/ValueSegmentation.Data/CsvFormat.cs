using System.Text;

namespace ValueSegmentation.Data;

/// <summary>The layout of a delimited text file: header, delimiter, quote and encoding. Files ending in <c>.gz</c>, or
/// starting with gzip's signature, are decompressed as they are read.</summary>
/// <remarks>Immutable once created (init-only properties) and thread-safe.</remarks>
public sealed class CsvFormat
{
    /// <summary>A header line, a delimiter detected from it, double quotes and UTF-8 (with or without a byte order mark).</summary>
    public static CsvFormat Default { get; } = new();

    /// <summary>Whether the first line names the columns. Default: <see langword="true"/>.</summary>
    public bool HasHeader { get; init; } = true;

    /// <summary>The field delimiter; <see langword="null"/> (the default) to detect it from the first line among
    /// comma, semicolon, tab and vertical bar.</summary>
    public char? Delimiter { get; init; }

    /// <summary>Whether fields are separated by runs of spaces or tabs, as in aligned text exports such as
    /// <c>CDNOW_master.txt</c>: leading and trailing blanks of a line are ignored, and no field can contain a blank. Default:
    /// <see langword="false"/>. Overrides <see cref="Delimiter"/>.</summary>
    public bool WhitespaceSeparated { get; init; }

    /// <summary>The quote character. Default: <c>"</c> (a quote inside a quoted field is doubled, as RFC 4180 says).</summary>
    public char Quote { get; init; } = '"';

    /// <summary>The text encoding when the file has no byte order mark; <see langword="null"/> (the default) for UTF-8.
    /// A byte order mark (UTF-8, UTF-16, UTF-32) always wins.</summary>
    public Encoding? Encoding { get; init; }
}
