using ValueSegmentation.Analysis;
using ValueSegmentation.Data.Internal;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Data;

/// <summary>
/// Writes the results of a segmentation as CSV: each customer's segment, each customer's values of some measures, the
/// segment report and the Lorenz curve of the concentration of value. Numbers are in the invariant culture and
/// round-trippable; text (ids, segment names, rules, treatments) is quoted when needed and neutralised against
/// spreadsheet formula injection (see <see cref="SummaryTableWriter"/>).
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class ResultCsvWriter
{
    /// <summary>Writes <c>customer_id, segment, segment_rank</c>, one row per customer in the population's order.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="segmented">The assignments.</param>
    /// <param name="pseudonymizer">When given, each customer id is written as its keyed pseudonym (see
    /// <see cref="CustomerIdPseudonymizer"/>); by default ids are written as they are.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteAssignments(TextWriter writer, SegmentedCustomers segmented, CustomerIdPseudonymizer? pseudonymizer = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(segmented);
        CsvCells.Header(writer, "customer_id", "segment", "segment_rank");
        var customers = segmented.Customers;
        var indexes = segmented.SegmentIndexes();
        var segments = segmented.Segmenter.Segments;
        for (int i = 0; i < customers.Count; i++)
        {
            var segment = segments[indexes[i]];
            CsvCells.CustomerId(writer, customers.CustomerIdAt(i), pseudonymizer);
            writer.Write(',');
            CsvCells.Text(writer, segment.Name);
            writer.Write(',');
            CsvCells.Integer(writer, segment.Rank);
            writer.Write('\n');
        }
    }

    /// <summary>Writes <c>customer_id</c> and one column per measure (named as given), one row per customer.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="customers">The customers.</param>
    /// <param name="measures">The columns: a name and a measure each. The population evaluates each measure once.</param>
    /// <param name="pseudonymizer">When given, each customer id is written as its keyed pseudonym (see
    /// <see cref="CustomerIdPseudonymizer"/>); by default ids are written as they are.</param>
    /// <exception cref="ArgumentNullException">An argument, a name or a measure is null.</exception>
    /// <exception cref="MeasureEvaluationException">A measure cannot value a customer.</exception>
    public static void WriteValues(TextWriter writer, CustomerSummaryCollection customers, IReadOnlyList<KeyValuePair<string, CustomerMeasure>> measures, CustomerIdPseudonymizer? pseudonymizer = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(measures);
        var names = new string[measures.Count + 1];
        names[0] = "customer_id";
        var values = new double[measures.Count][];
        for (int m = 0; m < measures.Count; m++)
        {
            ArgumentNullException.ThrowIfNull(measures[m].Key, nameof(measures));
            ArgumentNullException.ThrowIfNull(measures[m].Value, nameof(measures));
            names[m + 1] = measures[m].Key;
            values[m] = customers.ValuesOf(measures[m].Value).ToArray();
        }

        for (int c = 0; c < names.Length; c++)
        {
            if (c > 0)
            {
                writer.Write(',');
            }

            CsvCells.Text(writer, names[c]);
        }

        writer.Write('\n');
        for (int i = 0; i < customers.Count; i++)
        {
            CsvCells.CustomerId(writer, customers.CustomerIdAt(i), pseudonymizer);
            foreach (var column in values)
            {
                writer.Write(',');
                CsvCells.Number(writer, column[i]);
            }

            writer.Write('\n');
        }
    }

    /// <summary>Writes the segment report: one row per segment in rank order, then a row named "Total" for the whole
    /// population; empty cells where a figure is undefined (a share of zero revenue, the mean of an empty segment).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="report">The report.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteSegmentReport(TextWriter writer, SegmentReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        CsvCells.Header(
            writer,
            "segment", "rank", "rule", "treatment", "customers", "customer_share", "revenue", "revenue_share", "cost_of_goods",
            "cost_to_serve", "profit", "mean_value", "median_value", "average_order_value", "purchase_frequency", "mean_loyalty");
        foreach (var row in report.Rows.Append(report.Total))
        {
            CsvCells.Text(writer, row.Segment?.Name ?? "Total");
            writer.Write(',');
            if (row.Segment is { } segment)
            {
                CsvCells.Integer(writer, segment.Rank);
            }

            writer.Write(',');
            CsvCells.Text(writer, row.Segment?.Rule);
            writer.Write(',');
            CsvCells.Text(writer, row.Segment?.Treatment);
            writer.Write(',');
            CsvCells.Integer(writer, row.Customers);
            foreach (double? figure in (ReadOnlySpan<double?>)[row.CustomerShare, row.Revenue, row.RevenueShare, row.CostOfGoods, row.CostToServe, row.Profit, row.MeanValue, row.MedianValue, row.AverageOrderValue, row.PurchaseFrequency, row.MeanLoyalty])
            {
                writer.Write(',');
                CsvCells.Number(writer, figure);
            }

            writer.Write('\n');
        }
    }

    /// <summary>Writes the Lorenz curve of the concentration of value: <c>customer_share, value_share</c>.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="concentration">The concentration.</param>
    /// <param name="points">How many points, evenly spaced in customer share (at least 2); 101 by default.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="points"/> is below 2.</exception>
    public static void WriteLorenzCurve(TextWriter writer, ValueConcentration concentration, int points = 101)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(concentration);
        var curve = concentration.LorenzCurve(points);
        CsvCells.Header(writer, "customer_share", "value_share");
        foreach (var point in curve)
        {
            CsvCells.Number(writer, point.CustomerShare);
            writer.Write(',');
            CsvCells.Number(writer, point.ValueShare);
            writer.Write('\n');
        }
    }

    /// <summary>Writes the rows a read rejected: <c>source, line, column, column_name, value, reason</c>, one row each, so
    /// that the rows read are the rows used plus the rows in this file.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="report">The read's report.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteRejects(TextWriter writer, ReadReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        CsvCells.Header(writer, "source", "line", "column", "column_name", "value", "reason");
        foreach (var reject in report.Rejects)
        {
            CsvCells.Text(writer, report.Source);
            writer.Write(',');
            CsvCells.Integer(writer, reject.Line);
            writer.Write(',');
            CsvCells.Integer(writer, reject.Column);
            writer.Write(',');
            CsvCells.Text(writer, reject.ColumnName);
            writer.Write(',');
            CsvCells.Text(writer, reject.Value);
            writer.Write(',');
            CsvCells.Text(writer, reject.Reason);
            writer.Write('\n');
        }
    }

    /// <summary>Writes the migration matrix: <c>from_segment, to_segment, customers, row_share</c> for every pair of
    /// segments, then each segment's lost customers (<c>to_segment</c> "(lost)") and new customers (<c>from_segment</c>
    /// "(new)").</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="migration">The migration.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void WriteMigration(TextWriter writer, SegmentMigration migration)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(migration);
        CsvCells.Header(writer, "from_segment", "to_segment", "customers", "row_share");
        var segments = migration.Segments;
        for (int from = 0; from < segments.Count; from++)
        {
            for (int to = 0; to < segments.Count; to++)
            {
                Row(segments[from].Name, segments[to].Name, migration.Count(from, to), migration.RowShare(from, to));
            }

            Row(segments[from].Name, "(lost)", migration.Lost(from), migration.LostShare(from));
        }

        for (int to = 0; to < segments.Count; to++)
        {
            Row("(new)", segments[to].Name, migration.New(to), null);
        }

        void Row(string from, string to, long customers, double? share)
        {
            CsvCells.Text(writer, from);
            writer.Write(',');
            CsvCells.Text(writer, to);
            writer.Write(',');
            CsvCells.Integer(writer, customers);
            writer.Write(',');
            CsvCells.Number(writer, share);
            writer.Write('\n');
        }
    }
}
