namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>
/// Issue 9, findings 3 and 6: on data where the maximum-likelihood estimate does not exist — no heterogeneity, one
/// customer, identical rows, nobody churning, four spend rows — the likelihood keeps rising towards the boundary of the
/// parameter space (a shape parameter running off to 0 or ∞). A fit there must say it did not converge and give no
/// standard errors, never throw, and the model it returns must still predict finite values for the data it was fitted on.
/// </summary>
public sealed class BoundaryFitTests
{
    /// <summary>The case: 3,000 customers with 1–7 purchases on random days of one year (seeded), so every
    /// customer buys at the same rate and never drops out: the data show no heterogeneity.</summary>
    private static RepeatPurchaseData NoHeterogeneity()
    {
        var random = new Random(7);
        var x = new List<int>();
        var recency = new List<double>();
        var age = new List<double>();
        for (int c = 0; c < 3_000; c++)
        {
            var days = Enumerable.Range(0, random.Next(1, 8)).Select(_ => random.Next(365)).Distinct().Order().ToArray();
            x.Add(days.Length - 1);
            recency.Add((days[^1] - days[0]) / 7.0);
            age.Add((365 - days[0]) / 7.0);
        }

        return RepeatPurchaseData.FromColumns(x, recency, age, TimeUnit.Weeks);
    }

    public static TheoryData<string> DataSets => ["no heterogeneity", "one customer", "identical rows", "nobody churns"];

    private static RepeatPurchaseData Data(string name) => name switch
    {
        "no heterogeneity" => NoHeterogeneity(),
        "one customer" => RepeatPurchaseData.FromColumns([3], [20.0], [30.0], TimeUnit.Weeks),
        "identical rows" => RepeatPurchaseData.FromColumns([2, 2, 2], [10.0, 10, 10], [30.0, 30, 30], TimeUnit.Weeks),
        _ => RepeatPurchaseData.FromColumns( // 200 customers buying every few weeks up to the end of the window
            [.. Enumerable.Range(0, 200).Select(i => 10 + (i % 5))], [.. Enumerable.Repeat(39.0, 200)], [.. Enumerable.Repeat(39.0, 200)], TimeUnit.Weeks),
    };

    [Theory]
    [MemberData(nameof(DataSets))]
    public void A_BG_NBD_fit_without_a_maximum_says_so_and_still_predicts(string dataSet) =>
        AssertHonest(BgNbdModel.Fit(Data(dataSet)), Data(dataSet));

    [Theory]
    [MemberData(nameof(DataSets))]
    public void An_MBG_NBD_fit_without_a_maximum_says_so_and_still_predicts(string dataSet) =>
        AssertHonest(MbgNbdModel.Fit(Data(dataSet)), Data(dataSet));

    [Theory]
    [MemberData(nameof(DataSets))]
    public void A_Pareto_NBD_fit_without_a_maximum_says_so_instead_of_throwing(string dataSet) =>
        AssertHonest(ParetoNbdModel.Fit(Data(dataSet)), Data(dataSet)); // threw ArithmeticException (₂F₁ overflow)

    [Fact]
    public void A_Gamma_Gamma_fit_on_four_spend_rows_without_a_maximum_says_so()
    {
        var fit = GammaGammaModel.Fit(SpendData.FromColumns([1, 2, 1, 3], [10.0, 12, 11, 10.5])).FitResult!;
        Assert.False(fit.Convergence.Converged, fit.ToString());
        Assert.Null(fit.StandardErrors);
        Assert.False(fit.HasCovariance);
    }

    [Fact]
    public void A_well_determined_fit_still_converges_with_standard_errors()
    {
        var fit = BgNbdModel.Fit(CdnowData.Rfm).FitResult!;
        Assert.True(fit.Convergence.Converged, fit.ToString());
        Assert.NotNull(fit.StandardErrors);
    }

    [Theory]
    [InlineData(1e12)]
    [InlineData(1e300)]
    public void Uniform_huge_weights_give_the_estimates_of_unit_weights(double weight)
    {
        // Multiplying every weight by w multiplies the log-likelihood by w and leaves its maximum where it was; the probe
        // found fits with huge weights throwing an ArgumentOutOfRangeException about α, which the caller never passed.
        var rows = Enumerable.Range(0, CdnowData.Rfm.RowCount).Select(i => CdnowData.Rfm[i]).ToList();
        var heavy = RepeatPurchaseData.FromColumns(
            [.. rows.Select(r => r.Frequency)], [.. rows.Select(r => r.Recency)], [.. rows.Select(r => r.Age)], TimeUnit.Weeks, [.. rows.Select(r => r.Weight * weight)]);
        var plain = BgNbdModel.Fit(CdnowData.Rfm).Parameters;
        var fitted = BgNbdModel.Fit(heavy);
        Assert.True(fitted.FitResult!.Convergence.Converged, fitted.FitResult.ToString());
        Assert.Equal(plain.R, fitted.Parameters.R, 5);
        Assert.Equal(plain.Alpha, fitted.Parameters.Alpha, 4);
        var pareto = ParetoNbdModel.Fit(heavy).FitResult!;
        Assert.True(pareto.Convergence.Converged, pareto.ToString());
    }

    private static void AssertHonest(RepeatPurchaseModel model, RepeatPurchaseData data)
    {
        var fit = model.FitResult!;
        Assert.False(fit.Convergence.Converged, fit.ToString());
        Assert.Null(fit.StandardErrors);
        Assert.Contains("no standard errors", fit.Convergence.Reason, StringComparison.Ordinal);
        Assert.All(fit.Parameters, p => Assert.True(double.IsFinite(p) && p > 0, fit.ToString()));
        Assert.True(double.IsFinite(fit.LogLikelihood));
        for (int i = 0; i < data.RowCount; i++)
        {
            var row = data[i];
            double alive = model.ProbabilityAlive(row.Frequency, row.Recency, row.Age);
            double expected = model.ConditionalExpectedPurchases(39, row.Frequency, row.Recency, row.Age);
            Assert.True(alive is >= 0 and <= 1, $"P(alive) {alive} for {row} under {fit}");
            Assert.True(double.IsFinite(expected) && expected >= 0, $"E[Y(39)] {expected} for {row} under {fit}");
        }
    }
}
