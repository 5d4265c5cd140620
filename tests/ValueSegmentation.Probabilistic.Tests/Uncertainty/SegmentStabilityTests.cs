using ValueSegmentation.Probabilistic.Uncertainty;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Tests.Uncertainty;

public sealed class SegmentStabilityTests
{
    private static (CustomerSummaryCollection Customers, ProbabilisticLifetimeValue Value) Cdnow39 => (CdnowSplit.Customers, CdnowSplit.LifetimeValue());

    [Fact]
    public void Probabilities_form_a_distribution_and_the_rows_average_them()
    {
        var (customers, value) = Cdnow39;

        var stability = SegmentStability.Compute(value, customers, v => new TieredStrategy(CustomerMeasure.LifetimeValue(v)), new IntervalOptions { Method = IntervalMethod.ParametricBootstrap, Draws = 50, Seed = 5 });

        Assert.Equal(3, stability.Rows.Count);
        var moving = new double[3];
        for (int i = 0; i < customers.Count; i++)
        {
            double sum = 0;
            for (int s = 0; s < 3; s++)
            {
                double p = stability.Probability(i, s);
                Assert.Equal(0, (p * 50) - Math.Round(p * 50), 1e-9); // a share of 50 draws
                sum += p;
            }

            Assert.Equal(1, sum, 1e-12);
            moving[stability.Baseline.SegmentIndexOf(i)] += 1 - stability.ProbabilityOfStaying(i);
        }

        for (int s = 0; s < 3; s++)
        {
            Assert.Equal(stability.Baseline.Counts[s], stability.Rows[s].Customers);
            Assert.Equal(moving[s] / stability.Baseline.Counts[s], stability.Rows[s].ExpectedShareMoving, 1e-12);
        }

        // Tiers by share move a customer only when the ranks move: a customer far from a cut stays. The highest-value
        // customer of CDNOW stays on top in every draw.
        int best = Enumerable.Range(0, customers.Count).MaxBy(i => value.Evaluate(customers[i]));
        Assert.Equal(1, stability.ProbabilityOfStaying(best));
        Assert.Equal(stability.Rows.Sum(r => r.ExpectedShareMoving * r.Customers) / customers.Count, Enumerable.Range(0, customers.Count).Average(i => 1 - stability.ProbabilityOfStaying(i)), 1e-12);
    }

    [Fact]
    public void Fixed_thresholds_move_customers_whose_value_is_near_a_threshold()
    {
        var (customers, value) = Cdnow39;
        int draws = 40;

        // One threshold at a customer's own value: their CLV is above or below it about half the time.
        int near = Enumerable.Range(0, customers.Count).First(i => customers[i].Frequency == 3);
        double threshold = value.Evaluate(customers[near]);
        var stability = SegmentStability.Compute(value, customers, v => new TieredStrategy(CustomerMeasure.LifetimeValue(v), minimums: [threshold]), new IntervalOptions { Method = IntervalMethod.ParametricBootstrap, Draws = draws, Seed = 2 });

        Assert.InRange(stability.ProbabilityOfStaying(near), 0.2, 0.8);
    }

    [Fact]
    public void The_delta_method_and_null_strategies_are_refused()
    {
        var (customers, value) = Cdnow39;

        Assert.Equal("options", Assert.Throws<ArgumentException>(() => SegmentStability.Compute(value, customers, v => new TieredStrategy(CustomerMeasure.LifetimeValue(v)), IntervalOptions.Default)).ParamName);
        Assert.Equal("strategy", Assert.Throws<ArgumentNullException>(() => SegmentStability.Compute(value, customers, _ => null!)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => SegmentStability.Compute(value, customers, v => new TieredStrategy(CustomerMeasure.LifetimeValue(v)), new IntervalOptions { Method = IntervalMethod.ParametricBootstrap, Draws = 20 }).Probability(customers.Count, 0));
    }
}
