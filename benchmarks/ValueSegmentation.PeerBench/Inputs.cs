using System.Globalization;
using System.Text;

namespace ValueSegmentation.PeerBench;

/// <summary>The three columns of a summary file (frequency, recency and T, in the file's unit: weeks here).</summary>
internal sealed class SummaryColumns(int[] frequency, double[] recency, double[] age)
{
    /// <summary>Repeat purchase periods per customer (x).</summary>
    public int[] Frequency { get; } = frequency;

    /// <summary>Age at the last purchase (t_x).</summary>
    public double[] Recency { get; } = recency;

    /// <summary>Age at the end of observation (T).</summary>
    public double[] Age { get; } = age;

    /// <summary>Reads the columns <c>frequency</c>, <c>recency</c> and <c>T</c> (found by name in the header) of a
    /// summary CSV file, parsing with the invariant culture.</summary>
    public static SummaryColumns Read(string path)
    {
        using var reader = new Utf8LineReader(path);
        int[] at = reader.ReadHeader("frequency", "recency", "T");
        int width = Math.Max(at[0], Math.Max(at[1], at[2])) + 1;
        Span<Range> fields = stackalloc Range[width];
        var frequency = new List<int>();
        var recency = new List<double>();
        var age = new List<double>();
        while (reader.TryReadLine(out var line))
        {
            if (line.IsEmpty)
            {
                continue;
            }

            if (Utf8Csv.Split(line, fields) < width)
            {
                throw reader.Error("too few fields");
            }

            if (!Utf8Csv.TryParseInt(line[fields[at[0]]], out int x))
            {
                throw reader.Error("frequency is not a whole number");
            }

            if (!Utf8Csv.TryParseDouble(line[fields[at[1]]], out double tx) || !Utf8Csv.TryParseDouble(line[fields[at[2]]], out double t))
            {
                throw reader.Error("recency or T is not a number");
            }

            frequency.Add(x);
            recency.Add(tx);
            age.Add(t);
        }

        return new SummaryColumns([.. frequency], [.. recency], [.. age]);
    }
}

/// <summary>
/// Reads a transaction log CSV (<c>customer_id,date,amount</c>, columns found by name) into <see cref="Transaction"/>s.
/// </summary>
/// <remarks>
/// <para>Dates are read as pandas' <c>read_csv(parse_dates=["date"])</c> reads them: <c>yyyy-MM-dd HH:mm:ss</c> (or
/// <c>yyyy-MM-dd</c>) as a naive clock time, here a <see cref="DateTimeOffset"/> with offset zero, so the purchase day
/// is the date as written whatever the machine's time zone (the library takes periods from the clock date).
/// Other forms go through <see cref="DateTimeOffset.Parse(string, IFormatProvider, DateTimeStyles)"/> with the
/// invariant culture, assuming UTC.</para>
/// <para>Customer ids are kept as strings (the library's key), one string per distinct id: a small pool maps the
/// id's text to the string made the first time, as a CSV reader with string pooling does.</para>
/// <para><see cref="Read"/> returns the log in chunks of <see cref="ChunkSize"/> transactions, so that no array of the
/// whole log is grown and copied; the builder takes them one span at a time. <see cref="ReadAll"/> returns one array.</para>
/// </remarks>
internal static class TransactionLog
{
    /// <summary>Transactions per chunk.</summary>
    public const int ChunkSize = 1 << 16;

    /// <summary>Reads the whole log into one array of exactly its size (the file's lines are counted first, so the
    /// array is neither grown nor copied: the peak memory is the log's, as for a caller holding it).</summary>
    public static Transaction[] ReadAll(string path)
    {
        long lines = CountLines(path);
        var chunks = Read(path, (int)Math.Clamp(lines - 1, 1, Array.MaxLength));
        return chunks.Count == 1 ? chunks[0] : Concatenate(chunks);
    }

