using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ValueSegmentation.Lifetime;
using ValueSegmentation.Metrics;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Tests.Properties;

/// <summary>
/// Bounds every metric must respect, checked against purchase values computed from the generated log
/// independently of the library (a purchase is the sum of one customer's transactions in one purchase period).
/// </summary>
/// <remarks>
/// Amounts are multiples of 0.25 and small (see <see cref="LogEntry"/>), so sums are exact; a mean
/// (sum / count) is then correctly rounded from an exact value between the least and the greatest term, and
/// rounding is monotone, so the bounds below hold without tolerance.
/// </remarks>
public class MetricBoundsProperties
{
    private static readonly TimeUnit[] Units = [TimeUnit.Days, TimeUnit.Weeks, TimeUnit.Months, TimeUnit.Quarters, TimeUnit.Years];

    [Property(Arbitrary = [typeof(TransactionLogArbitraries)])]
    public void Frequency_recency_and_age_are_consistent_with_the_purchases(TransactionLog log)
    {
        var purchases = CalibrationPurchases(log);
        foreach (var summary in Summarise(log))
        {
            var mine = purchases[summary.CustomerId];
            Assert.True(summary.Frequency >= 0, summary.ToString());
            Assert.Equal(mine.Count - 1, summary.Frequency);
            Assert.True(summary.Recency >= 0, summary.ToString());
            Assert.True(summary.Recency <= summary.Age, summary.ToString());
            Assert.Equal(summary.Frequency == 0, summary.Recency == 0);
        }

        Assert.Equal(purchases.Count, Summarise(log).Count);
    }

    [Property(Arbitrary = [typeof(TransactionLogArbitraries)])]
    public void Monetary_value_lies_between_the_least_and_the_greatest_repeat_purchase(TransactionLog log)
    {
        var purchases = CalibrationPurchases(log);
        foreach (var summary in Summarise(log))
        {
            var repeats = purchases[summary.CustomerId].Skip(1).Select(p => p.Value).ToList(); // all but the first period
            if (repeats.Count == 0)
            {
                Assert.Equal(0.0, summary.MonetaryValue);
                continue;
            }

            Assert.InRange(summary.MonetaryValue, repeats.Min(), repeats.Max());
        }
    }

    [Property(Arbitrary = [typeof(TransactionLogArbitraries)])]
    public void Average_order_value_lies_between_the_least_and_the_greatest_purchase(TransactionLog log)
    {
        var purchases = CalibrationPurchases(log);
        var summaries = Summarise(log);
        foreach (var summary in summaries)
        {
            var values = purchases[summary.CustomerId].Select(p => p.Value).ToList();
            Assert.InRange(AverageOrderValue.ForCustomer(summary), values.Min(), values.Max());
        }

        if (summaries.Count > 0)
        {
            var all = purchases.Values.SelectMany(p => p.Values).ToList();
            Assert.InRange(AverageOrderValue.ForBase(summaries), all.Min(), all.Max());
        }
    }

    [Property(Arbitrary = [typeof(TransactionLogArbitraries)])]
    public void Purchase_frequency_is_finite_and_not_negative(TransactionLog log)
    {
        var summaries = Summarise(log);
        foreach (var unit in Units)
        {
            foreach (var summary in summaries)
            {
                double rate = PurchaseFrequency.ForCustomer(summary, unit);
                Assert.True(double.IsFinite(rate) && rate >= 0, $"{rate} per {unit} for {SummaryAssert.Describe(summary)}");
                Assert.Equal(summary.Frequency > 0, rate > 0);
            }

            if (summaries.Count > 0)
            {
                double pooled = PurchaseFrequency.ForBase(summaries, unit);
                Assert.True(double.IsFinite(pooled) && pooled >= 0, $"{pooled} per {unit}");
            }
        }

        if (summaries.Count > 0)
        {
            Assert.True(PurchaseFrequency.PurchasesPerCustomer(summaries) >= 1);
        }
    }

    [Property]
    public Property Retention_from_valid_counts_lies_in_the_unit_interval() =>
        Prop.ForAll(
            (from start in Gen.Choose(1, 10_000)
             from retained in Gen.Choose(0, start)
             from acquired in Gen.Choose(0, 10_000)
             select (Start: start, End: retained + acquired, New: acquired)).ToArbitrary(),
            counts => Assert.InRange(Retention.FromCounts(counts.Start, counts.End, counts.New), 0.0, 1.0));

    /// <remarks>
    /// Exact: for r ≥ 1/2, 1 − r is exact (Sterbenz); for r &lt; 1/2 its rounding error is at most 2⁻⁵⁴, so the
    /// exact sum (1 − r) + r lies within half an ulp of 1 and rounds to 1.
    /// </remarks>
    [Property]
    public Property Churn_and_retention_add_up_to_one() =>
        Prop.ForAll(Rates.Retention().ToArbitrary(), r =>
        {
            double churn = Retention.Churn(r);
            Assert.InRange(churn, 0.0, 1.0);
            Assert.Equal(1.0, churn + r);
        });

    [Property]
    public Property Converted_retention_stays_in_the_unit_interval() =>
        Prop.ForAll(
            (from r in Rates.Retention() from a in Gen.Elements(Units) from b in Gen.Elements(Units) select (r, a, b)).ToArbitrary(),
            c => Assert.InRange(Retention.Convert(c.r, c.a, c.b), 0.0, 1.0));

