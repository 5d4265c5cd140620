using System.Globalization;
using MathNet.Numerics;
using ValueSegmentation.Probabilistic.Likelihoods;
using ValueSegmentation.Probabilistic.Numerics;
using ValueSegmentation.Tests.TestData;

namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>
/// The beta-discrete-Weibull model (Fader, Hardie, Liu, Davin &amp; Steenburgh 2018, J. Interactive Marketing 43). The
/// paper's own data are not public here, so it is checked by its nesting of the sBG (c = 1), by its defining sums, and
/// by simulation: survivor curves drawn from known parameters (seeded) are fitted back.
/// </summary>
public sealed class BetaDiscreteWeibullTests
{
    private static readonly Lazy<double[]> Regular = new(() => Column(1));

    private static readonly Lazy<double[]> HighEnd = new(() => Column(2));

    /// <summary>The largest shape, where t^c leaves the range of a double after t = 1,209 and survival switches to its
    /// asymptotic form at c·ln t ≥ 690, from t = 993 on.</summary>
    private const double C = BetaDiscreteWeibullParameters.MaxShape;

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

    [Theory]
    [InlineData(false, 0.456, 0.779, 1.283, -1679.60, new double[] { 223, 209, 197, 186, 177 })]
    [InlineData(true, 0.214, 1.427, 1.724, -1605.31, new double[] { 468, 448, 432, 417, 404 })]
    public void Fits_to_years_0_to_7_reproduce_the_documented_table(bool highEnd, double alpha, double beta, double c, double logLikelihood, double[] years8To12)
    {
        // docs/probabilistic-models.md, "On years 0–7 of the two cohorts of data/sbg_survivors.csv" (Fader & Hardie 2007's
        // Regular and High End cohorts): α, β, c to three decimals, the LL to two, the projection of years 8–12 rounded.
        var curve = (highEnd ? HighEnd : Regular).Value.Take(8).ToArray();
        var model = BetaDiscreteWeibullModel.Fit(curve);
        Assert.True(model.FitResult!.Convergence.Converged, model.FitResult.ToString());
        Assert.Equal(alpha, model.Parameters.Alpha, 0.0005);
        Assert.Equal(beta, model.Parameters.Beta, 0.0005);
        Assert.Equal(c, model.Parameters.C, 0.0005);
        Assert.Equal(logLikelihood, model.FitResult.LogLikelihood, 0.005);
        var projection = model.Project(1000, 12);
        for (int t = 8; t <= 12; t++)
        {
            Assert.Equal(years8To12[t - 8], Math.Round(projection[t]));
        }
    }

    [Fact]
    public void The_High_End_example_prints_the_documented_estimates_and_lifetimes()
    {
        // docs/probabilistic-models.md's High End example: "BdW α = 0.214253, β = 1.42657, c = 1.72356", DEL(0.10) 6.093
        // and DERL(0.10, 4) 7.541 periods.
        var model = BetaDiscreteWeibullModel.Fit([1000, 869, 743, 653, 593, 551, 517, 491]);
        Assert.Equal("BdW α = 0.214253, β = 1.42657, c = 1.72356", model.ToString());
        Assert.Equal(6.093, model.DiscountedExpectedLifetime(0.10), 0.0005);
        Assert.Equal(7.541, model.DiscountedExpectedResidualLifetime(0.10, 4), 0.0005);
    }