    /// <summary>Reads the whole log, in file order, in chunks of <paramref name="chunkSize"/> transactions.</summary>
    public static List<Transaction[]> Read(string path, int chunkSize = ChunkSize)
    {
        using var reader = new Utf8LineReader(path);
        int[] at = reader.ReadHeader("customer_id", "date", "amount");
        int width = Math.Max(at[0], Math.Max(at[1], at[2])) + 1;
        Span<Range> fields = stackalloc Range[width];
        Span<char> idChars = stackalloc char[128];
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        var poolLookup = pool.GetAlternateLookup<ReadOnlySpan<char>>();
        var chunks = new List<Transaction[]>();
        var chunk = new Transaction[chunkSize];
        int filled = 0;
        while (reader.TryReadLine(out var line))
        {
            if (line.IsEmpty)
            {
                continue;
            }

            if (Utf8Csv.Split(line, fields) < width)
            {
                throw reader.Error("too few fields");
            }

            var idBytes = line[fields[at[0]]];
            string id;
            if (idBytes.Length <= idChars.Length)
            {
                int n = Encoding.UTF8.GetChars(idBytes, idChars);
                var chars = idChars[..n];
                if (!poolLookup.TryGetValue(chars, out id!))
                {
                    id = new string(chars);
                    pool.Add(id, id);
                }
            }
            else
            {
                id = Encoding.UTF8.GetString(idBytes);
            }

            if (!TryParseTimestamp(line[fields[at[1]]], out var timestamp))
            {
                throw reader.Error("date is not a date");
            }

            if (!Utf8Csv.TryParseDouble(line[fields[at[2]]], out double amount))
            {
                throw reader.Error("amount is not a number");
            }

            if (filled == chunk.Length)
            {
                chunks.Add(chunk);
                chunk = new Transaction[chunkSize];
                filled = 0;
            }

            chunk[filled++] = new Transaction(id, timestamp, amount);
        }

        if (filled > 0)
        {
            Array.Resize(ref chunk, filled);
            chunks.Add(chunk);
        }

        return chunks;
    }

    /// <summary>The number of lines of a file (line ends, plus a last line without one).</summary>
    public static long CountLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        long lines = 0;
        byte last = (byte)'\n';
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            last = buffer[read - 1];
        }

        return last == (byte)'\n' ? lines : lines + 1;
    }

    /// <summary>Concatenates the chunks into one array.</summary>
    public static Transaction[] Concatenate(List<Transaction[]> chunks)
    {
        long total = 0;
        foreach (var c in chunks)
        {
            total += c.Length;
        }

        var all = new Transaction[checked((int)total)];
        int at = 0;
        foreach (var c in chunks)
        {
            c.CopyTo(all, at);
            at += c.Length;
        }

        return all;
    }

    private static bool TryParseTimestamp(ReadOnlySpan<byte> text, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if ((text.Length == 19 || text.Length == 10) && text[4] == (byte)'-' && text[7] == (byte)'-'
            && TryDigits(text[..4], out int year) && TryDigits(text.Slice(5, 2), out int month) && TryDigits(text.Slice(8, 2), out int day)
            && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            long ticks = new DateOnly(year, month, day).DayNumber * TimeSpan.TicksPerDay;
            if (text.Length == 10)
            {
                timestamp = new DateTimeOffset(ticks, TimeSpan.Zero);
                return true;
            }

            if ((text[10] == (byte)' ' || text[10] == (byte)'T') && text[13] == (byte)':' && text[16] == (byte)':'
                && TryDigits(text.Slice(11, 2), out int hour) && TryDigits(text.Slice(14, 2), out int minute)
                && TryDigits(text.Slice(17, 2), out int second) && hour < 24 && minute < 60 && second < 60)
            {
                ticks += (hour * TimeSpan.TicksPerHour) + (minute * TimeSpan.TicksPerMinute) + (second * TimeSpan.TicksPerSecond);
                timestamp = new DateTimeOffset(ticks, TimeSpan.Zero);
                return true;
            }
        }

        return DateTimeOffset.TryParse(Encoding.UTF8.GetString(text), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out timestamp);
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (byte b in text)
        {
            uint digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + (int)digit;
        }

        return true;
    }
}
