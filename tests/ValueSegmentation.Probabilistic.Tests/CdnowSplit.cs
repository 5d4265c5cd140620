using ValueSegmentation.Tests.TestData;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>The CDNOW sample split as in Fader, Hardie &amp; Lee (2005): 39 weeks of calibration (1997-01-01 to
/// 1997-09-30) and 39 of holdout (to 1998-06-30), in weeks, built once; and lifetime values fitted on it.</summary>
internal static class CdnowSplit
{
    private static readonly Lazy<List<Transaction>> Log = new(() => [.. Cdnow.SampleTransactions()]);

    private static readonly Lazy<CustomerSummaryCollection> Weeks = new(() => CustomerSummary.FromTransactions(Log.Value, Window(TimeUnit.Weeks)));

    private static readonly Lazy<(BgNbdModel Transactions, GammaGammaModel Spend)> Models = new(() =>
        (BgNbdModel.Fit(RepeatPurchaseData.FromSummaries(Weeks.Value)), GammaGammaModel.Fit(SpendData.FromSummaries(Weeks.Value))));

    /// <summary>The transactions of the sample, in file order.</summary>
    public static IReadOnlyList<Transaction> Transactions => Log.Value;

    /// <summary>The summaries in weeks, with their holdout purchases.</summary>
    public static CustomerSummaryCollection Customers => Weeks.Value;

    /// <summary>The window of the split, in <paramref name="unit"/>.</summary>
    public static ObservationWindow Window(TimeUnit unit) => new(Cdnow.End, unit, PurchasePeriod.Day, Cdnow.CalibrationEnd);

    /// <summary>BG/NBD and Gamma-Gamma fitted to the calibration period, valued over 36 months at 1 % a month.</summary>
    public static ProbabilisticLifetimeValue LifetimeValue(double margin = 1) =>
        new(Models.Value.Transactions, Models.Value.Spend, TimeUnit.Months, 0.01, 36, margin);
}
