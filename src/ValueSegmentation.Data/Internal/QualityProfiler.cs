using System.Globalization;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Data.Internal;

/// <summary>Counts what a read's rows and customers show of the checks of <see cref="QualityCheck"/>, for its
/// <see cref="DataQualityProfile"/>. Not thread-safe: one per read.</summary>
internal sealed class QualityProfiler
{
    /// <summary>The row checks, as bits of the flags one row gets (bit i is <see cref="QualityCheck"/> i).</summary>
    private const int RowChecks = (int)QualityCheck.MissingCost + 1;

    private readonly DataQualityRules _rules;
    private readonly bool _hasCost;
    private readonly long _earliestTicks, _latestTicks;
    private readonly long[] _counts = new long[RowChecks];
    private readonly List<long>[] _examples = new List<long>[RowChecks];
    private long _rows;

    /// <param name="rules">The limits.</param>
    /// <param name="hasCost">Whether the source has a cost column.</param>
    public QualityProfiler(DataQualityRules rules, bool hasCost)
    {
        _rules = rules;
        _hasCost = hasCost;
        _earliestTicks = rules.EarliestPlausible.UtcTicks;
        _latestTicks = (rules.LatestPlausible ?? rules.TimeProvider.GetUtcNow()).UtcTicks;
        for (int i = 0; i < RowChecks; i++)
        {
            _examples[i] = [];
        }
    }

    /// <summary>Checks a row used as a transaction.</summary>
    /// <param name="line">Its line.</param>
    /// <param name="transaction">The transaction.</param>
    /// <param name="repeatsPrevious">Whether it has the timestamp and amount of its customer's previous row.</param>
    /// <returns>Its flags, for <see cref="Forget"/>.</returns>
    public int Observe(long line, in Transaction transaction, bool repeatsPrevious)
    {
        _rows++;
        double amount = transaction.Amount;
        long ticks = transaction.Timestamp.UtcTicks;
        int flags = (repeatsPrevious ? Bit(QualityCheck.DuplicateTransaction) : 0)
            | (amount < 0 ? Bit(QualityCheck.Refund) : 0)
            | (amount == 0 ? Bit(QualityCheck.ZeroAmount) : 0)
            | (transaction.Cost is { } cost && amount >= 0 && cost > amount ? Bit(QualityCheck.CostAboveAmount) : 0)
            | (ticks > _latestTicks ? Bit(QualityCheck.FutureTimestamp) : 0)
            | (ticks < _earliestTicks ? Bit(QualityCheck.EarlyTimestamp) : 0)
            | (transaction.Cost is null ? Bit(QualityCheck.MissingCost) : 0);
        for (int rest = flags; rest != 0; rest &= rest - 1)
        {
            int check = System.Numerics.BitOperations.TrailingZeroCount(rest);
            _counts[check]++;
            if (_examples[check].Count < _rules.MaxExamples)
            {
                _examples[check].Add(line);
            }
        }

        return flags;
    }

    /// <summary>Takes back a row observed as used that a later step rejected.</summary>
    /// <param name="line">Its line.</param>
    /// <param name="flags">What <see cref="Observe"/> returned for it.</param>
    public void Forget(long line, int flags)
    {
        _rows--;
        for (int rest = flags; rest != 0; rest &= rest - 1)
        {
            int check = System.Numerics.BitOperations.TrailingZeroCount(rest);
            _counts[check]--;
            _examples[check].Remove(line);
        }
    }

    /// <summary>The row checks so far.</summary>
    public DataQualityProfile Rows() => new([.. RowFindings()]);

    /// <summary>The row checks, and the customer checks over the summaries built from the rows.</summary>
    public DataQualityProfile WithCustomers(CustomerSummaryCollection summaries) =>
        new([.. RowFindings(), .. CustomerFindings(summaries, _rules)]);

    /// <summary>The customer checks alone (a summary table).</summary>
    public static DataQualityProfile Customers(CustomerSummaryCollection summaries, DataQualityRules rules) =>
        new([.. CustomerFindings(summaries, rules)]);

