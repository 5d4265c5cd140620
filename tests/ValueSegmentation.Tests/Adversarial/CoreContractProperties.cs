using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ValueSegmentation.Analysis;
using ValueSegmentation.Lifetime;
using ValueSegmentation.Segmentation;
using ValueSegmentation.TestUtilities;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Tests.Adversarial;

/// <summary>
/// The adversarial suite of the core package (issue 9): transactions, summaries, the lifetime-value formulas, value
/// concentration and the strategies, on inputs drawn across the whole valid domain and beyond it (amounts up to
/// <see cref="double.MaxValue"/>, tiny and negative values, NaN and infinities, empty and huge counts), keep the
/// library's promise (<see cref="Contract"/>): finite results with their invariants, or an <see cref="ArgumentException"/>
/// naming the caller's argument, within a time bound; and nothing is lost: every transaction added is summarised,
/// dropped and counted, or rejected.
/// </summary>
public sealed class CoreContractProperties
{
    private const int Cases = 1_000;

    private static readonly DateTimeOffset End = new(2026, 6, 30, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A number: mostly ordinary amounts, often an edge of the doubles, sometimes not a number at all.</summary>
    private static Gen<double> Number() => Gen.Frequency(
        (12, Gen.Choose(-1_000_000, 10_000_000).Select(i => i / 100.0)),
        (4, Gen.Choose(-300, 308).Select(e => Math.Pow(10, e))),
        (2, Gen.Elements(0.0, -0.0, double.Epsilon, 1e15, 1e16, 1e300, double.MaxValue, -double.MaxValue, -1e300)),
        (1, Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity)));

    private static Gen<double> Share() => Gen.Frequency(
        (10, Gen.Choose(0, 1_000).Select(i => i / 1_000.0)),
        (1, Number()));

    private static Gen<Transaction?> Transaction() =>
        from customer in Gen.Elements("a", "b", "c", "d", "e")
        from day in Gen.Choose(0, 200)
        from amount in Number()
        from hasCost in Gen.Elements(false, true)
        from cost in Number()
        select Make(customer, End.AddDays(-day), amount, hasCost ? cost : null);

    private static Transaction? Make(string customer, DateTimeOffset time, double amount, double? cost)
    {
        Transaction? made = null;
        Contract.Holds("Transaction(..)", () => { made = new Transaction(customer, time, amount, cost); return []; }, "customerId", "timestamp", "amount", "cost");
        return made;
    }

    [Property(MaxTest = Cases)]
    public Property Summaries_of_adversarial_logs_are_finite_and_lose_nothing() => Prop.ForAll(
        Gen.ListOf(Transaction()).ToArbitrary(),
        log =>
        {
            var builder = new CustomerSummaryBuilder(new ObservationWindow(End, TimeUnit.Weeks), TransactionOrder.Any);
            int added = 0, rejected = 0;
            foreach (var transaction in log.Where(t => t is not null))
            {
                var t = transaction!.Value;
                if (Contract.Holds("CustomerSummaryBuilder.Add", () => { builder.Add(t); return []; }, "transaction"))
                {
                    added++;
                }
                else
                {
                    rejected++;
                }
            }

            CustomerSummaryCollection? customers = null;
            if (!Contract.Holds("CustomerSummaryBuilder.Build()", () => { customers = builder.Build(); return []; }, "transaction"))
            {
                return;
            }

            Assert.Equal(added, builder.TransactionCount + builder.DroppedTransactionCount);
            foreach (var c in customers!)
            {
                Contract.Holds("CustomerSummary numbers", () => [c.Revenue, c.CostOfGoods, c.MonetaryValue, c.Recency, c.Age, c.TimeSinceLastPurchase, c.RepeatRevenue, c.FirstPurchaseRevenue]);
                Assert.True(c.Recency <= c.Age && c.FirstPurchase <= c.LastPurchase, $"{c}");
            }

            Contract.Holds("ValueConcentration.OfMeasure(revenue)", () =>
            {
                var concentration = ValueConcentration.OfMeasure(customers, CustomerMeasure.Revenue);
                return [concentration.Gini, concentration.TopShare(0.2), concentration.ShareOfTop(1)];
            }, "customers", "measure");
        });

    [Property(MaxTest = Cases)]
    public Property Summaries_from_numbers_are_finite_or_rejected() => Prop.ForAll(
        (from x in Gen.Choose(-1, 1_000)
         from recency in Number()
         from age in Number()
         from monetary in Number()
         from revenue in Number()
         select (x, recency, age, monetary, revenue)).ToArbitrary(),
        c =>
        {
            Contract.Holds( // returned or rejected: both keep the promise
            "CustomerSummary.FromNumbers",
            () =>
            {
                var s = CustomerSummary.FromNumbers("c", c.x, c.recency, c.age, TimeUnit.Weeks, c.monetary, c.revenue);
                return [s.Revenue, s.MonetaryValue, s.Recency, s.Age, s.TimeSinceLastPurchase, s.AgeIn(TimeUnit.Days), s.RepeatRevenue];
            },
            "customerId", "frequency", "recency", "age", "timeUnit", "monetaryValue", "revenue", "costOfGoods", "holdoutPurchases", "holdoutRevenue");
        });