    /// <remarks>
    /// Tolerance 1e-12 relative: each conversion is a <see cref="Math.Pow(double, double)"/> (an ulp or so of
    /// error) and the exponent 1/12 of the way back is rounded; rates are at least 1e-6 (or 0), so no power
    /// underflows.
    /// </remarks>
    [Property]
    public Property Monthly_to_annual_to_monthly_retention_round_trips() =>
        Prop.ForAll(Rates.Retention().ToArbitrary(), r =>
        {
            double annual = Retention.Convert(r, TimeUnit.Months, TimeUnit.Years);
            double back = Retention.Convert(annual, TimeUnit.Years, TimeUnit.Months);
            Assert.True(Math.Abs(back - r) <= 1e-12 * r, $"monthly {r:R} -> annual {annual:R} -> monthly {back:R}");
            Assert.True(annual <= r, $"an annual rate ({annual:R}) cannot exceed the monthly one ({r:R})");
        });

    [Property]
    public Property Expected_lifetime_is_at_least_one_period() =>
        Prop.ForAll(Rates.Retention().Where(r => r < 1).ToArbitrary(), r =>
        {
            double lifetime = Retention.ExpectedLifetime(r);
            Assert.True(double.IsFinite(lifetime) && lifetime >= 1, $"lifetime {lifetime:R} at r = {r:R}");
        });

    [Property(Arbitrary = [typeof(TransactionLogArbitraries)])]
    public void Profit_is_revenue_less_cost_of_goods_less_cost_to_serve(TransactionLog log, NonNegativeInt orderRate, NonNegativeInt returnRate, NonNegativeInt returns)
    {
        // Rates in quarters and whole volumes keep every product and difference exact.
        double perOrder = orderRate.Get % 41 / 4.0, perReturn = returnRate.Get % 81 / 4.0;
        int returned = returns.Get % 6;
        var model = new CostToServeModel([new ActivityRate(ActivityDrivers.Orders, perOrder), new ActivityRate(ActivityDrivers.Returns, perReturn)]);
        var purchases = CalibrationPurchases(log);
        var costs = CalibrationCosts(log);
        foreach (var summary in Summarise(log))
        {
            var mine = purchases[summary.CustomerId];
            double revenue = mine.Values.Sum(), costOfGoods = costs[summary.CustomerId];
            double costToServe = model.Compute(summary, new Dictionary<string, double> { [ActivityDrivers.Returns] = returned });
            Assert.Equal((perOrder * mine.Count) + (perReturn * returned), costToServe);

            var profit = CustomerProfit.Of(summary, costToServe);
            Assert.Equal((revenue, costOfGoods, costToServe), (profit.Revenue, profit.CostOfGoods, profit.CostToServe));
            Assert.Equal(revenue - costOfGoods, profit.GrossProfit);
            Assert.Equal(revenue - costOfGoods - costToServe, profit.Profit);
            Assert.Equal(profit.Profit, new HistoricalValueModel(_ => costToServe).Evaluate(summary));
        }
    }

    [Property(Arbitrary = [typeof(TransactionLogArbitraries)])]
    public void Cohort_retention_shares_lie_in_the_unit_interval_and_start_at_one(TransactionLog log, bool toWindowEnd)
    {
        var table = CohortRetention.FromTransactions(log.Transactions, log.Period, toWindowEnd ? log.Window.End : null);

        // Independently: each customer's active periods, their cohort (first period) and the last period shown.
        var active = log.Transactions
            .GroupBy(t => t.CustomerId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(t => ReferenceCalendar.PeriodKey(t.Timestamp, log.Period)).ToHashSet(), StringComparer.Ordinal);
        long last = toWindowEnd
            ? ReferenceCalendar.PeriodKey(log.Window.End, log.Period)
            : active.Values.SelectMany(p => p).Max();
        var cohorts = active.Values.GroupBy(p => p.Min()).OrderBy(g => g.Key).ToList();

        Assert.Equal(cohorts.Count, table.Cohorts.Count);
        Assert.Equal(active.Count, table.Cohorts.Sum(c => c.Size));
        foreach (var (cohort, expected) in table.Cohorts.Zip(cohorts))
        {
            Assert.Equal(1.0, cohort.Retention[0]);
            Assert.All(cohort.Retention, share => Assert.InRange(share, 0.0, 1.0));
            Assert.Equal(expected.Key, ReferenceCalendar.PeriodKey(new DateTimeOffset(cohort.Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), log.Period));
            var periods = ReferenceCalendar.PeriodsFrom(expected.Key, last, log.Period);
            Assert.Equal(periods.Select(p => (long)expected.Count(set => set.Contains(p))), cohort.ActiveCustomers);
        }
    }

    private static CustomerSummaryCollection Summarise(TransactionLog log) =>
        SummaryAssert.Builder(log.Window, TransactionOrder.Chronological, log.Chronological()).Build();

    private static bool IsCalibration(TransactionLog log, Transaction t) =>
        ReferenceCalendar.PeriodKey(t.Timestamp, log.Period) <= ReferenceCalendar.PeriodKey(log.Window.CalibrationEnd ?? log.Window.End, log.Period);

    /// <summary>Each customer's calibration purchases: value by period, in period order.</summary>
    private static Dictionary<string, SortedDictionary<long, double>> CalibrationPurchases(TransactionLog log)
    {
        var purchases = new Dictionary<string, SortedDictionary<long, double>>(StringComparer.Ordinal);
        foreach (var t in log.Transactions.Where(t => IsCalibration(log, t)))
        {
            if (!purchases.TryGetValue(t.CustomerId, out var mine))
            {
                purchases[t.CustomerId] = mine = [];
            }

            long period = ReferenceCalendar.PeriodKey(t.Timestamp, log.Period);
            mine[period] = mine.GetValueOrDefault(period) + t.Amount;
        }

        return purchases;
    }

    private static Dictionary<string, double> CalibrationCosts(TransactionLog log) =>
        log.Transactions.Where(t => IsCalibration(log, t))
            .GroupBy(t => t.CustomerId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(t => t.Cost ?? 0), StringComparer.Ordinal);
}
