using ValueSegmentation.Tests.TestData;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>MBG/NBD (Batislam, Denizel &amp; Filiztekin 2007) on the CDNOW sample, against the BTYDplus estimates
/// listed in the shared data README (r, α, a, b = 0.525, 6.183, 0.891, 1.614; LL about −9582.13).</summary>
public sealed class MbgNbdTests
{
    private static readonly Lazy<RepeatPurchaseData> CdnowData = new(() =>
    {
        var rows = Cdnow.PublishedRfm().Values.ToList();
        return RepeatPurchaseData.FromColumns(
            [.. rows.Select(r => r.Frequency)], [.. rows.Select(r => r.Recency)], [.. rows.Select(r => r.Age)], TimeUnit.Weeks);
    });

    private static readonly Lazy<MbgNbdModel> Fitted = new(() => MbgNbdModel.Fit(CdnowData.Value));

    [Fact]
    public void The_fit_on_cdnow_reproduces_the_reference_estimates()
    {
        var model = Fitted.Value;
        var fit = model.FitResult!;
        Assert.True(fit.Convergence.Converged, fit.ToString());
        Assert.Equal(0.525, model.Parameters.R, 3);
        Assert.Equal(6.183, model.Parameters.Alpha, 3);
        Assert.Equal(0.891, model.Parameters.A, 3);
        Assert.Equal(1.614, model.Parameters.B, 3);
        Assert.Equal(-9582.13, fit.LogLikelihood, 2);
    }

    [Fact]
    public void Without_repeat_purchases_a_customer_may_already_be_gone()
    {
        // P(alive | x = 0, T) = 1/(1 + a/b · ((α + T)/α)^r), about 0.39 at T = 38.86 here, where BG/NBD says 1.
        var model = new MbgNbdModel(new BgNbdParameters(0.525, 6.183, 0.891, 1.614), TimeUnit.Weeks);
        Assert.Equal(1 / (1 + (0.891 / 1.614 * Math.Pow((6.183 + 38.86) / 6.183, 0.525))), model.ProbabilityAlive(0, 0, 38.86), 14);

        // E[X(t)] of a new customer is the conditional expectation from (0, 0, 0): b/(a + b) × BG-bracket.
        double sum = Enumerable.Range(0, 400).Sum(x => x * model.ProbabilityOfPurchases(x, 39));
        Assert.Equal(model.ExpectedPurchases(39), sum, 9);
        Assert.Equal(1, Enumerable.Range(0, 400).Sum(x => model.ProbabilityOfPurchases(x, 39)), 10);
    }
}
