using ValueSegmentation.Probabilistic.Numerics;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Uncertainty;

/// <summary>
/// The delta method over a population: for each customer the prediction g and its gradient with respect to the
/// log-parameters, Var g ≈ ∇g′ Σ<sub>ln</sub> ∇g. The predictions factor as P(alive) × f(x, T) (expected purchases: f the
/// expectation of an active customer; lifetime value: f the discounted purchases of an active customer, times the
/// spend); ∇P(alive) is analytic for BG/NBD and MBG/NBD (numerical for Pareto/NBD), ∇f numerical (central differences
/// at e<sup>±h</sup>, h = 10⁻⁴) once per distinct (x, T) within each range of customers, and ∇ of the spend numerical
/// per customer (a closed form). Totals add the gradients before the quadratic form.
/// </summary>
internal sealed class DeltaIntervals
{
    private const int ParallelChunk = 1 << 12;

    private DeltaIntervals(Interval[] purchases, Interval[] alive, Interval[]? spend, Interval[]? value, Interval totalPurchases, Interval? totalValue)
    {
        Purchases = purchases;
        Alive = alive;
        Spend = spend;
        Value = value;
        TotalPurchases = totalPurchases;
        TotalValue = totalValue;
    }

    public Interval[] Purchases { get; }

    public Interval[] Alive { get; }

    public Interval[]? Spend { get; }

    public Interval[]? Value { get; }

    public Interval TotalPurchases { get; }

    public Interval? TotalValue { get; }

