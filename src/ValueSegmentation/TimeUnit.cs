namespace ValueSegmentation;

/// <summary>
/// A unit in which durations are measured: recency, customer age <c>T</c>, horizons and the periods that
/// rates apply to. Every duration the library returns is in the <see cref="TimeUnit"/> it was asked for,
/// so "T = 38.86 weeks" is never ambiguous.
/// </summary>
/// <remarks>
/// Months and quarters are average calendar lengths (365.25 / 12 and 365.25 / 4 days), and a year is
/// 365.25 days, so that 12 months are exactly one year. See <see cref="TimeUnitExtensions.Days(TimeUnit)"/>.
/// </remarks>
public enum TimeUnit
{
    /// <summary>One day: 24 hours.</summary>
    Days = 0,

    /// <summary>One week: 7 days.</summary>
    Weeks = 1,

    /// <summary>One average month: 365.25 / 12 = 30.4375 days.</summary>
    Months = 2,

    /// <summary>One average quarter: 365.25 / 4 = 91.3125 days.</summary>
    Quarters = 3,

    /// <summary>One average year: 365.25 days.</summary>
    Years = 4,
}
