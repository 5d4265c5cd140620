using ValueSegmentation.Tests.TestData;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Tests.Transactions;

/// <summary>
/// The summary rebuilt from CDNOW_sample.txt must equal the published CDNOW summaries (Fader, Hardie &amp; Lee
/// 2005, Marketing Science 24(2); the files distributed with lifetimes 0.11.3, see data/README.md): cut at
/// 1997-09-30, same-day purchases merged, times in weeks.
/// </summary>
public sealed class CdnowSummaryTests
{
    // The files round recency and T to 2 decimals: an exact value differs by at most 0.005 (plus the
    // representation error of the parsed decimal).
    private const double RoundingTolerance = 0.005 + 1e-9;

    private static readonly ObservationWindow CalibrationWindow =
        new(Cdnow.End, TimeUnit.Weeks, PurchasePeriod.Day, calibrationEnd: Cdnow.CalibrationEnd);

    private static readonly Lazy<CustomerSummaryCollection> Summaries =
        new(() => CustomerSummary.FromTransactions(Cdnow.SampleTransactions(), CalibrationWindow));

    [Fact]
    public void Every_customer_matches_the_published_frequency_recency_and_age()
    {
        var published = Cdnow.PublishedRfm();
        var ours = Summaries.Value;

        Assert.Equal(2357, ours.Count);
        Assert.Equal(published.Keys.Order(), ours.Select(s => s.CustomerId).Order());
        foreach (var summary in ours)
        {
            var expected = published[summary.CustomerId];
            Assert.True(expected.Frequency == summary.Frequency, $"{summary}: frequency {expected.Frequency} expected");
            Assert.True(Math.Abs(expected.Recency - summary.Recency) <= RoundingTolerance, $"{summary}: recency {expected.Recency} expected");
            Assert.True(Math.Abs(expected.Age - summary.Age) <= RoundingTolerance, $"{summary}: T {expected.Age} expected");
        }
    }

    [Fact]
    public void Mean_repeat_spend_matches_the_published_zbar()
    {
        var published = Cdnow.PublishedSummaries();
        foreach (var summary in Summaries.Value)
        {
            var expected = published[summary.CustomerId];
            Assert.True(
                Math.Abs(expected.MeanRepeatSpend - summary.MonetaryValue) <= RoundingTolerance,
                $"{summary}: zbar {expected.MeanRepeatSpend} expected");
        }
    }

    [Fact]
    public void Totals_match_the_data_readme()
    {
        // data/README.md: 946 customers with x > 0, Σx = 2,457; T from 27.00 to 38.86 weeks; mean zbar of
        // the repeaters 35.08; first purchases all in 1997-Q1, so nobody is seen only in the holdout.
        var ours = Summaries.Value;
        Assert.Equal(946, ours.Count(s => s.Frequency > 0));
        Assert.Equal(2457, ours.Sum(s => s.Frequency));
        Assert.Equal(27.00, ours.Min(s => s.Age), 2);
        Assert.Equal(38.86, ours.Max(s => s.Age), 2);
        Assert.Equal(35.08, ours.Where(s => s.Frequency > 0).Average(s => s.MonetaryValue), 2);
        Assert.Empty(ours.HoldoutOnlyCustomerIds);
        Assert.Equal(39.0, CalibrationWindow.HoldoutLength, 12); // 1997-10-01 .. 1998-06-30 = 273 days
    }

    [Fact]
    public void Customer_1_is_the_published_worked_example()
    {
        // Customer 1 (master id 00004): purchases on 1997-01-01, 01-18 and 08-02 in calibration (2 repeats,
        // t_x = 213 days = 30.43 weeks, T = 272 days = 38.86 weeks), repeat spend (29.73 + 14.96) / 2 = 22.345,
        // and one holdout purchase on 1997-12-12 of 26.48.
        var one = Summaries.Value.Single(s => s.CustomerId == "1");
        Assert.Equal(2, one.Frequency);
        Assert.Equal(213.0 / 7, one.Recency, 12);
        Assert.Equal(272.0 / 7, one.Age, 12);
        Assert.Equal(22.345, one.MonetaryValue, 10);
        Assert.Equal(29.33, one.FirstPurchaseRevenue, 10);
        Assert.Equal(1, one.HoldoutPurchaseCount);
        Assert.Equal(26.48, one.HoldoutRevenue, 10);
    }

    [Fact]
    public void Cutting_the_log_at_the_calibration_end_gives_the_same_calibration_summaries()
    {
        var window = new ObservationWindow(Cdnow.CalibrationEnd, TimeUnit.Weeks);
        var cut = CustomerSummary.FromTransactions(
            Cdnow.SampleTransactions().Where(t => t.Timestamp <= Cdnow.CalibrationEnd), window);

        var split = Summaries.Value.ToDictionary(s => s.CustomerId);
        Assert.Equal(split.Count, cut.Count);
        foreach (var summary in cut)
        {
            var other = split[summary.CustomerId];
            Assert.Equal(other.Frequency, summary.Frequency);
            Assert.Equal(other.Recency, summary.Recency);
            Assert.Equal(other.Age, summary.Age);
            Assert.Equal(other.Revenue, summary.Revenue);
            Assert.Equal(0, summary.HoldoutPurchaseCount);
        }
    }

    [Fact]
    public void Building_in_parallel_halves_and_merging_equals_building_the_whole_log()
    {
        // Split the log by customer parity into two builders (as two threads would), then merge.
        var transactions = Cdnow.SampleTransactions().ToArray();
        var even = new CustomerSummaryBuilder(CalibrationWindow);
        var odd = new CustomerSummaryBuilder(CalibrationWindow);
        foreach (var t in transactions)
        {
            (int.Parse(t.CustomerId, System.Globalization.CultureInfo.InvariantCulture) % 2 == 0 ? even : odd).Add(t);
        }

        even.Merge(odd);
        var merged = even.Build().ToDictionary(s => s.CustomerId);
        Assert.Equal(transactions.Length, even.TransactionCount);
        Assert.All(Summaries.Value, s => Assert.Equal(s, merged[s.CustomerId]));
    }
}