    [Fact]
    public void At_the_largest_shape_survival_retention_churn_and_DERL_equal_their_asymptotic_forms()
    {
        // α = 0.5, β = 2, c = 100. From t = 2 on τ = t^c ≥ 2^100 ≈ 1.3·10³⁰, so S(t) = Γ(β + τ)Γ(α + β)/(Γ(β)Γ(α + β + τ))
        // = τ^(−α)·Γ(2.5)/Γ(2) to a relative 10⁻²⁹ (Γ(z)/Γ(z + α) = z^(−α)(1 + O(1/z))), on both sides of the switch to the
        // asymptotic form (t = 992 | 993) and of the overflow of t^c (1,209 | 1,210). The reference uses MathNet's ln Γ
        // at 2 and 2.5 and α·c·ln t directly. Tolerance 2·10⁻¹²: ln S is about −α·c·ln t, up to 690, and a few ulps of
        // that (1.1·10⁻¹³ each) are the error of either side.
        const double Alpha = 0.5, Beta = 2;
        var model = new BetaDiscreteWeibullModel(new BetaDiscreteWeibullParameters(Alpha, Beta, C));
        double Reference(int t) => Math.Exp(SpecialFunctions.GammaLn(Alpha + Beta) - SpecialFunctions.GammaLn(Beta) - (Alpha * C * Math.Log(t)));

        IncompleteGammaTests.AssertClose(Beta / (Alpha + Beta), model.Survival(1), 1e-15);
        foreach (int t in new[] { 2, 3, 10, 991, 992, 993, 994, 1_209, 1_210, 2_000, 999_999, 1_000_000 })
        {
            IncompleteGammaTests.AssertClose(Reference(t), model.Survival(t), 2e-12);
            double previous = t == 2 ? Beta / (Alpha + Beta) : Reference(t - 1);
            IncompleteGammaTests.AssertClose(previous - Reference(t), model.ChurnProbability(t), 2e-12);
            if (t > 2)
            {
                // r(t) = ((t − 1)/t)^(αc).
                IncompleteGammaTests.AssertClose(Math.Exp(Alpha * C * (Math.Log(t - 1.0) - Math.Log(t))), model.Retention(t), 2e-12);
            }
        }

        // DERL(n) = Σ_{k ≥ 0} S(n + 1 + k)/S(n)/(1 + d)^k with S(t)/S(n) = (n/t)^(αc).
        const int N = 1_500;
        double derl = 0;
        for (int k = 0; k < 2_000; k++)
        {
            derl += Math.Exp((Alpha * C * (Math.Log(N) - Math.Log(N + 1.0 + k))) - (k * Math.Log(1.1)));
        }

        IncompleteGammaTests.AssertClose(derl, model.DiscountedExpectedResidualLifetime(0.1, N), 1e-12);
    }

    [Theory]
    [InlineData(0.5, 2)]
    [InlineData(0.5, 1e10)]
    [InlineData(0.05, 1e14)]
    [InlineData(0.9, 0.01)]
    public void Survival_is_continuous_across_the_switch_to_the_asymptotic_form(double alpha, double beta)
    {
        // The switch is at c·ln t = 690. At t = 993 the shape c* = 690/ln 993 ≈ 99.99 puts it between two adjacent
        // doubles of c: the one below evaluates B(α, β + τ)/B(α, β) exactly, the one above τ^(−α)Γ(α + β)/Γ(β). The model
        // moves ln S by about α·ln 993·Δc ≈ 10⁻¹³·α between them; the rounding of each side is a few ulps of
        // α·690 (10⁻¹³·α each). So the two agree to 10⁻¹² relative; the plain ln Γ(α + β) − ln Γ(β) of β = 10¹⁰ missed
        // by 10⁻⁵.
        const int T = 993;
        double above = 690 / Math.Log(T);
        while (above * Math.Log(T) < 690)
        {
            above = Math.BitIncrement(above);
        }

        double below = Math.BitDecrement(above);
        Assert.True(below * Math.Log(T) < 690 && above <= C);
        var exact = new BetaDiscreteWeibullModel(new BetaDiscreteWeibullParameters(alpha, beta, below));
        var asymptotic = new BetaDiscreteWeibullModel(new BetaDiscreteWeibullParameters(alpha, beta, above));
        Assert.True(exact.Survival(T) > 0);
        IncompleteGammaTests.AssertClose(exact.Survival(T), asymptotic.Survival(T), 1e-12);

        // At c = 100 the switch falls between t = 992 and 993: retention r(t) = S(t)/S(t − 1) there mixes the two forms
        // and equals ((t − 1)/t)^(αc) (τ ≥ e^689 makes every other term negligible) on both sides, to the same
        // tolerance.
        var model = new BetaDiscreteWeibullModel(new BetaDiscreteWeibullParameters(alpha, beta, C));
        for (int t = 992; t <= 994; t++)
        {
            IncompleteGammaTests.AssertClose(Math.Exp(alpha * C * (Math.Log(t - 1.0) - Math.Log(t))), model.Retention(t), 1e-12);
        }
    }

