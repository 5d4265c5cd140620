using ValueSegmentation.Transactions;

namespace ValueSegmentation.Tests.Transactions;

/// <summary>Bad input to the transaction types gets an exception naming the argument.</summary>
public sealed class ValidationTests
{
    private static readonly DateTimeOffset Jan1 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void A_transaction_amount_must_be_finite(double amount)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Transaction("a", Jan1, amount));
        Assert.Equal("amount", error.ParamName);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_transaction_cost_must_be_finite_and_not_negative(double cost)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Transaction("a", Jan1, 1, cost));
        Assert.Equal("cost", error.ParamName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_transaction_needs_a_customer(string? id)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new Transaction(id!, Jan1, 1));
        Assert.Equal("customerId", error.ParamName);
    }

    [Fact]
    public void A_refund_is_a_valid_transaction_and_the_cost_is_optional()
    {
        var refund = new Transaction("a", Jan1, -5);
        Assert.Equal(-5, refund.Amount);
        Assert.Null(refund.Cost);
        Assert.Equal(2.5, new Transaction("a", Jan1, 5, 2.5).Cost);
    }

    [Fact]
    public void The_calibration_end_must_come_before_the_end()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ObservationWindow(Jan1, calibrationEnd: Jan1.AddHours(5)));
        Assert.Equal("calibrationEnd", error.ParamName);
    }

    [Fact]
    public void Undefined_enum_values_are_rejected()
    {
        Assert.Equal("timeUnit", Assert.Throws<ArgumentOutOfRangeException>(() => new ObservationWindow(Jan1, (TimeUnit)99)).ParamName);
        Assert.Equal("purchasePeriod", Assert.Throws<ArgumentOutOfRangeException>(() => new ObservationWindow(Jan1, TimeUnit.Days, (PurchasePeriod)99)).ParamName);
        Assert.Equal("order", Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerSummaryBuilder(new ObservationWindow(Jan1), (TransactionOrder)9)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => ((TimeUnit)99).Days());
    }

    [Fact]
    public void A_summary_built_by_hand_is_checked_for_consistency()
    {
        var window = new ObservationWindow(Jan1.AddDays(30));
        var ok = new CustomerSummary("a", window, Jan1, Jan1.AddDays(10), purchaseCount: 3, firstPurchaseRevenue: 5, repeatRevenue: 12, transactionCount: 4, costOfGoods: 3, transactionsWithCost: 1);
        Assert.Equal(2, ok.Frequency);
        Assert.Equal(6, ok.MonetaryValue);
        Assert.Equal(10, ok.Recency);
        Assert.Equal(30, ok.Age);

        Assert.Equal("lastPurchase", Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerSummary("a", window, Jan1, Jan1.AddDays(31), 2, 1, 1)).ParamName);
        Assert.Equal("lastPurchase", Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerSummary("a", window, Jan1.AddDays(2), Jan1, 2, 1, 1)).ParamName);
        // 12 purchases cannot fit in the 11 days from day 0 to day 10.
        Assert.Equal("purchaseCount", Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerSummary("a", window, Jan1, Jan1.AddDays(10), 12, 1, 1)).ParamName);
        Assert.Equal("purchaseCount", Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerSummary("a", window, Jan1, Jan1.AddDays(10), 1, 1, 0)).ParamName);
        Assert.Equal("purchaseCount", Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerSummary("a", window, Jan1, Jan1, 0, 1, 0)).ParamName);
        Assert.Equal("repeatRevenue", Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerSummary("a", window, Jan1, Jan1, 1, 1, 3)).ParamName);
        Assert.Equal("transactionCount", Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerSummary("a", window, Jan1, Jan1.AddDays(5), 3, 1, 1, transactionCount: 2)).ParamName);
        Assert.Equal("transactionsWithCost", Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerSummary("a", window, Jan1, Jan1, 1, 1, 0, costOfGoods: 1)).ParamName);
        Assert.Equal("costOfGoods", Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerSummary("a", window, Jan1, Jan1, 1, 1, 0, costOfGoods: -1)).ParamName);
        Assert.Equal("firstPurchaseRevenue", Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerSummary("a", window, Jan1, Jan1, 1, double.NaN, 0)).ParamName);
    }

    [Fact]
    public void A_collection_rejects_summaries_of_different_windows()
    {
        var one = new CustomerSummary("a", new ObservationWindow(Jan1.AddDays(30)), Jan1, Jan1, 1, 1, 0);
        var other = new CustomerSummary("b", new ObservationWindow(Jan1.AddDays(40)), Jan1, Jan1, 1, 1, 0);
        var error = Assert.Throws<ArgumentException>(() => new CustomerSummaryCollection([one, other]));
        Assert.Equal("summaries", error.ParamName);
        Assert.Contains("'b'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TimeUnit.Days, 1.0)]
    [InlineData(TimeUnit.Weeks, 7.0)]
    [InlineData(TimeUnit.Months, 30.4375)]
    [InlineData(TimeUnit.Quarters, 91.3125)]
    [InlineData(TimeUnit.Years, 365.25)]
    public void Time_units_have_their_documented_lengths(TimeUnit unit, double days)
    {
        Assert.Equal(days, unit.Days());
        Assert.Equal(1.0, unit.FromDays(days));
        Assert.Equal(days, unit.ToDays(1));
        Assert.Equal(2.0, unit.From(TimeSpan.FromDays(2 * days)), 12);
    }

    [Fact]
    public void Twelve_months_are_one_year()
    {
        Assert.Equal(1.0, TimeUnit.Months.ConvertTo(12, TimeUnit.Years), 15);
        Assert.Equal(52.17857142857143, TimeUnit.Years.ConvertTo(1, TimeUnit.Weeks), 12); // 365.25 / 7
    }
}
