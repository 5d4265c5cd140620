using System.Globalization;
using ValueSegmentation.Tests.TestData;

namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>
/// sBG against Fader &amp; Hardie (2007), "How to Project Customer Retention", Journal of Interactive Marketing 21(1),
/// fitted to years 0–7 of sbg_survivors.csv; DEL and DERL (Fader &amp; Hardie 2010, Marketing Science 29(1)) against
/// their defining sums.
/// </summary>
public sealed class ShiftedBetaGeometricTests
{
    private static readonly Lazy<(double[] Regular, double[] HighEnd)> Survivors = new(() =>
    {
        var rows = File.ReadLines(Cdnow.PathOf("sbg_survivors.csv")).Skip(1).Select(l => l.TrimEnd('\r').Split(',')).ToList();
        return ([.. rows.Select(f => double.Parse(f[1], CultureInfo.InvariantCulture))], [.. rows.Select(f => double.Parse(f[2], CultureInfo.InvariantCulture))]);
    });

    [Theory]
    [InlineData(false, 0.704, 1.182)]
    [InlineData(true, 0.668, 3.806)]
    public void Fits_to_years_0_to_7_reproduce_the_published_estimates(bool highEnd, double alpha, double beta)
    {
        var curve = (highEnd ? Survivors.Value.HighEnd : Survivors.Value.Regular).Take(8).ToArray();
        var model = ShiftedBetaGeometricModel.Fit(curve);
        Assert.True(model.FitResult!.Convergence.Converged, model.FitResult.ToString());
        Assert.Equal(alpha, model.Parameters.Alpha, 3);
        Assert.Equal(beta, model.Parameters.Beta, 3);

        // The projection of years 8–12 stays close to what happened (the paper's Figure 4): within 10 %.
        var actual = highEnd ? Survivors.Value.HighEnd : Survivors.Value.Regular;
        var projection = model.Project(1000, 12);
        for (int t = 8; t <= 12; t++)
        {
            Assert.InRange(projection[t], 0.9 * actual[t], 1.1 * actual[t]);
        }
    }

    [Fact]
    public void Survival_retention_and_churn_are_consistent()
    {
        var model = new ShiftedBetaGeometricModel(new ShiftedBetaGeometricParameters(0.704, 1.182));
        Assert.Equal(1, model.Survival(0), 15);
        // r(1) = β/(α + β) by hand; S(t) = S(t − 1) r(t); P(T = t) = S(t − 1) − S(t).
        Assert.Equal(1.182 / (0.704 + 1.182), model.Retention(1), 15);
        for (int t = 1; t <= 20; t++)
        {
            Assert.Equal(model.Survival(t - 1) * model.Retention(t), model.Survival(t), 12);
            Assert.Equal(model.Survival(t - 1) - model.Survival(t), model.ChurnProbability(t), 12);
            Assert.True(model.Retention(t + 1) > model.Retention(t)); // retention rises with tenure
        }
    }

    [Theory]
    [InlineData(0.10)]
    [InlineData(0.02)]
    public void Discounted_lifetimes_equal_their_defining_sums(double d)
    {
        var model = new ShiftedBetaGeometricModel(new ShiftedBetaGeometricParameters(0.668, 3.806));

        // DEL = Σ_{t≥0} S(t)/(1 + d)^t; DERL after n − 1 = 3 renewals = Σ_{t≥4} S(t)/S(3)/(1 + d)^(t−4).
        double del = 0, derl = 0;
        for (int t = 0; t < 20_000; t++)
        {
            del += model.Survival(t) / Math.Pow(1 + d, t);
            if (t >= 4)
            {
                derl += model.Survival(t) / model.Survival(3) / Math.Pow(1 + d, t - 4);
            }
        }

        Assert.Equal(del, model.DiscountedExpectedLifetime(d), 8);
        Assert.Equal(derl, model.DiscountedExpectedResidualLifetime(d, 3), 8);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.DiscountedExpectedLifetime(0));
    }

    [Fact]
    public void Bad_survivor_curves_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => ShiftedBetaGeometricModel.Fit([1000]));
        var rising = Assert.Throws<ArgumentException>(() => ShiftedBetaGeometricModel.Fit([1000, 600, 700]));
        Assert.Contains("period 2", rising.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ShiftedBetaGeometricModel.Fit([1000, double.NaN]));
        Assert.Throws<ArgumentException>(() => ShiftedBetaGeometricModel.Fit([0, 0]));
    }
}
