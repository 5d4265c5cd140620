using System.Data.Common;
using System.Globalization;
using ValueSegmentation.Segmentation;

namespace ValueSegmentation.Sql;

/// <summary>
/// A fitted threshold segmenter (tiers, percentiles, Pareto classes) as a SQL <c>CASE</c> expression, so that every
/// customer of a table can be assigned — and written back — inside the engine, with the cut points fitted anywhere:
/// a customer goes to the first segment whose minimum their value reaches, as <see cref="ThresholdSegmenter"/> assigns.
/// </summary>
/// <remarks>
/// <para>Keep the summaries the engine computed in a table (<c>CREATE TABLE summaries AS …</c>: an engine may add in
/// another order, and so round the last bit differently, each time it runs the query), fit the cut points on them read
/// back (for example with <see cref="ValueSegmentation.Transactions.CustomerSummary.FromNumbers"/>), and assign with this
/// expression over that table: it computes each value as the library computes it from those numbers, and thresholds are written as doubles that read back exactly
/// (<c>CAST('…' AS DOUBLE)</c>), so a value at a cut point lands where the library puts it. Cut points fitted on summaries
/// built in memory from the same log agree too, except for a customer whose value equals a cut point and whose sums the
/// engine added in another order (money agrees to rounding only).</para>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
public static class SegmentSql
{
    /// <summary>The <c>CASE</c> expression giving each row's segment name.</summary>
    /// <param name="segmenter">The fitted segmenter.</param>
    /// <param name="value">The SQL expression of the segmenter's measure for a row, for example a column of the
    /// summaries query ("revenue") or a lifetime value computed in the engine; <see langword="null"/> to derive it from
    /// the columns of <see cref="SummarySql.Create"/> for a built-in measure (revenue, gross profit, repeat purchases,
    /// purchases, mean repeat spend, average order value, time since the last purchase).</param>
    /// <param name="dialect">The engine's dialect.</param>
    /// <returns>The expression, without a trailing alias.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="segmenter"/> or <paramref name="dialect"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null and the measure is not one of the built-in
    /// measures that the summaries' columns give.</exception>
    public static string Case(ThresholdSegmenter segmenter, string? value, SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        ArgumentNullException.ThrowIfNull(dialect);
        value = ValueOf(segmenter.Measure, value);
        var segments = segmenter.Segments;
        var branches = segmenter.Minimums
            .Select((minimum, i) => (Minimum: minimum, Name: segments[i].Name))
            .Where(branch => double.IsFinite(branch.Minimum)) // a minimum of +∞ leaves its segment empty
            .Select(branch => $"  WHEN ({value}) >= CAST('{branch.Minimum.ToString("R", CultureInfo.InvariantCulture)}' AS {dialect.DoubleType}) THEN {Text(branch.Name)}");
        return $"CASE\n{string.Join('\n', branches)}\n  ELSE {Text(segments[^1].Name)}\nEND";
    }

