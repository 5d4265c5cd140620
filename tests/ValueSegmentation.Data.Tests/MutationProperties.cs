using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Data.Tests;

/// <summary>Issue 11: randomly mutated CSV files never raise anything but the library's documented exception, and
/// never lose a row: every row read is used or rejected, and the rows used are the transactions summarised.</summary>
public class MutationProperties
{
    private static readonly ObservationWindow Window = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeUnit.Weeks);
    private const string Alphabet = "0123456789-.,;:\"' \tTZ+eE\nxNaI";

    private static string Mutated(int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("customer_id,date,amount,cost\n");
        for (int i = 0, rows = random.Next(1, 60); i < rows; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"c{random.Next(20)},2024-{1 + random.Next(12):D2}-{1 + random.Next(28):D2},{random.Next(1000) / 4.0},{(random.Next(2) == 0 ? string.Empty : "1.5")}\n");
        }

        for (int m = 0, mutations = random.Next(1, 12); m < mutations; m++)
        {
            int at = random.Next(text.Length);
            switch (random.Next(3))
            {
                case 0:
                    text[at] = Alphabet[random.Next(Alphabet.Length)];
                    break;
                case 1:
                    text.Remove(at, Math.Min(random.Next(1, 5), text.Length - at));
                    break;
                default:
                    text.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                    break;
            }
        }

        return text.ToString();
    }

    [Property(MaxTest = 300)]
    public Property Mutated_files_fail_only_with_the_documented_exception_and_lose_no_row() => Prop.ForAll(
        Gen.Choose(0, int.MaxValue - 1).ToArbitrary(),
        seed =>
        {
            string text = Mutated(seed);
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
            var options = new TransactionReadOptions { BadRows = BadRowPolicy.Collect, MaxRejects = int.MaxValue };
            try
            {
                using var reader = TransactionReader.OpenCsv(stream, "mutated.csv", options, new CsvFormat { Delimiter = ',' }, leaveOpen: true);
                var (summaries, report) = reader.Summarize(Window, afterEnd: TransactionsAfterEnd.Drop);
                Assert.Equal(report.RowsRead, report.RowsUsed + report.RowsRejected);
                Assert.Equal(report.RowsUsed, summaries.Sum(s => (long)s.TransactionCount) + summaries.DroppedTransactionCount);

                // Without quotes every line after the header is one row, blank ones included (a blank line before the
                // file's last line break too); only the empty text after the last line break is no line.
                if (!text.Contains('"', StringComparison.Ordinal))
                {
                    int lines = text.Split('\n').Length - 1 - (text.EndsWith('\n') ? 1 : 0);
                    Assert.Equal(lines, report.RowsRead);
                }

                // The same file read row by row uses the same rows.
                stream.Position = 0;
                using var again = TransactionReader.OpenCsv(stream, "mutated.csv", options, new CsvFormat { Delimiter = ',' }, leaveOpen: true);
                Assert.Equal(report.RowsUsed, again.ReadAll().LongCount());
            }
            catch (DataReadException)
            {
                // The documented failure (a broken header or broken quoting); anything else fails the property.
            }
        });
}
