using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ValueSegmentation.TestUtilities;

namespace ValueSegmentation.Probabilistic.Tests.Adversarial;

/// <summary>
/// The adversarial suite of the probabilistic package (issue 9): every public prediction of every model, on parameters
/// and histories drawn across the whole valid domain — and beyond it — keeps the library's promise
/// (<see cref="Contract"/>): finite values within the documented range, or an <see cref="ArgumentException"/> naming
/// the caller's argument, within a time bound. Parameters are log-uniform over 10⁻³…10⁴ with the edges (tiny, huge,
/// zero, negative, NaN, infinities) mixed in; histories include new customers (T = 0), x up to 10⁴ and int.MaxValue.
/// </summary>
public sealed class ModelContractProperties
{
    private const int Cases = 1_000;

    /// <summary>A parameter: mostly log-uniform over 10⁻³…10⁴, sometimes an edge or an invalid value.</summary>
    private static Gen<double> Parameter() => Gen.Frequency(
        (20, Gen.Choose(-3_000, 4_000).Select(e => Math.Pow(10, e / 1_000.0))),
        (1, Gen.Elements(double.Epsilon, 1e-300, 1e-12, 1e8, 1e300, double.MaxValue)),
        (1, Gen.Elements(0.0, -1.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity)));

    /// <summary>A time: mostly 0…10³ model units, sometimes an edge or an invalid value.</summary>
    private static Gen<double> Time() => Gen.Frequency(
        (20, Gen.Choose(0, 1_000_000).Select(i => i / 1_000.0)),
        (1, Gen.Elements(0.0, double.Epsilon, 1e6, 1e300, double.MaxValue)),
        (1, Gen.Elements(-1.0, double.NaN, double.PositiveInfinity)));

    private static Gen<int> Count() => Gen.Frequency(
        (20, Gen.Choose(0, 30)),
        (4, Gen.Choose(0, 10_000)),
        (1, Gen.Elements(-1, int.MaxValue, int.MinValue)));

    /// <summary>(x, t_x, T): mostly consistent histories (t_x ≤ T, t_x = 0 when x = 0), sometimes not.</summary>
    private static Gen<(int X, double Recency, double Age)> History() =>
        from x in Count()
        from age in Time()
        from fraction in Gen.Choose(0, 1_000).Select(i => i / 1_000.0)
        from broken in Gen.Frequency((20, Gen.Constant(false)), (1, Gen.Constant(true)))
        select (x, broken ? age * 2 + 1 : x <= 0 ? 0 : age * fraction, age);

    private static readonly string[] HistoryArguments = ["frequency", "recency", "age", "t", "purchases"];

    [Property(MaxTest = Cases)]
    public Property Bg_nbd_and_mbg_nbd_predictions_keep_the_promise() => Prop.ForAll(
        (from r in Parameter()
         from alpha in Parameter()
         from a in Parameter()
         from b in Parameter()
         from h in History()
         from t in Time()
         from k in Count()
         from modified in Gen.Elements(false, true)
         select (r, alpha, a, b, h, t, k, modified)).ToArbitrary(),
        c =>
        {
            RepeatPurchaseModel? model = null;
            if (!Contract.Holds("BgNbdParameters(..)", () => { model = c.modified ? new MbgNbdModel(new(c.r, c.alpha, c.a, c.b), TimeUnit.Weeks) : new BgNbdModel(new(c.r, c.alpha, c.a, c.b), TimeUnit.Weeks); return []; }, "r", "alpha", "a", "b"))
            {
                return;
            }

            string name = c.modified ? "MBG/NBD" : "BG/NBD";
            CheckTransactionModel(name, model!, c.h, c.t, c.k);
        });

