using ValueSegmentation.Segmentation;
using ValueSegmentation.Tests.TestData;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>
/// Issue 9, finding 2: a customer whose first purchase is in the last purchase period has T = 0 (the builder makes such
/// summaries every day). The models are defined there: nothing has been observed since the first purchase, so the
/// conditional expectation is the unconditional one, E[Y(t) | 0, 0, 0] = E[X(t)], and P(alive) is the probability of
/// surviving the first purchase — 1 for BG/NBD and Pareto/NBD, whose customers can only drop out after a repeat
/// purchase or later in time, and b/(a + b) for MBG/NBD, where a customer may drop out at the first purchase
/// (Batislam, Denizel &amp; Filiztekin 2007, eq. for P(alive) with x = 0, T = 0).
/// </summary>
public sealed class NewCustomerTests
{
    private static readonly BgNbdParameters Cdnow39 = new(0.243, 4.414, 0.793, 2.426);

    public static TheoryData<string> Models => ["BG/NBD", "MBG/NBD", "Pareto/NBD"];

    private static RepeatPurchaseModel Model(string name) => name switch
    {
        "BG/NBD" => new BgNbdModel(Cdnow39, TimeUnit.Weeks),
        "MBG/NBD" => new MbgNbdModel(Cdnow39, TimeUnit.Weeks),
        _ => new ParetoNbdModel(new ParetoNbdParameters(0.553, 10.578, 0.606, 11.669), TimeUnit.Weeks),
    };

    /// <summary>Three customers observed to 30 June 2026 in weeks: one bought on the last day only (T = 0).</summary>
    private static CustomerSummaryCollection WithANewCustomer()
    {
        var builder = new CustomerSummaryBuilder(new ObservationWindow(new DateTimeOffset(2026, 6, 30, 23, 0, 0, TimeSpan.Zero), TimeUnit.Weeks, PurchasePeriod.Day));
        builder.AddRange(
        [
            new Transaction("old", new DateOnly(2026, 1, 5), 10),
            new Transaction("old", new DateOnly(2026, 3, 5), 10),
            new Transaction("new", new DateOnly(2026, 6, 30), 20),
            new Transaction("once", new DateOnly(2026, 2, 1), 5),
        ]);
        return builder.Build();
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void A_customer_first_seen_in_the_last_period_is_predicted_as_a_new_customer(string name)
    {
        var model = Model(name);
        var customers = WithANewCustomer();
        var newcomer = customers[customers.IndexOf("new")];
        Assert.Equal(0, newcomer.Age);

        double expectedAlive = model is MbgNbdModel ? Cdnow39.B / (Cdnow39.A + Cdnow39.B) : 1;
        Assert.Equal(expectedAlive, model.ProbabilityAlive(newcomer), 12);
        Assert.Equal(model.ExpectedPurchases(10), model.ConditionalExpectedPurchases(10, newcomer), 12);

        // The batch path (what the measures and the pipeline use) agrees, and the data accept the summaries.
        var alive = new double[customers.Count];
        model.ProbabilityAlive(customers.AsSpan(), alive);
        Assert.Equal(expectedAlive, alive[customers.IndexOf("new")], 12);
        Assert.Equal(3, RepeatPurchaseData.FromSummaries(customers).RowCount);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void A_base_with_new_customers_segments_on_a_model_axis(string name)
    {
        var segmented = SegmentedCustomers.FitAndAssign(new TieredStrategy(CustomerMeasure.ExpectedPurchases(Model(name), 39)), WithANewCustomer());
        Assert.Equal(3, segmented.Counts.Sum());
    }

    [Fact]
    public void The_pipeline_fits_and_values_a_log_whose_last_day_brings_new_customers()
    {
        // CDNOW's sample plus two customers whose first purchase is at the end of the window (its last day).
        var log = Cdnow.SampleTransactions()
            .Append(new Transaction("new-1", Cdnow.End, 30))
            .Append(new Transaction("new-2", Cdnow.End, 15));
        var result = new SegmentationPipelineBuilder()
            .Configure(o =>
            {
                o.ObservationEnd = Cdnow.End;
                o.TimeUnit = TimeUnit.Weeks;
            })
            .AddProbabilisticModels()
            .Build()
            .Run(log);
        var newcomer = result.Customers[result.Customers.IndexOf("new-1")];
        Assert.Equal(0, newcomer.Age);
        Assert.Equal(1, result.ProbabilisticModels()!.TransactionModel.ProbabilityAlive(newcomer));
        Assert.True(result.Customers.ValuesOf(result.Value)[result.Customers.IndexOf("new-1")] > 0);
    }
}
