using ValueSegmentation.Probabilistic.Planning;
using ValueSegmentation.Probabilistic.Uncertainty;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Tests.Planning;

public sealed class PlanningTests
{
    private static (CustomerSummaryCollection Customers, ProbabilisticLifetimeValue Value) Cdnow39 => (CdnowSplit.Customers, CdnowSplit.LifetimeValue(margin: 0.3));

    [Fact]
    public void A_prospect_is_the_unconditional_expectation_at_the_population_spend()
    {
        var (_, value) = Cdnow39;

        var prospect = Prospect.Value(value, horizon: 78);

        // E[X(78)] = 1.8576 at the CDNOW maximum-likelihood estimates (../shared/data/README.md; FHL 2005, eq. 9).
        Assert.Equal(1.8576, prospect.ExpectedPurchases.Estimate, 0.0005);
        Assert.Equal(value.Transactions.ExpectedPurchases(78), prospect.ExpectedPurchases.Estimate, 1e-12);
        var (p, q, gamma) = (value.Spend.Parameters.P, value.Spend.Parameters.Q, value.Spend.Parameters.Gamma);
        Assert.Equal(p * gamma / (q - 1), prospect.ExpectedSpend.Estimate, 1e-9); // Gamma-Gamma's population mean
        Assert.Equal(0.3 * (p * gamma / (q - 1)) * value.DiscountedPurchases(0, 0, 0), prospect.LifetimeValue.Estimate, 1e-9);
        Assert.True(prospect.LifetimeValue.Lower < prospect.LifetimeValue.Estimate && prospect.LifetimeValue.Estimate < prospect.LifetimeValue.Upper);

        // (first purchase profit + CLV) / (1 + target return), the interval carried through.
        var cost = prospect.AllowableAcquisitionCost(firstPurchaseProfit: 10, targetReturn: 0.25);
        Assert.Equal((10 + prospect.LifetimeValue.Estimate) / 1.25, cost.Estimate, 1e-12);
        Assert.Equal((10 + prospect.LifetimeValue.Upper) / 1.25, cost.Upper, 1e-12);
        Assert.Equal(prospect.LifetimeValue, prospect.AllowableAcquisitionCost());
        Assert.Equal("targetReturn", Assert.Throws<ArgumentOutOfRangeException>(() => prospect.AllowableAcquisitionCost(targetReturn: -0.1)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => Prospect.Value(value, 39, new IntervalOptions { Method = IntervalMethod.NonparametricBootstrap })).ParamName);
    }

    [Fact]
    public void Value_at_stake_adds_up_to_the_base_and_splits_the_budget_by_it()
    {
        var (customers, value) = Cdnow39;
        var segmented = SegmentedCustomers.FitAndAssign(new TieredStrategy(CustomerMeasure.LifetimeValue(value)), customers);

        var stake = ValueAtStake.Compute(value, segmented, budget: 10_000);

        var values = new double[customers.Count];
        value.Evaluate(customers, values);
        Assert.Equal(values.Sum(), stake.Rows.Sum(r => r.ValueAtStake.Estimate), 1e-6);
        Assert.Equal(1, stake.Rows.Sum(r => r.Share), 1e-12);
        Assert.Equal(10_000, stake.Rows.Sum(r => r.RetentionBudget), 1e-9);
        for (int s = 0; s < stake.Rows.Count; s++)
        {
            var row = stake.Rows[s];
            double members = Enumerable.Range(0, customers.Count).Where(i => segmented.SegmentIndexOf(i) == s).Sum(i => values[i]);
            Assert.Equal(members, row.ValueAtStake.Estimate, 1e-6);
            Assert.True(row.ValueAtStake.Lower < row.ValueAtStake.Estimate && row.ValueAtStake.Estimate < row.ValueAtStake.Upper);
            Assert.Equal(segmented.Counts[s], row.Customers);
        }

        // The highest tier holds most of the value, so most of the budget.
        Assert.True(stake.Rows[0].RetentionBudget > stake.Rows[2].RetentionBudget);
        Assert.Equal("budget", Assert.Throws<ArgumentOutOfRangeException>(() => ValueAtStake.Compute(value, segmented, budget: double.NaN)).ParamName);

        // The nonparametric bootstrap would refit the models to one segment at a time: refused.
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => ValueAtStake.Compute(value, segmented, options: new IntervalOptions { Method = IntervalMethod.NonparametricBootstrap })).ParamName);
        Assert.All(ValueAtStake.Compute(value, segmented).Rows, r => Assert.Equal(0, r.RetentionBudget));
    }
}
