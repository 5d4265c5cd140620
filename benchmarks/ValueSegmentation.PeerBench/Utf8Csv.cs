using System.Globalization;
using System.Text;

namespace ValueSegmentation.PeerBench;

/// <summary>
/// Reads a UTF-8 file line by line through one reusable buffer, without decoding it to strings: the lines are
/// spans over the buffer, valid until the next call. LF and CRLF line ends are accepted; a final line without a
/// line end is returned too. A plain, fast reader for the harness's own files (written by pandas); the project's
/// data package (Sylvan.Data.Csv) replaces it in a later issue.
/// </summary>
internal sealed class Utf8LineReader : IDisposable
{
    private readonly FileStream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _endOfFile;

    /// <summary>Opens <paramref name="path"/> for sequential reading.</summary>
    public Utf8LineReader(string path, int bufferSize = 1 << 20)
    {
        Path = path;
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        _buffer = new byte[bufferSize];
    }

    /// <summary>The file's path, for error messages.</summary>
    public string Path { get; }

    /// <summary>The one-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Reads the next line (without its line end); false at the end of the file.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            int newline = pending.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = TrimCarriageReturn(pending[..newline]);
                _start += newline + 1;
                LineNumber++;
                return true;
            }

            if (_endOfFile)
            {
                if (pending.IsEmpty)
                {
                    line = default;
                    return false;
                }

                line = TrimCarriageReturn(pending);
                _start = _end;
                LineNumber++;
                return true;
            }

            if (_start > 0)
            {
                pending.CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _endOfFile = true;
            }
            else
            {
                _end += read;
            }
        }
    }

    /// <summary>Reads the header line and returns the zero-based position of each named column.</summary>
    public int[] ReadHeader(params string[] names)
    {
        if (!TryReadLine(out var header))
        {
            throw Error("the file is empty; a header line was expected");
        }

        if (header.StartsWith("\uFEFF"u8))
        {
            header = header[3..];
        }

        var columns = new List<string>();
        while (Utf8Csv.TryNextField(ref header, out var field))
        {
            columns.Add(Encoding.UTF8.GetString(field).Trim());
        }

        var positions = new int[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            positions[i] = columns.IndexOf(names[i]);
            if (positions[i] < 0)
            {
                throw Error($"no column '{names[i]}' in the header ({string.Join(",", columns)})");
            }
        }

        return positions;
    }

    /// <summary>An exception naming the file and the current line.</summary>
    public FormatException Error(string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{Path}: line {LineNumber}: {message}"));

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        !line.IsEmpty && line[^1] == (byte)'\r' ? line[..^1] : line;
}

/// <summary>Field splitting and number parsing over UTF-8 CSV lines (no quoting: the harness's files have none).</summary>
internal static class Utf8Csv
{
    /// <summary>Takes the next comma-separated field off <paramref name="rest"/>; false when nothing is left.</summary>
    public static bool TryNextField(ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> field)
    {
        if (rest.IsEmpty)
        {
            field = default;
            return false;
        }

        int comma = rest.IndexOf((byte)',');
        if (comma < 0)
        {
            field = rest;
            rest = [];
            // A trailing empty field after a final comma is not represented; no harness file has one.
        }
        else
        {
            field = rest[..comma];
            rest = rest[(comma + 1)..];
        }

        if (!field.IsEmpty && field[0] == (byte)'"')
        {
            throw new FormatException("quoted CSV fields are not supported by the harness's reader");
        }

        return true;
    }

    /// <summary>Splits <paramref name="line"/> into <paramref name="fields"/>; returns the number of fields found.</summary>
    public static int Split(ReadOnlySpan<byte> line, Span<Range> fields)
    {
        int count = 0;
        int start = 0;
        while (count < fields.Length)
        {
            int comma = line[start..].IndexOf((byte)',');
            if (comma < 0)
            {
                fields[count++] = new Range(start, line.Length);
                break;
            }

            fields[count++] = new Range(start, start + comma);
            start += comma + 1;
        }

        return count;
    }

    /// <summary>Parses a floating-point number with the invariant culture.</summary>
    public static bool TryParseDouble(ReadOnlySpan<byte> text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses a whole number, also written as a float with no fraction ("3.0").</summary>
    public static bool TryParseInt(ReadOnlySpan<byte> text, out int value)
    {
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        if (TryParseDouble(text, out double d) && d == Math.Floor(d) && d >= int.MinValue && d <= int.MaxValue)
        {
            value = (int)d;
            return true;
        }

        return false;
    }
}
