using System.Globalization;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Analysis;

/// <summary>
/// The repeat purchases of a cohort step by step through an observation window — the "actual" side of the tracking
/// plots of Fader, Hardie &amp; Lee (2005, <em>Marketing Science</em> 24(2), Figures 2 and 3): how many repeat purchases
/// the customers acquired in the calibration period made in each week (or other step), through calibration and
/// holdout, and when each customer was acquired, from which a model's expected curve is computed
/// (<c>TrackingCurve</c> in ValueSegmentation.Probabilistic.Validation).
/// </summary>
/// <remarks>
/// <para>The cohort is every customer whose first purchase falls in the calibration period — the customers of the
/// summaries a model is fitted on. Purchases are counted as the summaries count them: a customer's transactions in
/// one purchase period are one purchase, the first is not a repeat purchase, and each purchase sits at the first day
/// of its period. Steps run from the first day of the cohort's earliest purchase period in whole days (7 for weeks);
/// the last one ends with the window. Customers first seen in the holdout are not tracked (their transactions are
/// counted in <see cref="UntrackedTransactionCount"/>), transactions after the window's end are rejected or counted in
/// <see cref="DroppedTransactionCount"/>: <see cref="TransactionCount"/> = tracked + untracked + dropped.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class RepeatPurchaseTracking
{
    private RepeatPurchaseTracking(ObservationWindow window, int stepDays, TrackingStep[] steps, AcquisitionGroup[] acquisitions, int customers, long transactions, long untracked, long dropped)
    {
        Window = window;
        StepDays = stepDays;
        Steps = steps;
        Acquisitions = acquisitions;
        Customers = customers;
        TransactionCount = transactions;
        UntrackedTransactionCount = untracked;
        DroppedTransactionCount = dropped;
    }

    /// <summary>The observation window (its calibration end splits the steps; its time unit measures the ages).</summary>
    public ObservationWindow Window { get; }

    /// <summary>The length of a step in days.</summary>
    public int StepDays { get; }

    /// <summary>The steps, in time order.</summary>
    public IReadOnlyList<TrackingStep> Steps { get; }

    /// <summary>The cohort by the purchase period of its first purchase, in time order.</summary>
    public IReadOnlyList<AcquisitionGroup> Acquisitions { get; }

    /// <summary>The customers tracked: those whose first purchase is in the calibration period.</summary>
    public int Customers { get; }

    /// <summary>The transactions read.</summary>
    public long TransactionCount { get; }

    /// <summary>Transactions of customers first seen in the holdout period, who are not in the cohort.</summary>
    public long UntrackedTransactionCount { get; }

    /// <summary>Transactions after the window's end, left out with <see cref="TransactionsAfterEnd.Drop"/>.</summary>
    public long DroppedTransactionCount { get; }

    /// <summary>The number of steps that end within the calibration period.</summary>
    public int CalibrationSteps => Steps.Count(step => !step.IsHoldout);

    /// <summary>Tracks the repeat purchases of the cohort of a transaction log.</summary>
    /// <param name="transactions">The log, in any order.</param>
    /// <param name="window">The observation window, usually with a calibration end (the split of the summaries).</param>
    /// <param name="stepDays">The length of a step in days: 7 for the paper's weekly plots (the default), 1 for daily.</param>
    /// <param name="afterEnd">What to do with a transaction after the window's end: reject it (the default) or drop and count it.</param>
    /// <returns>The tracking.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transactions"/> or <paramref name="window"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stepDays"/> is not positive, or
    /// <paramref name="afterEnd"/> is not defined.</exception>
    /// <exception cref="ArgumentException">The log holds no customer acquired in the calibration period.</exception>
    /// <exception cref="TransactionException">A transaction has no customer, or falls after the window's end and
    /// <paramref name="afterEnd"/> rejects it; the exception carries it and its position.</exception>
    public static RepeatPurchaseTracking FromTransactions(IEnumerable<Transaction> transactions, ObservationWindow window, int stepDays = 7, TransactionsAfterEnd afterEnd = TransactionsAfterEnd.Reject)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepDays);
        Guard.Defined(afterEnd);

        var periods = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        long position = 0, dropped = 0;
        foreach (var transaction in transactions)
        {
            long at = position++;
            if (transaction.CustomerId is not { } id)
            {
                throw new TransactionException(transaction, at, "The transaction has no customer (a default Transaction value).", nameof(transactions));
            }

            long period = window.PeriodOf(transaction.Timestamp);
            if (period > window.EndPeriod)
            {
                if (afterEnd == TransactionsAfterEnd.Reject)
                {
                    throw new TransactionException(
                        transaction,
                        at,
                        $"Transaction of customer '{id}' at {transaction.Timestamp:O} is after the end of the observation window ({window}). Widen the window, filter the log, or drop such transactions with TransactionsAfterEnd.Drop (they are counted).",
                        nameof(transactions));
                }

                dropped++;
                continue;
            }

            if (!periods.TryGetValue(id, out var list))
            {
                periods[id] = list = new List<long>(4);
            }

            list.Add(period);
        }

        var acquired = new SortedDictionary<long, int>();
        var repeatDays = new List<long>();
        long untracked = 0;
        foreach (var list in periods.Values)
        {
            list.Sort();
            long first = list[0];
            if (first > window.CalibrationEndPeriod)
            {
                untracked += list.Count;
                continue;
            }

            long firstDay = window.StartDayOf(first);
            acquired[firstDay] = acquired.GetValueOrDefault(firstDay) + 1;
            for (int i = 1; i < list.Count; i++)
            {
                if (list[i] != list[i - 1])
                {
                    repeatDays.Add(window.StartDayOf(list[i]));
                }
            }
        }

        if (acquired.Count == 0)
        {
            throw new ArgumentException($"The log holds no customer whose first purchase is in the calibration period ({window}); there is no cohort to track.", nameof(transactions));
        }

        long start = acquired.Keys.First(), lastDay = window.StartDayOf(window.EndPeriod);
        int stepCount = checked((int)(((lastDay - start) / stepDays) + 1));
        var counts = new int[stepCount];
        foreach (long day in repeatDays)
        {
            counts[(day - start) / stepDays]++;
        }

        var steps = new TrackingStep[stepCount];
        for (int k = 0; k < stepCount; k++)
        {
            long first = start + ((long)k * stepDays), last = Math.Min(first + stepDays - 1, lastDay);
            long measuredTo = window.StartDayOf(window.PeriodOf(new DateTimeOffset(DateOnly.FromDayNumber((int)last).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)));
            steps[k] = new TrackingStep(k, Day(first), Day(last), Day(measuredTo), measuredTo > window.CalibrationEndStartDay, counts[k]);
        }

        var groups = acquired.Select(pair => new AcquisitionGroup(Day(pair.Key), pair.Value)).ToArray();
        return new RepeatPurchaseTracking(window, stepDays, steps, groups, acquired.Values.Sum(), position, untracked, dropped);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Customers} customers, {Steps.Count} steps of {StepDays} days from {Steps[0].First:yyyy-MM-dd} ({CalibrationSteps} in calibration), {Steps.Sum(s => (long)s.RepeatPurchases)} repeat purchases");

    private static DateOnly Day(long dayNumber) => DateOnly.FromDayNumber(checked((int)dayNumber));
}
