using System.Text;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Tests.TestData;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Data.Tests;

/// <summary>Issue 11: customer ids pseudonymised by a keyed hash (HMAC-SHA256) on the way in or out.</summary>
public sealed class PseudonymizerTests
{
    private static readonly CustomerIdPseudonymizer Keyed = new(Encoding.UTF8.GetBytes("a key of thirty-two bytes, fixed"));

    [Fact]
    public void The_pseudonym_is_the_first_128_bits_of_HMAC_SHA256_as_RFC_4231_gives_it()
    {
        // RFC 4231, section 4.2 (test case 1): key = 20 bytes of 0x0b, data = "Hi There",
        // HMAC-SHA-256 = b0344c61d8db38535ca8afceaf0bf12b 881dc200c9833da726e9376c2e32cff7.
        var pseudonymizer = new CustomerIdPseudonymizer(Enumerable.Repeat((byte)0x0b, 20).ToArray());
        Assert.Equal("b0344c61d8db38535ca8afceaf0bf12b", pseudonymizer.Pseudonymize("Hi There"));
    }

    [Fact]
    public void Equal_ids_give_equal_pseudonyms_and_another_key_gives_others()
    {
        var other = CustomerIdPseudonymizer.FromBase64(Convert.ToBase64String(Encoding.UTF8.GetBytes("another key of thirty-two bytes")));
        string id = new('7', 300); // longer than the stack buffer
        Assert.Equal(Keyed.Pseudonymize(id), Keyed.Pseudonymize(new string('7', 300)));
        Assert.NotEqual(Keyed.Pseudonymize(id), other.Pseudonymize(id));
        Assert.NotEqual(Keyed.Pseudonymize("c1"), Keyed.Pseudonymize("C1"));
        Assert.Matches("^[0-9a-f]{32}$", Keyed.Pseudonymize("ü-ñ"));
        Assert.DoesNotContain("thirty", Keyed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_that_are_not_valid_UTF16_keep_pseudonyms_of_their_own()
    {
        // Encoded as UTF-8 with replacement, both lone surrogates would become U+FFFD and share a pseudonym.
        string high = "c\uD800", low = "c\uDC00", replaced = "c\uFFFD";
        var pseudonyms = new[] { high, low, replaced }.Select(id => Keyed.Pseudonymize(id)).ToArray();
        Assert.Equal(3, pseudonyms.Distinct().Count());
        Assert.All(pseudonyms, p => Assert.Matches("^[0-9a-f]{32}$", p));
    }

    [Fact]
    public void Keys_shorter_than_128_bits_and_keys_that_are_not_base64_are_refused()
    {
        Assert.Equal("key", Assert.Throws<ArgumentException>(() => new CustomerIdPseudonymizer("Jefe"u8)).ParamName);
        Assert.Equal("base64Key", Assert.Throws<ArgumentException>(() => CustomerIdPseudonymizer.FromBase64("not base64!")).ParamName);
    }

    [Fact]
    public void CDNOW_read_with_a_pseudonymizer_gives_the_same_summaries_under_pseudonyms()
    {
        var window = new ObservationWindow(Cdnow.End, TimeUnit.Weeks, PurchasePeriod.Day, Cdnow.CalibrationEnd);
        var format = new CsvFormat { WhitespaceSeparated = true };
        var plain = TransactionReader.SummarizeCsv(Cdnow.PathOf("CDNOW_master.txt"), window, format: format);
        var hidden = TransactionReader.SummarizeCsv(Cdnow.PathOf("CDNOW_master.txt"), window, new TransactionReadOptions { Pseudonymizer = Keyed }, format);

        Assert.Equal(plain.Summaries.Count, hidden.Summaries.Count);
        for (int i = 0; i < plain.Summaries.Count; i++)
        {
            var (a, b) = (plain.Summaries[i], hidden.Summaries[i]);
            Assert.Equal(Keyed.Pseudonymize(a.CustomerId), b.CustomerId);
            Assert.Equal((a.Frequency, a.Recency, a.Age, a.Revenue, a.HoldoutPurchaseCount), (b.Frequency, b.Recency, b.Age, b.Revenue, b.HoldoutPurchaseCount));
        }

        Assert.Equal(plain.Summaries.HoldoutOnlyCustomerIds.Select(id => Keyed.Pseudonymize(id)), hidden.Summaries.HoldoutOnlyCustomerIds);

        // Pseudonymised on the way in, or on the way out: the same file.
        using var written = new StringWriter();
        SummaryTableWriter.WriteCsv(written, plain.Summaries, Keyed);
        using var read = new StringWriter();
        SummaryTableWriter.WriteCsv(read, hidden.Summaries);
        Assert.Equal(written.ToString(), read.ToString());
        Assert.DoesNotContain(",00001,", written.ToString().Replace('\n', ','), StringComparison.Ordinal);
    }

    [Fact]
    public void Writers_given_a_pseudonymizer_write_no_raw_id()
    {
        var customers = CustomerSummaryCollection.Of([CustomerSummary.FromNumbers("alice@example.com", 2, 3, 10, TimeUnit.Weeks, 20)]);
        using var values = new StringWriter();
        ResultCsvWriter.WriteValues(values, customers, [new("revenue", CustomerMeasure.Revenue)], Keyed);
        Assert.DoesNotContain("alice", values.ToString(), StringComparison.Ordinal);
        Assert.Contains(Keyed.Pseudonymize("alice@example.com"), values.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_summary_table_read_with_a_pseudonymizer_rejects_a_repeated_customer_under_its_pseudonym()
    {
        string path = Path.Combine(Path.GetTempPath(), $"vseg-pseudo-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "customer_id,frequency,recency,T\nbob,1,2,5\nbob,0,0,5\n");
        try
        {
            var options = new SummaryReadOptions { Pseudonymizer = Keyed, BadRows = BadRowPolicy.Collect };
            var result = SummaryTableReader.ReadCsv(path, TimeUnit.Weeks, options);
            Assert.Equal(Keyed.Pseudonymize("bob"), Assert.Single(result.Summaries).CustomerId);
            var reject = Assert.Single(result.Report.Rejects);
            Assert.Equal(Keyed.Pseudonymize("bob"), reject.Value);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
