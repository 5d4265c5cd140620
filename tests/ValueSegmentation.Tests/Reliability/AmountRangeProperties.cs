using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ValueSegmentation.Analysis;
using ValueSegmentation.Lifetime;
using ValueSegmentation.Metrics;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Tests.Reliability;

/// <summary>
/// Issue 9, finding 10: logs whose amounts and costs span the whole accepted range (|amount| up to
/// <see cref="Transaction.MaxAmount"/>, magnitudes down to 10⁻³⁰⁰, the bounds themselves) give finite figures
/// everywhere in the core: summaries, metrics, lifetime values, concentration and the segment report. Where a
/// product of in-range factors can still overflow, the documented <see cref="ArgumentOutOfRangeException"/> is the
/// only other outcome.
/// </summary>
public sealed class AmountRangeProperties
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Gen<double> Amount() =>
        Gen.Frequency(
            (1, Gen.Elements(Transaction.MaxAmount, -Transaction.MaxAmount, 0.0, double.Epsilon, 1e-300)),
            (4, from exponent in Gen.Choose(-300, 14)
                from mantissa in Gen.Choose(100, 999)
                from negative in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
                select (negative ? -1 : 1) * (mantissa / 100.0) * Math.Pow(10, exponent)));

    private static Gen<Transaction[]> Log() =>
        from customers in Gen.Choose(1, 12)
        from rows in Gen.Choose(1, 40)
        from entries in Gen.ArrayOf(
            from customer in Gen.Choose(0, customers - 1)
            from day in Gen.Choose(0, 99)
            from amount in Amount()
            from cost in Gen.Frequency((1, Gen.Constant<double?>(null)), (1, Amount().Select(a => (double?)Math.Abs(a))))
            select (customer, day, amount, cost),
            rows)
        select entries
            .OrderBy(e => e.day)
            .Select(e => new Transaction("c" + e.customer.ToString(CultureInfo.InvariantCulture), Start.AddDays(e.day), e.amount, e.cost))
            .ToArray();

    [Property(MaxTest = 300)]
    public Property Every_figure_of_an_in_range_log_is_finite() =>
        Prop.ForAll(
            (from log in Log()
             from lifespan in Gen.Elements(0.0, 1.0, 10.0, 1e6)
             from volume in Gen.Elements(0.0, 3.0, 1e9, 1e300)
             select (log, lifespan, volume)).ToArbitrary(),
            c =>
            {
                var window = new ObservationWindow(Start.AddDays(100), TimeUnit.Weeks);
                var customers = CustomerSummary.FromTransactions(c.log, window);
                foreach (var s in customers)
                {
                    Finite(s.Revenue, s.FirstPurchaseRevenue, s.RepeatRevenue, s.MonetaryValue, s.CostOfGoods, s.Recency, s.Age, s.TimeSinceLastPurchase);
                    Finite(AverageOrderValue.ForCustomer(s), PurchaseFrequency.ForCustomer(s, TimeUnit.Days));
                    Finite(new SimpleLifetimeValueModel(c.lifespan).Evaluate(s));
                    Finite(new RetentionLifetimeValueModel(0.9, 0.1).Evaluate(s), new HistoricalValueModel().Evaluate(s));
                    var costs = new CostToServeModel([new ActivityRate(ActivityDrivers.Orders, Transaction.MaxAmount), new ActivityRate(ActivityDrivers.Returns, 1)]);
                    try
                    {
                        Finite(costs.Compute(s, new Dictionary<string, double> { [ActivityDrivers.Returns] = c.volume }));
                    }
                    catch (ArgumentOutOfRangeException error) when (error.ParamName == "otherVolumes")
                    {
                        Assert.Equal(1e300, c.volume);
                    }
                }

                Finite(AverageOrderValue.ForBase(customers), PurchaseFrequency.ForBase(customers, TimeUnit.Years));
                var concentration = ValueConcentration.OfMeasure(customers, CustomerMeasure.Revenue);
                Finite(concentration.Gini, concentration.Total, concentration.TopShare(0.2), concentration.NegativeTotal);
                Assert.InRange(concentration.Gini, 0, 1);
                var segmented = SegmentedCustomers.FitAndAssign(new TieredStrategy(CustomerMeasure.Revenue), customers);
                var report = SegmentReport.Create(segmented, CustomerMeasure.GrossProfit);
                foreach (var row in report.Rows.Append(report.Total))
                {
                    Finite(row.Revenue, row.CostOfGoods, row.Profit, row.MeanValue ?? 0, row.MedianValue ?? 0, row.AverageOrderValue ?? 0, row.PurchaseFrequency ?? 0, row.RevenueShare ?? 0);
                }
            });

    private static void Finite(params double[] values) =>
        Assert.All(values, v => Assert.True(double.IsFinite(v), v.ToString(CultureInfo.InvariantCulture)));
}
