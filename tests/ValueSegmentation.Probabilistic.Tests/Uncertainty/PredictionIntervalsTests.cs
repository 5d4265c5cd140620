using MathNet.Numerics.Distributions;
using ValueSegmentation.Probabilistic.Uncertainty;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Tests.Uncertainty;

public sealed class PredictionIntervalsTests
{
    private static (CustomerSummaryCollection Customers, ProbabilisticLifetimeValue Value) Cdnow39 => (CdnowSplit.Customers, CdnowSplit.LifetimeValue());

    /// <summary>
    /// Coverage: 200 data sets of 600 customers simulated from a known BG/NBD (seeded), each fitted; the 90 % delta-method
    /// intervals must cover the true value of three predictions — E[Y(39)] and P(alive) of a customer with x = 2,
    /// t<sub>x</sub> = 30, T = 38, and the expected purchases of the simulated base — in 90 % of the data sets, within
    /// the Monte Carlo margin 3 √(0.9 · 0.1 / 200) = 6.4 points.
    /// </summary>
    [Fact]
    public void Delta_method_intervals_cover_the_truth_at_their_level()
    {
        var truth = new BgNbdParameters(0.5, 6, 0.8, 2.5);
        var trueModel = new BgNbdModel(truth, TimeUnit.Weeks);
        const int Replications = 200, Customers = 600;
        var covered = new int[3];
        Parallel.For(0, Replications, replication =>
        {
            var random = new Random(7919 + replication);
            var (x, tx, age) = Simulate(truth, Customers, random);
            var summaries = CustomerSummaryCollection.FromNumbers(
                Enumerable.Range(0, Customers).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(), x, tx, age, TimeUnit.Weeks);
            var fitted = BgNbdModel.Fit(RepeatPurchaseData.FromColumns(x, tx, age, TimeUnit.Weeks));
            Assert.True(fitted.FitResult!.Convergence.Converged);

            var reference = CustomerSummaryCollection.FromNumbers(["reference"], [2], [30.0], [38.0], TimeUnit.Weeks);
            var one = PredictionIntervals.Compute(fitted, reference, 39);
            var all = PredictionIntervals.Compute(fitted, summaries, 39);
            double trueTotal = Enumerable.Range(0, Customers).Sum(i => trueModel.ConditionalExpectedPurchases(39, x[i], tx[i], age[i]));
            Count(one.ExpectedPurchases[0].Contains(trueModel.ConditionalExpectedPurchases(39, 2, 30, 38)), 0);
            Count(one.ProbabilityAlive[0].Contains(trueModel.ProbabilityAlive(2, 30, 38)), 1);
            Count(all.TotalExpectedPurchases.Contains(trueTotal), 2);
        });

        foreach (int count in covered)
        {
            Assert.InRange(count / (double)Replications, 0.9 - 0.064, 0.9 + 0.064);
        }

        void Count(bool hit, int quantity)
        {
            if (hit)
            {
                Interlocked.Increment(ref covered[quantity]);
            }
        }
    }

    [Fact]
    public void The_three_methods_agree_on_cdnow_and_state_what_they_are()
    {
        var (customers, value) = Cdnow39;

        var delta = PredictionIntervals.Compute(value, customers, 39);
        var parametric = PredictionIntervals.Compute(value, customers, 39, new IntervalOptions { Method = IntervalMethod.ParametricBootstrap, Seed = 3 });
        var nonparametric = PredictionIntervals.Compute(value, customers, 39, new IntervalOptions { Method = IntervalMethod.NonparametricBootstrap, Seed = 3 });

        Assert.Equal((IntervalMethod.DeltaMethod, 0.9, 0, (int?)null), (delta.Method, delta.Level, delta.Draws, delta.Seed));
        Assert.Equal((IntervalMethod.ParametricBootstrap, 200, (int?)3), (parametric.Method, parametric.Draws, parametric.Seed));

        // Customer 1 of FHL 2005 (x = 2, t_x = 30.43, T = 38.86): E[Y(39)] = 1.226 (published), the estimate of every method.
        foreach (var intervals in new[] { delta, parametric, nonparametric })
        {
            Assert.Equal(1.226, intervals.ExpectedPurchases[0].Estimate, 0.0005);
            Assert.True(intervals.ExpectedPurchases[0].Lower < 1.226 && intervals.ExpectedPurchases[0].Upper > 1.226);
            for (int i = 0; i < customers.Count; i++)
            {
                Assert.True(intervals.LifetimeValue![i].Lower <= intervals.LifetimeValue[i].Estimate + 1e-9 || intervals.Method != IntervalMethod.DeltaMethod);
                Assert.InRange(intervals.ProbabilityAlive[i].Lower, 0, 1);
                Assert.InRange(intervals.ProbabilityAlive[i].Upper, 0, 1);
            }

            // The bootstraps agree with the delta method on the widths of the totals within a quarter.
            double width = intervals.TotalLifetimeValue!.Value.Upper - intervals.TotalLifetimeValue.Value.Lower;
            double deltaWidth = delta.TotalLifetimeValue!.Value.Upper - delta.TotalLifetimeValue.Value.Lower;
            Assert.InRange(width / deltaWidth, 0.75, 1.25);
        }

        Assert.Equal(0, nonparametric.NonConvergedDraws);
    }

