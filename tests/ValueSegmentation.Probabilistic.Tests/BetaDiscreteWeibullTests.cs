using System.Globalization;
using ValueSegmentation.Tests.TestData;

namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>
/// The beta-discrete-Weibull model (Fader, Hardie, Liu, Davin &amp; Steenburgh 2018, J. Interactive Marketing 43). The
/// paper's own data are not public here, so it is checked by its nesting of the sBG (c = 1), by its defining sums, and
/// by simulation: survivor curves drawn from known parameters (seeded) are fitted back.
/// </summary>
public sealed class BetaDiscreteWeibullTests
{
    private static readonly Lazy<double[]> Regular = new(() =>
        [.. File.ReadLines(Cdnow.PathOf("sbg_survivors.csv")).Skip(1).Select(l => double.Parse(l.TrimEnd('\r').Split(',')[1], CultureInfo.InvariantCulture))]);

    [Fact]
    public void At_c_equal_to_1_it_is_the_sBG_model()
    {
        var sbg = new ShiftedBetaGeometricModel(new ShiftedBetaGeometricParameters(0.704, 1.182));
        var bdw = new BetaDiscreteWeibullModel(new BetaDiscreteWeibullParameters(0.704, 1.182, 1));
        for (int t = 1; t <= 50; t++)
        {
            Assert.Equal(sbg.Survival(t), bdw.Survival(t), 13);
            Assert.Equal(sbg.Retention(t), bdw.Retention(t), 13);
            Assert.Equal(sbg.ChurnProbability(t), bdw.ChurnProbability(t), 13);
        }

        var curve = Regular.Value.Take(8).ToArray();
        Assert.Equal(sbg.LogLikelihood(curve), bdw.LogLikelihood(curve), 9);
        Assert.Equal(sbg.DiscountedExpectedLifetime(0.1), bdw.DiscountedExpectedLifetime(0.1), 11);
        Assert.Equal(sbg.DiscountedExpectedResidualLifetime(0.1, 4), bdw.DiscountedExpectedResidualLifetime(0.1, 4), 11);
    }

    [Fact]
    public void On_the_Regular_cohort_it_fits_at_least_as_well_as_the_sBG_it_nests()
    {
        // Years 0–7 of Fader & Hardie (2007)'s Regular cohort: the sBG's LL is the BdW's at c = 1, so the BdW's maximum
        // is at least as high; its projection of years 8–12 stays within 10 % of what happened.
        var curve = Regular.Value.Take(8).ToArray();
        var sbg = ShiftedBetaGeometricModel.Fit(curve);
        var bdw = BetaDiscreteWeibullModel.Fit(curve);
        Assert.True(bdw.FitResult!.Convergence.Converged, bdw.FitResult.ToString());
        Assert.True(bdw.FitResult.LogLikelihood >= sbg.FitResult!.LogLikelihood - 1e-6, $"{bdw.FitResult.LogLikelihood} < {sbg.FitResult.LogLikelihood}");
        var projection = bdw.Project(1000, 12);
        for (int t = 8; t <= 12; t++)
        {
            Assert.InRange(projection[t], 0.9 * Regular.Value[t], 1.1 * Regular.Value[t]);
        }
    }

    [Theory]
    [InlineData(0.10, 0)]
    [InlineData(0.02, 3)]
    public void Discounted_lifetimes_equal_their_defining_sums(double d, int renewals)
    {
        // DEL = Σ_{t ≥ 0} S(t)/(1 + d)^t; DERL(n) = Σ_{t > n} S(t)/S(n)/(1 + d)^(t − n − 1): summed here to 5,000 terms.
        var model = new BetaDiscreteWeibullModel(new BetaDiscreteWeibullParameters(0.9, 2.5, 0.6));
        double del = 0, derl = 0;
        for (int t = 0; t < 5_000; t++)
        {
            del += model.Survival(t) / Math.Pow(1 + d, t);
            derl += model.Survival(renewals + 1 + t) / model.Survival(renewals) / Math.Pow(1 + d, t);
        }

        Assert.Equal(del, model.DiscountedExpectedLifetime(d), 9);
        Assert.Equal(derl, model.DiscountedExpectedResidualLifetime(d, renewals), 9);
    }