    [Theory]
    [InlineData(1, 0.704, 1.182, 0.10)] // the sBG: r(t) = (β + t − 1)/(α + β + t − 1)
    [InlineData(1, 0.704, 1.182, 0.01)]
    [InlineData(C, 0.5, 2, 0.10)] // asymptotic: S(t)/S(n) = (n/t)^(αc)
    public void DERL_near_the_last_period_sums_as_many_terms_as_anywhere_else(double c, double alpha, double beta, double d)
    {
        // DERL(n) = Σ_{k ≥ 0} S(n + 1 + k)/S(n)/(1 + d)^k needs terms beyond t = 10⁶ when n is close to 10⁶; they are
        // summed here from the closed forms of S(t)/S(n) until they fall below 10⁻¹⁸ of the sum.
        var model = new BetaDiscreteWeibullModel(new BetaDiscreteWeibullParameters(alpha, beta, c));
        foreach (int n in new[] { 999_000, 999_999, 1_000_000 })
        {
            double sum = 0, ratio = 1;
            for (int k = 0; ; k++)
            {
                double t = n + 1.0 + k;
                ratio = c == 1 ? ratio * (beta + t - 1) / (alpha + beta + t - 1) : Math.Exp(alpha * c * (Math.Log(n) - Math.Log(t)));
                double term = ratio * Math.Exp(-k * Math.Log(1 + d));
                sum += term;
                if (term < 1e-18 * sum)
                {
                    break;
                }
            }

            IncompleteGammaTests.AssertClose(sum, model.DiscountedExpectedResidualLifetime(d, n), 1e-11);
        }
    }

    [Theory]
    [InlineData(false, 0.456, 0.779, 1.283, 0, 0, 0, 0)]
    [InlineData(true, 0.214, 1.427, 1.724, 0, 0, 0, 0)]
    [InlineData(false, 1.1, 3.3, 0.35, 1.2, 3, 0.3, 200)] // churn falling with tenure, 200 periods
    [InlineData(false, 0.35, 1.8, 3.2, 0.3, 2, 3, 600)] // τ up to 600^3.2 ≈ 8·10⁸
    [InlineData(false, 0.35, 1.8, 7.5, 0.3, 2, 8, 500)] // τ up to 500^7.5 ≈ 2·10²⁰
    [InlineData(false, 0.0025, 0.6, 99.9, 0.002, 0.5, 100, 990)] // c·ln 990 ≈ 689.3: τ up to 10²⁹⁹
    public void The_analytic_gradient_matches_central_differences(bool highEnd, double alpha, double beta, double c, double curveAlpha, double curveBeta, double curveC, int periods)
    {
        // The curve: years 0–7 of a cohort (periods = 0), or the expected survivors of 1,000 customers under other
        // parameters (fractional counts). The difference: fourth order, (8[f(θ + h) − f(θ − h)] − [f(θ + 2h) − f(θ − 2h)])/12h
        // with h = 10⁻⁴θ, whose truncation error (h⁴f⁽⁵⁾) is far below its rounding error, about ε|LL|/h ≈ 10⁻⁸ here:
        // agreement to 10⁻⁶ of max(|∂LL|, 1). The c-derivative at large τ is where ψ(β + τ) − ψ(α + β + τ) cancelled.
        double[] curve = periods == 0
            ? [.. (highEnd ? HighEnd : Regular).Value.Take(8)]
            : [.. new BetaDiscreteWeibullModel(new BetaDiscreteWeibullParameters(curveAlpha, curveBeta, curveC)).Project(1000, periods)];
        double[] theta = [alpha, beta, c];
        var gradient = new double[3];
        Assert.True(double.IsFinite(BetaDiscreteWeibullLikelihood.LogLikelihood(curve, theta, gradient)));
        for (int i = 0; i < 3; i++)
        {
            double h = 1e-4 * theta[i];
            double At(double step)
            {
                var shifted = (double[])theta.Clone();
                shifted[i] += step;
                return BetaDiscreteWeibullLikelihood.LogLikelihood(curve, shifted, new double[3]);
            }

            double difference = ((8 * (At(h) - At(-h))) - (At(2 * h) - At(-2 * h))) / (12 * h);
            Assert.True(Math.Abs(gradient[i] - difference) <= 1e-6 * Math.Max(Math.Abs(difference), 1), $"∂LL/∂θ{i}: analytic {gradient[i]:R}, central differences {difference:R}");
        }
    }