    [Property(MaxTest = Cases)]
    public Property Lifetime_value_formulas_are_finite_or_reject_their_arguments() => Prop.ForAll(
        (from margin in Number()
         from retention in Share()
         from discount in Share()
         from horizon in Gen.Frequency((3, Gen.Constant<int?>(null)), (3, Gen.Choose(-1, 1_000).Select(i => (int?)i)), (1, Gen.Constant<int?>(int.MaxValue)))
         from timing in Gen.Elements(MarginTiming.EndOfPeriod, MarginTiming.StartOfPeriod)
         from aov in Number()
         from perYear in Number()
         from years in Number()
         from grossMargin in Share()
         select (margin, retention, discount, horizon, timing, aov, perYear, years, grossMargin)).ToArbitrary(),
        c =>
        {
            string[] retentionArguments = ["marginPerPeriod", "retentionRate", "discountRate", "timing", "horizonPeriods"];
            Contract.Holds("RetentionLifetimeValueModel.MarginMultiple", () => RetentionLifetimeValueModel.MarginMultiple(c.retention, c.discount, c.timing, c.horizon), retentionArguments);
            Contract.Holds("RetentionLifetimeValueModel.Compute", () => RetentionLifetimeValueModel.Compute(c.margin, c.retention, c.discount, c.timing, c.horizon), retentionArguments);
            Contract.Holds("SimpleLifetimeValueModel.Compute", () => SimpleLifetimeValueModel.Compute(c.aov, c.perYear, c.years, c.grossMargin), "averageOrderValue", "purchasesPerYear", "lifespanYears", "grossMargin");
        });

    [Property(MaxTest = Cases)]
    public Property Concentration_of_adversarial_values_is_finite_and_bounded() => Prop.ForAll(
        (from values in Gen.ArrayOf(Number())
         from share in Share()
         from k in Gen.Choose(-1, 50)
         from points in Gen.Choose(-1, 200)
         select (values, share, k, points)).ToArbitrary(),
        c =>
        {
            ValueConcentration? concentration = null;
            if (!Contract.Holds("ValueConcentration.Of", () => { concentration = ValueConcentration.Of(c.values); return []; }, "values", "negatives"))
            {
                return;
            }

            Contract.Holds("ValueConcentration.Gini", () => Between(concentration!.Gini, -1, 1));
            Contract.Holds("ValueConcentration.TopShare", () => Between(concentration!.TopShare(c.share), 0, 1), "customerShare");
            Contract.Holds("ValueConcentration.ShareOfTop", () => Between(concentration!.ShareOfTop(c.k), 0, 1), "customers");
            Contract.Holds("ValueConcentration.CustomersForShare", () => concentration!.CustomersForShare(c.share), "valueShare");
            Contract.Holds("ValueConcentration.LorenzCurve", () => concentration!.LorenzCurve(c.points).SelectMany(p => new[] { Between(p.CustomerShare, 0, 1), Between(p.ValueShare, 0, 1) }), "points");
        });

    [Property(MaxTest = Cases)]
    public Property Strategies_on_adversarial_values_assign_every_customer() => Prop.ForAll(
        (from values in Gen.NonEmptyListOf(Number())
         from shares in Gen.ListOf(Share())
         from minimums in Gen.ListOf(Number())
         from useMinimums in Gen.Elements(false, true)
         select (values, shares, minimums, useMinimums)).ToArbitrary(),
        c =>
        {
            var customers = c.values.Select((v, i) => Summary(i, v)).Where(s => s is not null).Select(s => s!).ToList();
            if (customers.Count == 0)
            {
                return;
            }

            ISegmentationStrategy[] strategies = [];
            Contract.Holds(
                "strategy constructors",
                () =>
                {
                    strategies = c.useMinimums
                        ? [new TieredStrategy(CustomerMeasure.Revenue, minimums: c.minimums)]
                        : [new TieredStrategy(CustomerMeasure.Revenue, shares: c.shares), new ParetoStrategy(CustomerMeasure.Revenue), new QuadrantStrategy(CustomerMeasure.Revenue, CustomerMeasure.Frequency), new RfmStrategy()];
                    return [];
                },
                "shares", "minimums");
            foreach (var strategy in strategies)
            {
                Contract.Holds(
                    $"{strategy.GetType().Name} fit and assign",
                    () =>
                    {
                        var segmented = SegmentedCustomers.FitAndAssign(strategy, customers);
                        Assert.Equal(customers.Count, segmented.Counts.Sum());
                        return Enumerable.Range(0, segmented.Segments.Count).Select(segmented.ShareOf);
                    },
                    "customers");
            }
        });

    /// <summary>A summary whose revenue is <paramref name="revenue"/>, or null where the library rejects it.</summary>
    private static CustomerSummary? Summary(int index, double revenue)
    {
        CustomerSummary? summary = null;
        Contract.Holds("CustomerSummary.FromNumbers", () => { summary = CustomerSummary.FromNumbers($"c{index}", index % 4, index % 4, 10, TimeUnit.Weeks, revenue: revenue); return []; }, "revenue");
        return summary;
    }

    private static double Between(double value, double low, double high)
    {
        Assert.True(!double.IsFinite(value) || (value >= low && value <= high), $"{value} is outside [{low}, {high}].");
        return value;
    }
}
