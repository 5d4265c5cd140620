using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Tests.Segmentation;

public sealed class StrategyTests
{
    private static readonly CustomerSummary[] OneToTen = Customers.WithRevenue(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

    [Fact]
    public void Default_tiers_cut_the_top_20_and_next_30_percent_at_order_statistics()
    {
        // n = 10: the top 20 % are the ⌈0.2·10⌉ = 2 highest (10, 9), so the Highest value minimum is 9; the top
        // 50 % are the 5 highest, so Valuable starts at the 5th highest value, 6.
        var segmenter = new TieredStrategy(CustomerMeasure.Revenue).Fit(OneToTen);
        Assert.Equal([9.0, 6.0], segmenter.Minimums);
        Assert.Equal(
            ["Low value", "Low value", "Low value", "Low value", "Low value", "Valuable", "Valuable", "Valuable", "Highest value", "Highest value"],
            Customers.SegmentNames(segmenter, OneToTen));
        Assert.Equal("revenue ≥ 9 (top 20 % of 10 customers; realised 20 %)", segmenter.Segments[0].Rule);
        Assert.Equal(new AxisRange("revenue", 6, 9, includesMinimum: true, includesMaximum: false), segmenter.Segments[1].Bounds.Single());
        Assert.Equal([1, 2, 3], segmenter.Segments.Select(s => s.Rank));
        Assert.All(segmenter.Segments, s => Assert.False(string.IsNullOrWhiteSpace(s.Treatment)));
    }

    [Fact]
    public void Ties_at_a_cut_point_all_join_the_higher_tier()
    {
        // Values 5, 5, 5 tie at the 2nd highest value: all three are Highest value though 20 % of 10 is 2.
        var customers = Customers.WithRevenue(5, 5, 5, 1, 1, 1, 1, 1, 1, 1);
        var segmenter = new TieredStrategy(CustomerMeasure.Revenue).Fit(customers);
        Assert.Equal(3, customers.Count(c => segmenter.Assign(c).Rank == 1));

        // All-equal values: everyone is in the top tier, the documented result.
        var equal = Customers.WithRevenue(4, 4, 4, 4);
        var flat = new TieredStrategy(CustomerMeasure.Revenue).Fit(equal);
        Assert.All(equal, c => Assert.Equal("Highest value", flat.Assign(c).Name));
    }

    [Fact]
    public void Fixed_thresholds_need_no_data_and_must_be_in_order()
    {
        var strategy = new TieredStrategy(CustomerMeasure.Revenue, minimums: [100, 10]);
        var segmenter = strategy.Fit([]);
        Assert.Equal("Highest value", segmenter.Assign(Customers.Summary("a", 100)).Name);
        Assert.Equal("Valuable", segmenter.Assign(Customers.Summary("b", 99.99)).Name);
        Assert.Equal("Low value", segmenter.Assign(Customers.Summary("c", -5)).Name);
        Assert.Equal("revenue < 10", segmenter.Segments[2].Rule);

        var error = Assert.Throws<ArgumentException>(() => new TieredStrategy(CustomerMeasure.Revenue, minimums: [10, 100]));
        Assert.Equal("minimums", error.ParamName);
        Assert.Contains("out of order", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new TieredStrategy(CustomerMeasure.Revenue, minimums: [10, 10]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TieredStrategy(CustomerMeasure.Revenue, minimums: [double.NaN]));
        Assert.Throws<ArgumentException>(() => new TieredStrategy(CustomerMeasure.Revenue, [0.5, 0.4]));
        Assert.Throws<ArgumentException>(() => new TieredStrategy(CustomerMeasure.Revenue, [0.5, 0.5], segmentDefinitions: [new SegmentDefinition("Only one", "")]));
    }

    [Fact]
    public void Any_number_of_named_tiers_is_allowed()
    {
        SegmentDefinition[] tiers = [new("Gold", "g"), new("Silver", "s"), new("Bronze", "b"), new("Tin", "t")];
        var segmenter = new TieredStrategy(CustomerMeasure.Revenue, [0.1, 0.2, 0.3, 0.4], segmentDefinitions: tiers).Fit(OneToTen);
        // Cumulative 10 %, 30 %, 60 %: the 1st, 3rd and 6th highest values are 10, 8 and 5.
        Assert.Equal([10.0, 8.0, 5.0], segmenter.Minimums);
        Assert.Equal(["Gold", "Silver", "Bronze", "Tin"], segmenter.Segments.Select(s => s.Name));
    }

    [Fact]
    public void Percentiles_take_the_top_k_percent_by_rank()
    {
        // 1..1000: the top 1 % are the 10 highest (991..1000), the top 20 % the 200 highest (801..1000).
        var customers = Customers.WithRevenue([.. Enumerable.Range(1, 1000).Select(v => (double)v)]);
        var segmenter = new PercentileStrategy(CustomerMeasure.Revenue, [0.01, 0.2]).Fit(customers);
        Assert.Equal([991.0, 801.0], segmenter.Minimums);
        Assert.Equal(["Top 1 %", "Top 1 %–20 %", "Bottom 80 %"], segmenter.Segments.Select(s => s.Name));
        var counts = SegmentedCustomers.Assign(segmenter, customers).Counts;
        Assert.Equal([10, 190, 800], counts);
        Assert.Throws<ArgumentException>(() => new PercentileStrategy(CustomerMeasure.Revenue, [0.2, 0.01]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PercentileStrategy(CustomerMeasure.Revenue, [1.0]));
    }

    [Fact]
    public void Pareto_classes_are_the_smallest_top_sets_reaching_each_share_of_value()
    {
        // Total 100. A: 50 + 30 = 80 reaches 80 %. B: + 10 = 90 < 95, + 5 = 95 reaches 95 %. C: 3, 2.
        // The loss-making customer (−20) is always in C and does not change the positive total.
        var customers = Customers.WithRevenue(3, 50, 10, -20, 30, 2, 5);
        var segmenter = new ParetoStrategy(CustomerMeasure.Revenue).Fit(customers);
        Assert.Equal([30.0, 5.0], segmenter.Minimums);
        Assert.Equal(["C", "A", "B", "C", "A", "C", "B"], Customers.SegmentNames(segmenter, customers));

        // No positive value at all: everyone is in the last class.
        var losses = Customers.WithRevenue(-1, -2, 0);
        var all = new ParetoStrategy(CustomerMeasure.Revenue).Fit(losses);
        Assert.All(losses, c => Assert.Equal("C", all.Assign(c).Name));
    }

    [Fact]
    public void Pareto_ties_with_the_last_customer_of_a_class_join_it()
    {
        // 40 + 40 = 80 reaches 80 % of 100 at the 2nd customer; the third 10 and the last 10 tie, so both are B.
        var customers = Customers.WithRevenue(40, 10, 40, 10);
        var segmenter = new ParetoStrategy(CustomerMeasure.Revenue, [0.8, 0.9]).Fit(customers);
        Assert.Equal(["A", "B", "A", "B"], Customers.SegmentNames(segmenter, customers));
    }

    [Fact]
    public void Quadrants_cut_strictly_above_the_lower_medians()
    {
        // Value 1..6: lower median = 3rd smallest = 3. Loyalty (purchases) 1,1,1,2,3,1: lower median 1, so high
        // loyalty means a repeat purchase.
        CustomerSummary[] customers =
        [
            Customers.Summary("a", 1, purchases: 1), Customers.Summary("b", 2, purchases: 1), Customers.Summary("c", 3, purchases: 1),
            Customers.Summary("d", 4, purchases: 2), Customers.Summary("e", 5, purchases: 3), Customers.Summary("f", 6, purchases: 1),
        ];
        var segmenter = new QuadrantStrategy(CustomerMeasure.Revenue, CustomerMeasure.PurchaseCount).Fit(customers);
        Assert.Equal(3, segmenter.ValueCut);
        Assert.Equal(1, segmenter.LoyaltyCut);
        Assert.Equal(
            ["Low value / Low loyalty", "Low value / Low loyalty", "Low value / Low loyalty", "High value / High loyalty", "High value / High loyalty", "High value / Low loyalty"],
            Customers.SegmentNames(segmenter, customers));
        Assert.Contains("Reward", segmenter.Segments[0].Treatment, StringComparison.Ordinal);
        Assert.Equal("revenue > 3 and purchases ≤ 1 (value cut at the median, loyalty cut at the median)", segmenter.Segments[1].Rule);

        var fixedCuts = new QuadrantStrategy(CustomerMeasure.Revenue, CustomerMeasure.PurchaseCount, valueCut: 4.5, loyaltyCut: 2).Fit([]);
        Assert.Equal("Low value / Low loyalty", fixedCuts.Assign(customers[3]).Name); // 4 ≤ 4.5 and 2 purchases ≤ 2
        Assert.Equal("High value / High loyalty", fixedCuts.Assign(customers[4]).Name);
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuadrantStrategy(CustomerMeasure.Revenue, CustomerMeasure.PurchaseCount, valueCut: double.NaN));
    }

    [Fact]
    public void Rfm_scores_by_quintiles_with_values_at_a_cut_point_closing_its_interval()
    {
        // Purchases 1..10: quintile cut points are the 2nd, 4th, 6th and 8th smallest: 2, 4, 6, 8.
        // F scores: 1–2 → 1, 3–4 → 2, 5–6 → 3, 7–8 → 4, 9–10 → 5. Recency (days since the last purchase)
        // 0..9: cuts 1, 3, 5, 7 (in weeks), and fewer days since is better: 0–1 → R5 ... 8–9 → R1.
        var customers = Enumerable.Range(1, 10)
            .Select(i => Customers.Summary($"c{i}", revenue: 10 * i, purchases: i, daysSinceLast: 10 - i))
            .ToArray();
        var segmenter = new RfmStrategy().Fit(customers);
        Assert.Equal([2.0, 4.0, 6.0, 8.0], segmenter.FrequencyCuts);
        Assert.All(segmenter.RecencyCuts.Zip([1 / 7.0, 3 / 7.0, 5 / 7.0, 7 / 7.0]), p => Assert.Equal(p.Second, p.First, 1e-12));
        Assert.Equal(
            [1, 1, 2, 2, 3, 3, 4, 4, 5, 5],
            customers.Select(c => segmenter.Score(c).Frequency));
        Assert.Equal(
            [1, 1, 2, 2, 3, 3, 4, 4, 5, 5],
            customers.Select(c => segmenter.Score(c).Recency));
        Assert.Equal(new RfmScore(5, 5, 5), segmenter.Score(customers[9]));
        Assert.Equal("Champions", segmenter.Assign(customers[9]).Name);
        Assert.Equal("Lost", segmenter.Assign(customers[0]).Name);         // R1 F1
        Assert.Equal("Needs attention", segmenter.Assign(customers[4]).Name); // R3 F3
    }

    [Fact]
    public void The_default_rfm_rules_cover_each_of_the_125_cells_exactly_once()
    {
        var check = RfmRuleSet.Check(RfmRuleSet.Default.Rules);
        Assert.True(check.IsPartition, check.ToString());
        Assert.Equal(
            ["Champions", "Loyal", "Potential loyalist", "New", "Promising", "Needs attention", "About to sleep", "At risk", "Can't lose them", "Hibernating", "Lost"],
            RfmRuleSet.Default.Rules.Select(r => r.Name));
        int covered = 0;
        for (int r = 1; r <= 5; r++)
        {
            for (int f = 1; f <= 5; f++)
            {
                for (int m = 1; m <= 5; m++)
                {
                    var score = new RfmScore(r, f, m);
                    Assert.Single(RfmRuleSet.Default.Rules, rule => rule.Matches(score));
                    covered++;
                }
            }
        }

        Assert.Equal(125, covered);
    }

    [Fact]
    public void A_rule_set_with_overlaps_or_gaps_is_rejected_with_the_cells()
    {
        var rules = RfmRuleSet.Default.Rules.ToList();
        rules[0] = new RfmRule("Champions", new ScoreRange(4, 5), new ScoreRange(4, 5), ScoreRange.Any, "overlaps Loyal at R4");
        var overlap = Assert.Throws<ArgumentException>(() => new RfmRuleSet(rules));
        Assert.Contains("several rules", overlap.Message, StringComparison.Ordinal);
        Assert.Contains("R4 F4 M1 (Champions, Loyal)", overlap.Message, StringComparison.Ordinal);

        var gaps = RfmRuleSet.Check(RfmRuleSet.Default.Rules.Where(r => r.Name != "New"));
        Assert.Equal(5, gaps.Gaps.Count);                       // R5 F1, M 1–5
        Assert.All(gaps.Gaps, g => Assert.Equal((5, 1), (g.Recency, g.Frequency)));
        Assert.Empty(gaps.Overlaps);
        Assert.Throws<ArgumentException>(() => new RfmRuleSet(RfmRuleSet.Default.Rules.Where(r => r.Name != "New")));
    }

    [Fact]
    public void Rfm_cut_points_can_be_given_and_must_be_in_order()
    {
        var strategy = new RfmStrategy(recencyCuts: [1, 2, 4, 8], frequencyCuts: [1, 2, 3, 5], monetaryCuts: [10, 20, 50, 100]);
        var segmenter = strategy.Fit([]);
        // 3 days since the last purchase = 3/7 week ≤ 1 → R5; 4 purchases: cuts below 4 are 1, 2, 3 → F4; 60 → M4.
        Assert.Equal(new RfmScore(5, 4, 4), segmenter.Score(Customers.Summary("a", 60, purchases: 4, daysSinceLast: 3)));
        Assert.Throws<ArgumentException>(() => new RfmStrategy(frequencyCuts: [1, 3, 2, 5]));
        Assert.Throws<ArgumentException>(() => new RfmStrategy(frequencyCuts: [1, 2, 3]));
        Assert.Throws<ArgumentException>(() => new RfmStrategy().Fit([]));
    }

    [Fact]
    public void Strategies_that_learn_reject_an_empty_population_and_non_finite_values()
    {
        ISegmentationStrategy[] learners =
        [
            new TieredStrategy(CustomerMeasure.Revenue),
            new PercentileStrategy(CustomerMeasure.Revenue, [0.2]),
            new ParetoStrategy(CustomerMeasure.Revenue),
            new QuadrantStrategy(CustomerMeasure.Revenue, CustomerMeasure.Frequency),
            new RfmStrategy(),
        ];
        foreach (var strategy in learners)
        {
            var error = Assert.Throws<ArgumentException>(() => strategy.Fit([]));
            Assert.Equal("population", error.ParamName);
            Assert.Contains("empty", error.Message, StringComparison.Ordinal);
        }

        var nan = new CustomerMeasure("broken", c => c.CustomerId == "c3" ? double.NaN : 1);
        var notFinite = Assert.Throws<MeasureEvaluationException>(() => new TieredStrategy(nan).Fit(OneToTen));
        Assert.Equal(("broken", "c3"), (notFinite.MeasureName, notFinite.CustomerId));
        Assert.Contains("'broken'", notFinite.Message, StringComparison.Ordinal);
        Assert.Contains("'c3'", notFinite.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => new TieredStrategy(CustomerMeasure.Revenue).Fit([OneToTen[0], null!]));
    }

    [Fact]
    public void A_user_written_strategy_plugs_in_like_a_built_in_one()
    {
        var segmented = SegmentedCustomers.FitAndAssign(new RepeatBuyers(), [Customers.Summary("a", 10, purchases: 3), Customers.Summary("b", 5)]);
        Assert.Equal(["Repeat buyers", "One-time buyers"], segmented.Segments.Select(s => s.Name));
        Assert.Equal([1, 1], segmented.Counts);
        Assert.Equal("One-time buyers", segmented.SegmentOf(1).Name);
        Assert.Equal("a", Assert.Single(segmented.In(segmented.Segments[0])).CustomerId);
    }

    [Fact]
    public void A_segmenter_whose_segments_are_not_in_rank_order_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SegmentedCustomers.Assign(new Misranked(), OneToTen));
        Assert.Contains("rank order", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The example of the <see cref="ISegmentationStrategy"/> docs.</summary>
    private sealed class RepeatBuyers : ISegmentationStrategy, ICustomerSegmenter
    {
        private static readonly Segment Repeat = new("Repeat buyers", 1, "repeat purchases ≥ 1", "Thank and cross-sell");
        private static readonly Segment OneTime = new("One-time buyers", 2, "repeat purchases = 0", "Second-purchase offer");

        public IReadOnlyList<Segment> Segments { get; } = [Repeat, OneTime];

        public ICustomerSegmenter Fit(IReadOnlyList<CustomerSummary> population) => this;

        public Segment Assign(CustomerSummary customer) => customer.Frequency > 0 ? Repeat : OneTime;
    }

    private sealed class Misranked : ICustomerSegmenter
    {
        private static readonly Segment Only = new("Only", 2, "everyone", string.Empty);

        public IReadOnlyList<Segment> Segments { get; } = [Only];

        public Segment Assign(CustomerSummary customer) => Only;
    }
}
