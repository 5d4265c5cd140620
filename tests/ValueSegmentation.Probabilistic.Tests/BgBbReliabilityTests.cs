namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>
/// BG/BB at the edges of its domain (issue 9, findings 5 and 15): long histories in bounded memory, a documented bound
/// on the opportunities, and accurate predictions for large parameters. Reference values are 40- to 60-digit mpmath 1.3
/// evaluations of the definitions of Fader, Hardie &amp; Shang (2010), Marketing Science 29(6): the likelihood (eq. 5)
/// summed term by term, P(alive) = B(α + x, β + n − x)/B(α, β) · B(γ, δ + n + 1)/B(γ, δ)/L (eq. 11),
/// E[X(n, n + n*)] = B(α + x + 1, β + n − x)/B(α, β)/L · Σₖ₌ₙ^(n+n*−1) B(γ, δ + k + 1)/B(γ, δ) (eq. 13),
/// DERT(d) = B(α + x + 1, β + n − x)/B(α, β)/L · Σₖ≥₁ B(γ, δ + n + k)/B(γ, δ)/(1 + d)ᵏ and
/// P(X(n) = x) by eq. 7, with mpmath.beta and mpmath.binomial.
/// </summary>
public sealed class BgBbReliabilityTests
{
    private static readonly BgBbModel Donations = new(new BgBbParameters(1.204, 0.750, 0.657, 2.783));

