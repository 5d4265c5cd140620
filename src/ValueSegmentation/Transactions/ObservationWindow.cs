namespace ValueSegmentation.Transactions;

/// <summary>
/// The window over which customers are summarised: where it ends, how time is measured, which
/// transactions count as one purchase, and an optional calibration/holdout split.
/// </summary>
/// <remarks>
/// <para>Each customer's history starts at their first purchase; the window fixes only its end. With a
/// <see cref="CalibrationEnd"/>, the summary's recency and age are measured to the calibration end and
/// purchases after it (up to <see cref="End"/>) are counted as holdout purchases, the split used to
/// validate forecasts.</para>
/// <para>Both ends are inclusive at the resolution of <see cref="ValueSegmentation.PurchasePeriod"/>: with daily periods a
/// window ending 1997-09-30 includes every purchase made that day. Ages are measured from the start of the
/// first purchase period to the start of the period holding the end, so a customer whose first purchase
/// was on 1997-01-01 has age 272 days = 38.86 weeks at 1997-09-30, as in the CDNOW summaries.</para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class ObservationWindow : IEquatable<ObservationWindow>
{
    /// <summary>Creates an observation window.</summary>
    /// <param name="end">The end of observation: transactions in a later purchase period are rejected.</param>
    /// <param name="timeUnit">The unit in which recency, age and holdout length are measured.</param>
    /// <param name="purchasePeriod">The period within which a customer's transactions count as one purchase.</param>
    /// <param name="calibrationEnd">Optional end of the calibration period; it must fall in an earlier
    /// purchase period than <paramref name="end"/>. Purchases after it are holdout purchases.</param>
    /// <exception cref="ArgumentOutOfRangeException">An enum argument is not a defined value, or
    /// <paramref name="calibrationEnd"/> is not in an earlier purchase period than <paramref name="end"/>.</exception>
    public ObservationWindow(
        DateTimeOffset end,
        TimeUnit timeUnit = TimeUnit.Days,
        PurchasePeriod purchasePeriod = PurchasePeriod.Day,
        DateTimeOffset? calibrationEnd = null)
    {
        TimeUnit = Guard.Defined(timeUnit);
        PurchasePeriod = Guard.Defined(purchasePeriod);
        End = end;
        EndPeriod = PeriodCalendar.Index(end, purchasePeriod);
        CalibrationEnd = calibrationEnd;
        CalibrationEndPeriod = EndPeriod;
        if (calibrationEnd is { } calibration)
        {
            CalibrationEndPeriod = PeriodCalendar.Index(calibration, purchasePeriod);
            if (CalibrationEndPeriod >= EndPeriod)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(calibrationEnd),
                    calibration,
                    $"The calibration end must fall in an earlier {purchasePeriod.ToString().ToLowerInvariant()} than the window's end ({end:O}).");
            }
        }

        CalibrationEndStartDay = PeriodCalendar.StartDay(CalibrationEndPeriod, purchasePeriod);
        HoldoutLength = TimeUnit.FromDays(PeriodCalendar.StartDay(EndPeriod, purchasePeriod) - CalibrationEndStartDay);
    }

    /// <summary>The end of observation (inclusive, at purchase-period resolution).</summary>
    public DateTimeOffset End { get; }

    /// <summary>The first day of the purchase period that holds <see cref="End"/> (clock date): a purchase belongs to the
    /// window when its period starts on or before it.</summary>
    public DateOnly EndPeriodStart => PeriodCalendar.StartDate(EndPeriod, PurchasePeriod);

    /// <summary>The first day of the purchase period that holds <see cref="CalibrationEnd"/> (of <see cref="End"/>'s without
    /// a holdout): purchases of periods starting after it are holdout purchases, and ages T are counted to it.</summary>
    public DateOnly CalibrationEndPeriodStart => PeriodCalendar.StartDate(CalibrationEndPeriod, PurchasePeriod);

    /// <summary>The end of the calibration period, or <see langword="null"/> when the whole window is calibration.</summary>
    public DateTimeOffset? CalibrationEnd { get; }

    /// <summary>The unit of recency, age and <see cref="HoldoutLength"/>.</summary>
    public TimeUnit TimeUnit { get; }

    /// <summary>The period within which a customer's transactions count as one purchase.</summary>
    public PurchasePeriod PurchasePeriod { get; }

    /// <summary>Whether the window is split into calibration and holdout periods.</summary>
    public bool HasHoldout => CalibrationEnd.HasValue;

    /// <summary>The length of the holdout period in <see cref="TimeUnit"/> (0 without a holdout).</summary>
    public double HoldoutLength { get; }

    /// <summary>The index of the purchase period holding <see cref="End"/>.</summary>
    internal long EndPeriod { get; }

    /// <summary>The index of the last calibration purchase period (equal to <see cref="EndPeriod"/> without a holdout).</summary>
    internal long CalibrationEndPeriod { get; }

    /// <summary>The first day (days since 0001-01-01) of the last calibration period: where ages are measured to.</summary>
    internal long CalibrationEndStartDay { get; }

    /// <summary>The purchase period of a timestamp.</summary>
    internal long PeriodOf(DateTimeOffset timestamp) => PeriodCalendar.Index(timestamp, PurchasePeriod);

    /// <summary>The first day (days since 0001-01-01) of a purchase period.</summary>
    internal long StartDayOf(long period) => PeriodCalendar.StartDay(period, PurchasePeriod);

    /// <inheritdoc />
    public bool Equals(ObservationWindow? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (EndPeriod == other.EndPeriod
                && CalibrationEndPeriod == other.CalibrationEndPeriod
                && HasHoldout == other.HasHoldout
                && TimeUnit == other.TimeUnit
                && PurchasePeriod == other.PurchasePeriod));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ObservationWindow);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(EndPeriod, CalibrationEndPeriod, HasHoldout, TimeUnit, PurchasePeriod);

    /// <inheritdoc />
    public override string ToString() => CalibrationEnd is { } calibration
        ? FormattableString.Invariant($"calibration to {PeriodCalendar.StartDate(CalibrationEndPeriod, PurchasePeriod):yyyy-MM-dd}, holdout to {PeriodCalendar.StartDate(EndPeriod, PurchasePeriod):yyyy-MM-dd}, in {TimeUnit}, purchases per {PurchasePeriod}")
        : FormattableString.Invariant($"to {PeriodCalendar.StartDate(EndPeriod, PurchasePeriod):yyyy-MM-dd}, in {TimeUnit}, purchases per {PurchasePeriod}");
}
