using ValueSegmentation.Segmentation;
using ValueSegmentation.Tests.TestData;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Tests.Transactions;

/// <summary>Summaries computed elsewhere (SQL, Python, R, a published table) enter through <see cref="CustomerSummary.FromNumbers"/>.</summary>
public sealed class SummaryFromNumbersTests
{
    [Fact]
    public void The_published_cdnow_summary_becomes_summaries_equal_in_their_numbers_to_those_built_from_the_log()
    {
        // data/cdnow_customers_summary_with_transactions.csv gives x, t_x and T in weeks rounded to 2 decimals, and
        // zbar; the log gives the same facts from dates. Customer 1: x = 2, t_x = 30.43, T = 38.86, zbar = 22.35.
        var published = Cdnow.PublishedSummaries();
        var fromLog = CustomerSummary.FromTransactions(Cdnow.SampleTransactions(), new ObservationWindow(Cdnow.End, TimeUnit.Weeks, PurchasePeriod.Day, Cdnow.CalibrationEnd));
        foreach (var built in fromLog)
        {
            var row = published[built.CustomerId];
            var fromNumbers = CustomerSummary.FromNumbers(built.CustomerId, row.Frequency, row.Recency, row.Age, TimeUnit.Weeks, row.MeanRepeatSpend);
            Assert.Equal(built.Frequency, fromNumbers.Frequency);
            Assert.Equal(built.Recency, fromNumbers.Recency, 0.005);
            Assert.Equal(built.Age, fromNumbers.Age, 0.005);
            Assert.Equal(built.MonetaryValue, fromNumbers.MonetaryValue, 0.0051); // zbar is rounded to 2 decimals
            Assert.Equal(built.RepeatRevenue, fromNumbers.RepeatRevenue, 0.0051 * built.Frequency);
        }

        var first = CustomerSummary.FromNumbers("1", 2, 30.43, 38.86, TimeUnit.Weeks, 22.35);
        Assert.Equal((2, 30.43, 38.86, 38.86 - 30.43, 44.7), (first.Frequency, first.Recency, first.Age, first.TimeSinceLastPurchase, first.Revenue));
        Assert.Equal((3, 3), (first.PurchaseCount, first.TransactionCount));
        Assert.Null(first.Window);
        Assert.Null(first.FirstPurchase);
        Assert.Equal(38.86 * 7, first.AgeIn(TimeUnit.Days), 1e-12);
    }

    [Fact]
    public void Revenue_cost_and_holdout_are_taken_as_given()
    {
        var summary = CustomerSummary.FromNumbers("a", 3, 20, 30, TimeUnit.Days, monetaryValue: 10, revenue: 45, costOfGoods: 12, holdoutPurchases: 2, holdoutRevenue: 18);
        Assert.Equal((45.0, 15.0, 30.0, 12.0, 4), (summary.Revenue, summary.FirstPurchaseRevenue, summary.RepeatRevenue, summary.CostOfGoods, summary.TransactionsWithCost));
        Assert.Equal((2, 18.0), (summary.HoldoutPurchaseCount, summary.HoldoutRevenue));
        Assert.Equal(33.0, CustomerMeasure.GrossProfit.Evaluate(summary));
        Assert.Equal(0, CustomerSummary.FromNumbers("b", 0, 0, 5, TimeUnit.Days).TransactionsWithCost); // no cost known
    }

    [Theory]
    [InlineData(-1, 0, 1, 0, "frequency")]
    [InlineData(1, 2, 1, 5, "recency")]         // t_x after T
    [InlineData(0, 1, 2, 0, "recency")]         // a recency without a repeat purchase
    [InlineData(1, 0, 2, 5, "recency")]         // a repeat purchase at age 0
    [InlineData(0, 0, 2, 5, "monetaryValue")]   // a mean repeat spend without a repeat purchase
    [InlineData(1, double.NaN, 2, 5, "recency")]
    [InlineData(1, 1, double.PositiveInfinity, 5, "age")]
    [InlineData(1, 1, -2, 5, "age")]
    public void Invalid_numbers_are_rejected_naming_the_argument_and_the_value(int x, double recency, double age, double spend, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => CustomerSummary.FromNumbers("a", x, recency, age, TimeUnit.Weeks, spend));
        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void A_summary_from_numbers_cannot_be_merged_and_a_population_keeps_one_scale()
    {
        var numbers = CustomerSummary.FromNumbers("a", 1, 2, 3, TimeUnit.Weeks, 5);
        var error = Assert.Throws<ArgumentException>(() => numbers.Merge(numbers));
        Assert.Contains("from numbers", error.Message, StringComparison.Ordinal);

        var days = CustomerSummary.FromNumbers("b", 1, 2, 3, TimeUnit.Days, 5);
        Assert.Throws<ArgumentException>(() => new CustomerSummaryCollection([numbers, days]));
        Assert.Equal(numbers, CustomerSummary.FromNumbers("a", 1, 2, 3, TimeUnit.Weeks, 5));
        Assert.NotEqual(numbers, days);
    }
}
