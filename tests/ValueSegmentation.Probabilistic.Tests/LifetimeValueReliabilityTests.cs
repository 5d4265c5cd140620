namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>
/// The probabilistic lifetime value at the edges of its domain (issue 9, finding 9): negative rates that would overflow,
/// the infinite horizon against a long direct sum, and long finite horizons in bounded work. The references are direct
/// double-precision sums (Neumaier-compensated) of the definition
/// Σₖ (E[Y(kΔ) | x, t<sub>x</sub>, T] − E[Y((k − 1)Δ) | x, t<sub>x</sub>, T])/(1 + d)ᵏ (Fader, Hardie &amp; Lee 2005) over
/// <c>RepeatPurchaseModel.ConditionalExpectedPurchases</c>, at the CDNOW BG/NBD estimates (weeks), daily periods.
/// </summary>
public sealed class LifetimeValueReliabilityTests
{
    private const int Frequency = 2;
    private const double Recency = 30.43, Age = 38.86;
    private static readonly BgNbdModel Purchases = new(new BgNbdParameters(0.243, 4.414, 0.793, 2.426), TimeUnit.Weeks);
    private static readonly GammaGammaModel Spend = new(new GammaGammaParameters(6.25, 3.74, 15.44));

    private static double DirectSum(int days, double rate)
    {
        double sum = 0, compensation = 0, previous = 0, discount = 1;
        for (int k = 1; k <= days; k++)
        {
            double cumulative = Purchases.ConditionalExpectedPurchases(k / 7.0, Frequency, Recency, Age);
            discount /= 1 + rate;
            double term = (cumulative - previous) * discount;
            previous = cumulative;
            double next = sum + term;
            compensation += (sum - next) + term;
            sum = next;
        }

        return sum + compensation;
    }

    [Fact]
    public void The_infinite_horizon_equals_a_400000_day_direct_sum()
    {
        // At 10⁻⁴ a day, the days beyond 400,000 are discounted by e^(−40): the infinite value is the 400,000-day sum.
        // (The probe found the "infinite" horizon cut at 100,000 periods: 5,141 where 400,000 days give 5,590.)
        double direct = DirectSum(400_000, 1e-4);
        double infinite = new ProbabilisticLifetimeValue(Purchases, Spend, TimeUnit.Days, 1e-4, null).DiscountedPurchases(Frequency, Recency, Age);
        Assert.True(Math.Abs(infinite - direct) <= 1e-11 * direct, $"infinite {infinite:R}, direct {direct:R}");
    }

    [Fact]
    public void A_finite_horizon_beyond_the_directly_summed_periods_equals_the_direct_sum()
    {
        // At 10⁻⁴ a day the first ⌈2/ln(1 + d)⌉ = 20,002 days are summed directly and the rest of a 30,000-day horizon
        // is the difference of two Euler–Maclaurin tails (the one beyond 30,000 days is still e^(−3) of the value).
        double direct = DirectSum(30_000, 1e-4);
        double value = new ProbabilisticLifetimeValue(Purchases, Spend, TimeUnit.Days, 1e-4, 30_000).DiscountedPurchases(Frequency, Recency, Age);
        Assert.True(Math.Abs(value - direct) <= 1e-10 * direct, $"horizon value {value:R}, direct {direct:R}");
    }

    [Fact]
    public void Without_discounting_a_finite_horizon_equals_the_direct_sum()
    {
        // d = 0: the increments telescope to E[Y(K)], which the library takes in one evaluation (a 100,000-year horizon
        // at extreme parameters summed 100,000 brackets, 275 s, before).
        double direct = DirectSum(20_000, 0);
        double value = new ProbabilisticLifetimeValue(Purchases, Spend, TimeUnit.Days, 0, 20_000).DiscountedPurchases(Frequency, Recency, Age);
        Assert.True(Math.Abs(value - direct) <= 1e-12 * direct, $"horizon value {value:R}, direct {direct:R}");
    }

    [Fact(Timeout = 60_000)]
    public async Task The_longest_horizons_cost_what_the_infinite_one_costs()
    {
        // Before the fix a horizon of K periods took K evaluations: 10⁷ periods ran for minutes, int.MaxValue for hours
        // (the 60 s bound is a guard against that regression, not a speed goal).
        await Task.Run(() =>
        {
            double infinite = new ProbabilisticLifetimeValue(Purchases, Spend, TimeUnit.Days, 1e-4, null).DiscountedPurchases(Frequency, Recency, Age);
            foreach (int horizon in new[] { 10_000_000, int.MaxValue })
            {
                double value = new ProbabilisticLifetimeValue(Purchases, Spend, TimeUnit.Days, 1e-4, horizon).DiscountedPurchases(Frequency, Recency, Age);
                Assert.True(Math.Abs(value - infinite) <= 1e-12 * infinite, $"horizon {horizon}: {value:R} against {infinite:R}");
            }
        });
    }

    [Fact]
    public void Rates_that_would_overflow_or_cannot_bound_the_work_are_rejected_naming_the_argument()
    {
        // −0.5 per period over 2,000 periods compounds to 2^2000: the probe got ∞. Over 36 periods it is finite and accepted.
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ProbabilisticLifetimeValue(Purchases, Spend, TimeUnit.Days, -0.5, 2_000));
        Assert.Equal("discountRate", error.ParamName);
        Assert.Equal(-0.5, error.ActualValue);
        Assert.True(double.IsFinite(new ProbabilisticLifetimeValue(Purchases, Spend, TimeUnit.Days, -0.5, 36).DiscountedPurchases(Frequency, Recency, Age)));
        foreach (double rate in new[] { -1, -2, double.NaN, double.PositiveInfinity })
        {
            Assert.Equal("discountRate", Assert.Throws<ArgumentOutOfRangeException>(() => new ProbabilisticLifetimeValue(Purchases, Spend, TimeUnit.Days, rate, 12)).ParamName);
        }

        // Beyond 10⁶ periods the work is bounded only through the tail formula, which needs a positive rate.
        Assert.Equal("horizonPeriods", Assert.Throws<ArgumentOutOfRangeException>(() => new ProbabilisticLifetimeValue(Purchases, Spend, TimeUnit.Days, 0, 10_000_000)).ParamName);
        Assert.Equal("horizonPeriods", Assert.Throws<ArgumentOutOfRangeException>(() => new ProbabilisticLifetimeValue(Purchases, Spend, TimeUnit.Days, 1e-9, int.MaxValue)).ParamName);
    }
}
