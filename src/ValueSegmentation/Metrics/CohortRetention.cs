using System.Runtime.InteropServices;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Metrics;

/// <summary>
/// Cohort retention curves from a transaction log: customers are grouped by the period of their first
/// purchase (their cohort), and each cohort's curve gives the share of its customers who bought in each
/// later period.
/// </summary>
/// <remarks>
/// <para>Period <c>k</c> of a cohort is the k-th period after its acquisition period (k = 0 is the
/// acquisition period, where the share is 1). A customer counts as retained in period k when they made at
/// least one purchase in it: the usual activity-based curve of a non-contractual business. Offsets run up
/// to the last period observed in the log (or the given end), so later cohorts have shorter curves.</para>
/// <para>Building keeps each customer's set of active periods (memory grows with customers × active periods,
/// not with transactions). A table spans at most <see cref="MaxPeriods"/> periods from the earliest cohort to the
/// end, so that a far end date or a stray timestamp cannot allocate without bound. The table is immutable and
/// thread-safe.</para>
/// </remarks>
public sealed class CohortRetention
{
    private CohortRetention(PurchasePeriod period, IReadOnlyList<RetentionCohort> cohorts)
    {
        Period = period;
        Cohorts = cohorts;
    }

    /// <summary>The most periods a table spans, from the earliest cohort's period to the end's: 100,000 (about 274
    /// years of days, 1,900 years of weeks).</summary>
    public const int MaxPeriods = 100_000;

    /// <summary>The length of a cohort and of a curve step.</summary>
    public PurchasePeriod Period { get; }

    /// <summary>The cohorts, oldest first.</summary>
    public IReadOnlyList<RetentionCohort> Cohorts { get; }

    /// <summary>Builds the cohort curves of a transaction log, in any order.</summary>
    /// <param name="transactions">The transactions.</param>
    /// <param name="period">The cohort and step length (months by default).</param>
    /// <param name="end">Optional end of observation; periods after the one holding it are not reported, and a
    /// transaction after it is rejected. Without it the curves run to the last period in the log.</param>
    /// <returns>The cohort retention table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transactions"/> is null.</exception>
    /// <exception cref="ArgumentException">The log is empty, a transaction has no customer or lies after <paramref name="end"/>,
    /// or without <paramref name="end"/> the log spans more than <see cref="MaxPeriods"/> periods.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is not a defined value, or
    /// <paramref name="end"/> lies more than <see cref="MaxPeriods"/> periods after the earliest cohort.</exception>
    public static CohortRetention FromTransactions(
        IEnumerable<Transaction> transactions,
        PurchasePeriod period = PurchasePeriod.Month,
        DateTimeOffset? end = null)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        Guard.Defined(period);
        long? endPeriod = end is { } e ? PeriodCalendar.Index(e, period) : null;
        var active = new Dictionary<string, HashSet<long>>(StringComparer.Ordinal);
        long first = long.MaxValue, last = long.MinValue, position = 0;
        foreach (var transaction in transactions)
        {
            if (transaction.CustomerId is null)
            {
                throw new ArgumentException($"Transaction #{position}: the transaction has no customer (a default Transaction value).", nameof(transactions));
            }

            long p = PeriodCalendar.Index(transaction.Timestamp, period);
            if (p > endPeriod)
            {
                throw new ArgumentException($"Transaction #{position} of customer '{transaction.CustomerId}' at {transaction.Timestamp:O} is after the end ({end:O}).", nameof(transactions));
            }

            ref var set = ref CollectionsMarshal.GetValueRefOrAddDefault(active, transaction.CustomerId, out _);
            (set ??= []).Add(p);
            first = Math.Min(first, p);
            last = Math.Max(last, p);
            position++;
        }

        if (active.Count == 0)
        {
            throw new ArgumentException("The transaction log is empty; retention curves need at least one customer.", nameof(transactions));
        }

        last = endPeriod ?? last;
        if (last - first >= MaxPeriods)
        {
            string span = $"{last - first + 1:N0} {period} periods from the earliest cohort ({PeriodCalendar.StartDate(first, period):yyyy-MM-dd}) to the end, more than the {MaxPeriods:N0} a table spans";
            throw end is { } far
                ? new ArgumentOutOfRangeException(nameof(end), far, $"The end makes {span}; choose an earlier end or a longer period.")
                : new ArgumentException($"The log spans {span}; give an end, filter stray timestamps, or choose a longer period.", nameof(transactions));
        }
        var byCohort = new SortedDictionary<long, long[]>();
        foreach (var periods in active.Values)
        {
            long cohort = periods.Min();
            if (!byCohort.TryGetValue(cohort, out var counts))
            {
                counts = new long[last - cohort + 1];
                byCohort.Add(cohort, counts);
            }

            foreach (long p in periods)
            {
                counts[p - cohort]++;
            }
        }

        var cohorts = byCohort
            .Select(pair => new RetentionCohort(PeriodCalendar.StartDate(pair.Key, period), pair.Value))
            .ToArray();
        return new CohortRetention(period, cohorts);
    }
}