    public static DeltaIntervals Compute(FittedParameters fits, ProbabilisticLifetimeValue? value, CustomerSummaryCollection customers, double horizon, double z)
    {
        fits.RequireCovariance();
        var model = fits.Transactions;
        int p = fits.TransactionValues.Length;
        var perturbed = Perturb(fits.TransactionValues, v => model.WithParameters(v));
        var spendModel = fits.Spend;
        var perturbedSpend = spendModel is null ? null : Perturb(fits.SpendValues!, v => spendModel.WithParameters(v));
        var perturbedValue = value is null ? null : Array.ConvertAll(perturbed, m => value.With(m, spendModel!));
        int q = perturbedSpend is null ? 0 : perturbedSpend.Length / 2;
        var transactionCovariance = FittedParameters.Flatten(fits.TransactionCovariance!);
        var spendCovariance = fits.SpendCovariance is null ? [] : FittedParameters.Flatten(fits.SpendCovariance);

        int n = customers.Count;
        var purchases = new Interval[n];
        var alive = new Interval[n];
        var spend = value is null ? null : new Interval[n];
        var lifetime = value is null ? null : new Interval[n];
        var partials = new System.Collections.Concurrent.ConcurrentDictionary<int, (double[] Purchases, double[] Value)>();
        ParallelChunks.ForRanges(n, ParallelChunk, (start, end) =>
        {
            const int Block = 256;
            var cache = new HistoryCache(end - start);
            var blocks = new List<double>();
            Span<double> gradAlive = stackalloc double[p];
            Span<double> gradient = stackalloc double[p];
            Span<double> gradSpend = stackalloc double[Math.Max(q, 1)];
            Span<double> frequencies = stackalloc double[Block];
            Span<double> recencies = stackalloc double[Block];
            Span<double> ages = stackalloc double[Block];
            Span<double> spends = stackalloc double[Block];
            var sumPurchases = new double[1 + p];
            var sumValue = new double[1 + p + q];
            for (int i = start; i < end; i++)
            {
                int b = (i - start) % Block;
                if (b == 0)
                {
                    int length = Math.Min(Block, end - i);
                    customers.CopyColumn(SummaryColumn.Frequency, i, frequencies[..length]);
                    customers.CopyColumn(SummaryColumn.Recency, i, recencies[..length]);
                    customers.CopyColumn(SummaryColumn.Age, i, ages[..length]);
                    if (value is not null)
                    {
                        customers.CopyColumn(SummaryColumn.MonetaryValue, i, spends[..length]);
                    }
                }

                int x = (int)frequencies[b];
                double tx = recencies[b], age = ages[b];
                int at;
                if (cache.TryGet(x, age, out double index, out _, out int slot))
                {
                    at = (int)index;
                }
                else
                {
                    at = blocks.Count;
                    cache.Add(x, age, at, 0, slot);
                    AddBlock(blocks, model, perturbed, value, perturbedValue, horizon, x, age, p);
                }

                double alivePoint = model.AliveWithGradient(x, tx, age, perturbed, gradAlive);
                alive[i] = Logit(alivePoint, Math.Sqrt(FittedParameters.QuadraticForm(transactionCovariance, gradAlive)), z);

                double f = blocks[at];
                for (int j = 0; j < p; j++)
                {
                    gradient[j] = (f * gradAlive[j]) + (alivePoint * blocks[at + 1 + j]);
                }

                double expected = alivePoint * f;
                purchases[i] = LogScale(expected, Math.Sqrt(FittedParameters.QuadraticForm(transactionCovariance, gradient)), z);
                sumPurchases[0] += expected;
                for (int j = 0; j < p; j++)
                {
                    sumPurchases[1 + j] += gradient[j];
                }

                if (value is null)
                {
                    continue;
                }

                double m = spends[b];
                double s = SpendOf(spendModel!, x, m, customers, i);
                for (int j = 0; j < q; j++)
                {
                    gradSpend[j] = (SpendOf(perturbedSpend![2 * j], x, m, customers, i) - SpendOf(perturbedSpend[(2 * j) + 1], x, m, customers, i)) / (2 * RepeatPurchaseModel.LogStep);
                }

                spend![i] = LogScale(s, Math.Sqrt(FittedParameters.QuadraticForm(spendCovariance, gradSpend[..q])), z);

                double d = blocks[at + 1 + p], scale = value.Margin * s;
                double clv = scale * alivePoint * d;
                for (int j = 0; j < p; j++)
                {
                    gradient[j] = scale * ((d * gradAlive[j]) + (alivePoint * blocks[at + 2 + p + j]));
                }

                double variance = FittedParameters.QuadraticForm(transactionCovariance, gradient);
                for (int j = 0; j < q; j++)
                {
                    gradSpend[j] *= value.Margin * alivePoint * d;
                }

                variance += FittedParameters.QuadraticForm(spendCovariance, gradSpend[..q]);
                lifetime![i] = LogScale(clv, Math.Sqrt(variance), z);
                sumValue[0] += clv;
                for (int j = 0; j < p; j++)
                {
                    sumValue[1 + j] += gradient[j];
                }

                for (int j = 0; j < q; j++)
                {
                    sumValue[1 + p + j] += gradSpend[j];
                }
            }

            partials[start] = (sumPurchases, sumValue);
        });

        // The ranges' partial sums added in the order of the ranges, so the totals do not depend on which finished first.
        var totalPurchases = new double[1 + p];
        var totalValue = new double[1 + p + q];
        foreach (var start in partials.Keys.Order())
        {
            Add(totalPurchases, partials[start].Purchases);
            Add(totalValue, partials[start].Value);
        }

        var total = LogScale(totalPurchases[0], Math.Sqrt(FittedParameters.QuadraticForm(transactionCovariance, totalPurchases.AsSpan(1))), z);
        Interval? totalLifetime = null;
        if (value is not null)
        {
            double variance = FittedParameters.QuadraticForm(transactionCovariance, totalValue.AsSpan(1, p))
                + FittedParameters.QuadraticForm(spendCovariance, totalValue.AsSpan(1 + p, q));
            totalLifetime = LogScale(totalValue[0], Math.Sqrt(variance), z);
        }

        return new DeltaIntervals(purchases, alive, spend, lifetime, total, totalLifetime);
    }

