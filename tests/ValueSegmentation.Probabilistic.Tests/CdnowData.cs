using System.Globalization;
using ValueSegmentation.Tests.TestData;

namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>The published CDNOW summaries as model input, read once: the RFM summary (cdnow_customers_summary.csv,
/// weeks) for the transaction models, and x with the mean repeat spend (cdnow_customers_summary_with_transactions.csv,
/// in customer order) for Gamma-Gamma.</summary>
internal static class CdnowData
{
    private static readonly Lazy<RepeatPurchaseData> Data = new(() =>
    {
        var rows = Cdnow.PublishedRfm().Values.ToList();
        return RepeatPurchaseData.FromColumns(
            [.. rows.Select(r => r.Frequency)], [.. rows.Select(r => r.Recency)], [.. rows.Select(r => r.Age)], TimeUnit.Weeks);
    });

    private static readonly Lazy<SpendData> SpendRows = new(() =>
    {
        var rows = Cdnow.PublishedSummaries().OrderBy(p => int.Parse(p.Key, CultureInfo.InvariantCulture)).Select(p => p.Value).ToList();
        return SpendData.FromColumns([.. rows.Select(r => r.Frequency)], [.. rows.Select(r => r.MeanRepeatSpend)]);
    });

    public static RepeatPurchaseData Rfm => Data.Value;

    public static SpendData Spend => SpendRows.Value;
}
