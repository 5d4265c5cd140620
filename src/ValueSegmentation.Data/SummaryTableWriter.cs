using ValueSegmentation.Data.Internal;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Data;

/// <summary>
/// Writes customer summaries as a summary table with the column names lifetimes and the BTYD tools read:
/// <c>customer_id, frequency, recency, T, monetary_value, revenue</c>, then <c>cost_of_goods</c> when some customer has
/// a cost and <c>frequency_holdout, revenue_holdout</c> when some has a holdout purchase. Times are in the summaries'
/// time unit; <see cref="SummaryTableReader"/> reads the file back into the same summaries.
/// </summary>
/// <remarks>Numbers are written in the invariant culture, round-trippable; ids are quoted when needed and neutralised
/// against spreadsheet formula injection. Stateless and thread-safe.</remarks>
public static class SummaryTableWriter
{
    private const int Block = 4096;

    /// <summary>Writes the summaries to a UTF-8 file (replacing it).</summary>
    /// <param name="path">The file.</param>
    /// <param name="summaries">The summaries.</param>
    /// <param name="pseudonymizer">When given, each customer id is written as its keyed pseudonym (see
    /// <see cref="CustomerIdPseudonymizer"/>); by default ids are written as they are.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="summaries"/> is null.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void WriteCsv(string path, CustomerSummaryCollection summaries, CustomerIdPseudonymizer? pseudonymizer = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(summaries);
        using var writer = CsvCells.Create(path);
        WriteCsv(writer, summaries, pseudonymizer);
    }

    /// <summary>Writes the summaries to a text writer.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="summaries">The summaries.</param>
    /// <param name="pseudonymizer">When given, each customer id is written as its keyed pseudonym (see
    /// <see cref="CustomerIdPseudonymizer"/>); by default ids are written as they are.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> or <paramref name="summaries"/> is null.</exception>
    public static void WriteCsv(TextWriter writer, CustomerSummaryCollection summaries, CustomerIdPseudonymizer? pseudonymizer = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(summaries);
        int count = summaries.Count;
        SummaryColumn[] columns = [SummaryColumn.Frequency, SummaryColumn.Recency, SummaryColumn.Age, SummaryColumn.MonetaryValue, SummaryColumn.Revenue, SummaryColumn.CostOfGoods, SummaryColumn.TransactionsWithCost, SummaryColumn.HoldoutPurchaseCount, SummaryColumn.HoldoutRevenue];
        var values = new double[columns.Length][];
        for (int c = 0; c < columns.Length; c++)
        {
            values[c] = new double[Math.Min(Block, count)];
        }

        // Which optional columns to write: one pass over the cost and holdout columns.
        bool costs = false, holdout = false;
        for (int start = 0; start < count; start += Block)
        {
            int length = Math.Min(Block, count - start);
            summaries.CopyColumn(SummaryColumn.TransactionsWithCost, start, values[6].AsSpan(0, length));
            summaries.CopyColumn(SummaryColumn.HoldoutPurchaseCount, start, values[7].AsSpan(0, length));
            foreach (double withCost in values[6].AsSpan(0, length))
            {
                costs |= withCost > 0;
            }

            foreach (double purchases in values[7].AsSpan(0, length))
            {
                holdout |= purchases > 0;
            }
        }

        var header = new List<string> { "customer_id", "frequency", "recency", "T", "monetary_value", "revenue" };
        if (costs)
        {
            header.Add("cost_of_goods");
        }

        if (holdout)
        {
            header.AddRange(["frequency_holdout", "revenue_holdout"]);
        }

        CsvCells.Header(writer, [.. header]);
        for (int start = 0; start < count; start += Block)
        {
            int length = Math.Min(Block, count - start);
            for (int c = 0; c < columns.Length; c++)
            {
                summaries.CopyColumn(columns[c], start, values[c].AsSpan(0, length));
            }

            for (int i = 0; i < length; i++)
            {
                CsvCells.CustomerId(writer, summaries.CustomerIdAt(start + i), pseudonymizer);
                for (int c = 0; c <= 4; c++)
                {
                    writer.Write(',');
                    CsvCells.Number(writer, values[c][i]);
                }

                if (costs)
                {
                    writer.Write(',');
                    if (values[6][i] > 0)
                    {
                        CsvCells.Number(writer, values[5][i]);
                    }
                }

                if (holdout)
                {
                    writer.Write(',');
                    CsvCells.Number(writer, values[7][i]);
                    writer.Write(',');
                    CsvCells.Number(writer, values[8][i]);
                }

                writer.Write('\n');
            }
        }
    }
}
