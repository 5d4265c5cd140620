using ValueSegmentation.Analysis;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Tests.TestData;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Tests.Analysis;

public sealed class ConcentrationTests
{
    [Fact]
    public void A_hand_computed_example()
    {
        // Values 1, 2, 3, 4 (total 10). Gini = 2·(1·1 + 2·2 + 3·3 + 4·4)/(4·10) − 5/4 = 60/40 − 1.25 = 0.25.
        // Top 25 % = the highest customer = 4/10; top 50 % = 7/10. 60 % of value needs 2 customers (4 + 3 ≥ 6).
        // Lorenz points at 0..4 customers from the bottom: 0, 1, 3, 6, 10 tenths.
        var concentration = ValueConcentration.Of([3.0, 1, 4, 2]);
        Assert.Equal(0.25, concentration.Gini, 1e-15);
        Assert.Equal(0.4, concentration.TopShare(0.25), 1e-15);
        Assert.Equal(0.7, concentration.TopShare(0.5), 1e-15);
        Assert.Equal(2, concentration.CustomersForShare(0.6));
        Assert.Equal(1, concentration.CustomersForShare(0.4));     // exactly 4/10 is reached by one customer
        Assert.Equal(0, concentration.CustomersForShare(0));
        Assert.Equal(
            [new(0, 0), new(0.25, 0.1), new(0.5, 0.3), new(0.75, 0.6), new(1, 1)],
            concentration.LorenzCurve(5).Select(p => new LorenzPoint(p.CustomerShare, Math.Round(p.ValueShare, 12))));
        Assert.Equal(3, concentration.LorenzCurve(3).Count);
    }

    [Fact]
    public void Equal_values_have_no_concentration_and_one_holder_has_the_most()
    {
        var equal = ValueConcentration.Of([5.0, 5, 5, 5]);
        Assert.Equal(0, equal.Gini, 1e-15);
        Assert.Equal(0.25, equal.TopShare(0.25), 1e-15);

        // One of four holds everything: G = (n − 1)/n = 0.75.
        var single = ValueConcentration.Of([0.0, 0, 9, 0]);
        Assert.Equal(0.75, single.Gini, 1e-15);
        Assert.Equal(1, single.CustomersForShare(1));

        // All zero: the documented convention, the diagonal and G = 0.
        var zero = ValueConcentration.Of([0.0, 0]);
        Assert.Equal(0, zero.Gini);
        Assert.Equal(0.5, zero.TopShare(0.5));
    }

    [Fact]
    public void Loss_making_customers_are_clamped_kept_as_a_whale_curve_or_rejected()
    {
        // Profits −2, 1, 3. Clamped: total 4, Gini of (0, 1, 3) = 2·(0 + 2 + 9)/(3·4) − 4/3 = 22/12 − 16/12 = 0.5.
        var clamped = ValueConcentration.Of([-2.0, 1, 3]);
        Assert.Equal(4, clamped.Total);
        Assert.Equal(1, clamped.NegativeCount);
        Assert.Equal(-2, clamped.NegativeTotal);
        Assert.Equal(0.5, clamped.Gini, 1e-15);

        // Kept: the net total is 2, and the best customer alone brings 150 % of it (the whale curve).
        var kept = ValueConcentration.Of([-2.0, 1, 3], NegativeValues.Keep);
        Assert.Equal(2, kept.Total);
        Assert.Equal(1.5, kept.ShareOfTop(1), 1e-15);
        Assert.Equal(1, kept.CustomersForShare(1));
        Assert.Contains(kept.LorenzCurve(), p => p.ValueShare < 0);

        var rejected = Assert.Throws<ArgumentException>(() => ValueConcentration.Of([-2.0, 1, 3], NegativeValues.Reject));
        Assert.Contains("1 value(s) are negative", rejected.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ValueConcentration.Of([-2.0, 1], NegativeValues.Keep)); // net total −1
        Assert.Throws<ArgumentException>(() => ValueConcentration.Of([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ValueConcentration.Of([1.0, double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => clamped.TopShare(1.5));
    }

    [Fact]
    public void Cdnow_master_78_week_spend_is_concentrated_in_few_customers()
    {
        // The spend of each of the 23,570 customers of CDNOW_master.txt over its 78 weeks (1997-01-01 to
        // 1998-06-30), all transactions summed; 68 customers spent 0. Reference values computed independently
        // with a Python script (sorted spend, top k = ⌈k·n⌉ customers, G = 2Σ i·y₍ᵢ₎/(nΣy) − (n+1)/n): top 1 %
        // (236 customers) 15.876 %, top 10 % (2,357) 50.943 %, top 20 % (4,714) 67.777 %, Gini 0.63457;
        // 80 % of revenue comes from the top 7,695 customers (32.6 %).
        var spend = Cdnow.MasterTransactions()
            .GroupBy(t => t.CustomerId, StringComparer.Ordinal)
            .Select(g => g.Sum(t => t.Amount))
            .ToArray();
        Assert.Equal(23_570, spend.Length);
        var concentration = ValueConcentration.Of(spend);

        Assert.Equal(0.15876, concentration.TopShare(0.01), 5);
        Assert.Equal(0.50943, concentration.TopShare(0.10), 5);
        Assert.Equal(0.67777, concentration.TopShare(0.20), 5);
        Assert.Equal(0.63457, concentration.Gini, 5);
        Assert.Equal(7_695, concentration.CustomersForShare(0.8));

        // The same through the measure API, from summaries built over the whole 78 weeks.
        var window = new ObservationWindow(Cdnow.End, TimeUnit.Weeks);
        var summaries = CustomerSummary.FromTransactions(Cdnow.MasterTransactions(), window);
        var viaSummaries = ValueConcentration.OfMeasure(summaries, CustomerMeasure.Revenue);
        Assert.Equal(concentration.Gini, viaSummaries.Gini, 12);
        Assert.Equal(concentration.TopShare(0.2), viaSummaries.TopShare(0.2), 12);
    }
}