    [Property(MaxTest = Cases)]
    public Property Pareto_nbd_predictions_keep_the_promise() => Prop.ForAll(
        (from r in Parameter()
         from alpha in Parameter()
         from s in Parameter()
         from beta in Parameter()
         from h in History()
         from t in Time()
         from k in Count()
         select (r, alpha, s, beta, h, t, k)).ToArbitrary(),
        c =>
        {
            ParetoNbdModel? model = null;
            if (Contract.Holds("ParetoNbdParameters(..)", () => { model = new ParetoNbdModel(new(c.r, c.alpha, c.s, c.beta), TimeUnit.Weeks); return []; }, "r", "alpha", "s", "beta"))
            {
                CheckTransactionModel("Pareto/NBD", model!, c.h, c.t, c.k);
                Contract.Holds("Pareto/NBD DERT", () => model!.DiscountedExpectedResidualTransactions(c.t / 1_000, c.h.X, c.h.Recency, c.h.Age), "discountRate", "frequency", "recency", "age");
            }
        });

    [Property(MaxTest = Cases)]
    public Property Bg_bb_predictions_keep_the_promise() => Prop.ForAll(
        (from alpha in Parameter()
         from beta in Parameter()
         from gamma in Parameter()
         from delta in Parameter()
         from n in Count()
         from x in Count()
         from tx in Count()
         from m in Count()
         select (alpha, beta, gamma, delta, n, x, tx, m)).ToArbitrary(),
        c =>
        {
            BgBbModel? model = null;
            if (!Contract.Holds("BgBbParameters(..)", () => { model = new BgBbModel(new(c.alpha, c.beta, c.gamma, c.delta)); return []; }, "alpha", "beta", "gamma", "delta"))
            {
                return;
            }

            string[] arguments = ["frequency", "recency", "opportunities", "futureOpportunities", "periods", "discountRate"];
            Contract.Holds("BG/BB P(alive)", () => InRange(model!.ProbabilityAlive(c.x, c.tx, c.n, Math.Max(1, c.m % 100)), 0, 1), arguments);
            Contract.Holds("BG/BB P(X = x)", () => InRange(model!.ProbabilityOfTransactions(c.x, c.n), 0, 1), arguments);
            Contract.Holds("BG/BB E[X* | x, t_x, n]", () => AtLeast(model!.ConditionalExpectedTransactions(c.m, c.x, c.tx, c.n), 0), arguments);
            Contract.Holds("BG/BB DERT", () => AtLeast(model!.DiscountedExpectedResidualTransactions(0.1, c.x, c.tx, c.n), 0), arguments);
        });

    [Property(MaxTest = Cases)]
    public Property Gamma_gamma_and_shifted_beta_geometric_keep_the_promise() => Prop.ForAll(
        (from p in Parameter()
         from q in Parameter()
         from gamma in Parameter()
         from x in Count()
         from spend in Parameter()
         from a in Parameter()
         from b in Parameter()
         from period in Count()
         from d in Parameter()
         select (p, q, gamma, x, spend, a, b, period, d)).ToArbitrary(),
        c =>
        {
            GammaGammaModel? spendModel = null;
            if (Contract.Holds("GammaGammaParameters(..)", () => { spendModel = new GammaGammaModel(new(c.p, c.q, c.gamma)); return []; }, "p", "q", "gamma"))
            {
                Contract.Holds("Gamma-Gamma E[spend]", () => ExpectedSpend(spendModel!, c.x, c.spend).Select(v => AtLeast(v, 0)), "frequency", "meanSpend");
            }

            ShiftedBetaGeometricModel? retention = null;
            if (Contract.Holds("ShiftedBetaGeometricParameters(..)", () => { retention = new ShiftedBetaGeometricModel(new(c.a, c.b)); return []; }, "alpha", "beta"))
            {
                Contract.Holds("sBG survival", () => InRange(retention!.Survival(c.period), 0, 1), "period");
                Contract.Holds("sBG retention", () => InRange(retention!.Retention(c.period), 0, 1), "period");
                Contract.Holds("sBG churn", () => InRange(retention!.ChurnProbability(c.period), 0, 1), "period");
                Contract.Holds("sBG DEL", () => AtLeast(retention!.DiscountedExpectedLifetime(c.d / 10), 1), "discountRate");
                Contract.Holds("sBG DERL", () => AtLeast(retention!.DiscountedExpectedResidualLifetime(c.d / 10, c.period), 0), "discountRate", "renewals");
            }
        });

