namespace ValueSegmentation.Transactions;

/// <summary>Maps timestamps to purchase-period indexes and period starts (in days since 0001-01-01).</summary>
internal static class PeriodCalendar
{
    /// <summary>The index of the period holding <paramref name="timestamp"/>'s clock date.</summary>
    public static long Index(DateTimeOffset timestamp, PurchasePeriod period) => Index(timestamp.Ticks, period); // clock ticks: the date as recorded

    /// <summary>The index of the period holding the clock time <paramref name="clockTicks"/> (ticks since 0001-01-01 on
    /// the timestamp's own clock, <see cref="DateTimeOffset.Ticks"/>).</summary>
    public static long Index(long clockTicks, PurchasePeriod period)
    {
        long day = clockTicks / TimeSpan.TicksPerDay;
        return period switch
        {
            PurchasePeriod.Day => day,
            PurchasePeriod.Week => day / 7, // day 0 (0001-01-01) is a Monday
            _ => MonthIndex(new DateTime(clockTicks, DateTimeKind.Unspecified)),
        };
    }

    /// <summary>The first day of period <paramref name="index"/>, in days since 0001-01-01.</summary>
    public static long StartDay(long index, PurchasePeriod period) => period switch
    {
        PurchasePeriod.Day => index,
        PurchasePeriod.Week => index * 7,
        _ => new DateOnly((int)(index / 12) + 1, (int)(index % 12) + 1, 1).DayNumber,
    };

    /// <summary>The calendar date on which period <paramref name="index"/> starts.</summary>
    public static DateOnly StartDate(long index, PurchasePeriod period) =>
        DateOnly.FromDayNumber(checked((int)StartDay(index, period)));

    private static long MonthIndex(DateTime clock) => ((clock.Year - 1) * 12L) + clock.Month - 1;
}
