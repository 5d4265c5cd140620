namespace ValueSegmentation.Data;

/// <summary>How text timestamps are written in a source.</summary>
public enum TimestampFormat
{
    /// <summary>ISO 8601 (<c>2024-03-01</c>, <c>2024-03-01T14:30:00</c>, <c>2024-03-01 14:30:00.5+02:00</c>,
    /// <c>...Z</c>) or the compact date <c>20240301</c>. The default; anything else is rejected rather than guessed
    /// (<c>01/02/2024</c> could be either of two days).</summary>
    Iso8601,

    /// <summary>The .NET format string of <see cref="TransactionReadOptions.DateFormat"/> (for example
    /// <c>dd/MM/yyyy HH:mm</c>), in <see cref="DataReadOptions.Culture"/>.</summary>
    Exact,

    /// <summary>Seconds since 1970-01-01T00:00:00Z, an integer.</summary>
    UnixSeconds,

    /// <summary>Milliseconds since 1970-01-01T00:00:00Z, an integer.</summary>
    UnixMilliseconds,
}
