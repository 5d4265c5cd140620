using ValueSegmentation.Analysis;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Data.Tests;

/// <summary>The writers the vseg tool added: the rejects of a read and the migration matrix, each checked against the
/// text written by hand.</summary>
public class ResultCsvWriterTests
{
    private static readonly ObservationWindow Window = new(new DateTimeOffset(2025, 12, 31, 0, 0, 0, TimeSpan.Zero), TimeUnit.Weeks);

    [Fact]
    public void The_rejects_file_lists_each_bad_row_with_its_place_and_reason_and_neutralises_formulas()
    {
        // Line 3: a date that does not exist; line 4: an amount that is a formula.
        using var reader = TransactionReader.OpenCsv(
            new MemoryStream("customer_id,date,amount\na,2025-01-05,10\nb,2025-02-30,5\nc,2025-03-01,=1+2\n"u8.ToArray()),
            "orders.csv",
            new TransactionReadOptions { BadRows = BadRowPolicy.Collect });
        Assert.Single(reader.ReadAll());
        using var text = new StringWriter();
        ResultCsvWriter.WriteRejects(text, reader.Report);

        var lines = text.ToString().Split('\n');
        Assert.Equal("source,line,column,column_name,value,reason", lines[0]);
        Assert.StartsWith("orders.csv,3,2,date,2025-02-30,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("orders.csv,4,3,amount,\"'=1+2\",", lines[2], StringComparison.Ordinal);
        Assert.Equal(reader.Report.RowsRejected + 2, lines.Length); // the header, one line a reject, and the final newline
    }

    [Fact]
    public void The_migration_matrix_has_every_pair_then_the_lost_and_the_new()
    {
        // Fixed tiers ≥ 100, ≥ 10, rest (as in the core's migration test). Before: a 150 (H), b 50 (V), d 20 (V).
        // After: a 60 (V), b 120 (H), e 200 (H); d is lost, e is new.
        var strategy = new TieredStrategy(CustomerMeasure.Revenue, minimums: [100, 10]);
        var before = SegmentedCustomers.FitAndAssign(strategy, [Customer("a", 150), Customer("b", 50), Customer("d", 20)]);
        var after = SegmentedCustomers.FitAndAssign(strategy, [Customer("a", 60), Customer("b", 120), Customer("e", 200)]);
        using var text = new StringWriter();
        ResultCsvWriter.WriteMigration(text, SegmentMigration.Between(before, after));

        Assert.Equal(
            """
            from_segment,to_segment,customers,row_share
            Highest value,Highest value,0,0
            Highest value,Valuable,1,1
            Highest value,Low value,0,0
            Highest value,(lost),0,0
            Valuable,Highest value,1,0.5
            Valuable,Valuable,0,0
            Valuable,Low value,0,0
            Valuable,(lost),1,0.5
            Low value,Highest value,0,0
            Low value,Valuable,0,0
            Low value,Low value,0,0
            Low value,(lost),0,0
            (new),Highest value,1,
            (new),Valuable,0,
            (new),Low value,0,

            """.Replace("\r", string.Empty, StringComparison.Ordinal),
            text.ToString());
    }

    private static CustomerSummary Customer(string id, double revenue) =>
        new(id, Window, Window.End.AddDays(-10), Window.End.AddDays(-10), 1, revenue, 0);
}
