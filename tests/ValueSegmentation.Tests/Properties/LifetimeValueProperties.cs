using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ValueSegmentation.Lifetime;

namespace ValueSegmentation.Tests.Properties;

/// <summary>
/// Customer lifetime value is monotone: it rises with margin and retention, falls with the discount rate, and
/// the finite-horizon margin multiple rises with the horizon towards the infinite one.
/// </summary>
public class LifetimeValueProperties
{
    /// <summary>
    /// Relative slack for comparing two evaluations of the margin multiple. The library evaluates the finite sum
    /// in closed form, −expm1(H·ln q)·(1 + d)/(1 + d − r), not term by term, so values that are mathematically
    /// equal come out a few ulps apart: one start-of-period margin (H = 1) is exactly 1 for every r and d, and
    /// past a few dozen periods a partial sum equals the infinite one to 1e-16. Differences of up to 3e-15 were
    /// observed; 1e-12 leaves ample room for that and still flags any real error.
    /// </summary>
    private const double Slack = 1e-12;

    [Property]
    public Property Margin_multiple_does_not_decrease_with_retention() =>
        Prop.ForAll(
            (from r1 in Rates.Retention()
             from r2 in Rates.Retention()
             from d in Rates.Discount()
             from timing in Rates.Timing()
             from horizon in Rates.Horizon()
             select (Low: Math.Min(r1, r2), High: Math.Max(r1, r2), d, timing, horizon))
            .Where(c => c.horizon is not null || c.High < 1 + c.d).ToArbitrary(),
            c => AtMost(
                RetentionLifetimeValueModel.MarginMultiple(c.Low, c.d, c.timing, c.horizon),
                RetentionLifetimeValueModel.MarginMultiple(c.High, c.d, c.timing, c.horizon),
                c.ToString()));

    [Property]
    public Property Margin_multiple_does_not_increase_with_the_discount_rate() =>
        Prop.ForAll(
            (from r in Rates.Retention()
             from d1 in Rates.Discount()
             from d2 in Rates.Discount()
             from timing in Rates.Timing()
             from horizon in Rates.Horizon()
             select (r, Low: Math.Min(d1, d2), High: Math.Max(d1, d2), timing, horizon))
            .Where(c => c.horizon is not null || c.r < 1 + c.Low).ToArbitrary(),
            c => AtMost(
                RetentionLifetimeValueModel.MarginMultiple(c.r, c.High, c.timing, c.horizon),
                RetentionLifetimeValueModel.MarginMultiple(c.r, c.Low, c.timing, c.horizon),
                c.ToString()));

    /// <summary>
    /// The same two monotonicity properties where q = r / (1 + d) is within a few 1e-6 of 1: r on a 1e-6 grid,
    /// 1 + d equal to r (in decimal) up to a few grid steps, and the other rate a few steps away. Fails as of
    /// this writing: ln q is computed as ln r − ln(1 + d), whose rounding error (an ulp of ln r) is then divided
    /// by 1 + d − r, which can be a few ulps of r; for example MarginMultiple(0.3, −0.7, StartOfPeriod, 1) is
    /// 1.2 (it is exactly 1: one margin, now) while MarginMultiple(0.300001, −0.7, StartOfPeriod, 1) is 1.00000000003.
    /// </summary>
    [Property]
    public Property Margin_multiple_is_monotone_in_retention_and_discount_rate_when_retention_is_near_one_plus_the_discount_rate() =>
        Prop.ForAll(
            (from grid in Gen.Choose(1, 999_999)
             from shift in Gen.Choose(-3, 3)
             from step in Gen.Choose(-100, 100)
             from vary in Gen.Elements("retention", "discount rate")
             from timing in Rates.Timing()
             from horizon in Gen.Frequency((1, Gen.Constant<int?>(null)), (3, Gen.Choose(1, 50).Select(h => (int?)h)))
             let r = grid / 1e6
             let d = (grid - 1_000_000 + shift) / 1e6
             let other = vary == "retention" ? Math.Clamp(grid + step, 0, 1_000_000) / 1e6 : (grid - 1_000_000 + shift + step) / 1e6
             select (r, d, vary, other, timing, horizon))
            .Where(c => c.other > -1 && (c.horizon is not null || (c.vary == "retention"
                ? c.r < 1 + c.d && c.other < 1 + c.d
                : c.r < 1 + c.d && c.r < 1 + c.other)))
            .ToArbitrary(),
            c =>
            {
                if (c.vary == "retention")
                {
                    var (low, high) = (Math.Min(c.r, c.other), Math.Max(c.r, c.other));
                    AtMost(
                        RetentionLifetimeValueModel.MarginMultiple(low, c.d, c.timing, c.horizon),
                        RetentionLifetimeValueModel.MarginMultiple(high, c.d, c.timing, c.horizon),
                        c.ToString());
                }
                else
                {
                    var (low, high) = (Math.Min(c.d, c.other), Math.Max(c.d, c.other));
                    AtMost(
                        RetentionLifetimeValueModel.MarginMultiple(c.r, high, c.timing, c.horizon),
                        RetentionLifetimeValueModel.MarginMultiple(c.r, low, c.timing, c.horizon),
                        c.ToString());
                }
            });

