namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>
/// BG/BB against Fader, Hardie &amp; Shang (2010), "Customer-Base Analysis in a Discrete-Time Noncontractual
/// Setting", Marketing Science 29(6), on donations.csv (11,104 donors of 1995, 6 yearly opportunities).
/// </summary>
public sealed class BgBbTests
{
    private static readonly Lazy<BgBbModel> Fitted = new(() => BgBbModel.Fit(DonationsData.Data));

    [Fact]
    public void The_fit_reproduces_the_published_estimates()
    {
        var model = Fitted.Value;
        var fit = model.FitResult!;
        Assert.Equal(11_104, DonationsData.Data.CustomerCount);
        Assert.True(fit.Convergence.Converged, fit.ToString());
        Assert.Equal(1.204, model.Parameters.Alpha, 3);
        Assert.Equal(0.750, model.Parameters.Beta, 3);
        Assert.Equal(0.657, model.Parameters.Gamma, 3);
        Assert.Equal(2.783, model.Parameters.Delta, 3);
        Assert.Equal(-33_225.6, fit.LogLikelihood, 1);
    }

    [Fact]
    public void P_alive_and_expected_donations_match_the_published_values()
    {
        var model = Fitted.Value;

        // P(alive in 2002), one opportunity ahead: 0.11 for (x, t_x) = (0, 0), 0.59 for (2, 4), 0.93 for (6, 6).
        Assert.Equal(0.11, model.ProbabilityAlive(0, 0, 6), 2);
        Assert.Equal(0.59, model.ProbabilityAlive(2, 4, 6), 2);
        Assert.Equal(0.93, model.ProbabilityAlive(6, 6, 6), 2);

        // Summed over all donors, 12,884.2 repeat donations are expected in the next 5 years.
        var data = DonationsData.Data;
        double total = Enumerable.Range(0, data.RowCount)
            .Sum(i => data[i].Weight * model.ConditionalExpectedTransactions(5, data[i].Frequency, data[i].Recency, data[i].Opportunities));
        Assert.Equal(12_884.2, total, 0.1);

        // Expected donors with 0 and with 6 repeat donations in 1996–2001: 3,454.9 and 1,253.1.
        Assert.Equal(3_454.9, 11_104 * model.ProbabilityOfTransactions(0, 6), 0.1);
        Assert.Equal(1_253.1, 11_104 * model.ProbabilityOfTransactions(6, 6), 0.1);
        Assert.Equal(1, Enumerable.Range(0, 7).Sum(x => model.ProbabilityOfTransactions(x, 6)), 12);
    }

    [Fact]
    public void Invalid_histories_are_rejected()
    {
        var model = new BgBbModel(new BgBbParameters(1.204, 0.750, 0.657, 2.783));
        Assert.Throws<ArgumentException>(() => model.ProbabilityAlive(3, 2, 6));  // x > t_x
        Assert.Throws<ArgumentException>(() => model.ProbabilityAlive(0, 2, 6));  // t_x > 0 without transactions
        Assert.Throws<ArgumentException>(() => DiscreteRepeatData.FromColumns([1], [7], [6]));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.ConditionalExpectedTransactions(-1, 1, 1, 6));
    }
}
