using System.Globalization;

namespace ValueSegmentation.Data.Internal;

/// <summary>Turns a timestamp field — text in the options' <see cref="TimestampFormat"/>, or a database's typed value —
/// into a <see cref="DateTimeOffset"/> whose clock date decides its purchase period.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
internal sealed class TimestampParser(TransactionReadOptions options)
{
    private const long MinUnixSeconds = -62_135_596_800; // 0001-01-01T00:00:00Z
    private const long MaxUnixSeconds = 253_402_300_799; // 9999-12-31T23:59:59Z

    private readonly TimestampFormat _format = options.TimestampFormat;
    private readonly string? _dateFormat = options.DateFormat;
    private readonly bool _exactHasOffset = options.DateFormat is { } f && (f.Contains('z', StringComparison.Ordinal) || f.Contains('K', StringComparison.Ordinal));
    private readonly CultureInfo _culture = options.Culture;
    private readonly TimeZoneInfo _zone = options.TimeZone;

    /// <summary>Parses text; on failure <paramref name="problem"/> says why.</summary>
    public bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset timestamp, out string? problem)
    {
        text = text.Trim();
        timestamp = default;
        if (text.IsEmpty)
        {
            problem = "The timestamp is empty.";
            return false;
        }

        switch (_format)
        {
            case TimestampFormat.UnixSeconds:
            case TimestampFormat.UnixMilliseconds:
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long count))
                {
                    problem = $"Not a whole number of {(_format == TimestampFormat.UnixSeconds ? "seconds" : "milliseconds")} since 1970 (TimestampFormat.{_format}).";
                    return false;
                }

                return TryFromUnix(count, out timestamp, out problem);

            case TimestampFormat.Exact:
                if (!DateTimeOffset.TryParseExact(text, _dateFormat, _culture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var exact))
                {
                    problem = $"Not a date in the format \"{_dateFormat}\".";
                    return false;
                }

                return _exactHasOffset ? Ok(exact, out timestamp, out problem) : TryInZone(exact.DateTime, out timestamp, out problem);

            default:
                return TryParseIso(text, out timestamp, out problem);
        }
    }

    /// <summary>Parses a database's typed value (already known not to be null).</summary>
    public bool TryConvert(object value, out DateTimeOffset timestamp, out string? problem)
    {
        switch (value)
        {
            case DateTimeOffset offset:
                return Ok(offset, out timestamp, out problem);
            case DateTime dateTime when dateTime.Kind == DateTimeKind.Utc:
                return Ok(TimeZoneInfo.ConvertTime(new DateTimeOffset(dateTime), _zone), out timestamp, out problem);
            case DateTime dateTime:
                return TryInZone(dateTime, out timestamp, out problem);
            case DateOnly date:
                return TryInZone(date.ToDateTime(TimeOnly.MinValue), out timestamp, out problem);
            case string text:
                return TryParse(text, out timestamp, out problem);
            case long or int or short when _format is TimestampFormat.UnixSeconds or TimestampFormat.UnixMilliseconds:
                return TryFromUnix(Convert.ToInt64(value, CultureInfo.InvariantCulture), out timestamp, out problem);
            default:
                timestamp = default;
                problem = $"A {value.GetType().Name} where a timestamp was expected (a date, a date and time, text, or with TimestampFormat.UnixSeconds or UnixMilliseconds an integer).";
                return false;
        }
    }

    private static bool Ok(DateTimeOffset value, out DateTimeOffset timestamp, out string? problem)
    {
        timestamp = value;
        problem = null;
        return true;
    }

    /// <summary>ISO 8601 or yyyyMMdd only: a date must start with four digits, a hyphen, two digits, a hyphen and two
    /// digits (or be eight digits), so that day-month and month-day orders are never guessed.</summary>
    private bool TryParseIso(ReadOnlySpan<char> text, out DateTimeOffset timestamp, out string? problem)
    {
        timestamp = default;
        if (text.Length == 8 && IsDigits(text))
        {
            if (DateTime.TryParseExact(text, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var compact))
            {
                return TryInZone(compact, out timestamp, out problem);
            }

            problem = "Not a valid date (yyyyMMdd).";
            return false;
        }

        if (text.Length < 10 || !IsDigits(text[..4]) || text[4] != '-' || !IsDigits(text[5..7]) || text[7] != '-' || !IsDigits(text[8..10]))
        {
            problem = "Not an ISO 8601 date (yyyy-MM-dd, optionally with a time and a UTC offset) nor yyyyMMdd; for another layout set TimestampFormat.Exact and DateFormat.";
            return false;
        }

        if (TryParseCommonIso(text, out var clock, out var offset))
        {
            return offset is { } given ? Ok(new DateTimeOffset(clock, given), out timestamp, out problem) : TryInZone(clock, out timestamp, out problem);
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            problem = "Not a valid ISO 8601 date and time (or out of range).";
            return false;
        }

        var rest = text[10..];
        bool hasOffset = rest.IndexOfAny('Z', 'z') >= 0 || rest.IndexOfAny('+', '-') >= 0;
        return hasOffset ? Ok(parsed, out timestamp, out problem) : TryInZone(parsed.DateTime, out timestamp, out problem);
    }

    /// <summary>The shapes exports write most — <c>yyyy-MM-dd</c>, then optionally <c>T</c> or a space and
    /// <c>HH:mm:ss</c>, a fraction of up to 7 digits, and <c>Z</c> or <c>±HH:mm</c> — read without the general parser
    /// (about ten times faster). Anything else, valid or not, is left to <see cref="DateTimeOffset.TryParse(ReadOnlySpan{char}, IFormatProvider?, DateTimeStyles, out DateTimeOffset)"/>.</summary>
    /// <returns>False when the text is not one of these shapes or not a valid date and time.</returns>
    private static bool TryParseCommonIso(ReadOnlySpan<char> text, out DateTime clock, out TimeSpan? offset)
    {
        clock = default;
        offset = null;
        int year = Digits(text, 0, 4), month = Digits(text, 5, 2), day = Digits(text, 8, 2);
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        long ticks = new DateTime(year, month, day).Ticks;
        int at = 10;
        if (text.Length > at)
        {
            if (text.Length < 19 || text[10] is not ('T' or ' ') || text[13] != ':' || text[16] != ':')
            {
                return false;
            }

            int hour = Digits(text, 11, 2), minute = Digits(text, 14, 2), second = Digits(text, 17, 2);
            if (hour is < 0 or > 23 || minute is < 0 or > 59 || second is < 0 or > 59)
            {
                return false;
            }

            ticks += (hour * TimeSpan.TicksPerHour) + (minute * TimeSpan.TicksPerMinute) + (second * TimeSpan.TicksPerSecond);
            at = 19;
            if (at < text.Length && text[at] == '.')
            {
                long fraction = 0, scale = TimeSpan.TicksPerSecond;
                at++;
                int start = at;
                while (at < text.Length && char.IsAsciiDigit(text[at]) && at - start < 7)
                {
                    scale /= 10;
                    fraction += (text[at] - '0') * scale;
                    at++;
                }

                if (at == start || (at < text.Length && char.IsAsciiDigit(text[at])))
                {
                    return false; // no digit, or more than seven
                }

                ticks += fraction;
            }

            if (at < text.Length)
            {
                if (text[at] is 'Z' or 'z' && at + 1 == text.Length)
                {
                    offset = TimeSpan.Zero;
                }
                else if (text[at] is '+' or '-' && at + 6 == text.Length && text[at + 3] == ':')
                {
                    int hours = Digits(text, at + 1, 2), minutes = Digits(text, at + 4, 2);
                    if (hours is < 0 or > 14 || minutes is < 0 or > 59 || (hours == 14 && minutes > 0))
                    {
                        return false;
                    }

                    offset = TimeSpan.FromMinutes((text[at] == '-' ? -1 : 1) * ((hours * 60) + minutes));
                }
                else
                {
                    return false;
                }

                long utc = ticks - offset.Value.Ticks;
                if (utc < DateTime.MinValue.Ticks || utc > DateTime.MaxValue.Ticks)
                {
                    return false; // out of range: the general parser says so
                }
            }
        }

        clock = new DateTime(ticks, DateTimeKind.Unspecified);
        return true;
    }

    /// <summary>The number written by <paramref name="count"/> ASCII digits at <paramref name="start"/>, or −1.</summary>
    private static int Digits(ReadOnlySpan<char> text, int start, int count)
    {
        if (start + count > text.Length)
        {
            return -1;
        }

        int value = 0;
        foreach (char c in text.Slice(start, count))
        {
            if (!char.IsAsciiDigit(c))
            {
                return -1;
            }

            value = (value * 10) + (c - '0');
        }

        return value;
    }

    private bool TryFromUnix(long count, out DateTimeOffset timestamp, out string? problem)
    {
        long seconds = _format == TimestampFormat.UnixMilliseconds ? count / 1000 : count;
        if (seconds < MinUnixSeconds || seconds > MaxUnixSeconds)
        {
            timestamp = default;
            problem = "Out of range: before year 1 or after year 9999.";
            return false;
        }

        var instant = _format == TimestampFormat.UnixMilliseconds ? DateTimeOffset.FromUnixTimeMilliseconds(count) : DateTimeOffset.FromUnixTimeSeconds(count);
        try
        {
            return Ok(TimeZoneInfo.ConvertTime(instant, _zone), out timestamp, out problem);
        }
        catch (ArgumentOutOfRangeException)
        {
            timestamp = default;
            problem = $"Out of range in the time zone {_zone.Id}.";
            return false;
        }
    }

    /// <summary>A clock time in the options' zone.</summary>
    private bool TryInZone(DateTime clock, out DateTimeOffset timestamp, out string? problem)
    {
        clock = DateTime.SpecifyKind(clock, DateTimeKind.Unspecified);
        timestamp = default;
        if (_zone != TimeZoneInfo.Utc && _zone.IsInvalidTime(clock))
        {
            problem = $"The clock time does not exist in the time zone {_zone.Id} (a daylight-saving gap).";
            return false;
        }

        try
        {
            return Ok(new DateTimeOffset(clock, _zone == TimeZoneInfo.Utc ? TimeSpan.Zero : _zone.GetUtcOffset(clock)), out timestamp, out problem);
        }
        catch (ArgumentOutOfRangeException)
        {
            problem = $"Out of range in the time zone {_zone.Id}.";
            return false;
        }
    }

    private static bool IsDigits(ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange('0', '9');
}
