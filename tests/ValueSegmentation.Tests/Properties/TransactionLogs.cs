using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Tests.Properties;

/// <summary>
/// One generated transaction, kept as small integers so that counterexamples print and shrink readably.
/// </summary>
/// <remarks>
/// Amounts and costs are whole numbers of quarters (multiples of 0.25) and small: every sum of them is
/// exactly representable as a <see cref="double"/>, whatever the order of addition, so summaries built in
/// different ways can be compared with exact equality (<see cref="CustomerSummary.Equals(CustomerSummary)"/>)
/// and a failure is never rounding noise.
/// </remarks>
/// <param name="Customer">Index of the customer ("c0", "c1", ...).</param>
/// <param name="Day">Day of the log, counted from the log's origin.</param>
/// <param name="Minute">Minute of that day on the log's clock.</param>
/// <param name="Quarters">Amount in quarters; negative for a refund.</param>
/// <param name="CostQuarters">Cost of goods in quarters, or null when not recorded.</param>
/// <param name="PartSalt">Random number that picks the part of a split this transaction goes to.</param>
/// <param name="ShuffleSalt">Random number that places this transaction in a shuffled log.</param>
public sealed record LogEntry(int Customer, int Day, int Minute, int Quarters, int? CostQuarters, int PartSalt, int ShuffleSalt)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"c{Customer} day {Day} {Minute / 60:00}:{Minute % 60:00} {Quarters / 4.0}{(CostQuarters is { } c ? $" (cost {c / 4.0})" : string.Empty)} [part salt {PartSalt}, shuffle salt {ShuffleSalt}]");
}

/// <summary>
/// A small generated transaction log on a fixed clock offset, with its observation window (optionally with a
/// calibration end, so that holdout purchases occur) and, for splitting, cut days and merge-order salts.
/// </summary>
public sealed class TransactionLog
{
    public TransactionLog(
        DateTime origin,
        int offsetMinutes,
        PurchasePeriod period,
        TimeUnit unit,
        int endDay,
        int? calibrationEndDay,
        IReadOnlyList<LogEntry> entries,
        IReadOnlyList<int> cuts,
        IReadOnlyList<int> mergeSalts)
    {
        Origin = origin;
        OffsetMinutes = offsetMinutes;
        Period = period;
        Unit = unit;
        EndDay = endDay;
        CalibrationEndDay = calibrationEndDay;
        Entries = entries;
        Cuts = cuts;
        MergeSalts = mergeSalts;
        Window = new ObservationWindow(At(endDay, 23 * 60), unit, period, calibrationEndDay is { } c ? At(c, 12 * 60) : null);
        Transactions = [.. entries.Select(ToTransaction)];
    }

    /// <summary>Day 0 of the log (a clock date).</summary>
    public DateTime Origin { get; }

    /// <summary>The UTC offset every timestamp of the log is recorded in.</summary>
    public int OffsetMinutes { get; }

    public PurchasePeriod Period { get; }

    public TimeUnit Unit { get; }

    /// <summary>Day of the window's end; no transaction is later.</summary>
    public int EndDay { get; }

    /// <summary>Day of the calibration end, or null without a holdout.</summary>
    public int? CalibrationEndDay { get; }

    /// <summary>The transactions as generated, in random order.</summary>
    public IReadOnlyList<LogEntry> Entries { get; }

    /// <summary>Non-decreasing cut days: part p holds days in [Cuts[p − 1], Cuts[p]] (unbounded at the ends).</summary>
    public IReadOnlyList<int> Cuts { get; }

    /// <summary>Random numbers that decide which parts are merged in which order.</summary>
    public IReadOnlyList<int> MergeSalts { get; }

    public ObservationWindow Window { get; }

    /// <summary>The transactions in generated (random) order.</summary>
    public IReadOnlyList<Transaction> Transactions { get; }

    public int PartCount => Cuts.Count + 1;

    public DateTimeOffset At(int day, int minute) =>
        new(Origin.AddDays(day).AddMinutes(minute), TimeSpan.FromMinutes(OffsetMinutes));

    public Transaction ToTransaction(LogEntry entry) => new(
        "c" + entry.Customer.ToString(CultureInfo.InvariantCulture),
        At(entry.Day, entry.Minute),
        entry.Quarters / 4.0,
        entry.CostQuarters / 4.0);

    /// <summary>The whole log sorted by time (a stable sort, so equal timestamps keep their order).</summary>
    public IReadOnlyList<Transaction> Chronological() => SortByTime(Transactions);

