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

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentNullException"><see cref="Culture"/> is null.</exception>
    internal virtual void Validate()
    {
        ArgumentNullException.ThrowIfNull(Culture);
        if (!Enum.IsDefined(BadRows))
        {
            throw new ArgumentOutOfRangeException(nameof(BadRows), BadRows, "Not a defined BadRowPolicy.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(MaxRejects);
    }
}
