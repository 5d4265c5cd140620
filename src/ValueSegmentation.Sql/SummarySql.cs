using ValueSegmentation.Transactions;

namespace ValueSegmentation.Sql;

/// <summary>
/// The SQL that computes the customer summaries of a transactions table in the engine, in exactly the conventions of
/// <see cref="CustomerSummaryBuilder"/>: transactions of the same purchase period (day, week from Monday, month) are one
/// purchase; frequency x is the calibration purchases after the first; recency t<sub>x</sub> and age T count days between
/// the first days of purchase periods (T to the period of the calibration end), in the window's time unit; the mean repeat
/// spend is the repeat purchases' revenue over x; purchases after the calibration end are holdout.
/// </summary>
/// <remarks>
/// <para>The query returns one row per customer with a calibration purchase, ordered by customer, with the columns
/// customer_id, frequency, recency, t, monetary_value, revenue, cost_of_goods, transactions, holdout_purchases,
/// holdout_revenue and time_since_last_purchase (T − t<sub>x</sub>, counted in days as the library counts it).
/// Transactions after the window's end are left out (as <see cref="TransactionsAfterEnd.Drop"/>), and so are unusable rows
/// (a NULL customer, time or amount, or an amount that is not finite); <see cref="CreateRowCounts"/> counts both. Sums are in the engine's double precision, in its order, and the repeat
/// purchases' revenue is the calibration revenue less the first purchase's, taken as 0 when it is within 10⁻¹² of the
/// purchases' absolute sum (repeat purchases that net to nothing, such as a purchase and its return, give 0 as in memory,
/// not a rounding residue): they agree with the in-memory builder's to rounding (1e-9 relative in the tests; the
/// subtraction loses digits only when a first purchase is millions of times the later ones), counts and times
/// exactly.</para>
/// <para>The query scans the table once, groups the transactions into purchases (customer, period), and those into
/// customers in one more aggregation (calibration and holdout side by side); <see cref="TransactionTable.Where"/> restricts
/// it to a part of the customers, so that an engine short of memory can build the summaries a part at a time.</para>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
public static class SummarySql
{
    /// <summary>The summaries query.</summary>
    /// <param name="source">The transactions table and its columns.</param>
    /// <param name="window">The observation window: its end, optional calibration end, time unit and purchase period.</param>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="orderByCustomer">Whether the rows come ordered by customer (the default); <see langword="false"/>
    /// for <c>CREATE TABLE … AS</c>, where sorting millions of rows is wasted.</param>
    /// <returns>One SELECT statement (no trailing semicolon).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string Create(TransactionTable source, ObservationWindow window, SqlDialect dialect, bool orderByCustomer = true) =>
        Query(source, window, dialect, "customer summaries", orderByCustomer ? "SELECT * FROM summaries\nORDER BY customer_id" : "SELECT * FROM summaries");

    /// <summary>
    /// The compressed input of the transaction models' fit: one row per distinct history (frequency, recency, t) with
    /// the number of customers who have it (column customers) — what
    /// <c>RepeatPurchaseData.FromReader</c> reads (or <c>FromColumns(frequency, recency, t, timeUnit, customers)</c> takes),
    /// so that BG/NBD, MBG/NBD and Pareto/NBD fit as on the summaries themselves. Rows are ordered by frequency, recency
    /// and t.
    /// </summary>
    /// <param name="source">The transactions table and its columns.</param>
    /// <param name="window">The observation window.</param>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="binWidth">
    /// <see langword="null"/> for the data's own resolution (exact: the fit equals the fit on the summaries); or a width
    /// w &gt; 0, in the window's time unit, to bin the times: t<sub>x</sub> and T are each replaced by the middle of their
    /// bin [kw, (k + 1)w) (t<sub>x</sub> stays 0 for a customer with no repeat purchase, and never exceeds T), so each
    /// moves by at most w/2. Fewer distinct rows (at most one per x and pair of bins) for an approximate fit: at w = one
    /// week on daily data, CDNOW's 1,016 rows become 676 and the BG/NBD parameters move by up to 1.9 % (see docs/large-data.md).
    /// </param>
    /// <returns>One SELECT statement (no trailing semicolon).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="binWidth"/> is not positive and finite.</exception>
    public static string CreateFitStatistics(TransactionTable source, ObservationWindow window, SqlDialect dialect, double? binWidth = null)
    {
        ArgumentNullException.ThrowIfNull(window);
        string select = FitStatisticsOf("summaries", binWidth);
        return Query(source, window, dialect, binWidth is null ? "fit statistics" : $"fit statistics binned to {SqlDialect.Number(binWidth.Value)} {window.TimeUnit}", select);
    }