    /// <summary>The whole log in a random order given by the shuffle salts.</summary>
    public IReadOnlyList<Transaction> Shuffled() =>
        [.. Entries.Select((e, i) => (e, i)).OrderBy(p => p.e.ShuffleSalt).ThenBy(p => p.i).Select(p => ToTransaction(p.e))];

    /// <summary>
    /// The log split into <see cref="PartCount"/> date-contiguous parts, each sorted by time. A transaction on a
    /// cut day may go to either part the cut separates (its part salt decides), so a boundary day can appear in
    /// two adjacent parts.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<Transaction>> DateParts()
    {
        var parts = Enumerable.Range(0, PartCount).Select(_ => new List<Transaction>()).ToArray();
        foreach (var entry in Entries)
        {
            parts[PartOf(entry)].Add(ToTransaction(entry));
        }

        return [.. parts.Select(SortByTime)];
    }

    /// <summary>The part of a date split that <paramref name="entry"/> belongs to.</summary>
    public int PartOf(LogEntry entry)
    {
        var (low, high) = EligibleParts(Cuts, entry.Day);
        return low + (entry.PartSalt % (high - low + 1));
    }

    /// <summary>The contiguous range of parts whose day range holds <paramref name="day"/>.</summary>
    public static (int Low, int High) EligibleParts(IReadOnlyList<int> cuts, int day)
    {
        int low = 0;
        while (low < cuts.Count && cuts[low] < day)
        {
            low++;
        }

        int high = low;
        while (high < cuts.Count && cuts[high] == day)
        {
            high++;
        }

        return (low, high);
    }

    /// <summary>The log partitioned at random (by part salt, ignoring dates) into parts in shuffled order.</summary>
    public IReadOnlyList<IReadOnlyList<Transaction>> RandomParts()
    {
        var parts = Enumerable.Range(0, PartCount).Select(_ => new List<Transaction>()).ToArray();
        foreach (var (entry, _) in Entries.Select((e, i) => (e, i)).OrderBy(p => p.e.ShuffleSalt).ThenBy(p => p.i))
        {
            parts[entry.PartSalt % PartCount].Add(ToTransaction(entry));
        }

        return parts;
    }

    /// <summary>The same log with a window that has no calibration end (every transaction is calibration).</summary>
    public TransactionLog WithoutHoldout() =>
        new(Origin, OffsetMinutes, Period, Unit, EndDay, null, Entries, Cuts, MergeSalts);

    public TransactionLog WithEntries(IReadOnlyList<LogEntry> entries) =>
        new(Origin, OffsetMinutes, Period, Unit, EndDay, CalibrationEndDay, entries, Cuts, MergeSalts);

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"log from {Origin:yyyy-MM-dd} (offset {OffsetMinutes} min), purchase period {Period}, unit {Unit}, ");
        text.Append(CultureInfo.InvariantCulture, $"end day {EndDay}, calibration end day {(CalibrationEndDay is { } c ? c.ToString(CultureInfo.InvariantCulture) : "none")}, ");
        text.Append(CultureInfo.InvariantCulture, $"window [{Window}], cuts [{string.Join(", ", Cuts)}], merge salts [{string.Join(", ", MergeSalts)}], {Entries.Count} transactions:");
        foreach (var entry in Entries)
        {
            text.Append("\n  ").Append(entry);
        }

        return text.ToString();
    }

    private static List<Transaction> SortByTime(IEnumerable<Transaction> transactions) =>
        [.. transactions.OrderBy(t => t.Timestamp.UtcTicks)];
}

/// <summary>Generators of <see cref="TransactionLog"/>s; sizes are kept small so properties run fast.</summary>
public static class TransactionLogGenerators
{
    public const int MaxCustomers = 5;
    public const int MaxDays = 40;
    public const int MaxTransactions = 60;

    private static readonly int[] Offsets = [0, 120, -300, 330, 840, -720];

    /// <summary>
    /// A log of up to <see cref="MaxTransactions"/> transactions of up to <see cref="MaxCustomers"/> customers
    /// on up to <see cref="MaxDays"/> days (several transactions a day are common), amounts from −5 to 100 in
    /// quarters, about half of them with a cost, a window with a calibration end two times in three, and up to
    /// four cut days.
    /// </summary>
    public static Gen<TransactionLog> Log() =>
        from shape in Shape()
        from customers in Gen.Choose(1, MaxCustomers)
        from count in Gen.Choose(1, MaxTransactions)
        from entries in Gen.ArrayOf(Entry(customers, 0, shape.Days - 1), count)
        from cuts in Gen.ArrayOf(Gen.Choose(0, shape.Days - 1), 4).SelectMany(all => Gen.Choose(0, 4).Select(k => all.Take(k).Order().ToArray()))
        from salts in Gen.ArrayOf(Gen.Choose(0, 1_000_000), 4)
        select shape.Create(entries, cuts, salts);

