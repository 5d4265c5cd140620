using System.Globalization;
using ValueSegmentation.Probabilistic.Covariates;
using ValueSegmentation.Tests.TestData;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Tests.Covariates;

/// <summary>
/// The sBG fitted jointly to cohorts with covariates: without covariates (or with covariates that are all zero) it is
/// the shared sBG exactly; one 0/1 column per cohort but one gives each cohort its own sBG, as fitted alone; on
/// simulated cohorts (seeded) the effects' 95 % intervals cover the truth at the expected rate.
/// </summary>
public sealed class CohortRetentionTests
{
    private static readonly Lazy<(double[] Regular, double[] HighEnd)> Survivors = new(() =>
    {
        var rows = File.ReadLines(Cdnow.PathOf("sbg_survivors.csv")).Skip(1).Take(8).Select(l => l.TrimEnd('\r').Split(',')).ToList();
        return ([.. rows.Select(f => double.Parse(f[1], CultureInfo.InvariantCulture))], [.. rows.Select(f => double.Parse(f[2], CultureInfo.InvariantCulture))]);
    });

    [Fact]
    public void One_cohort_without_covariates_is_the_sBG_fit_exactly()
    {
        var alone = ShiftedBetaGeometricModel.Fit(Survivors.Value.Regular);
        var joint = CohortRetentionModel.Fit([new RetentionCohort("Regular", Survivors.Value.Regular)]);
        Assert.Equal(alone.Parameters, joint.Baseline);
        Assert.Equal(alone.FitResult!.LogLikelihood, joint.FitResult.LogLikelihood);
        Assert.Equal(alone.FitResult.StandardErrors, joint.FitResult.StandardErrors);
        Assert.Empty(joint.Effects);
        Assert.Null(joint.LikelihoodRatio);
    }

    [Fact]
    public void Covariates_that_are_all_zero_reproduce_the_shared_fit_exactly()
    {
        RetentionCohort[] shared = [new("Regular", Survivors.Value.Regular), new("High End", Survivors.Value.HighEnd)];
        RetentionCohort[] zeros = [new("Regular", Survivors.Value.Regular, [0, 0]), new("High End", Survivors.Value.HighEnd, [0, 0])];
        var without = CohortRetentionModel.Fit(shared);
        var with = CohortRetentionModel.Fit(zeros, ["channel", "region"]);
        Assert.Equal(without.Baseline, with.Baseline);
        Assert.Equal(without.FitResult.LogLikelihood, with.FitResult.LogLikelihood);
        Assert.Empty(with.Effects);
        Assert.Equal(2, with.Notes.Count);
        Assert.Contains("'channel' is 0 throughout the data", with.Notes[0], StringComparison.Ordinal);

        // The shared fit's log-likelihood is the sum of the two sBG log-likelihoods at the shared parameters.
        var model = new ShiftedBetaGeometricModel(without.Baseline);
        Assert.Equal(model.LogLikelihood(Survivors.Value.Regular) + model.LogLikelihood(Survivors.Value.HighEnd), without.FitResult.LogLikelihood, 8);
    }

    [Fact]
    public void A_one_hot_cohort_column_gives_each_cohort_its_own_sBG_and_the_test_rejects_sharing()
    {
        // Fader & Hardie (2007): Regular α = 0.704, β = 1.182; High End α = 0.668, β = 3.806, each fitted alone.
        var (names, rows) = CategoricalCovariate.OneHot("segment", ["Regular", "High End"], reference: "Regular");
        Assert.Equal(["segment=High End"], names);
        var model = CohortRetentionModel.Fit([new("Regular", Survivors.Value.Regular, rows[0]), new("High End", Survivors.Value.HighEnd, rows[1])], names);
        Assert.True(model.FitResult.Convergence.Converged, model.FitResult.ToString());
        var regular = ShiftedBetaGeometricModel.Fit(Survivors.Value.Regular);
        var highEnd = ShiftedBetaGeometricModel.Fit(Survivors.Value.HighEnd);
        Assert.Equal(regular.Parameters.Alpha, model.CohortModels[0].Parameters.Alpha, 4);
        Assert.Equal(regular.Parameters.Beta, model.CohortModels[0].Parameters.Beta, 4);
        Assert.Equal(highEnd.Parameters.Alpha, model.CohortModels[1].Parameters.Alpha, 4);
        Assert.Equal(highEnd.Parameters.Beta, model.CohortModels[1].Parameters.Beta, 4);
        Assert.Equal(regular.FitResult!.LogLikelihood + highEnd.FitResult!.LogLikelihood, model.FitResult.LogLikelihood, 6);

        // γ_β = ln(3.806/1.182) ≈ 1.17: High End customers are far less likely to churn. Sharing one α and β is
        // rejected: 2 degrees of freedom, p far below 1 %.
        var beta = model.Effects.Single(e => e.Parameter == "beta");
        Assert.Equal(Math.Log(highEnd.Parameters.Beta / regular.Parameters.Beta), beta.Estimate, 4);
        Assert.True(beta.Interval95!.Value.Lower > 0);
        var test = model.LikelihoodRatio!.Value;
        Assert.Equal(2, test.DegreesOfFreedom);
        Assert.True(test.PValue < 1e-6, test.ToString());
    }