    /// <summary>Runs <paramref name="body"/> on a thread with a 256 KB stack, so that a stack allocation in proportion to
    /// the input overflows deterministically (whatever the test host's own stack size), and rethrows its exception.</summary>
    private static void OnSmallStack(Action body)
    {
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    body();
                }
                catch (Exception e)
                {
                    failure = e;
                }
            },
            maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new InvalidOperationException("The body failed on the small-stack thread.", failure);
        }
    }

    [Fact]
    public void Long_histories_are_evaluated_without_stack_in_proportion_to_the_opportunities()
    {
        // Before the fix the likelihood stack-allocated 8 bytes per opportunity after t_x (40 with the gradient): 50,000
        // opportunities need 400 KB and overflow this 256 KB stack, which kills the process.
        double alive = 0, expected = 0, logLikelihood = 0;
        BgBbModel? fitted = null;
        OnSmallStack(() =>
        {
            alive = Donations.ProbabilityAlive(1, 1, 50_000);
            expected = Donations.ConditionalExpectedTransactions(5, 1, 1, 50_000);
            logLikelihood = Donations.LogLikelihood(DiscreteRepeatData.FromColumns([1], [1], [50_000]));
            fitted = BgBbModel.Fit(DiscreteRepeatData.FromColumns([1, 0, 3, 2], [1, 0, 40_000, 17], [40_000, 40_000, 40_000, 30_000]));
        });

        // mpmath (40 digits), (x, t_x, n) = (1, 1, 50,000) at the donations estimates.
        Assert.Equal(-2.3488150072790656, logLikelihood, 1e-13);
        Assert.Equal(6.8447992251038201e-13, alive, 6.8447992251038201e-13 * 1e-12);
        Assert.Equal(1.508495156212255e-16, expected, 1.508495156212255e-16 * 1e-12);
        Assert.NotNull(fitted);
        Assert.True(double.IsFinite(fitted.FitResult!.LogLikelihood));
    }

    [Fact]
    public void Opportunities_beyond_the_documented_bound_are_rejected_naming_the_argument()
    {
        // Before the fix ProbabilityAlive(1, 1, int.MaxValue) overflowed the stack (an uncatchable crash).
        double accepted = 0;
        OnSmallStack(() => accepted = Donations.ProbabilityAlive(1, 1, 1_000_000));
        Assert.InRange(accepted, 0, 1);

        Exception? thrown = null;
        OnSmallStack(() => thrown = Record.Exception(() => Donations.ProbabilityAlive(1, 1, int.MaxValue)));
        var outOfRange = Assert.IsType<ArgumentOutOfRangeException>(thrown);
        Assert.Equal("opportunities", outOfRange.ParamName);
        Assert.Equal(int.MaxValue, outOfRange.ActualValue);

        Assert.Equal("opportunities", Assert.Throws<ArgumentOutOfRangeException>(() => Donations.ProbabilityAlive(0, 0, 1_000_001)).ParamName);
        Assert.Equal("opportunities", Assert.Throws<ArgumentOutOfRangeException>(() => Donations.ConditionalExpectedTransactions(1, 0, 0, 1_000_001)).ParamName);
        Assert.Equal("opportunities", Assert.Throws<ArgumentOutOfRangeException>(() => Donations.DiscountedExpectedResidualTransactions(0.1, 0, 0, 1_000_001)).ParamName);
        Assert.Equal("opportunities", Assert.Throws<ArgumentOutOfRangeException>(() => Donations.ProbabilityOfTransactions(0, 1_000_001)).ParamName);
        Assert.Equal("opportunities", Assert.Throws<ArgumentOutOfRangeException>(() => DiscreteRepeatData.FromColumns([1], [1], [int.MaxValue])).ParamName);
        Assert.Equal("periods", Assert.Throws<ArgumentOutOfRangeException>(() => Donations.ConditionalExpectedTransactions(int.MaxValue, 1, 1, 6)).ParamName);
    }

    public static TheoryData<double, double, double, double, int, int, int, double[]> LargeParameters() => new()
    {
        // α, β, γ, δ, x, t_x, n, [P(alive), E[X(n, n + 5)], DERT(0.1), P(X(n) = x)]; mpmath, 60 digits.
        { 1.204, 0.750, 1e6, 2.783, 2, 4, 6, [1.1548447918123297e-16, 4.6519473363130547e-17, 4.2290392718509424e-17, 4.8400386265739327e-12] },
        { 0.001, 0.001, 3, 1e15, 6, 6, 6, [0.999999999999997, 4.9991669443518377, 9.9983338887034355, 0.49886072957249199] },
        { 1e6, 1e6, 1e6, 1e6, 2, 4, 6, [0.045454958678124341, 0.044034587811037971, 0.037879217985918596, 0.074951193115166931] },
    };

    [Theory]
    [MemberData(nameof(LargeParameters))]
    public void Predictions_for_large_parameters_match_high_precision_values(
        double alpha, double beta, double gamma, double delta, int x, int tx, int n, double[] reference)
    {
        // Before the fix ln B was the difference of ln Γ values of the order of δ ln δ: expectations of 11,976 for 5
        // opportunities at δ = 10¹⁵, errors of 10⁻⁹ at γ = 10⁶.
        var model = new BgBbModel(new BgBbParameters(alpha, beta, gamma, delta));
        AssertClose(reference[0], model.ProbabilityAlive(x, tx, n));
        AssertClose(reference[1], model.ConditionalExpectedTransactions(5, x, tx, n));
        AssertClose(reference[2], model.DiscountedExpectedResidualTransactions(0.1, x, tx, n));
        AssertClose(reference[3], model.ProbabilityOfTransactions(x, n));
    }

    [Fact]
    public void Expectations_are_finite_and_within_their_bounds_for_large_parameters()
    {
        // γ = 10⁶ with a long history gave NaN before the fix: L underflowed to 0 and the expectation was 0 · ∞.
        // mpmath: P(alive) = 1.46e-338 and E[X(n, n + 5)] = 7.3e-339 at (0.001, 0.001, 10⁶, 0.5) and (500, 900, 1000),
        // both 0 in double precision.
        var model = new BgBbModel(new BgBbParameters(0.001, 0.001, 1e6, 0.5));
        Assert.Equal(0, model.ProbabilityAlive(500, 900, 1000));
        Assert.Equal(0, model.ConditionalExpectedTransactions(5, 500, 900, 1000));
        Assert.Equal(0, model.DiscountedExpectedResidualTransactions(0.1, 500, 900, 1000));

        double[] values = [1e-3, 0.5, 3, 1e6, 1e10, 1e15];
        foreach (double a in values)
        {
            foreach (double b in values)
            {
                foreach (double g in values)
                {
                    foreach (double d in values)
                    {
                        var m = new BgBbModel(new BgBbParameters(a, b, g, d));
                        foreach (var (x, tx, n) in new[] { (0, 0, 6), (2, 4, 6), (6, 6, 6), (1, 1, 1000), (500, 900, 1000) })
                        {
                            string at = $"({a}, {b}, {g}, {d}) at ({x}, {tx}, {n})";
                            double p = m.ProbabilityAlive(x, tx, n);
                            double e = m.ConditionalExpectedTransactions(5, x, tx, n);
                            double dert = m.DiscountedExpectedResidualTransactions(0.1, x, tx, n);
                            double px = m.ProbabilityOfTransactions(x, n);
                            Assert.True(p is >= 0 and <= 1, $"P(alive) = {p} {at}");
                            Assert.True(e is >= 0 and <= 5, $"E = {e} {at}");
                            Assert.True(dert is >= 0 and <= 10, $"DERT = {dert} {at}");
                            Assert.True(px is >= 0 and <= 1, $"P(X = x) = {px} {at}");
                        }
                    }
                }
            }
        }
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= 1e-12 * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");
}