    /// <summary>
    /// One customer's log cut into exactly three date-contiguous parts, each holding at least one calibration
    /// transaction (so each part has a summary); with a holdout, the calibration end is on or after the second
    /// cut, so the last part may also hold holdout purchases.
    /// </summary>
    public static Gen<TransactionLog> ThreePartCustomerLog() =>
        from frame in Shape()
        from cut1 in Gen.Choose(0, frame.Days - 1)
        from cut2 in Gen.Choose(cut1, frame.Days - 1)
        from calibrationDay in Gen.Choose(cut2, frame.EndDay)
        let shape = frame.CalibrationEndDay is null ? frame : MakeShape(frame.Origin, frame.Offset, frame.Period, frame.Unit, frame.Days, frame.EndDay, calibrationDay)
        from a in PartEntries(0, cut1)
        from b in PartEntries(cut1, cut2)
        from c in PartEntries(cut2, shape.Days - 1)
        from salts in Gen.ArrayOf(Gen.Choose(0, 1_000_000), 4)
        let cuts = new[] { cut1, cut2 }
        select shape.Create(
            [.. a.Select(e => Pin(e, 0, cuts)), .. b.Select(e => Pin(e, 1, cuts)), .. c.Select(e => Pin(e, 2, cuts))],
            cuts,
            salts);

    /// <summary>Shrinks a log by dropping one transaction at a time, keeping only candidates that <paramref name="keep"/> accepts.</summary>
    public static IEnumerable<TransactionLog> ShrinkEntries(TransactionLog log, Func<TransactionLog, bool>? keep = null)
    {
        for (int i = 0; log.Entries.Count > 1 && i < log.Entries.Count; i++)
        {
            var candidate = log.WithEntries([.. log.Entries.Take(i), .. log.Entries.Skip(i + 1)]);
            if (keep is null || keep(candidate))
            {
                yield return candidate;
            }
        }
    }

    /// <summary>Whether each of the three parts has a calibration transaction.</summary>
    public static bool EveryPartHasCalibration(TransactionLog log) =>
        Enumerable.Range(0, log.PartCount).All(p => log.Entries.Any(e => log.PartOf(e) == p && (log.CalibrationEndDay is not { } c || IsCalibration(log, e.Day, c))));

    private static bool IsCalibration(TransactionLog log, int day, int calibrationEndDay) =>
        ReferenceCalendar.PeriodKey(log.At(day, 0), log.Period) <= ReferenceCalendar.PeriodKey(log.At(calibrationEndDay, 0), log.Period);

    /// <summary>The log's frame: origin, clock offset, purchase period, unit, number of days, window.</summary>
    private sealed record LogShape(DateTime Origin, int Offset, PurchasePeriod Period, TimeUnit Unit, int Days, int EndDay, int? CalibrationEndDay)
    {
        public TransactionLog Create(IReadOnlyList<LogEntry> entries, IReadOnlyList<int> cuts, IReadOnlyList<int> salts) =>
            new(Origin, Offset, Period, Unit, EndDay, CalibrationEndDay, entries, cuts, salts);
    }

    private static Gen<LogShape> Shape() =>
        from startDay in Gen.Choose(0, 800)
        from offset in Gen.Elements(Offsets)
        from period in Gen.Frequency((3, Gen.Constant(PurchasePeriod.Day)), (1, Gen.Constant(PurchasePeriod.Week)), (1, Gen.Constant(PurchasePeriod.Month)))
        from unit in Gen.Elements(TimeUnit.Days, TimeUnit.Weeks, TimeUnit.Months, TimeUnit.Quarters, TimeUnit.Years)
        from days in Gen.Choose(1, MaxDays)
        from extra in Gen.Choose(0, 10)
        from hasHoldout in Gen.Frequency((1, Gen.Constant(false)), (2, Gen.Constant(true)))
        from calibrationDay in Gen.Choose(0, days - 1 + extra)
        select MakeShape(new DateTime(2023, 1, 2).AddDays(startDay), offset, period, unit, days, days - 1 + extra, hasHoldout ? calibrationDay : null);