    [Fact]
    public void Fits_to_simulated_cohorts_cover_the_true_effects_at_the_expected_rate()
    {
        // 40 replications of 6 cohorts × 3,000 customers over 8 periods; covariate z ∈ {−1, −0.6, −0.2, 0.2, 0.6, 1};
        // α_k = 0.8·e^(0.5 z), β_k = 2·e^(−0.4 z). Each cohort member's churn probability θ ~ Beta(α_k, β_k) and they
        // leave in period t with probability θ(1 − θ)^(t−1). The 95 % intervals of γ_α and γ_β cover the truth in
        // 95 % ± 3 binomial SDs (± 7.5 points over 80 intervals) of the fits.
        const double Alpha = 0.8, Beta = 2, GammaAlpha = 0.5, GammaBeta = -0.4;
        double[] z = [-1, -0.6, -0.2, 0.2, 0.6, 1];
        var random = new Random(4_12_2026);
        int covered = 0, intervals = 0;
        for (int replication = 0; replication < 40; replication++)
        {
            var cohorts = new RetentionCohort[z.Length];
            for (int k = 0; k < z.Length; k++)
            {
                double a = Alpha * Math.Exp(GammaAlpha * z[k]), b = Beta * Math.Exp(GammaBeta * z[k]);
                var survivors = new double[8];
                for (int i = 0; i < 3_000; i++)
                {
                    double theta = MathNet.Numerics.Distributions.Beta.Sample(random, a, b);
                    for (int t = 0; t < 8; t++)
                    {
                        survivors[t]++;
                        if (random.NextDouble() < theta)
                        {
                            break; // churned at the end of period t: not active at the start of t + 1
                        }
                    }
                }

                cohorts[k] = new RetentionCohort("z = " + z[k].ToString(CultureInfo.InvariantCulture), survivors, [z[k]]);
            }

            var model = CohortRetentionModel.Fit(cohorts, ["z"]);
            Assert.True(model.FitResult.Convergence.Converged, model.FitResult.ToString());
            foreach (var (effect, truth) in model.Effects.Zip([GammaAlpha, GammaBeta]))
            {
                intervals++;
                var (lower, upper) = effect.Interval95!.Value;
                covered += lower <= truth && truth <= upper ? 1 : 0;
            }
        }

        Assert.InRange(covered / (double)intervals, 0.95 - 0.075, 1.0);
    }

    [Fact]
    public void Bad_cohorts_are_refused_with_their_names()
    {
        var regular = Survivors.Value.Regular;
        Assert.Equal("cohorts", Assert.Throws<ArgumentException>(() => CohortRetentionModel.Fit([])).ParamName);
        var error = Assert.Throws<ArgumentException>(() => CohortRetentionModel.Fit([new RetentionCohort("A", regular, [1, 2])], ["only one"]));
        Assert.Contains("Cohort 'A' has 2 covariate values", error.Message, StringComparison.Ordinal);
        Assert.Equal("covariates", Assert.Throws<ArgumentException>(() => new RetentionCohort("B", regular, [double.NaN])).ParamName);
        Assert.Equal("survivors", Assert.Throws<ArgumentException>(() => new RetentionCohort("C", [10, 12])).ParamName);
        Assert.Equal("reference", Assert.Throws<ArgumentException>(() => CategoricalCovariate.OneHot("x", ["a", "b"], "c")).ParamName);
        var model = CohortRetentionModel.Fit([new RetentionCohort("A", regular, [0]), new RetentionCohort("B", Survivors.Value.HighEnd, [1])], ["z"]);
        Assert.Equal("covariates", Assert.Throws<ArgumentException>(() => model.ModelFor([1, 2])).ParamName);
    }
}