    [Theory]
    [InlineData(1e10, 0.5, 5.000000000125e-11, 11.512925464957728)]
    [InlineData(1e20, 0.3, 2.9999999999999999e-21, 13.815510557964274)]
    [InlineData(1e15, 2.5, 2.4999999999999981e-15, 86.346940987276715)]
    [InlineData(1e300, 0.5, 4.9999999999999997e-301, 345.38776394910685)]
    [InlineData(1e8, 1e-6, 1.000000004999995e-14, 1.842068073895237e-5)]
    [InlineData(3.5, 0.25, 0.079380747966553041, 0.28584197624634283)]
    [InlineData(0.001, 7.0, 1002.4485098003227, -0.32605481226998667)]
    [InlineData(2.0, 1e12, 27.208236780831581, 26631021115970.914)]
    [InlineData(0.5, 1e300, 692.73903792423513, 6.8977552789821374e+302)]
    [InlineData(0.7, -0.5, -4.0690163428942547, 1.2631965758991182)]
    public void Digamma_and_log_gamma_differences_keep_their_digits(double x, double a, double digamma, double logGamma)
    {
        // ψ(x + a) − ψ(x) and ln Γ(x + a) − ln Γ(x), by mpmath 1.3 at 50–400 digits of the same doubles x and a. Where x ≫ a
        // the plain differences of MathNet's ψ or ln Γ keep no digit (ψ(10²⁰) ≈ 46 against a difference of 3·10⁻²¹).
        // The digamma difference keeps full relative precision; the ln Γ difference is a sum of terms of the order of a
        // (at x = 0.001, a = 7: ln 0.001 + ln Γ(7.001)/Γ(1.001) = −6.9 + 6.6), so its error is relative to |result| + |a|.
        IncompleteGammaTests.AssertClose(digamma, LogGammaDifference.DigammaDifference(x, a), 1e-14);
        double difference = LogGammaDifference.Difference(x, a);
        Assert.True(Math.Abs(difference - logGamma) <= 1e-14 * (Math.Abs(logGamma) + Math.Abs(a)), $"expected {logGamma:R}, got {difference:R}");
    }

    [Theory]
    [InlineData(1e-3)]
    [InlineData(0.37)]
    [InlineData(14.5)]
    [InlineData(1e10)]
    [InlineData(1e20)]
    public void Digamma_differences_obey_the_recurrence(double x)
    {
        // ψ(x + 1) − ψ(x) = 1/x and ψ(x + 2) − ψ(x) = 1/x + 1/(x + 1) exactly (A&S 6.3.5); ln Γ(x + 1) − ln Γ(x) = ln x.
        IncompleteGammaTests.AssertClose(1 / x, LogGammaDifference.DigammaDifference(x, 1), 1e-14);
        IncompleteGammaTests.AssertClose((1 / x) + (1 / (x + 1)), LogGammaDifference.DigammaDifference(x, 2), 1e-14);
        Assert.Equal(Math.Log(x), LogGammaDifference.Difference(x, 1), Math.Abs(Math.Log(x)) * 1e-14);
        Assert.Equal(0, LogGammaDifference.DigammaDifference(x, 0));
    }

    [Theory]
    [InlineData(new double[] { 1000, 1000, 0 })]
    [InlineData(new double[] { 1000, 999, 1 })]
    public void A_fit_whose_likelihood_rises_beyond_the_largest_shape_stops_at_it_and_reports_that_point(double[] curve)
    {
        // Everyone survives one period and almost no one the next: the likelihood keeps rising with c past 100. The search
        // stops at the bound instead of being clamped after it, so the model's c is the fit's, and the fit's LL is the one
        // at the model's parameters; the maximum is not in the domain, so there are no standard errors.
        var model = BetaDiscreteWeibullModel.Fit(curve);
        var fit = model.FitResult!;
        Assert.InRange(fit.Parameters[2], 99, C);
        Assert.Equal(fit.Parameters[2], model.Parameters.C);
        Assert.Equal(fit.Parameters[0], model.Parameters.Alpha);
        Assert.Equal(fit.Parameters[1], model.Parameters.Beta);
        Assert.Equal(model.LogLikelihood(curve), fit.LogLikelihood);
        Assert.False(fit.Convergence.Converged);
        Assert.Null(fit.StandardErrors);
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
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => BetaDiscreteWeibullModel.Fit([100, 50, 30], new FitOptions { InitialParameters = [1, 1, 150] })).ParamName);

        // c·ln n > 690: at c = 100 a curve of 993 periods is too long for the likelihood; 992 is not.
        var steep = new BetaDiscreteWeibullModel(new BetaDiscreteWeibullParameters(0.002, 0.5, C));
        Assert.True(double.IsFinite(steep.LogLikelihood(steep.Project(1000, 992))));
        Assert.Equal("survivors", Assert.Throws<ArgumentException>(() => steep.LogLikelihood(steep.Project(1000, 993))).ParamName);
    }

    private static double[] Column(int column) =>
        [.. File.ReadLines(Cdnow.PathOf("sbg_survivors.csv")).Skip(1).Select(l => double.Parse(l.TrimEnd('\r').Split(',')[column], CultureInfo.InvariantCulture))];
}
