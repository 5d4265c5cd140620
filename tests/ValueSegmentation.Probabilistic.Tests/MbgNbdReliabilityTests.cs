namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>
/// MBG/NBD (and BG/NBD) at the largest frequencies (issue 9, finding 8): no integer overflow at x = int.MaxValue and no
/// x-sized tables in the fit. Reference values are 40-digit mpmath 1.3 evaluations of the definitions: the likelihood of
/// Batislam, Denizel &amp; Filiztekin (2007, eq. 4; BG/NBD: Fader, Hardie &amp; Lee 2005, eq. 6),
/// ln Γ(r + x) − ln Γ(r) + r ln α + ln[B(a, b + x + s)/B(a, b)·(α + T)^(−(r+x)) + B(a + 1, b + x + s − 1)/B(a, b)·(α + t_x)^(−(r+x))]
/// with s = 1 (MBG/NBD) or 0 (BG/NBD, second term only for x &gt; 0), and P(alive) = 1/(1 + a/(b + x + s − 1)·((α + T)/(α + t_x))^(r+x)),
/// at the CDNOW BG/NBD estimates (r, α, a, b) = (0.243, 4.414, 0.793, 2.426) in weeks.
/// </summary>
public sealed class MbgNbdReliabilityTests
{
    private static readonly BgNbdParameters Cdnow = new(0.243, 4.414, 0.793, 2.426);

    [Fact]
    public void Predictions_at_the_largest_frequency_are_finite_and_correct()
    {
        // Before the fix x + 1 wrapped to int.MinValue: P(alive) was NaN and P(X = int.MaxValue) = 1.
        var model = new MbgNbdModel(Cdnow, TimeUnit.Weeks);
        const int X = int.MaxValue;
        double alive = model.ProbabilityAlive(X, 38, 38);
        Assert.True(Math.Abs(alive - 0.99999999963073059955) <= 1e-15, $"P(alive) = {alive:R}");
        Assert.Equal(0, model.ProbabilityAlive(X, 30, 38)); // mpmath: below 10⁻³⁰⁰⁰⁰⁰
        Assert.InRange(model.ProbabilityOfPurchases(X, 52), 0, 1e-300);
        Assert.InRange(model.ProbabilityOfPurchases(X - 1, 52), 0, 1e-300);
        double expected = model.ConditionalExpectedPurchases(10, X, 38, 38);
        Assert.True(double.IsFinite(expected) && expected >= 0, $"E[Y(10)] = {expected:R}");
    }

    [Fact]
    public void The_likelihood_of_the_largest_frequency_needs_no_tables_of_its_size()
    {
        // Before the fix the fit tabulated nine arrays of x + 2 doubles: x = int.MaxValue overflowed the array size and
        // a few hundred million ran out of memory.
        var model = new MbgNbdModel(Cdnow, TimeUnit.Weeks);
        double logLikelihood = model.LogLikelihood(RepeatPurchaseData.FromColumns([int.MaxValue, 4000, 5000], [38, 10, 20], [38, 38, 38], TimeUnit.Weeks));
        Assert.True(Math.Abs(logLikelihood - 35949096910.827270243) <= 1e-13 * 35949096910.827270243, $"LL = {logLikelihood:R}");

        var fit = MbgNbdModel.Fit(RepeatPurchaseData.FromColumns([int.MaxValue, 0, 1, 2, 5], [38, 0, 10, 20, 30], [38, 38, 38, 38, 38], TimeUnit.Weeks));
        Assert.True(double.IsFinite(fit.FitResult!.LogLikelihood));
    }

    [Fact]
    public void Tabulated_and_direct_likelihood_terms_agree_across_the_table_bound()
    {
        // Frequencies on both sides of the 4,096 tabulated terms; mpmath sums over the four rows.
        var data = RepeatPurchaseData.FromColumns([4095, 4096, 4097, 10000], [10, 20, 21, 22], [38, 38, 38, 38], TimeUnit.Weeks);
        double bg = new BgNbdModel(Cdnow, TimeUnit.Weeks).LogLikelihood(data);
        double mbg = new MbgNbdModel(Cdnow, TimeUnit.Weeks).LogLikelihood(data);
        Assert.True(Math.Abs(bg - 101945.0632449999062) <= 1e-12 * 101945.0632449999062, $"BG/NBD LL = {bg:R}");
        Assert.True(Math.Abs(mbg - 101945.06175325324618) <= 1e-12 * 101945.06175325324618, $"MBG/NBD LL = {mbg:R}");
    }

    [Fact]
    public void Weights_that_leave_no_customer_or_overflow_are_rejected_naming_the_weights()
    {
        // Before the fix all-zero weights threw an ArgumentException without a parameter name (issue 9, finding 14), and
        // two weights of 10³⁰⁸ gave a customer count of ∞.
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => RepeatPurchaseData.FromColumns([1, 2], [1.0, 2], [3.0, 3], TimeUnit.Weeks, [0.0, 0])).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => RepeatPurchaseData.FromColumns([1, 2], [1.0, 2], [3.0, 3], TimeUnit.Weeks, [1e308, 1e308])).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => DiscreteRepeatData.FromColumns([1, 2], [1, 2], [3, 3], [0.0, 0])).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => DiscreteRepeatData.FromColumns([1, 2], [1, 2], [3, 3], [1e308, 1e308])).ParamName);
    }
}
