namespace ValueSegmentation;

/// <summary>Conversions between <see cref="TimeUnit"/>s, days and <see cref="TimeSpan"/>s.</summary>
/// <remarks>All members are pure functions and safe to call from any thread.</remarks>
public static class TimeUnitExtensions
{
    /// <summary>Days in a year as used by <see cref="TimeUnit.Years"/>, <see cref="TimeUnit.Quarters"/> and <see cref="TimeUnit.Months"/>.</summary>
    public const double DaysPerYear = 365.25;

    /// <summary>The length of one <paramref name="unit"/> in days.</summary>
    /// <param name="unit">The unit.</param>
    /// <returns>1, 7, 30.4375, 91.3125 or 365.25.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not a defined value.</exception>
    public static double Days(this TimeUnit unit) => unit switch
    {
        TimeUnit.Days => 1.0,
        TimeUnit.Weeks => 7.0,
        TimeUnit.Months => DaysPerYear / 12.0,
        TimeUnit.Quarters => DaysPerYear / 4.0,
        TimeUnit.Years => DaysPerYear,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Not a defined TimeUnit."),
    };

    /// <summary>Converts a number of days into this unit.</summary>
    /// <param name="unit">The target unit.</param>
    /// <param name="days">A duration in days.</param>
    /// <returns><paramref name="days"/> divided by the length of <paramref name="unit"/> in days.</returns>
    public static double FromDays(this TimeUnit unit, double days) => days / unit.Days();

    /// <summary>Converts an amount of this unit into days.</summary>
    /// <param name="unit">The unit <paramref name="amount"/> is in.</param>
    /// <param name="amount">A duration in <paramref name="unit"/>.</param>
    /// <returns>The duration in days.</returns>
    public static double ToDays(this TimeUnit unit, double amount) => amount * unit.Days();

    /// <summary>Converts a duration from this unit into <paramref name="target"/>.</summary>
    /// <param name="unit">The unit <paramref name="amount"/> is in.</param>
    /// <param name="amount">The duration.</param>
    /// <param name="target">The unit to express it in.</param>
    /// <returns>The same duration in <paramref name="target"/> units; for example 12 months is 1 year.</returns>
    public static double ConvertTo(this TimeUnit unit, double amount, TimeUnit target) =>
        unit == target ? amount : amount * unit.Days() / target.Days();

    /// <summary>Expresses a <see cref="TimeSpan"/> in this unit.</summary>
    /// <param name="unit">The unit.</param>
    /// <param name="duration">The duration.</param>
    /// <returns>The duration in <paramref name="unit"/>, for example 14 days is 2 weeks.</returns>
    public static double From(this TimeUnit unit, TimeSpan duration) =>
        unit.FromDays(duration.Ticks / (double)TimeSpan.TicksPerDay);
}
