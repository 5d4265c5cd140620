using System.Globalization;
using System.IO.Compression;
using System.Text;
using ValueSegmentation.Tests.Properties;
using ValueSegmentation.Tests.TestData;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Data.Tests;

/// <summary>Issue 11: transactions from delimited text — the CDNOW master file, and each layout option.</summary>
public sealed class CsvReaderTests : IDisposable
{
    private static readonly ObservationWindow Window = new(new DateTimeOffset(2024, 12, 31, 0, 0, 0, TimeSpan.Zero), TimeUnit.Days);
    private readonly string _folder = Directory.CreateTempSubdirectory("vseg-data-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void CDNOW_master_read_through_the_reader_gives_the_summaries_of_the_in_memory_builder()
    {
        // CDNOW_master.txt: 69,659 aligned rows "customer_id date number_of_cds dollar_value" (the header is the first line).
        var window = new ObservationWindow(Cdnow.End, TimeUnit.Weeks, PurchasePeriod.Day, Cdnow.CalibrationEnd);
        var expected = SummaryAssert.Builder(window, TransactionOrder.Chronological, Cdnow.MasterTransactions()).Build();

        using var reader = TransactionReader.OpenCsv(Cdnow.PathOf("CDNOW_master.txt"), format: new CsvFormat { WhitespaceSeparated = true });
        var (summaries, report) = reader.Summarize(window, TransactionOrder.Chronological);

        SummaryAssert.Same(expected, summaries);
        Assert.Equal(expected.Select(s => s.CustomerId), summaries.Select(s => s.CustomerId)); // first-seen order
        Assert.Equal(69_659, report.RowsRead);
        Assert.Equal(69_659, report.RowsUsed);
        Assert.Equal(23_570, summaries.Count + summaries.HoldoutOnlyCustomerIds.Count); // the cohort: every customer bought in the first quarter
    }

    [Fact]
    public void A_semicolon_file_in_a_comma_decimal_culture_with_day_first_dates_in_a_time_zone()
    {
        // Berlin is on summer time (UTC+2) from 31 March 2024, 02:00: both clock times are read in that offset and keep
        // their clock dates, so 00:30 on 1 April is a second purchase day although it is 22:30 on 31 March in UTC.
        string path = Write("semicolon.csv", "Kunde;Datum;Umsatz\nk1;31.03.2024 23:30;12,50\nk1;01.04.2024 00:30;7,25\n");
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var options = new TransactionReadOptions
        {
            Columns = new TransactionColumns { CustomerId = "Kunde", Timestamp = "Datum", Amount = "Umsatz" },
            Culture = CultureInfo.GetCultureInfo("de-DE"),
            TimestampFormat = TimestampFormat.Exact,
            DateFormat = "dd.MM.yyyy HH:mm",
            TimeZone = berlin,
        };
        using var reader = TransactionReader.OpenCsv(path, options);
        var transactions = reader.ReadAll().ToList();

        Assert.Equal(2, transactions.Count);
        Assert.Equal(new DateTimeOffset(2024, 3, 31, 23, 30, 0, TimeSpan.FromHours(2)), transactions[0].Timestamp);
        Assert.Equal(new DateTimeOffset(2024, 4, 1, 0, 30, 0, TimeSpan.FromHours(2)), transactions[1].Timestamp);
        Assert.Equal([12.5, 7.25], transactions.Select(t => t.Amount));
        Assert.Same(transactions[0].CustomerId, transactions[1].CustomerId); // one string per customer
        var builder = new CustomerSummaryBuilder(Window);
        builder.AddRange(transactions);
        var summary = Assert.Single(builder.Build());
        Assert.Equal(2, summary.PurchaseCount); // two clock dates: two purchases
    }

    [Fact]
    public void A_file_without_a_header_takes_customer_timestamp_amount_cost_in_that_order()
    {
        string path = Write("plain.csv", "a,2024-01-01,10,4\na,2024-01-05T10:00:00Z,5,\n");
        using var reader = TransactionReader.OpenCsv(path, format: new CsvFormat { HasHeader = false });
        var transactions = reader.ReadAll().ToList();
        Assert.Equal([10.0, 5.0], transactions.Select(t => t.Amount));
        Assert.Equal(4.0, transactions[0].Cost);
        Assert.Null(transactions[1].Cost);
        Assert.Equal(TimeSpan.Zero, transactions[1].Timestamp.Offset);
    }

    [Fact]
    public void Unix_seconds_and_milliseconds_are_instants_given_their_clock_date_in_the_zone()
    {
        string seconds = Write("seconds.csv", "id,timestamp,amount\na,1704153600,1\n"); // 2024-01-02T00:00:00Z
        string millis = Write("millis.csv", "id,timestamp,amount\na,1704153600500,1\n");
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        using (var reader = TransactionReader.OpenCsv(seconds, new TransactionReadOptions { TimestampFormat = TimestampFormat.UnixSeconds, TimeZone = newYork }))
        {
            var t = Assert.Single(reader.ReadAll());
            Assert.Equal(new DateTimeOffset(2024, 1, 1, 19, 0, 0, TimeSpan.FromHours(-5)), t.Timestamp); // still 1 January in New York
        }

        using (var reader = TransactionReader.OpenCsv(millis, new TransactionReadOptions { TimestampFormat = TimestampFormat.UnixMilliseconds }))
        {
            Assert.Equal(new DateTimeOffset(2024, 1, 2, 0, 0, 0, 500, TimeSpan.Zero), Assert.Single(reader.ReadAll()).Timestamp);
        }
    }

    [Fact]
    public void A_clock_time_that_the_zone_skips_is_rejected()
    {
        string path = Write("gap.csv", "id,date,amount\na,2024-03-31T02:30:00,1\n"); // Berlin jumps from 02:00 to 03:00
        var options = new TransactionReadOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin") };
        var error = Assert.Throws<DataReadException>(() => TransactionReader.SummarizeCsv(path, Window, options));
        Assert.Equal((2L, 2), (error.Line, error.Column));
        Assert.Contains("daylight-saving gap", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Gzip_files_and_byte_order_marks_are_read_as_the_plain_file()
    {
        const string Text = "customer_id,date,amount\nb,2024-02-01,3\nb,2024-02-09,4\n";
        string plain = Write("plain.csv", Text);
        string gz = Path.Combine(_folder, "log.csv.gz");
        using (var file = File.Create(gz))
        using (var zip = new GZipStream(file, CompressionLevel.Fastest))
        {
            zip.Write(Encoding.UTF8.GetBytes(Text));
        }

        string bomUtf8 = Path.Combine(_folder, "bom8.csv");
        File.WriteAllText(bomUtf8, Text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        string bomUtf16 = Path.Combine(_folder, "bom16.csv");
        File.WriteAllText(bomUtf16, Text, Encoding.Unicode);
        string gzWithoutExtension = Path.Combine(_folder, "compressed-without-extension");
        File.Copy(gz, gzWithoutExtension);

        var expected = TransactionReader.SummarizeCsv(plain, Window).Summaries;
        foreach (string path in new[] { gz, bomUtf8, bomUtf16, gzWithoutExtension })
        {
            SummaryAssert.Same(expected, TransactionReader.SummarizeCsv(path, Window).Summaries);
        }
    }

    [Fact]
    public void A_quoted_field_may_hold_delimiters_quotes_and_line_breaks_and_lines_stay_counted()
    {
        string path = Write("quoted.csv", "customer_id,date,amount\n\"x, \"\"the\"\"\ncustomer\",2024-01-01,1\ny,2024-01-02,oops\n");
        var error = Assert.Throws<DataReadException>(() => TransactionReader.SummarizeCsv(path, Window));
        Assert.Equal(4L, error.Line); // the first record takes lines 2 and 3
        using var reader = TransactionReader.OpenCsv(path, new TransactionReadOptions { BadRows = BadRowPolicy.Collect });
        Assert.Equal("x, \"the\"\ncustomer", Assert.Single(reader.ReadAll()).CustomerId);
    }

    [Fact]
    public void A_quantity_column_multiplies_the_unit_price_and_cost()
    {
        string path = Write("retail.csv", "CustomerID,InvoiceDate,Quantity,UnitPrice,UnitCost\nc,2011-12-01 08:26:00,6,2.55,1.5\nc,2011-12-02 08:26:00,-2,2.55,1.5\n");
        var options = new TransactionReadOptions { Columns = new TransactionColumns { Amount = "UnitPrice", Quantity = "Quantity", Cost = "UnitCost" }, BadRows = BadRowPolicy.Collect };
        using var reader = TransactionReader.OpenCsv(path, options);
        var row = Assert.Single(reader.ReadAll());
        Assert.Equal((6 * 2.55, 9.0), (row.Amount, row.Cost));

        // A return is a negative quantity: −2 × 2.55 is a refund, but −2 × 1.5 a negative cost, which a transaction cannot carry.
        var reject = Assert.Single(reader.Report.Rejects);
        Assert.Equal((3L, 5, "UnitCost"), (reject.Line, reject.Column, reject.ColumnName));
        Assert.Contains("negative cost", reject.Reason, StringComparison.Ordinal);
        using var withoutCost = TransactionReader.OpenCsv(path, new TransactionReadOptions { Columns = new TransactionColumns { Amount = "UnitPrice", Quantity = "Quantity" } });
        Assert.Equal([6 * 2.55, -2 * 2.55], withoutCost.ReadAll().Select(t => t.Amount));
    }

    [Fact]
    public void Negative_amounts_are_refunds_unless_the_options_reject_them()
    {
        string path = Write("refund.csv", "customer_id,date,amount\nr,2024-01-01,10\nr,2024-01-02,-4\n");
        Assert.Equal(6.0, Assert.Single(TransactionReader.SummarizeCsv(path, Window).Summaries).Revenue);
        var error = Assert.Throws<DataReadException>(() => TransactionReader.SummarizeCsv(path, Window, new TransactionReadOptions { RejectNegativeAmounts = true }));
        Assert.Equal((3L, 3, "-4"), (error.Line, error.Column, error.Value));
    }

    [Fact]
    public void Collecting_stops_with_an_error_one_reject_past_the_limit()
    {
        string path = Write("bad.csv", "customer_id,date,amount\n" + string.Concat(Enumerable.Range(0, 10).Select(i => $"c{i},never,1\n")));
        var options = new TransactionReadOptions { BadRows = BadRowPolicy.Collect, MaxRejects = 3 };
        var error = Assert.Throws<DataReadException>(() => TransactionReader.SummarizeCsv(path, Window, options));
        Assert.Equal(5L, error.Line); // the fourth bad row (lines 2 to 4 were collected)
        Assert.Contains("More than 3 rows rejected", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_after_the_window_are_rejected_or_dropped_and_counted()
    {
        string path = Write("late.csv", "customer_id,date,amount\nl,2024-06-01,1\nl,2025-02-01,2\n");
        var collected = TransactionReader.SummarizeCsv(path, Window, new TransactionReadOptions { BadRows = BadRowPolicy.Collect });
        Assert.Equal((2L, 1L, 1L), (collected.Report.RowsRead, collected.Report.RowsUsed, collected.Report.RowsRejected));
        Assert.Contains("after the end of the observation window", collected.Report.Rejects[0].Reason, StringComparison.Ordinal);

        using var reader = TransactionReader.OpenCsv(path);
        var dropped = reader.Summarize(Window, afterEnd: TransactionsAfterEnd.Drop);
        Assert.Equal((2L, 2L), (dropped.Report.RowsRead, dropped.Report.RowsUsed));
        Assert.Equal(1, dropped.Summaries.DroppedTransactionCount);
    }

    [Fact]
    public void A_reader_reads_its_source_once_reports_progress_and_can_be_cancelled()
    {
        string path = Write("big.csv", "customer_id,date,amount\n" + string.Concat(Enumerable.Range(0, 70_000).Select(i => $"c{i % 1000},2024-01-{1 + (i % 28):D2},1\n")));
        var seen = new List<ReadProgress>();
        using (var reader = TransactionReader.OpenCsv(path))
        {
            var result = reader.Summarize(Window, progress: new Progress(seen.Add));
            Assert.Equal(70_000, result.Report.RowsUsed);
            Assert.Throws<InvalidOperationException>(() => reader.Summarize(Window));
        }

        Assert.Equal([65_536L, 70_000L], seen.Select(p => p.Rows));
        Assert.Equal(new FileInfo(path).Length, seen[^1].TotalBytes);
        Assert.True(seen[0].Bytes > 0 && seen[0].Bytes <= seen[^1].TotalBytes);

        using var cancelled = TransactionReader.OpenCsv(path);
        Assert.Throws<OperationCanceledException>(() => cancelled.Summarize(Window, cancellationToken: new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Columns_chosen_by_a_name_that_is_absent_or_an_ordinal_out_of_range_are_named_in_the_error()
    {
        string path = Write("cols.csv", "a,b,c\nx,2024-01-01,1\n");
        var byName = Assert.Throws<DataReadException>(() => TransactionReader.OpenCsv(path, new TransactionReadOptions { Columns = new TransactionColumns { CustomerId = "a", Timestamp = "b", Amount = "total" } }));
        Assert.Contains("total", byName.Reason, StringComparison.Ordinal);
        var byOrdinal = Assert.Throws<DataReadException>(() => TransactionReader.OpenCsv(path, new TransactionReadOptions { Columns = new TransactionColumns { CustomerId = 0, Timestamp = 1, Amount = 7 } }));
        Assert.Contains("#7", byOrdinal.Reason, StringComparison.Ordinal);
        using var reader = TransactionReader.OpenCsv(path, new TransactionReadOptions { Columns = new TransactionColumns { CustomerId = 0, Timestamp = 1, Amount = 2 } });
        Assert.Equal("x", Assert.Single(reader.ReadAll()).CustomerId);
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private sealed class Progress(Action<ReadProgress> report) : IProgress<ReadProgress>
    {
        public void Report(ReadProgress value) => report(value);
    }
}