    /// <summary>The same fit statistics over summaries already computed and kept in the engine (a table or view with the
    /// columns of <see cref="Create"/>: <c>CREATE TABLE summaries AS …</c>), so that they are not computed again.</summary>
    /// <param name="summaries">The summaries: a table or view name, or a parenthesised query with an alias, inserted as
    /// given (never build it from untrusted text).</param>
    /// <param name="binWidth">As in the other overload.</param>
    /// <returns>One SELECT statement (no trailing semicolon).</returns>
    /// <exception cref="ArgumentException"><paramref name="summaries"/> is null or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="binWidth"/> is not positive and finite.</exception>
    public static string CreateFitStatistics(string summaries, double? binWidth = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(summaries);
        return FitStatisticsOf(summaries, binWidth);
    }

    /// <summary>
    /// The input of the Gamma-Gamma spend fit: the repeat buyers' frequency and mean repeat spend (column mean_spend),
    /// one row per distinct pair with the number of customers who have it (column customers), ordered by frequency and
    /// mean spend — what <c>SpendData.FromReader</c> reads. The spend likelihood does not compress beyond distinct
    /// pairs (its term ln(γ + x·m̄) ties every customer's spend to the parameters), so expect about one row per repeat
    /// buyer unless spends repeat; read a seeded sample of them for a faster, approximate fit.
    /// </summary>
    /// <param name="source">The transactions table and its columns.</param>
    /// <param name="window">The observation window.</param>
    /// <param name="dialect">The engine's dialect.</param>
    /// <returns>One SELECT statement (no trailing semicolon).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string CreateSpendStatistics(TransactionTable source, ObservationWindow window, SqlDialect dialect) =>
        Query(source, window, dialect, "spend statistics", SpendStatisticsOf("summaries"));