    /// <summary>The models at each parameter × e<sup>+h</sup> (even places) and × e<sup>−h</sup> (odd places).</summary>
    internal static T[] Perturb<T>(double[] values, Func<double[], T> create)
    {
        var models = new T[2 * values.Length];
        for (int j = 0; j < values.Length; j++)
        {
            foreach (int sign in (ReadOnlySpan<int>)[1, -1])
            {
                var shifted = (double[])values.Clone();
                shifted[j] = Math.Clamp(values[j] * Math.Exp(sign * RepeatPurchaseModel.LogStep), ModelParameter.Min, ModelParameter.Max);
                models[(2 * j) + (sign > 0 ? 0 : 1)] = create(shifted);
            }
        }

        return models;
    }

    /// <summary>Normal on the log scale: g · e^(±z se/g), which stays positive; [0, 0] at 0.</summary>
    internal static Interval LogScale(double estimate, double standardError, double z)
    {
        if (!(estimate > 0))
        {
            return new Interval(estimate, estimate, estimate);
        }

        double factor = Math.Exp(Math.Min(z * standardError / estimate, 700));
        return new Interval(estimate, estimate / factor, estimate * factor);
    }

    /// <summary>Normal on the logit scale, which stays in [0, 1]: the odds P/(1 − P) divided and multiplied by
    /// w = e^(z se/(P(1 − P))), so the ends are odds/(odds + w) and odds·w/(1 + odds·w); a probability of exactly 0 or 1
    /// has no spread.</summary>
    internal static Interval Logit(double probability, double standardError, double z)
    {
        if (!(probability > 0 && probability < 1))
        {
            return new Interval(probability, probability, probability);
        }

        double odds = probability / (1 - probability);
        double w = Math.Exp(Math.Min(z * standardError / (probability * (1 - probability)), 700));
        double upperOdds = odds * w;
        return new Interval(probability, odds / (odds + w), double.IsFinite(upperOdds) ? upperOdds / (1 + upperOdds) : 1);
    }

    /// <summary>Appends f, ∇f, d, ∇d of one (x, T): f the expectation of an active customer in the horizon, d the
    /// discounted purchases of an active customer (0 without a lifetime value), gradients by central differences.</summary>
    private static void AddBlock(List<double> blocks, RepeatPurchaseModel model, RepeatPurchaseModel[] perturbed, ProbabilisticLifetimeValue? value, ProbabilisticLifetimeValue[]? perturbedValue, double horizon, int x, double age, int p)
    {
        blocks.Add(horizon == 0 ? 0 : model.ExpectedPurchasesIfAlive(horizon, x, age));
        for (int j = 0; j < p; j++)
        {
            blocks.Add(horizon == 0 ? 0 : (perturbed[2 * j].ExpectedPurchasesIfAlive(horizon, x, age) - perturbed[(2 * j) + 1].ExpectedPurchasesIfAlive(horizon, x, age)) / (2 * RepeatPurchaseModel.LogStep));
        }

        blocks.Add(value?.DiscountedPurchasesIfAlive(x, age) ?? 0);
        for (int j = 0; j < p; j++)
        {
            blocks.Add(perturbedValue is null ? 0 : (perturbedValue[2 * j].DiscountedPurchasesIfAlive(x, age) - perturbedValue[(2 * j) + 1].DiscountedPurchasesIfAlive(x, age)) / (2 * RepeatPurchaseModel.LogStep));
        }
    }

    /// <summary>E[spend | x, m̄] of customer <paramref name="index"/>; a mean spend the model rejects is refused naming the
    /// customer, as the batch calls do.</summary>
    private static double SpendOf(GammaGammaModel model, int x, double meanSpend, CustomerSummaryCollection customers, int index)
    {
        try
        {
            return model.ConditionalExpectedSpend(x, meanSpend);
        }
        catch (ArgumentOutOfRangeException refused) when (refused.ParamName == "meanSpend")
        {
            throw new ArgumentOutOfRangeException(nameof(customers), $"Customer '{customers.CustomerIdAt(index)}': {refused.Message}");
        }
    }

    private static void Add(double[] into, double[] values)
    {
        for (int i = 0; i < into.Length; i++)
        {
            into[i] += values[i];
        }
    }
}
