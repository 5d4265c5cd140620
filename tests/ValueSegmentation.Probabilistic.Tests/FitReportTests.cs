namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>Fits that cannot converge say so, with the reason, and never return NaN.</summary>
public sealed class FitReportTests
{
    [Fact]
    public void An_iteration_limit_that_is_too_low_is_reported()
    {
        var fit = BgNbdModel.Fit(CdnowData.Rfm, new FitOptions { MaxIterations = 3 }).FitResult!;
        Assert.False(fit.Convergence.Converged);
        Assert.Contains("iteration limit", fit.Convergence.Reason, StringComparison.Ordinal);
        Assert.Equal(3, fit.Convergence.Iterations);
        Assert.All(fit.Parameters, p => Assert.True(double.IsFinite(p) && p > 0));
        Assert.True(double.IsFinite(fit.LogLikelihood));
    }

    [Fact]
    public void Data_without_any_repeat_purchase_has_no_maximum_and_the_fit_says_so()
    {
        // With x = 0 for everyone the BG/NBD likelihood keeps rising as the purchase rate goes to 0: no finite maximum.
        var data = RepeatPurchaseData.FromColumns([0, 0, 0], [0.0, 0, 0], [10.0, 20, 30], TimeUnit.Weeks);
        var fit = BgNbdModel.Fit(data).FitResult!;
        Assert.False(fit.Convergence.Converged && fit.StandardErrors is not null, fit.ToString());
        Assert.False(string.IsNullOrWhiteSpace(fit.Convergence.Reason));
        Assert.All(fit.Parameters, p => Assert.True(double.IsFinite(p)));
        Assert.True(double.IsFinite(fit.LogLikelihood));
    }

    [Fact]
    public void A_penalty_pulls_the_estimates_towards_zero_and_is_reported()
    {
        var plain = BgNbdModel.Fit(CdnowData.Rfm).FitResult!;
        var penalised = BgNbdModel.Fit(CdnowData.Rfm, new FitOptions { Penalty = 0.01 }).FitResult!;
        Assert.Equal(0.01, penalised.Penalty);
        Assert.True(penalised.Parameters[1] < plain.Parameters[1]); // α, the largest parameter, shrinks
        Assert.True(penalised.LogLikelihood <= plain.LogLikelihood);
        Assert.Throws<ArgumentOutOfRangeException>(() => new FitOptions { Penalty = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new FitOptions { InitialParameters = [1, 0, 1, 1] });
    }
}