    private IEnumerable<QualityFinding> RowFindings()
    {
        for (int i = 0; i < RowChecks; i++)
        {
            var check = (QualityCheck)i;
            if (check == QualityCheck.MissingCost && !_hasCost)
            {
                continue; // no cost column: nothing is missing from a row, and costs are simply not in this source
            }

            yield return new QualityFinding(check, RuleOf(check), _counts[i], _rows, [.. _examples[i]], []);
        }
    }

    private string RuleOf(QualityCheck check) => check switch
    {
        QualityCheck.DuplicateTransaction => "Transactions with the same timestamp and amount as the customer's previous row that could be parsed (a row exported twice; on a log sorted by time or by customer every exact repeat is found).",
        QualityCheck.Refund => "Transactions with a negative amount (refunds or corrections); they lower the customer's revenue.",
        QualityCheck.ZeroAmount => "Transactions with an amount of zero; they count as purchases.",
        QualityCheck.CostAboveAmount => "Sales (amount of zero or more) whose cost exceeds the amount.",
        QualityCheck.FutureTimestamp => Invariant($"Transactions after {new DateTimeOffset(_latestTicks, TimeSpan.Zero):O}{(_rules.LatestPlausible is null ? " (when the reader was opened)" : string.Empty)}."),
        QualityCheck.EarlyTimestamp => Invariant($"Transactions before {_rules.EarliestPlausible:O} (placeholder dates such as 1900-01-01 or 1970-01-01)."),
        QualityCheck.MissingCost => "Transactions whose cost is empty (the source has a cost column).",
        _ => throw new ArgumentOutOfRangeException(nameof(check), check, "Not a row check."),
    };

    private static IEnumerable<QualityFinding> CustomerFindings(CustomerSummaryCollection summaries, DataQualityRules rules)
    {
        yield return Outliers(summaries, rules, QualityCheck.TransactionCountOutlier, SummaryColumn.TransactionCount, "transactions");
        yield return Outliers(summaries, rules, QualityCheck.RevenueOutlier, SummaryColumn.Revenue, "revenue");
    }

    /// <summary>The customers whose value of <paramref name="column"/> is an upper outlier on the log scale (values
    /// above zero only: a customer without revenue is not an outlier of revenue).</summary>
    private static QualityFinding Outliers(CustomerSummaryCollection summaries, DataQualityRules rules, QualityCheck check, SummaryColumn column, string what)
    {
        int n = summaries.Count;
        var values = new double[n];
        summaries.CopyColumn(column, 0, values);
        var logs = new double[n];
        int positive = 0;
        foreach (double v in values)
        {
            if (v > 0)
            {
                logs[positive++] = Math.Log(v);
            }
        }

        var scale = RobustScale.Of(logs.AsSpan(0, positive));
        string rule;
        double limit = double.PositiveInfinity;
        if (scale is { } s)
        {
            limit = Math.Exp(s.Median + (rules.OutlierScore * s.Spread));
            rule = Invariant($"Customers whose {what} is more than {rules.OutlierScore:G} robust deviations above the median on the log scale (Iglewicz & Hoaglin's modified z-score, the spread by the {s.Measure}): {what} above {limit:G6} (median {Math.Exp(s.Median):G6}).");
        }
        else
        {
            rule = Invariant($"Customers whose {what} is an upper outlier on the log scale: none can be, every customer with {what} above 0 has the same value.");
        }

        var flagged = new List<int>();
        for (int i = 0; i < n; i++)
        {
            if (values[i] > limit)
            {
                flagged.Add(i);
            }
        }

        var examples = flagged
            .OrderByDescending(i => values[i])
            .ThenBy(i => i)
            .Take(rules.MaxExamples)
            .Select(summaries.CustomerIdAt)
            .ToArray();
        return new QualityFinding(check, rule, flagged.Count, positive, [], examples);
    }

    private static int Bit(QualityCheck check) => 1 << (int)check;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
