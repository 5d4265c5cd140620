namespace ValueSegmentation.Data;

/// <summary>How a <see cref="TransactionReader"/> maps and parses the rows of a source into transactions.</summary>
/// <remarks>Immutable once created (init-only properties) and thread-safe: one instance can serve any number of reads.</remarks>
public sealed class TransactionReadOptions : DataReadOptions
{
    /// <summary>The options every read takes when none are given.</summary>
    public static TransactionReadOptions Default { get; } = new();

    /// <summary>Which columns hold the fields. Default: found by the names common exports use.</summary>
    public TransactionColumns Columns { get; init; } = new();

    /// <summary>How text timestamps are written. Default: <see cref="TimestampFormat.Iso8601"/>.</summary>
    public TimestampFormat TimestampFormat { get; init; } = TimestampFormat.Iso8601;

    /// <summary>With <see cref="TimestampFormat.Exact"/>, the .NET date format string (for example <c>dd/MM/yyyy</c>).</summary>
    public string? DateFormat { get; init; }

    /// <summary>The time zone of timestamps written without a UTC offset (and the zone in which Unix times and UTC
    /// database values are given their clock date): their clock time is read in this zone. Default: UTC. A clock time
    /// the zone skips (a daylight-saving gap) is rejected; one it repeats takes the zone's standard offset.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Whether a negative amount (a refund) is rejected. Default: <see langword="false"/>: refunds are
    /// transactions, as the summaries count them (see the summaries guide).</summary>
    public bool RejectNegativeAmounts { get; init; }

    /// <inheritdoc />
    internal override void Validate()
    {
        base.Validate();
        ArgumentNullException.ThrowIfNull(Columns);
        ArgumentNullException.ThrowIfNull(TimeZone);
        if (!Enum.IsDefined(TimestampFormat))
        {
            throw new ArgumentOutOfRangeException(nameof(TimestampFormat), TimestampFormat, "Not a defined TimestampFormat.");
        }

        if (TimestampFormat == TimestampFormat.Exact && string.IsNullOrWhiteSpace(DateFormat))
        {
            throw new ArgumentException("TimestampFormat.Exact needs a DateFormat (for example \"dd/MM/yyyy\").", nameof(DateFormat));
        }
    }
}
