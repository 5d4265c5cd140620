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
        value ??= SummaryColumnsOf(segmenter.Measure) ?? throw new ArgumentException(
            $"The measure '{segmenter.Measure.Name}' is not a column of the summaries query: give the SQL expression of its value.",
            nameof(value));
        var segments = segmenter.Segments;
        var branches = segmenter.Minimums
            .Select((minimum, i) => (Minimum: minimum, Name: segments[i].Name))
            .Where(branch => double.IsFinite(branch.Minimum)) // a minimum of +∞ leaves its segment empty
            .Select(branch => $"  WHEN ({value}) >= CAST('{branch.Minimum.ToString("R", CultureInfo.InvariantCulture)}' AS {dialect.DoubleType}) THEN {Text(branch.Name)}");
        return $"CASE\n{string.Join('\n', branches)}\n  ELSE {Text(segments[^1].Name)}\nEND";
    }

    /// <summary>A string literal.</summary>
    private static string Text(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>The built-in measures as expressions of the summaries query's columns.</summary>
    private static string? SummaryColumnsOf(CustomerMeasure measure) =>
        ReferenceEquals(measure, CustomerMeasure.Revenue) ? "revenue"
        : ReferenceEquals(measure, CustomerMeasure.GrossProfit) ? "revenue - cost_of_goods"
        : ReferenceEquals(measure, CustomerMeasure.Frequency) ? "frequency"
        : ReferenceEquals(measure, CustomerMeasure.PurchaseCount) ? "frequency + 1"
        : ReferenceEquals(measure, CustomerMeasure.MonetaryValue) ? "monetary_value"
        : ReferenceEquals(measure, CustomerMeasure.AverageOrderValue) ? "revenue / (frequency + 1)"
        : ReferenceEquals(measure, CustomerMeasure.TimeSinceLastPurchase) ? "t - recency"
        : null;
}