    /// <summary>Pareto/NBD and MBG/NBD take the numerical gradient of P(alive) (Pareto/NBD) or the analytic one with the
    /// MBG/NBD shift; on CDNOW their delta-method totals agree with a parametric bootstrap's within a quarter of the width.</summary>
    [Theory]
    [InlineData("MBG/NBD")]
    [InlineData("Pareto/NBD")]
    public void Other_models_have_delta_intervals_that_agree_with_the_bootstrap(string name)
    {
        var data = RepeatPurchaseData.FromSummaries(CdnowSplit.Customers);
        RepeatPurchaseModel model = name == "MBG/NBD" ? MbgNbdModel.Fit(data) : ParetoNbdModel.Fit(data);

        var delta = PredictionIntervals.Compute(model, CdnowSplit.Customers, 39);
        var bootstrap = PredictionIntervals.Compute(model, CdnowSplit.Customers, 39, new IntervalOptions { Method = IntervalMethod.ParametricBootstrap, Seed = 4 });

        var (d, b) = (delta.TotalExpectedPurchases, bootstrap.TotalExpectedPurchases);
        Assert.Equal(d.Estimate, b.Estimate);
        Assert.InRange((b.Upper - b.Lower) / (d.Upper - d.Lower), 0.75, 1.25);
        for (int i = 0; i < 50; i++)
        {
            Assert.True(delta.ProbabilityAlive[i].Lower <= delta.ProbabilityAlive[i].Estimate && delta.ProbabilityAlive[i].Estimate <= delta.ProbabilityAlive[i].Upper);
            Assert.Equal(model.ProbabilityAlive(CdnowSplit.Customers[i]), delta.ProbabilityAlive[i].Estimate, 1e-15);
        }
    }

    [Fact]
    public void A_bootstrap_is_reproducible_from_its_seed()
    {
        var (customers, value) = Cdnow39;
        var options = new IntervalOptions { Method = IntervalMethod.ParametricBootstrap, Draws = 40, Seed = 11 };

        var first = PredictionIntervals.Compute(value.Transactions, customers, 39, options);
        var second = PredictionIntervals.Compute(value.Transactions, customers, 39, options);
        var other = PredictionIntervals.Compute(value.Transactions, customers, 39, new IntervalOptions { Method = IntervalMethod.ParametricBootstrap, Draws = 40, Seed = 12 });

        Assert.Equal(first.ExpectedPurchases, second.ExpectedPurchases);
        Assert.NotEqual(first.TotalExpectedPurchases, other.TotalExpectedPurchases);
        Assert.Null(first.LifetimeValue);
    }

    [Fact]
    public void The_analytic_gradient_of_p_alive_equals_central_differences()
    {
        var analytic = new double[4];
        var numeric = new double[4];
        foreach (RepeatPurchaseModel model in new RepeatPurchaseModel[]
        {
            new BgNbdModel(new BgNbdParameters(0.243, 4.414, 0.793, 2.426), TimeUnit.Weeks),
            new MbgNbdModel(new BgNbdParameters(0.525, 6.183, 0.891, 1.614), TimeUnit.Weeks),
        })
        {
            var perturbed = DeltaIntervals.Perturb(model.ParameterValues, v => model.WithParameters(v));
            foreach (var (x, tx, age) in new[] { (0, 0.0, 30.0), (1, 2.0, 38.0), (5, 30.0, 38.0), (20, 10.0, 38.0) })
            {
                double p = model.AliveWithGradient(x, tx, age, perturbed, analytic);
                for (int j = 0; j < 4; j++)
                {
                    numeric[j] = (perturbed[2 * j].ProbabilityAlive(x, tx, age) - perturbed[(2 * j) + 1].ProbabilityAlive(x, tx, age)) / (2 * RepeatPurchaseModel.LogStep);
                    Assert.Equal(numeric[j], analytic[j], 1e-7);
                }

                Assert.Equal(model.ProbabilityAlive(x, tx, age), p);
            }
        }
    }

    [Fact]
    public void Models_without_a_fit_are_refused_and_options_are_checked()
    {
        var (customers, _) = Cdnow39;
        var given = new BgNbdModel(new BgNbdParameters(0.243, 4.414, 0.793, 2.426), TimeUnit.Weeks);

        var refused = Assert.Throws<ArgumentException>(() => PredictionIntervals.Compute(given, customers, 39));
        Assert.Equal("transactions", refused.ParamName);
        Assert.Contains("covariance", refused.Message, StringComparison.Ordinal);
        Assert.Equal("transactions", Assert.Throws<ArgumentException>(() => PredictionIntervals.Compute(given, customers, 39, new IntervalOptions { Method = IntervalMethod.NonparametricBootstrap })).ParamName);
        Assert.Equal("horizon", Assert.Throws<ArgumentOutOfRangeException>(() => PredictionIntervals.Compute(given, customers, -1)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new IntervalOptions { Level = 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new IntervalOptions { Draws = 19 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new IntervalOptions { Method = (IntervalMethod)9 });
    }

    /// <summary>BG/NBD histories over (0, T], T uniform in [20, 40] weeks: λ ~ Gamma(r, α), p ~ Beta(a, b), exponential
    /// waits, drop-out with probability p after each repeat purchase (Fader, Hardie &amp; Lee 2005, section 3).</summary>
    private static (int[] X, double[] Recency, double[] Age) Simulate(BgNbdParameters parameters, int customers, Random random)
    {
        var (x, tx, age) = (new int[customers], new double[customers], new double[customers]);
        for (int i = 0; i < customers; i++)
        {
            age[i] = 20 + (20 * random.NextDouble());
            double rate = Gamma.Sample(random, parameters.R, parameters.Alpha);
            double dropout = Beta.Sample(random, parameters.A, parameters.B);
            double t = 0;
            while (true)
            {
                t += Exponential.Sample(random, rate);
                if (t > age[i])
                {
                    break;
                }

                x[i]++;
                tx[i] = t;
                if (random.NextDouble() < dropout)
                {
                    break;
                }
            }
        }

        return (x, tx, age);
    }
}
