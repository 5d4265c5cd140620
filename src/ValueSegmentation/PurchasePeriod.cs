namespace ValueSegmentation;

/// <summary>
/// The calendar period within which a customer's transactions count as one purchase. The literature's
/// convention (and the published CDNOW summaries) merge purchases made on the same day.
/// </summary>
/// <remarks>
/// Periods are read from the timestamp's own clock date, that is <see cref="DateTimeOffset.DateTime"/> with
/// the offset the timestamp was recorded in, so a purchase at 23:30+02:00 belongs to that local day whatever
/// the machine's time zone. Times (recency, age) are measured between the starts of purchase periods.
/// </remarks>
public enum PurchasePeriod
{
    /// <summary>A calendar day (the default): several transactions on one day are one purchase.</summary>
    Day = 0,

    /// <summary>An ISO week, Monday to Sunday.</summary>
    Week = 1,

    /// <summary>A calendar month.</summary>
    Month = 2,
}
