using ValueSegmentation.Probabilistic.Validation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Tests.Validation;

public sealed class ModelComparisonTests
{
    private static CustomerSummaryCollection Cdnow39 => CdnowSplit.Customers;

    [Fact]
    public void Error_measures_by_hand()
    {
        // predicted 1, 2, 3 against actual 0, 2, 5: errors 1, 0, −2 → MAE 1, RMSE √(5/3), bias −1/3;
        // means 2 and 7/3, deviations (−1, 0, 1) and (−7/3, −1/3, 8/3): products sum to 5, squares to 2 and 114/9,
        // so r = 5 / √(2 · 114/9) = 15/√228.
        var errors = ForecastErrors.Of([1, 2, 3], [0, 2, 5]);

        Assert.Equal(1, errors.MeanAbsoluteError, 1e-15);
        Assert.Equal(Math.Sqrt(5.0 / 3), errors.RootMeanSquaredError, 1e-15);
        Assert.Equal(-1.0 / 3, errors.Bias, 1e-15);
        Assert.Equal(15 / Math.Sqrt(228), errors.Correlation!.Value, 1e-15);
        Assert.Equal((6.0, 7.0), (errors.TotalPredicted, errors.TotalActual));
        Assert.Null(ForecastErrors.Of([1, 1], [0, 3]).Correlation); // a constant forecast has no correlation
        Assert.Equal(0, ForecastErrors.Of([], []).Customers);
    }

    [Fact]
    public void Top_customers_share_the_places_of_ties_at_the_cut()
    {
        // Ten customers, top 20 % = 2 places. Scores: one 9, three tied at 5 for the one place left (weight 1/3 each).
        // Actual holdout purchases: the 2nd largest is 4, so customers with 4 or more are hits.
        double[] score = [9, 5, 5, 5, 1, 1, 1, 1, 1, 1];
        int[] actual = [4, 6, 0, 0, 1, 1, 0, 0, 0, 0];

        var top = TopCustomerSelection.Of("score", 0.2, score, actual);

        // Hits: 1 (the 9, with 4) + 1/3 (the tied one with 6) over 2 places; purchases (4 + 6/3) of 12.
        Assert.Equal(2, top.Selected);
        Assert.Equal((1 + (1.0 / 3)) / 2, top.HitRate, 1e-15);
        Assert.Equal(6.0 / 12, top.PurchaseShare, 1e-15);

        // Nobody bought in the holdout: nobody is a hit, whatever the ranking.
        Assert.Equal(0, TopCustomerSelection.Of("score", 0.2, score, new int[10]).HitRate);

        // 7 % of 100 is 7 customers, not 8 (0.07 × 100 = 7.000000000000001 in doubles).
        Assert.Equal(7, TopCustomerSelection.Of("score", 0.07, new double[100], new int[100]).Selected);

        // Order does not matter.
        var reversed = TopCustomerSelection.Of("score", 0.2, score.Reverse().ToArray(), actual.Reverse().ToArray());
        Assert.Equal(top.HitRate, reversed.HitRate, 1e-15);
        Assert.Equal(top.PurchaseShare, reversed.PurchaseShare, 1e-15);
    }

    [Fact]
    public void Activity_counts_the_four_outcomes()
    {
        bool[] active = [true, true, false, false, true];
        bool[] bought = [true, false, false, true, true];

        var classification = ActivityClassification.Of("rule", 5, i => active[i], i => bought[i]);

        Assert.Equal((2, 1, 1, 1), (classification.TruePositives, classification.FalsePositives, classification.TrueNegatives, classification.FalseNegatives));
        Assert.Equal(0.6, classification.CorrectShare, 1e-15);
        Assert.Equal(5, classification.Customers);
    }

    [Fact]
    public void Cdnow_comparison_reproduces_the_published_log_likelihoods_and_the_criteria()
    {
        var comparison = ModelComparison.Fit(Cdnow39);

        Assert.Equal(["BG/NBD", "MBG/NBD", "Pareto/NBD", "Heuristics"], comparison.Rows.Select(r => r.Name));

        // Fader, Hardie & Lee (2005), section 4: LL −9582.4 (BG/NBD) and −9595.0 (Pareto/NBD); MBG/NBD about −9582.13
        // (recomputed in ../shared/data/README.md).
        Assert.Equal(-9582.4, comparison.Rows[0].LogLikelihood!.Value, 0.05);
        Assert.Equal(-9582.13, comparison.Rows[1].LogLikelihood!.Value, 0.01);
        Assert.Equal(-9595.0, comparison.Rows[2].LogLikelihood!.Value, 0.05);
        foreach (var row in comparison.Rows.Take(3))
        {
            Assert.Equal(4, row.ParameterCount);
            Assert.True(row.Converged);
            Assert.Equal(8 - (2 * row.LogLikelihood!.Value), row.Aic!.Value, 1e-9);
            Assert.Equal((4 * Math.Log(2357)) - (2 * row.LogLikelihood!.Value), row.Bic!.Value, 1e-9);
            Assert.Equal(1882, row.Purchases.TotalActual);
        }

        // BG/NBD holds every customer without a repeat purchase alive (P(alive) = 1 at x = 0, eq. 13 of the paper), so it
        // classifies the 1,411 of them active although most never buy again; MBG/NBD removes exactly that.
        Assert.True(comparison.Rows[0].Activity.CorrectShare < 0.4);
        Assert.True(comparison.Rows[1].Activity.CorrectShare > 0.7);
        Assert.Same(comparison.Holdouts[0].Model, comparison.Holdouts[0].Model);
        Assert.Contains("| BG/NBD | 4 | -9582.4 |", comparison.ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_heuristics_row_follows_its_rules_by_direct_count()
    {
        var customers = Cdnow39;
        var options = new ValidationOptions { Hiatus = 13, TopShare = 0.2 };
        var comparison = ModelComparison.Compare(customers, [new BgNbdModel(new BgNbdParameters(0.243, 4.414, 0.793, 2.426), TimeUnit.Weeks)], options);

        var heuristics = comparison.Rows[^1];
        Assert.Null(heuristics.LogLikelihood);
        int correct = customers.Count(c => (c.Age - c.Recency <= 13) == (c.HoldoutPurchaseCount > 0));
        Assert.Equal(correct / 2357.0, heuristics.Activity.CorrectShare, 1e-15);
        double mae = customers.Average(c => Math.Abs((c.Frequency / c.Age * 39) - c.HoldoutPurchaseCount));
        Assert.Equal(mae, heuristics.Purchases.MeanAbsoluteError, 1e-12);
        Assert.Equal(472, heuristics.TopCustomers.Selected); // ⌈0.2 × 2357⌉
        Assert.Null(comparison.Rows[0].Converged); // given parameters, no fit
    }

    [Fact]
    public void Models_of_different_units_or_none_are_refused()
    {
        var weeks = new BgNbdModel(new BgNbdParameters(0.243, 4.414, 0.793, 2.426), TimeUnit.Weeks);
        var days = new BgNbdModel(new BgNbdParameters(0.243, 30.9, 0.793, 2.426), TimeUnit.Days);

        Assert.Equal("models", Assert.Throws<ArgumentException>(() => ModelComparison.Compare(Cdnow39, [])).ParamName);
        Assert.Equal("models", Assert.Throws<ArgumentException>(() => ModelComparison.Compare(Cdnow39, [weeks, days])).ParamName);
        Assert.Equal("models", Assert.Throws<ArgumentNullException>(() => ModelComparison.Compare(Cdnow39, [weeks, null!])).ParamName);
    }
}
