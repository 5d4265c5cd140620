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
/// holdout_revenue and time_since_last_purchase (T − t<sub>x</sub>, counted in days as the library counts it). Transactions after the window's end are left out (as <see cref="TransactionsAfterEnd.Drop"/>; count
/// them in the engine if they matter). Sums are in the engine's double precision, in its order: they agree with the
/// in-memory builder's to rounding (1e-9 relative in the tests), counts and times exactly.</para>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
public static class SummarySql
{
    /// <summary>The summaries query.</summary>
    /// <param name="source">The transactions table and its columns.</param>
    /// <param name="window">The observation window: its end, optional calibration end, time unit and purchase period.</param>
    /// <param name="dialect">The engine's dialect.</param>
    /// <returns>One SELECT statement (no trailing semicolon).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string Create(TransactionTable source, ObservationWindow window, SqlDialect dialect) =>
        Query(source, window, dialect, "customer summaries", """
            SELECT * FROM summaries
            ORDER BY customer_id
            """);

    /// <summary>
    /// The compressed input of the transaction models' fit: one row per distinct history (frequency, recency, t) with
    /// the number of customers who have it (column customers), at the resolution of the data — what
    /// <c>RepeatPurchaseData.FromColumns(frequency, recency, t, timeUnit, customers)</c> takes, so that BG/NBD, MBG/NBD and
    /// Pareto/NBD fit exactly as on the summaries themselves. Rows are ordered by frequency, recency and t.
    /// </summary>
    /// <param name="source">The transactions table and its columns.</param>
    /// <param name="window">The observation window.</param>
    /// <param name="dialect">The engine's dialect.</param>
    /// <returns>One SELECT statement (no trailing semicolon).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string CreateFitStatistics(TransactionTable source, ObservationWindow window, SqlDialect dialect) =>
        Query(source, window, dialect, "fit statistics", """
            SELECT frequency, recency, t, COUNT(*) AS customers
            FROM summaries
            GROUP BY frequency, recency, t
            ORDER BY frequency, recency, t
            """);

    /// <summary>The summaries as a common table expression "summaries", then <paramref name="select"/> on it.</summary>
    private static string Query(TransactionTable source, ObservationWindow window, SqlDialect dialect, string what, string select)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(dialect);
        string q(string name) => dialect.Quote(name);
        string real = dialect.DoubleType;
        string end = SqlDialect.Date(window.EndPeriodStart), calibrationEnd = SqlDialect.Date(window.CalibrationEndPeriodStart);
        string unitDays = SqlDialect.Number(window.TimeUnit.Days());
        string periodStart = dialect.PeriodStart($"CAST({q(source.TimestampColumn)} AS DATE)", window.PurchasePeriod);
        string cost = source.CostColumn is { } column ? $"CAST({q(column)} AS {real})" : $"CAST(NULL AS {real})";
        string recency = dialect.DaysBetween("c.first_start", "c.last_start"), age = dialect.DaysBetween("c.first_start", calibrationEnd);
        string sinceLast = dialect.DaysBetween("c.last_start", calibrationEnd);
        return $"""
            -- ValueSegmentation {what} ({dialect.Name}): window {window}
            WITH tx AS (
              SELECT {q(source.CustomerColumn)} AS customer_id, {periodStart} AS period_start, CAST({q(source.AmountColumn)} AS {real}) AS amount, {cost} AS cost
              FROM {q(source.Table)}
            ),
            periods AS (
              SELECT customer_id, period_start, SUM(amount) AS value, SUM(cost) AS cost, COUNT(*) AS transactions,
                MIN(period_start) OVER (PARTITION BY customer_id) AS first_start
              FROM tx
              WHERE period_start <= {end}
              GROUP BY customer_id, period_start
            ),
            calibration AS (
              SELECT customer_id, COUNT(*) AS periods, MIN(period_start) AS first_start, MAX(period_start) AS last_start,
                SUM(value) AS revenue, SUM(CASE WHEN period_start > first_start THEN value ELSE 0 END) AS repeat_revenue,
                SUM(cost) AS cost, CAST(SUM(transactions) AS BIGINT) AS transactions
              FROM periods
              WHERE period_start <= {calibrationEnd}
              GROUP BY customer_id
            ),
            holdout AS (
              SELECT customer_id, COUNT(*) AS periods, SUM(value) AS revenue
              FROM periods
              WHERE period_start > {calibrationEnd}
              GROUP BY customer_id
            ),
            summaries AS (
              SELECT c.customer_id,
                c.periods - 1 AS frequency,
                CAST({recency} AS {real}) / {unitDays} AS recency,
                CAST({age} AS {real}) / {unitDays} AS t,
                CASE WHEN c.periods > 1 THEN c.repeat_revenue / (c.periods - 1) ELSE 0 END AS monetary_value,
                c.revenue,
                COALESCE(c.cost, 0) AS cost_of_goods,
                c.transactions,
                COALESCE(h.periods, 0) AS holdout_purchases,
                COALESCE(h.revenue, 0) AS holdout_revenue,
                CAST({sinceLast} AS {real}) / {unitDays} AS time_since_last_purchase
              FROM calibration c
              LEFT JOIN holdout h ON h.customer_id = c.customer_id
            )
            {select}
            """;
    }
}
