using ValueSegmentation.Tests.TestData;

namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>The published CDNOW RFM summary (cdnow_customers_summary.csv, weeks) as model input, read once.</summary>
internal static class CdnowData
{
    private static readonly Lazy<RepeatPurchaseData> Data = new(() =>
    {
        var rows = Cdnow.PublishedRfm().Values.ToList();
        return RepeatPurchaseData.FromColumns(
            [.. rows.Select(r => r.Frequency)], [.. rows.Select(r => r.Recency)], [.. rows.Select(r => r.Age)], TimeUnit.Weeks);
    });

    public static RepeatPurchaseData Rfm => Data.Value;
}