    /// <summary>
    /// The SQL that finds the cut points of an order-statistic strategy (tiers by shares, percentiles) in the engine, over
    /// a relation of one row per customer: one row with columns cut_1 … cut_m, the values ranked
    /// <see cref="IOrderStatisticStrategy.CutPointRanks"/> from the top — exactly (every value ranked by
    /// <c>ROW_NUMBER() OVER (ORDER BY value DESC)</c>), or by the engine's approximate quantile sketch when
    /// <paramref name="approximate"/> (DuckDB <c>approx_quantile</c>, Spark <c>percentile_approx</c>, Snowflake
    /// <c>APPROX_PERCENTILE</c>, BigQuery <c>APPROX_QUANTILES</c> on a grid of 10⁻⁴, so shares below 0.01 % need the
    /// exact form there; PostgreSQL has none and is always exact). The exact form ranks every value in one window without
    /// partitions: fine in DuckDB and PostgreSQL, but a warehouse sends all rows to one worker, so prefer the sketch there
    /// beyond about 10⁸ customers. The values must not be NULL. Give the values read back to
    /// <see cref="IOrderStatisticStrategy.FromCutPoints"/> — or let <see cref="FitAsync"/> do all of it.
    /// </summary>
    /// <param name="strategy">The strategy.</param>
    /// <param name="customers">The number of rows of <paramref name="relation"/>, at least 1.</param>
    /// <param name="relation">The customers: a table or view name, or a parenthesised query with an alias, inserted as
    /// given (never build it from untrusted text).</param>
    /// <param name="value">The SQL expression of the strategy's measure for a row; <see langword="null"/> for a built-in
    /// measure over the columns of <see cref="SummarySql.Create"/> (see <see cref="Case"/>).</param>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="approximate">Whether to use the engine's approximate quantiles instead of ranking every value.</param>
    /// <returns>One SELECT statement (no trailing semicolon).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="strategy"/>, <paramref name="relation"/> or
    /// <paramref name="dialect"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="relation"/> is white space, the strategy has fixed thresholds
    /// (no cut points to find), or <paramref name="value"/> is null and the measure is not a built-in one.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="customers"/> is less than 1.</exception>
    public static string CreateCutPoints(IOrderStatisticStrategy strategy, long customers, string relation, string? value, SqlDialect dialect, bool approximate = false)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentException.ThrowIfNullOrWhiteSpace(relation);
        ArgumentNullException.ThrowIfNull(dialect);
        RequireCutPoints(strategy);
        var ranks = strategy.CutPointRanks(customers);
        string values = $"(SELECT CAST(({ValueOf(strategy.Measure, value)}) AS {dialect.DoubleType}) AS value FROM {relation}) customer_values";
        if (approximate && dialect.HasApproximateQuantile)
        {
            // The k-th largest of n is the (n − k + 1)-th smallest: the lower quantile at (n − k + ½)/n.
            var sketches = ranks.Select((k, i) => $"  {dialect.ApproximateQuantile("value", (customers - k + 0.5) / customers)} AS cut_{i + 1}");
            return $"""
                -- ValueSegmentation cut points ({dialect.Name}, approximate) of {strategy.Measure.Name} for {customers} customers
                SELECT
                {string.Join(",\n", sketches)}
                FROM {values}
                """;
        }