    [Theory]
    [InlineData(0.6, 3, 1.7)] // churn falls with tenure, and heterogeneity adds to it
    [InlineData(1.6, 30, 60)] // churn rises with tenure, and θ ≈ 1/3 for everyone (little heterogeneity to offset it)
    public void The_retention_curve_follows_the_shape(double c, double alpha, double beta)
    {
        // For one customer (θ fixed) the churn hazard 1 − (1 − θ)^(t^c − (t − 1)^c) falls for c < 1 and rises for c > 1;
        // heterogeneity alone makes the cohort's retention rise (the sBG), so a falling curve needs c > 1 and a narrow
        // Beta(α, β).
        var model = new BetaDiscreteWeibullModel(new BetaDiscreteWeibullParameters(alpha, beta, c));
        var rates = model.RetentionCurve(10);
        Assert.Equal(10, rates.Count);
        for (int t = 1; t < rates.Count; t++)
        {
            Assert.True(c < 1 ? rates[t] > rates[t - 1] : rates[t] < rates[t - 1], $"r({t + 1}) = {rates[t]}, r({t}) = {rates[t - 1]}");
            Assert.Equal(model.Retention(t + 1), rates[t], 14);
        }
    }

    [Fact]
    public void Fits_to_simulated_cohorts_recover_the_parameters_within_their_standard_errors()
    {
        // 40 cohorts of 20,000 customers over 12 periods from α = 1.2, β = 3, c = 0.7 (seeded): θ ~ Beta(α, β), and a
        // customer survives t periods when u < (1 − θ)^(t^c), u uniform. Each fit's 95 % interval (estimate ± 1.96 SE)
        // covers the truth; over 40 × 3 intervals the share covered is 95 % ± 3 binomial SDs (± 6 points).
        const double Alpha = 1.2, Beta = 3, C = 0.7;
        var random = new Random(20261204);
        int covered = 0, intervals = 0;
        for (int cohort = 0; cohort < 40; cohort++)
        {
            var survivors = new double[13];
            for (int i = 0; i < 20_000; i++)
            {
                double theta = MathNet.Numerics.Distributions.Beta.Sample(random, Alpha, Beta);
                double u = random.NextDouble();
                for (int t = 0; t <= 12 && u < Math.Pow(1 - theta, Math.Pow(t, C)); t++)
                {
                    survivors[t]++;
                }
            }

            var fit = BetaDiscreteWeibullModel.Fit(survivors).FitResult!;
            Assert.True(fit.Convergence.Converged, fit.ToString());
            double[] truth = [Alpha, Beta, C];
            for (int p = 0; p < 3; p++)
            {
                intervals++;
                covered += Math.Abs(fit.Parameters[p] - truth[p]) <= 1.96 * fit.StandardErrors![p] ? 1 : 0;
            }
        }

        Assert.InRange(covered / (double)intervals, 0.95 - 0.06, 1.0);
    }

    [Fact]
    public void At_the_largest_shape_every_period_gives_finite_probabilities()
    {
        // c = 100: t^c leaves the range of a double after t ≈ 1,190; survival, retention, churn and DERL stay finite.
        var model = new BetaDiscreteWeibullModel(new BetaDiscreteWeibullParameters(0.5, 2, BetaDiscreteWeibullParameters.MaxShape));
        foreach (int t in new[] { 1, 1_189, 1_191, 2_000, 1_000_000 })
        {
            double survival = model.Survival(t), retention = model.Retention(t), churn = model.ChurnProbability(t);
            Assert.InRange(survival, 0, 1);
            Assert.InRange(retention, 0, 1);
            Assert.InRange(churn, 0, 1);
        }

        // Past the overflow S(t) ∝ t^(−αc): r(t) = ((t − 1)/t)^(αc).
        Assert.Equal(Math.Pow(1_999.0 / 2_000, 50), model.Retention(2_000), 12);
        Assert.InRange(model.DiscountedExpectedResidualLifetime(0.1, 1_500), 0, 11);
    }

    [Fact]
    public void Bad_arguments_are_refused_with_their_names()
    {
        Assert.Equal("c", Assert.Throws<ArgumentOutOfRangeException>(() => new BetaDiscreteWeibullParameters(1, 1, 101)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => new BetaDiscreteWeibullParameters(0, 1, 1)).ParamName);
        var model = new BetaDiscreteWeibullModel(new BetaDiscreteWeibullParameters(1, 1, 1));
        Assert.Equal("discountRate", Assert.Throws<ArgumentOutOfRangeException>(() => model.DiscountedExpectedLifetime(0)).ParamName);
        Assert.Equal("period", Assert.Throws<ArgumentOutOfRangeException>(() => model.Retention(0)).ParamName);
        Assert.Equal("survivors", Assert.Throws<ArgumentException>(() => BetaDiscreteWeibullModel.Fit([100, 120])).ParamName);
        Assert.Throws<ArgumentException>(() => new BetaDiscreteWeibullModel(default));
    }
}
