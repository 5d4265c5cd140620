using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Data.Tests;

/// <summary>Issue 11: a summary table written and read back holds the same summaries, for random logs.</summary>
public class RoundTripProperties
{
    private static (Transaction[] Log, ObservationWindow Window) Log(int seed)
    {
        var random = new Random(seed);
        var origin = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
        int customers = random.Next(1, 300);
        var ids = Enumerable.Range(0, customers).Select(i => random.Next(4) switch
        {
            0 => "=cmd|' /C calc'!A0" + i, // a formula, neutralised on the way out and kept as the id on the way back
            1 => "c, \"quoted\" " + i,
            2 => "-" + i,
            _ => "c" + i,
        }).ToArray();
        var log = Enumerable.Range(0, random.Next(1, 2_000))
            .Select(_ => new Transaction(
                ids[random.Next(customers)],
                origin.AddMinutes(random.Next(500 * 24 * 60)),
                Math.Round((random.NextDouble() * 300) - 20, random.Next(0, 4)),
                random.Next(3) == 0 ? Math.Round(random.NextDouble() * 50, 2) : null))
            .OrderBy(t => t.Timestamp)
            .ToArray();
        DateTimeOffset? calibration = random.Next(2) == 0 ? origin.AddDays(400) : null;
        return (log, new ObservationWindow(origin.AddDays(500), (TimeUnit)random.Next(4), PurchasePeriod.Day, calibration));
    }

    [Property(MaxTest = 40)]
    public Property A_summary_table_written_and_read_back_holds_the_same_summaries() => Prop.ForAll(
        Gen.Choose(0, int.MaxValue - 1).ToArbitrary(),
        seed =>
        {
            var (log, window) = Log(seed);
            var builder = new CustomerSummaryBuilder(window);
            builder.AddRange(log);
            var built = builder.Build();
            using var text = new StringWriter();
            SummaryTableWriter.WriteCsv(text, built);
            string path = Path.Combine(Path.GetTempPath(), $"vseg-roundtrip-{Guid.NewGuid():N}.csv");
            File.WriteAllText(path, text.ToString());
            try
            {
                var (read, report) = SummaryTableReader.ReadCsv(path, window.TimeUnit);
                Assert.Equal(built.Count, report.RowsUsed);
                Assert.Equal(built.Select(s => s.CustomerId), read.Select(s => s.CustomerId)); // formulas neutralised out, ids back
                for (int i = 0; i < built.Count; i++)
                {
                    var (a, b) = (built[i], read[i]);
                    Assert.Equal((a.Frequency, a.Recency, a.Age, a.HoldoutPurchaseCount), (b.Frequency, b.Recency, b.Age, b.HoldoutPurchaseCount));
                    Assert.Equal(a.MonetaryValue, b.MonetaryValue); // written round-trippable, read back to the bit
                    Assert.Equal(a.HoldoutRevenue, b.HoldoutRevenue);
                    Assert.Equal(a.TransactionsWithCost > 0, b.TransactionsWithCost > 0);
                    Assert.Equal(a.CostOfGoods, b.CostOfGoods);

                    // The table holds revenue and the mean repeat spend, not the first purchase's part: the reader splits
                    // revenue as revenue − x·z̄, so the sum may differ from the original in its last bit.
                    Assert.Equal(a.Revenue, b.Revenue, Math.Max(Math.Abs(a.Revenue), 1) * 1e-15);
                }
            }
            finally
            {
                File.Delete(path);
            }
        });
}