    /// <summary>The same spend statistics over summaries already computed and kept in the engine.</summary>
    /// <param name="summaries">The summaries: a table or view name, or a parenthesised query with an alias, inserted as
    /// given.</param>
    /// <returns>One SELECT statement (no trailing semicolon).</returns>
    /// <exception cref="ArgumentException"><paramref name="summaries"/> is null or white space.</exception>
    public static string CreateSpendStatistics(string summaries)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(summaries);
        return SpendStatisticsOf(summaries);
    }

    private static string FitStatisticsOf(string summaries, double? binWidth)
    {
        if (binWidth is not { } width)
        {
            return $"""
                SELECT frequency, recency, t, COUNT(*) AS customers
                FROM {summaries}
                GROUP BY frequency, recency, t
                ORDER BY frequency, recency, t
                """;
        }

        if (!(double.IsFinite(width) && width > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(binWidth), binWidth, "The bin width must be positive and finite, in the window's time unit.");
        }

        string w = SqlDialect.Number(width);
        return $"""
            SELECT frequency, recency, t, COUNT(*) AS customers
            FROM (
              SELECT frequency,
                CASE WHEN frequency = 0 THEN 0 ELSE (FLOOR(recency / {w}) + 0.5) * {w} END AS recency,
                (FLOOR(t / {w}) + 0.5) * {w} AS t
              FROM {summaries}
            ) binned
            GROUP BY frequency, recency, t
            ORDER BY frequency, recency, t
            """;
    }

    private static string SpendStatisticsOf(string summaries) => $"""
        SELECT frequency, monetary_value AS mean_spend, COUNT(*) AS customers
        FROM {summaries}
        WHERE frequency > 0
        GROUP BY frequency, monetary_value
        ORDER BY frequency, monetary_value
        """;

    /// <summary>
    /// The accounting of a summaries query in one scan of the table: rows_read (the rows of the table that
    /// <see cref="TransactionTable.Where"/> selects), rows_rejected (a NULL customer, time or amount, or an amount that is
    /// not a finite number: the summaries leave them out, as the library's readers reject them) and rows_after_end (usable
    /// rows of purchase periods after the window's, left out as <see cref="TransactionsAfterEnd.Drop"/> does). Every other
    /// row is used: rows read = rows used + rows rejected + rows after the end.
    /// </summary>
    /// <param name="source">The transactions table and its columns.</param>
    /// <param name="window">The observation window.</param>
    /// <param name="dialect">The engine's dialect.</param>
    /// <returns>One SELECT statement returning one row (no trailing semicolon).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string CreateRowCounts(TransactionTable source, ObservationWindow window, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(dialect);
        string usable = Usable(source, dialect);
        string periodStart = PeriodStartOf(source, window, dialect);
        string where = source.Where is { } condition ? $"\nWHERE {condition}" : string.Empty;
        return $"""
            -- ValueSegmentation row counts ({dialect.Name}): window {window}
            SELECT COUNT(*) AS rows_read,
              CAST(COALESCE(SUM(CASE WHEN {usable} THEN 0 ELSE 1 END), 0) AS BIGINT) AS rows_rejected,
              CAST(COALESCE(SUM(CASE WHEN {usable} AND {periodStart} > {SqlDialect.Date(window.EndPeriodStart)} THEN 1 ELSE 0 END), 0) AS BIGINT) AS rows_after_end
            FROM {dialect.Quote(source.Table)}{where}
            """;
    }

    /// <summary>The condition of a usable row: a customer, a time and a finite amount (x − x = 0 is false for NULL, NaN
    /// and ±∞ in every engine).</summary>
    private static string Usable(TransactionTable source, SqlDialect dialect)
    {
        string amount = $"CAST({dialect.QuoteColumn(source.AmountColumn)} AS {dialect.DoubleType})";
        return $"{dialect.QuoteColumn(source.CustomerColumn)} IS NOT NULL AND {dialect.QuoteColumn(source.TimestampColumn)} IS NOT NULL AND {amount} - {amount} = 0";
    }

    /// <summary>The first day of a transaction's purchase period, as a DATE expression.</summary>
    private static string PeriodStartOf(TransactionTable source, ObservationWindow window, SqlDialect dialect) =>
        dialect.PeriodStart($"CAST({dialect.QuoteColumn(source.TimestampColumn)} AS DATE)", window.PurchasePeriod);

    /// <summary>The summaries as a common table expression "summaries", then <paramref name="select"/> on it.</summary>
    private static string Query(TransactionTable source, ObservationWindow window, SqlDialect dialect, string what, string select)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(dialect);
        string q(string name) => dialect.QuoteColumn(name);
        string real = dialect.DoubleType;
        string end = SqlDialect.Date(window.EndPeriodStart), calibrationEnd = SqlDialect.Date(window.CalibrationEndPeriodStart);
        string unitDays = SqlDialect.Number(window.TimeUnit.Days());
        string periodStart = PeriodStartOf(source, window, dialect);
        string calibration = $"period_start <= {calibrationEnd}";
        bool hasCost = source.CostColumn is not null;
        string txCost = hasCost ? $", CAST({q(source.CostColumn!)} AS {real}) AS cost" : string.Empty;
        string periodCost = hasCost ? ", SUM(cost) AS cost" : string.Empty;
        string customerCost = hasCost ? $"\n    SUM(CASE WHEN {calibration} THEN cost END) AS cost," : string.Empty;
        string summaryCost = hasCost ? "COALESCE(c.cost, 0)" : $"CAST(0 AS {real})";
        string where = $"\n  WHERE {Usable(source, dialect)}{(source.Where is { } condition ? $" AND ({condition})" : string.Empty)}";
        string recency = dialect.DaysBetween("c.first_start", "c.last_start"), age = dialect.DaysBetween("c.first_start", calibrationEnd);
        string sinceLast = dialect.DaysBetween("c.last_start", calibrationEnd);
        return $"""
            -- ValueSegmentation {what} ({dialect.Name}): window {window}
            WITH tx AS (
              SELECT {q(source.CustomerColumn)} AS customer_id, {periodStart} AS period_start, CAST({q(source.AmountColumn)} AS {real}) AS amount{txCost}
              FROM {dialect.Quote(source.Table)}{where}
            ),
            periods AS (
              SELECT customer_id, period_start, SUM(amount) AS value{periodCost}, COUNT(*) AS transactions
              FROM tx
              WHERE period_start <= {end}
              GROUP BY customer_id, period_start
            ),
            customers AS (
              SELECT customer_id,
                CAST(SUM(CASE WHEN {calibration} THEN 1 ELSE 0 END) AS BIGINT) AS periods,
                MIN(period_start) AS first_start,
                MAX(CASE WHEN {calibration} THEN period_start END) AS last_start,
                SUM(CASE WHEN {calibration} THEN value ELSE 0 END) AS revenue,
                SUM(CASE WHEN {calibration} THEN ABS(value) ELSE 0 END) AS gross_revenue,
                {dialect.FirstBy("value", "period_start")} AS first_value,{customerCost}
                CAST(SUM(CASE WHEN {calibration} THEN transactions ELSE 0 END) AS BIGINT) AS transactions,
                CAST(SUM(CASE WHEN {calibration} THEN 0 ELSE 1 END) AS BIGINT) AS holdout_periods,
                SUM(CASE WHEN {calibration} THEN 0 ELSE value END) AS holdout_revenue
              FROM periods
              GROUP BY customer_id
              HAVING MIN(period_start) <= {calibrationEnd}
            ),
            summaries AS (
              SELECT c.customer_id,
                c.periods - 1 AS frequency,
                CAST({recency} AS {real}) / {unitDays} AS recency,
                CAST({age} AS {real}) / {unitDays} AS t,
                CASE WHEN c.periods > 1 AND ABS(c.revenue - c.first_value) > 1e-12 * c.gross_revenue THEN (c.revenue - c.first_value) / (c.periods - 1) ELSE 0 END AS monetary_value,
                c.revenue,
                {summaryCost} AS cost_of_goods,
                c.transactions,
                c.holdout_periods AS holdout_purchases,
                c.holdout_revenue,
                CAST({sinceLast} AS {real}) / {unitDays} AS time_since_last_purchase
              FROM customers c
            )
            {select}
            """;
    }
}