    [Property(MaxTest = Cases / 4)]
    public Property Lifetime_value_keeps_the_promise() => Prop.ForAll(
        (from r in Parameter()
         from alpha in Parameter()
         from a in Parameter()
         from b in Parameter()
         from discount in Gen.Frequency((6, Gen.Choose(1, 1_000).Select(i => i / 10_000.0)), (1, Parameter()), (1, Gen.Elements(-0.5, -1.0, 0.0, 1e-9)))
         from horizon in Gen.Frequency((3, Gen.Constant<int?>(null)), (3, Gen.Choose(0, 120).Select(i => (int?)i)), (1, Gen.Elements<int?>(-1, 100_000, 10_000_000, int.MaxValue)))
         from period in Gen.Elements(TimeUnit.Days, TimeUnit.Weeks, TimeUnit.Months, TimeUnit.Years)
         from h in History()
         from spend in Parameter()
         select (r, alpha, a, b, discount, horizon, period, h, spend)).ToArbitrary(),
        c =>
        {
            ProbabilisticLifetimeValue? clv = null;
            bool made = Contract.Holds(
                "ProbabilisticLifetimeValue(..)",
                () =>
                {
                    var purchases = new BgNbdModel(new(c.r, c.alpha, c.a, c.b), TimeUnit.Weeks);
                    clv = new ProbabilisticLifetimeValue(purchases, new GammaGammaModel(new(6.25, 3.74, 15.44)), c.period, c.discount, c.horizon);
                    return [];
                },
                "r", "alpha", "a", "b", "period", "discountRate", "horizonPeriods", "margin");
            if (made)
            {
                Contract.Holds("ProbabilisticLifetimeValue.Evaluate", () => AtLeast(clv!.Evaluate(c.h.X, c.h.Recency, c.h.Age, c.spend), 0), [.. HistoryArguments, "meanSpend"]);
            }
        });

    private static void CheckTransactionModel(string name, RepeatPurchaseModel model, (int X, double Recency, double Age) h, double t, int k)
    {
        Contract.Holds($"{name} P(alive)", () => InRange(model.ProbabilityAlive(h.X, h.Recency, h.Age), 0, 1), HistoryArguments);
        Contract.Holds($"{name} E[Y(t) | x, t_x, T]", () => AtLeast(model.ConditionalExpectedPurchases(t, h.X, h.Recency, h.Age), 0), HistoryArguments);
        Contract.Holds($"{name} E[X(t)]", () => AtLeast(model.ExpectedPurchases(t), 0), HistoryArguments);
        Contract.Holds($"{name} P(X(t) = k)", () => InRange(model.ProbabilityOfPurchases(k, t), 0, 1), HistoryArguments);
    }

    /// <summary>Gamma-Gamma's conditional expected spend; where px + q ≤ 1 the expectation is infinite and the model says
    /// so with its documented <see cref="InvalidOperationException"/> (a property of the parameters, not of the input),
    /// which counts here as a value that does not exist: none.</summary>
    private static IEnumerable<double> ExpectedSpend(GammaGammaModel model, int frequency, double meanSpend)
    {
        try
        {
            return [model.ConditionalExpectedSpend(frequency, meanSpend)];
        }
        catch (InvalidOperationException e) when (e.Message.Contains("infinite", StringComparison.Ordinal))
        {
            return [];
        }
    }

    /// <summary>The value, after asserting it lies in [low, high] (a finite value outside is a broken promise too).</summary>
    private static double InRange(double value, double low, double high)
    {
        Assert.True(!double.IsFinite(value) || (value >= low && value <= high), $"{value} is outside [{low}, {high}].");
        return value;
    }

    private static double AtLeast(double value, double low)
    {
        Assert.True(!double.IsFinite(value) || value >= low, $"{value} is below {low}.");
        return value;
    }
}