        var columns = ranks.Select((k, i) => $"  MAX(CASE WHEN rank_from_top = {k} THEN value END) AS cut_{i + 1}");
        var wanted = ranks.Distinct().Select(k => k.ToString(CultureInfo.InvariantCulture));
        return $"""
            -- ValueSegmentation cut points ({dialect.Name}, exact) of {strategy.Measure.Name} for {customers} customers
            SELECT
            {string.Join(",\n", columns)}
            FROM (
              SELECT value, ROW_NUMBER() OVER (ORDER BY value DESC) AS rank_from_top
              FROM {values}
            ) ranked
            WHERE rank_from_top IN ({string.Join(", ", wanted)})
            """;
    }

    /// <summary>
    /// Fits an order-statistic strategy (tiers by shares, percentiles) on a relation of one row per customer inside the
    /// engine, through any ADO.NET connection: counts the rows, runs <see cref="CreateCutPoints"/> and builds the
    /// segmenter with <see cref="IOrderStatisticStrategy.FromCutPoints"/>. Exact cut points equal those
    /// <see cref="ISegmentationStrategy.Fit"/> finds on the same values.
    /// </summary>
    /// <param name="strategy">The strategy.</param>
    /// <param name="connection">An open connection to the engine.</param>
    /// <param name="relation">The customers: a table or view name, or a parenthesised query with an alias, inserted as
    /// given.</param>
    /// <param name="value">The SQL expression of the measure, or <see langword="null"/> for a built-in one over the
    /// summaries' columns.</param>
    /// <param name="dialect">The engine's dialect.</param>
    /// <param name="approximate">Whether to use the engine's approximate quantiles.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>The fitted segmenter.</returns>
    /// <exception cref="ArgumentNullException">An argument but <paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="CreateCutPoints"/>, or <paramref name="relation"/> has no rows.</exception>
    /// <exception cref="InvalidOperationException">A customer's value is NULL, or the engine returned a non-finite cut
    /// point.</exception>
    public static async Task<ThresholdSegmenter> FitAsync(
        IOrderStatisticStrategy strategy,
        DbConnection connection,
        string relation,
        string? value,
        SqlDialect dialect,
        bool approximate = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrWhiteSpace(relation);
        ArgumentNullException.ThrowIfNull(dialect);
        value = ValueOf(strategy.Measure, value); // refused before any query, as fixed thresholds are
        RequireCutPoints(strategy);

        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*), COUNT(CAST(({value}) AS {dialect.DoubleType})) FROM {relation}";
        long customers, valued;
        await using (var counts = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await counts.ReadAsync(cancellationToken).ConfigureAwait(false);
            (customers, valued) = (Convert.ToInt64(counts.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(counts.GetValue(1), CultureInfo.InvariantCulture));
        }

        if (customers < 1)
        {
            throw new ArgumentException($"The relation '{relation}' has no rows: there are no customers to fit the cut points on.", nameof(relation));
        }

        if (valued != customers)
        {
            throw new InvalidOperationException($"The value ({value}) is NULL for {customers - valued} of {customers} customers; every customer needs a value to be ranked.");
        }

        var ranks = strategy.CutPointRanks(customers);
        command.CommandText = CreateCutPoints(strategy, customers, relation, value, dialect, approximate);
        var cutPoints = new double[ranks.Count];
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException("The engine returned no row of cut points.");
            }

            for (int i = 0; i < cutPoints.Length; i++)
            {
                cutPoints[i] = reader.IsDBNull(i) ? double.NaN : Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture);
                if (!double.IsFinite(cutPoints[i]))
                {
                    throw new InvalidOperationException($"The engine returned {(reader.IsDBNull(i) ? "NULL" : cutPoints[i])} for cut point {i + 1} (rank {ranks[i]} of {customers}): a customer's value is not finite.");
                }
            }
        }

        return strategy.FromCutPoints(cutPoints, customers);
    }

    /// <summary>The SQL expression of a built-in measure over the columns of <see cref="SummarySql.Create"/>: revenue, gross
    /// profit, repeat purchases, purchases, mean repeat spend, average order value and time since the last purchase.</summary>
    /// <param name="measure">The measure.</param>
    /// <returns>The expression, or <see langword="null"/> when the measure is not one of those.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="measure"/> is null.</exception>
    public static string? MeasureExpression(CustomerMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(measure);
        return ReferenceEquals(measure, CustomerMeasure.Revenue) ? "revenue"
            : ReferenceEquals(measure, CustomerMeasure.GrossProfit) ? "revenue - cost_of_goods"
            : ReferenceEquals(measure, CustomerMeasure.Frequency) ? "frequency"
            : ReferenceEquals(measure, CustomerMeasure.PurchaseCount) ? "frequency + 1"
            : ReferenceEquals(measure, CustomerMeasure.MonetaryValue) ? "monetary_value"
            : ReferenceEquals(measure, CustomerMeasure.AverageOrderValue) ? "revenue / (frequency + 1)"
            : ReferenceEquals(measure, CustomerMeasure.TimeSinceLastPurchase) ? "t - recency"
            : null;
    }

    /// <summary>The value expression given, or that of a built-in measure over the summaries' columns.</summary>
    private static string ValueOf(CustomerMeasure measure, string? value) =>
        value ?? MeasureExpression(measure) ?? throw new ArgumentException(
            $"The measure '{measure.Name}' is not a column of the summaries query: give the SQL expression of its value.",
            nameof(value));

    /// <summary>Refuses a strategy with fixed thresholds: it has no cut points to find.</summary>
    private static void RequireCutPoints(IOrderStatisticStrategy strategy)
    {
        if (strategy.CutPointRanks(1).Count == 0)
        {
            throw new ArgumentException("The strategy has fixed thresholds: there are no cut points to find; fit it on any population.", nameof(strategy));
        }
    }

    /// <summary>A string literal.</summary>
    private static string Text(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
