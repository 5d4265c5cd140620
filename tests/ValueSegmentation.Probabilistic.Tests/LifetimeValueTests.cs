using ValueSegmentation.Segmentation;
using ValueSegmentation.Tests.TestData;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Tests;

public sealed class LifetimeValueTests
{
    private static readonly BgNbdModel Purchases = new(new BgNbdParameters(0.243, 4.414, 0.793, 2.426), TimeUnit.Weeks);
    private static readonly GammaGammaModel Spend = new(new GammaGammaParameters(6.25, 3.74, 15.44));

    [Fact]
    public void One_period_is_margin_times_spend_times_purchases_discounted_once()
    {
        // x = 2, t_x = 30.43, T = 38.86, mean spend 20: by the definition with K = 1 year (365.25/7 weeks), d = 10 %.
        var clv = new ProbabilisticLifetimeValue(Purchases, Spend, TimeUnit.Years, discountRate: 0.10, horizonPeriods: 1, margin: 0.3);
        double expected = 0.3 * Spend.ConditionalExpectedSpend(2, 20) * Purchases.ConditionalExpectedPurchases(365.25 / 7, 2, 30.43, 38.86) / 1.10;
        Assert.Equal(expected, clv.Evaluate(2, 30.43, 38.86, 20), 12);
    }

    [Fact]
    public void Without_discounting_the_periods_add_up_to_the_expectation_over_the_whole_horizon()
    {
        // Σ of the 12 monthly increments telescopes to E[Y(12 months)], 12 months being 365.25 days = 52.18 weeks.
        var clv = new ProbabilisticLifetimeValue(Purchases, Spend, TimeUnit.Months, discountRate: 0, horizonPeriods: 12);
        Assert.Equal(Purchases.ConditionalExpectedPurchases(365.25 / 7, 2, 30.43, 38.86), clv.DiscountedPurchases(2, 30.43, 38.86), 12);
    }

    [Fact]
    public void The_infinite_horizon_converges_above_every_finite_one()
    {
        var infinite = new ProbabilisticLifetimeValue(Purchases, Spend, TimeUnit.Years, 0.10, horizonPeriods: null);
        var long10 = new ProbabilisticLifetimeValue(Purchases, Spend, TimeUnit.Years, 0.10, horizonPeriods: 10);
        var long200 = new ProbabilisticLifetimeValue(Purchases, Spend, TimeUnit.Years, 0.10, horizonPeriods: 200);
        double value = infinite.Evaluate(2, 30.43, 38.86, 20);
        Assert.True(value > long10.Evaluate(2, 30.43, 38.86, 20));
        Assert.Equal(long200.Evaluate(2, 30.43, 38.86, 20), value, value * 1e-9); // 1.1^−200 of the value is left after 200 years
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProbabilisticLifetimeValue(Purchases, Spend, TimeUnit.Years, 0, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProbabilisticLifetimeValue(Purchases, Spend, TimeUnit.Years, 0.1, 5, margin: 1.5));
    }

    [Fact]
    public void A_strategy_segments_cdnow_on_probabilistic_value_and_p_alive()
    {
        // The CDNOW sample summarised in weeks, Pareto/NBD and Gamma-Gamma fitted on it, then the value × loyalty
        // quadrant on 3-year CLV at 1 % a month and P(alive). (Not BG/NBD for P(alive): it gives every one-time buyer
        // P(alive) = 1, so the median is 1 and nobody is strictly above it.)
        var window = new ObservationWindow(Cdnow.End, TimeUnit.Weeks, PurchasePeriod.Day, Cdnow.CalibrationEnd);
        var customers = CustomerSummary.FromTransactions(Cdnow.SampleTransactions(), window);
        var purchases = ParetoNbdModel.Fit(RepeatPurchaseData.FromSummaries(customers));
        var spend = GammaGammaModel.Fit(SpendData.FromSummaries(customers, NonPositiveSpend.Exclude));
        var clv = CustomerMeasure.LifetimeValue(new ProbabilisticLifetimeValue(purchases, spend, TimeUnit.Months, 0.01, 36));
        var alive = CustomerMeasure.ProbabilityAlive(purchases);

        var segmented = SegmentedCustomers.FitAndAssign(new QuadrantStrategy(clv, alive), customers);
        Assert.Equal(customers.Count, segmented.Counts.Sum());
        Assert.All(segmented.Counts, count => Assert.True(count > 0));
        var top = segmented.In(segmented.Segments[0]).ToList();
        var bottom = segmented.In(segmented.Segments[3]).ToList();
        Assert.True(top.Average(clv.Evaluate) > bottom.Average(clv.Evaluate));
        Assert.True(top.Min(alive.Evaluate) > bottom.Max(alive.Evaluate) || top.Average(alive.Evaluate) > bottom.Average(alive.Evaluate));
    }

    [Fact]
    public void Discounted_purchases_of_compressed_histories_equal_those_of_each_history()
    {
        // The CDNOW histories as an engine's fit statistics hold them (one row per distinct x, t_x, T), valued as columns:
        // the (x, T) part shared within each range of rows must not change any value.
        var data = CdnowData.Rfm;
        var x = Enumerable.Range(0, data.RowCount).Select(i => data[i].Frequency).ToArray();
        var recency = Enumerable.Range(0, data.RowCount).Select(i => data[i].Recency).ToArray();
        var age = Enumerable.Range(0, data.RowCount).Select(i => data[i].Age).ToArray();
        var value = new ProbabilisticLifetimeValue(Purchases, Spend, TimeUnit.Months, 0.01, 36);
        var columns = new double[data.RowCount];

        value.DiscountedPurchases(x, recency, age, columns);

        for (int i = 0; i < columns.Length; i++)
        {
            Assert.Equal(value.DiscountedPurchases(x[i], recency[i], age[i]), columns[i]);
        }

        Assert.Throws<ArgumentException>(() => value.DiscountedPurchases(x, recency, age, new double[3]));
        Assert.Throws<ArgumentException>(() => value.DiscountedPurchases(x, recency.AsSpan(1), age, columns));
    }

    [Fact]
    public void Batch_predictions_equal_one_by_one_predictions()
    {
        // The batch call shares the (x, T) part between customers; the result must not depend on it.
        var window = new ObservationWindow(Cdnow.End, TimeUnit.Weeks, PurchasePeriod.Day, Cdnow.CalibrationEnd);
        var customers = CustomerSummary.FromTransactions(Cdnow.SampleTransactions(), window);
        RepeatPurchaseModel[] models =
        [
            new BgNbdModel(new BgNbdParameters(0.243, 4.414, 0.793, 2.426), TimeUnit.Weeks),
            new MbgNbdModel(new BgNbdParameters(0.525, 6.183, 0.891, 1.614), TimeUnit.Weeks),
            new ParetoNbdModel(new ParetoNbdParameters(0.553, 10.578, 0.606, 11.669), TimeUnit.Weeks),
        ];
        var expected = new double[customers.Count];
        var alive = new double[customers.Count];
        foreach (var model in models)
        {
            model.ConditionalExpectedPurchases(39, customers.AsSpan(), expected);
            model.ProbabilityAlive(customers.AsSpan(), alive);
            for (int i = 0; i < customers.Count; i++)
            {
                Assert.Equal(model.ConditionalExpectedPurchases(39, customers[i]), expected[i]);
                Assert.Equal(model.ProbabilityAlive(customers[i]), alive[i]);
            }

            Assert.Throws<ArgumentException>(() => model.ConditionalExpectedPurchases(39, customers.AsSpan(), new double[3]));
        }
    }
}