    [Property]
    public Property Lifetime_value_does_not_decrease_with_margin() =>
        Prop.ForAll(
            (from m1 in Rates.Margin()
             from m2 in Rates.Margin()
             from r in Rates.Retention()
             from d in Rates.Discount()
             from timing in Rates.Timing()
             from horizon in Rates.Horizon()
             select (Low: Math.Min(m1, m2), High: Math.Max(m1, m2), r, d, timing, horizon))
            .Where(c => c.horizon is not null || c.r < 1 + c.d).ToArbitrary(),
            c => Assert.True(
                RetentionLifetimeValueModel.Compute(c.Low, c.r, c.d, c.timing, c.horizon)
                    <= RetentionLifetimeValueModel.Compute(c.High, c.r, c.d, c.timing, c.horizon),
                c.ToString()));

    [Property]
    public Property Finite_margin_multiple_does_not_decrease_with_the_horizon_and_stays_below_the_infinite_one() =>
        Prop.ForAll(
            (from r in Rates.Retention() from d in Rates.Discount() from timing in Rates.Timing() select (r, d, timing)).ToArbitrary(),
            c =>
            {
                double previous = RetentionLifetimeValueModel.MarginMultiple(c.r, c.d, c.timing, 0);
                Assert.Equal(0.0, previous);
                double? infinite = c.r < 1 + c.d ? RetentionLifetimeValueModel.MarginMultiple(c.r, c.d, c.timing) : null;
                for (int horizon = 1; horizon <= 50; horizon++)
                {
                    double multiple = RetentionLifetimeValueModel.MarginMultiple(c.r, c.d, c.timing, horizon);
                    AtMost(previous, multiple, $"{c} at horizons {horizon - 1} and {horizon}");
                    if (infinite is { } limit)
                    {
                        AtMost(multiple, limit, $"{c} at horizon {horizon} and forever");
                    }

                    previous = multiple;
                }
            });

    /// <remarks>
    /// With q = r / (1 + d) ≤ 0.99 and H = ⌈ln 1e-13 / ln q⌉ (at most about 3000), the tail the finite sum leaves
    /// out is q<sup>H</sup> ≤ 1e-13 of the infinite one, so they agree to 1e-12 relative (the rest is rounding).
    /// </remarks>
    [Property]
    public Property Finite_margin_multiple_converges_to_the_infinite_one() =>
        Prop.ForAll(
            (from r in Rates.Retention() from d in Rates.Discount() from timing in Rates.Timing() select (r, d, timing))
            .Where(c => c.r / (1 + c.d) <= 0.99).ToArbitrary(),
            c =>
            {
                double q = c.r / (1 + c.d);
                int horizon = q == 0 ? 1 : (int)Math.Ceiling(Math.Log(1e-13) / Math.Log(q));
                double finite = RetentionLifetimeValueModel.MarginMultiple(c.r, c.d, c.timing, horizon);
                double infinite = RetentionLifetimeValueModel.MarginMultiple(c.r, c.d, c.timing);
                Assert.True(Math.Abs(finite - infinite) <= 1e-12 * infinite, $"{c}: {finite:R} at horizon {horizon}, {infinite:R} forever");
            });

    /// <remarks>
    /// Exact: all factors but the average order value are non-negative, and a floating-point product is
    /// monotone in each factor, so no tolerance is needed. The direction in the non-negative arguments is the
    /// sign of the average order value (a loss per order grows with the number of orders).
    /// </remarks>
    [Property]
    public Property Simple_lifetime_value_is_monotone_in_each_argument() =>
        Prop.ForAll(
            (from aov in Gen.Choose(-10_000, 100_000).Select(k => k / 100.0)
             from perYear in Gen.Choose(0, 10_000).Select(k => k / 100.0)
             from years in Gen.Choose(0, 5_000).Select(k => k / 100.0)
             from margin in Gen.Choose(0, 1_000).Select(k => k / 1_000.0)
             from argument in Gen.Choose(0, 3)
             from other in Gen.Choose(0, 1_000)
             select (Values: new[] { aov, perYear, years, margin }, argument, other)).ToArbitrary(),
            c =>
            {
                double[] low = [.. c.Values], high = [.. c.Values];
                double value = c.Values[c.argument];
                double alternative = c.argument switch
                {
                    0 => (c.other - 500) / 3.0,   // any sign
                    3 => c.other / 1_000.0,       // a margin in [0, 1]
                    _ => c.other / 7.0,           // not negative
                };
                low[c.argument] = Math.Min(value, alternative);
                high[c.argument] = Math.Max(value, alternative);
                double atLow = SimpleLifetimeValueModel.Compute(low[0], low[1], low[2], low[3]);
                double atHigh = SimpleLifetimeValueModel.Compute(high[0], high[1], high[2], high[3]);
                string where = $"argument {c.argument}: [{string.Join(", ", low)}] -> {atLow:R}, [{string.Join(", ", high)}] -> {atHigh:R}";
                if (c.argument == 0 || c.Values[0] >= 0)
                {
                    Assert.True(atLow <= atHigh, where);
                }

                if (c.argument != 0 && c.Values[0] <= 0)
                {
                    Assert.True(atLow >= atHigh, where);
                }
            });

    /// <summary>Asserts <paramref name="low"/> ≤ <paramref name="high"/>, up to <see cref="Slack"/> relative.</summary>
    private static void AtMost(double low, double high, string what) =>
        Assert.True(low <= high + (Slack * Math.Abs(high)), $"{what}: {low:R} > {high:R} (by {(low - high) / high:E2} relative)");
}
