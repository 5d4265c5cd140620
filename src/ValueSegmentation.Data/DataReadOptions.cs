using System.Globalization;

namespace ValueSegmentation.Data;

/// <summary>What every reader of the package shares: the culture of numbers, and the policy for bad rows.</summary>
/// <remarks>Immutable once created (init-only properties) and thread-safe.</remarks>
public abstract class DataReadOptions
{
    /// <summary>The culture of numbers and of <see cref="TimestampFormat.Exact"/> dates written as text: its decimal
    /// separator and signs. Thousands separators are not accepted in any culture ("12,50" would otherwise read as
    /// 1250 where a comma is the decimal separator elsewhere). Default: the invariant culture (a dot, as CSV exports
    /// and databases write).</summary>
    public CultureInfo Culture { get; init; } = CultureInfo.InvariantCulture;

    /// <summary>What to do with a row that cannot be used. Default: <see cref="BadRowPolicy.FailFast"/>.</summary>
    public BadRowPolicy BadRows { get; init; } = BadRowPolicy.FailFast;

    /// <summary>With <see cref="BadRowPolicy.Collect"/>, the most rows rejected before the read fails: a file that is
    /// mostly wrong (the wrong delimiter, the wrong columns) stops early instead of producing a report of every row.
    /// Default: 1,000.</summary>
    public int MaxRejects { get; init; } = 1_000;

    /// <summary>The limits of the read's data-quality profile (<see cref="DataQualityProfile"/>). Default:
    /// <see cref="DataQualityRules.Default"/>.</summary>
    public DataQualityRules Quality { get; init; } = DataQualityRules.Default;

    /// <summary>When set, every customer id is replaced by its keyed pseudonym as it is read, so the summaries, the
    /// profile's examples and anything written from them carry no raw ids (rows with the same id still make one
    /// customer). Default: <see langword="null"/>, ids as read.</summary>
    public CustomerIdPseudonymizer? Pseudonymizer { get; init; }

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentNullException"><see cref="Culture"/> or <see cref="Quality"/> is null.</exception>
    internal virtual void Validate()
    {
        ArgumentNullException.ThrowIfNull(Culture);
        ArgumentNullException.ThrowIfNull(Quality);
        Quality.Validate();
        if (!Enum.IsDefined(BadRows))
        {
            throw new ArgumentOutOfRangeException(nameof(BadRows), BadRows, "Not a defined BadRowPolicy.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(MaxRejects);
    }
}
