using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>
/// Invariants of the transaction models over a wide grid of parameters (10⁻² to 10², α ≈ β included) and histories
/// (x up to 2,000, T from 0.01 to 10,000): P(alive) in [0, 1] and predictions finite and not negative; on realistic
/// histories expected purchases do not decrease with the horizon; lifetime value does not increase with the
/// discount rate.
/// </summary>
public class ModelProperties
{
    private static Gen<double> Parameter() =>
        Gen.OneOf(Gen.Choose(-200, 200).Select(k => Math.Pow(10, k / 100.0)), Gen.Elements(1.0, 0.5, 2.0));

    private static Gen<(int X, double Tx, double T)> History() =>
        from t in Gen.OneOf(Gen.Choose(1, 100).Select(v => (double)v), Gen.Choose(100, 10_000).Select(v => (double)v), Gen.Elements(0.01, 0.5))
        from x in Gen.OneOf(Gen.Choose(0, 10), Gen.Choose(0, 2_000))
        from share in Gen.Choose(0, 1000).Select(v => v / 1000.0)
        select (x, x == 0 ? 0.0 : Math.Max(share * t, 1e-9), t);

    private static Gen<RepeatPurchaseModel> Models() => Models(Parameter(), Gen.Elements(false, false, true));

    /// <summary>BG/NBD, MBG/NBD or Pareto/NBD (weeks) with parameters from <paramref name="parameter"/>; when
    /// <paramref name="nearlyEqualRates"/> draws true, Pareto/NBD's β is α (1 + 10⁻⁹), the α ≈ β corner.</summary>
    internal static Gen<RepeatPurchaseModel> Models(Gen<double> parameter, Gen<bool> nearlyEqualRates) =>
        from kind in Gen.Choose(0, 2)
        from p1 in parameter
        from p2 in parameter
        from p3 in parameter
        from p4 in parameter
        from equal in nearlyEqualRates
        select kind switch
        {
            0 => (RepeatPurchaseModel)new BgNbdModel(new BgNbdParameters(p1, p2, p3, p4), TimeUnit.Weeks),
            1 => new MbgNbdModel(new BgNbdParameters(p1, p2, p3, p4), TimeUnit.Weeks),
            _ => new ParetoNbdModel(new ParetoNbdParameters(p1, p2, p3, equal ? p2 * (1 + 1e-9) : p4), TimeUnit.Weeks),
        };

    [Property(MaxTest = 1000)]
    public Property Predictions_are_finite_and_p_alive_is_a_probability_over_the_wide_grid() => Prop.ForAll(
        Models().ToArbitrary(),
        History().ToArbitrary(),
        Gen.Choose(1, 5_000).Select(v => (double)v).ToArbitrary(),
        (model, history, horizon) =>
        {
            var (x, tx, t) = history;
            Assert.InRange(model.ProbabilityAlive(x, tx, t), 0, 1);
            double conditional = model.ConditionalExpectedPurchases(horizon, x, tx, t);
            double unconditional = model.ExpectedPurchases(horizon);
            Assert.True(double.IsFinite(conditional) && conditional >= 0, $"{model}: E[Y] = {conditional}");
            Assert.True(double.IsFinite(unconditional) && unconditional >= 0, $"{model}: E[X] = {unconditional}");
        });

    /// <summary>
    /// Monotone in the horizon, on histories a business can have (x ≤ 300 repeat purchases, T ≥ 1). In the far
    /// corner of the wide grid (a = 1 within 10⁻⁸, x over 1,000 within T &lt; 1, horizons over 2,000) the series behind
    /// the value need more than the 10⁷ terms allowed, and the result, though finite, is not accurate.
    /// </summary>
    [Property(MaxTest = 1000)]
    public Property Expected_purchases_do_not_decrease_with_the_horizon() => Prop.ForAll(
        Models().ToArbitrary(),
        RealisticHistory().ToArbitrary(),
        Gen.Choose(1, 5_000).Select(v => (double)v).ToArbitrary(),
        (model, history, horizon) =>
        {
            var (x, tx, t) = history;
            double shorter = model.ConditionalExpectedPurchases(horizon / 2, x, tx, t);
            double longer = model.ConditionalExpectedPurchases(horizon, x, tx, t);
            Assert.True(longer >= shorter * (1 - 1e-9), $"{model}: E[Y({horizon / 2})] = {shorter} > E[Y({horizon})] = {longer}");
            Assert.True(model.ExpectedPurchases(horizon) >= model.ExpectedPurchases(horizon / 2) * (1 - 1e-9), $"{model}: E[X] decreases");
        });

    private static Gen<(int X, double Tx, double T)> RealisticHistory() =>
        from t in Gen.Choose(1, 1_000).Select(v => (double)v)
        from x in Gen.Choose(0, 300)
        from share in Gen.Choose(1, 1000).Select(v => v / 1000.0)
        select (x, x == 0 ? 0.0 : share * t, t);

    [Property(MaxTest = 100)]
    public Property Lifetime_value_does_not_increase_with_the_discount_rate() => Prop.ForAll(
        Models().ToArbitrary(),
        History().ToArbitrary(),
        (from d1 in Gen.Choose(1, 50) from d2 in Gen.Choose(1, 50) select (d1 / 100.0, d2 / 100.0)).ToArbitrary(),
        (model, history, rates) =>
        {
            var (d1, d2) = rates;
            var spend = new GammaGammaModel(new GammaGammaParameters(6.25, 3.74, 15.44));
            var (x, tx, t) = history;
            double low = Math.Min(d1, d2), high = Math.Max(d1, d2);
            double atLow = new ProbabilisticLifetimeValue(model, spend, TimeUnit.Months, low, 24).Evaluate(x, tx, t, 30);
            double atHigh = new ProbabilisticLifetimeValue(model, spend, TimeUnit.Months, high, 24).Evaluate(x, tx, t, 30);
            Assert.True(double.IsFinite(atLow) && atHigh <= atLow * (1 + 1e-12), $"{model}: CLV at {low} = {atLow}, at {high} = {atHigh}");
        });
}
