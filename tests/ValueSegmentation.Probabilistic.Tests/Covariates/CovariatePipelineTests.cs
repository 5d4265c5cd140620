using ValueSegmentation.Probabilistic.Covariates;
using ValueSegmentation.Tests.TestData;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Tests.Covariates;

/// <summary>The pipeline with covariates: the models it fits are those of <see cref="CovariateModels"/> on the run's
/// customers, its measures are each customer's under the models of their covariates, a covariate is an axis, and the
/// options that cannot go with covariates are refused.</summary>
public sealed class CovariatePipelineTests
{
    private static readonly Lazy<(List<Transaction> Log, CustomerCovariates Covariates)> Cdnow1997 = new(() =>
    {
        var log = Cdnow.SampleTransactions().ToList();
        var firstBasket = log.GroupBy(t => t.CustomerId).Select(customer => KeyValuePair.Create(
            customer.Key, (IReadOnlyList<double>)[Math.Log(1 + customer.MinBy(t => t.Timestamp)!.Amount), customer.Key.Length % 2]));
        return (log, new CustomerCovariates(["first-basket", "odd-length-id"], firstBasket).Standardized("first-basket"));
    });

    [Fact]
    public void The_pipeline_fits_the_models_with_covariates_and_values_each_customer_under_their_own()
    {
        var (log, covariates) = Cdnow1997.Value;
        var options = new ProbabilisticModelOptions { DropoutCovariates = [], SpendCovariates = ["first-basket"], Margin = 0.3 };
        var result = new SegmentationPipelineBuilder()
            .AddProbabilisticModels(covariates, options)
            .Configure(o => (o.ObservationEnd, o.CalibrationEnd, o.ValueMeasure, o.LoyaltyMeasure) = (Cdnow.End, Cdnow.CalibrationEnd, "clv", "p-alive"))
            .Build()
            .Run(log);

        // The models are those a direct fit on the run's customers gives.
        var models = result.ProbabilisticModels()!;
        var transactions = CovariateModels.FitTransactions(TransactionModelKind.BgNbd, result.Customers, covariates, dropoutCovariates: []);
        var spend = CovariateModels.FitSpend(result.Customers, covariates.Select("first-basket"), NonPositiveSpend.Exclude);
        Assert.Equal(transactions.FitResult.Parameters, models.TransactionCovariates!.FitResult.Parameters);
        Assert.Equal(["r", "alpha", "a", "b", "alpha:first-basket", "alpha:odd-length-id"], models.TransactionCovariates.FitResult.ParameterNames);
        Assert.Equal(spend.FitResult.Parameters, models.SpendCovariates!.FitResult.Parameters);
        Assert.Equal(((BgNbdModel)transactions.Baseline).Parameters, ((BgNbdModel)models.TransactionModel).Parameters);
        Assert.Contains(models.Notes, note => note.StartsWith("BG/NBD covariates: likelihood ratio", StringComparison.Ordinal));

        // Each customer's value and P(alive) are those of the models of their covariates.
        var clv = new CovariateLifetimeValue(transactions, spend, covariates, TimeUnit.Months, 0.01, 36, 0.3);
        double[] values = result.Customers.ValuesOf(result.Value).ToArray();
        var loyalty = result.Customers.ValuesOf(result.Loyalty!);
        foreach (int i in new[] { 0, 1, 500, 2356 })
        {
            var customer = result.Customers[i];
            Assert.Equal(clv.Evaluate(customer), values[i], 1e-12);
            Assert.Equal(transactions.ModelFor(covariates, customer.CustomerId).ProbabilityAlive(customer), loyalty[i], 1e-12);
        }

        // Customers with a larger first basket are worth more: their mean value is above the others'.
        var large = Enumerable.Range(0, result.Customers.Count).Where(i => covariates[result.Customers[i].CustomerId][0] > 1).Select(i => values[i]).Average();
        var small = Enumerable.Range(0, result.Customers.Count).Where(i => covariates[result.Customers[i].CustomerId][0] < -1).Select(i => values[i]).Average();
        Assert.True(large > 2 * small, $"{large} vs {small}");

        // A run with covariates cannot be saved yet: the snapshot says so.
        Assert.Contains("covariates", Assert.Throws<NotSupportedException>(() => result.ToSnapshot()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pareto_nbd_with_covariates_and_a_spend_model_without_them()
    {
        var (log, covariates) = Cdnow1997.Value;
        var result = new SegmentationPipelineBuilder()
            .AddProbabilisticModels(covariates, new ProbabilisticModelOptions { TransactionModel = TransactionModelKind.ParetoNbd, PurchaseCovariates = ["first-basket"], DropoutCovariates = ["first-basket"], SpendCovariates = [] })
            .Configure(o => (o.ObservationEnd, o.CalibrationEnd, o.ValueMeasure) = (Cdnow.End, Cdnow.CalibrationEnd, "clv"))
            .Build()
            .Run(log);
        var models = result.ProbabilisticModels()!;
        Assert.IsType<ParetoNbdModel>(models.TransactionModel);
        Assert.Equal(["alpha:first-basket", "beta:first-basket"], models.TransactionCovariates!.FitResult.ParameterNames.Skip(4));

        // No spend covariates: every customer has the plain Gamma-Gamma, which is the direct fit.
        Assert.Empty(models.SpendCovariates!.Effects);
        var plain = GammaGammaModel.Fit(SpendData.FromSummaries(result.Customers, NonPositiveSpend.Exclude));
        Assert.Equal(plain.Parameters, models.SpendModel!.Parameters);
        Assert.Equal(plain.Parameters, models.SpendCovariates.ModelFor(covariates, result.Customers[3].CustomerId).Parameters);
        var clv = new CovariateLifetimeValue(models.TransactionCovariates, models.SpendCovariates, covariates, TimeUnit.Months, 0.01, 36);
        Assert.Equal(clv.Evaluate(result.Customers[3]), result.Customers.ValuesOf(result.Value)[3], 1e-12);
    }

    [Fact]
    public void A_covariate_is_an_axis_to_segment_on()
    {
        var (log, covariates) = Cdnow1997.Value;
        var result = new SegmentationPipelineBuilder()
            .AddMeasure("first-basket", covariates.Measure("first-basket"))
            .Configure(o => (o.ObservationEnd, o.ValueMeasure, o.Method) = (Cdnow.End, "first-basket", SegmentationMethod.Percentiles))
            .Build()
            .Run(log);
        var values = result.Customers.ValuesOf(result.Value);
        Assert.Equal(covariates[result.Customers[7].CustomerId][0], values[7]);
        Assert.Equal(result.Customers.Count, result.Segments.Counts.Sum());
    }

    [Fact]
    public void Options_that_cannot_go_with_covariates_and_customers_without_covariates_are_refused()
    {
        var (log, covariates) = Cdnow1997.Value;
        var unknown = Assert.Throws<InvalidOptionException>(() => new SegmentationPipelineBuilder().AddProbabilisticModels(covariates, new ProbabilisticModelOptions { PurchaseCovariates = ["channel"] }));
        Assert.Contains("PurchaseCovariates", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("not a covariate", unknown.Message, StringComparison.Ordinal);
        var known = Assert.Throws<InvalidOptionException>(() => new SegmentationPipelineBuilder().AddProbabilisticModels(covariates, new ProbabilisticModelOptions { TransactionParameters = new Dictionary<string, double> { ["r"] = 1, ["alpha"] = 1, ["a"] = 1, ["b"] = 1 } }));
        Assert.Contains("cannot be combined with covariates", known.Message, StringComparison.Ordinal);

        var without = Assert.Throws<InvalidOptionException>(() => new SegmentationPipelineBuilder().AddProbabilisticModels(new ProbabilisticModelOptions { SpendCovariates = ["first-basket"] }));
        Assert.Equal("ProbabilisticModelOptions.SpendCovariates", without.OptionName);
        Assert.Contains("none are given", without.Message, StringComparison.Ordinal);

        var some = covariates.Select("first-basket");
        var partial = new CustomerCovariates(["first-basket"], some.CustomerIds.Where(id => id != "17").Select(id => KeyValuePair.Create(id, some[id])));
        var pipeline = new SegmentationPipelineBuilder().AddProbabilisticModels(partial).Configure(o => o.ObservationEnd = Cdnow.End).Build();
        var missing = Assert.ThrowsAny<Exception>(() => pipeline.Run(log));
        Assert.Contains("Customer '17' has no covariates", (missing.InnerException ?? missing).Message, StringComparison.Ordinal);
    }
}