    private static LogShape MakeShape(DateTime origin, int offset, PurchasePeriod period, TimeUnit unit, int days, int endDay, int? calibrationDay)
    {
        // The calibration end must fall in an earlier purchase period than the end (clock dates decide periods,
        // and the day count from the origin gives the clock date): if it does not, move the end more than a
        // month later, which is a later day, week and month.
        if (calibrationDay is { } c
            && ReferenceCalendar.PeriodKey(new DateTimeOffset(origin.AddDays(c), TimeSpan.Zero), period)
                >= ReferenceCalendar.PeriodKey(new DateTimeOffset(origin.AddDays(endDay), TimeSpan.Zero), period))
        {
            endDay = c + 35;
        }

        return new LogShape(origin, offset, period, unit, days, endDay, calibrationDay);
    }

    private static Gen<LogEntry> Entry(int customers, int firstDay, int lastDay) =>
        from customer in Gen.Choose(0, customers - 1)
        from day in Gen.Choose(firstDay, lastDay)
        from minute in Gen.Choose(0, (24 * 60) - 1)
        from quarters in Gen.Frequency((1, Gen.Choose(-20, -1)), (9, Gen.Choose(0, 400)))
        from hasCost in Gen.Elements(false, true)
        from cost in Gen.Choose(0, 200)
        from partSalt in Gen.Choose(0, 1_000_000)
        from shuffleSalt in Gen.Choose(0, 1_000_000)
        select new LogEntry(customer, day, minute, quarters, hasCost ? cost : null, partSalt, shuffleSalt);

    /// <summary>Entries of one customer on days [first, last]: the first on day <paramref name="firstDay"/>, so it is in calibration.</summary>
    private static Gen<LogEntry[]> PartEntries(int firstDay, int lastDay) =>
        from head in Entry(1, firstDay, firstDay)
        from count in Gen.Choose(0, 6)
        from tail in Gen.ArrayOf(Entry(1, firstDay, lastDay), count)
        select (LogEntry[])[head, .. tail];

    /// <summary>Sets the part salt so that <see cref="TransactionLog.PartOf"/> puts <paramref name="entry"/> in <paramref name="part"/>.</summary>
    private static LogEntry Pin(LogEntry entry, int part, int[] cuts) =>
        entry with { PartSalt = part - TransactionLog.EligibleParts(cuts, entry.Day).Low };
}

/// <summary>The <see cref="Arbitrary{T}"/> instances of the transaction-log properties.</summary>
public static class TransactionLogArbitraries
{
    /// <summary>A random log (see <see cref="TransactionLogGenerators.Log"/>), shrunk by dropping transactions.</summary>
    public static Arbitrary<TransactionLog> Logs() =>
        Arb.From(TransactionLogGenerators.Log(), log => TransactionLogGenerators.ShrinkEntries(log));
}

/// <summary>The <see cref="Arbitrary{T}"/> of one customer's log cut into three parts that each have a summary.</summary>
public static class ThreePartCustomerLogArbitraries
{
    /// <summary>See <see cref="TransactionLogGenerators.ThreePartCustomerLog"/>; shrinking keeps every part summarisable.</summary>
    public static Arbitrary<TransactionLog> Logs() =>
        Arb.From(
            TransactionLogGenerators.ThreePartCustomerLog(),
            log => TransactionLogGenerators.ShrinkEntries(log, TransactionLogGenerators.EveryPartHasCalibration));
}

/// <summary>
/// Purchase periods computed independently of the library's internal calendar, from the clock date as
/// recorded (the documented rule of <see cref="PurchasePeriod"/>).
/// </summary>
public static class ReferenceCalendar
{
    /// <summary>A key that is equal for timestamps in the same period and increases with the period.</summary>
    public static long PeriodKey(DateTimeOffset timestamp, PurchasePeriod period)
    {
        var date = DateOnly.FromDateTime(timestamp.DateTime);
        return period switch
        {
            PurchasePeriod.Day => date.DayNumber,
            PurchasePeriod.Week => date.DayNumber - (((int)date.DayOfWeek + 6) % 7), // the Monday of its ISO week
            PurchasePeriod.Month => (date.Year * 12L) + date.Month,
            _ => throw new ArgumentOutOfRangeException(nameof(period), period, null),
        };
    }

    /// <summary>The keys of every period from <paramref name="first"/> to <paramref name="last"/>, inclusive.</summary>
    public static IReadOnlyList<long> PeriodsFrom(long first, long last, PurchasePeriod period)
    {
        long step = period == PurchasePeriod.Week ? 7 : 1;
        var keys = new List<long>();
        for (long key = first; key <= last; key += step)
        {
            keys.Add(key);
        }

        return keys;
    }
}
