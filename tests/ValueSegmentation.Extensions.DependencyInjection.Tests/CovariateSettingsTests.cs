using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ValueSegmentation.Tests.TestData;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Extensions.DependencyInjection.Tests;

/// <summary>Issue 16: covariate settings bound from configuration, validated at start, and mapped onto the pipeline with
/// the customers' covariates given in code.</summary>
public sealed class CovariateSettingsTests
{
    [Fact]
    public void Covariate_settings_bind_pass_start_validation_and_fit_the_models_with_the_covariates_given()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ValueSegmentation:ValueModel"] = "BgNbd",
            ["ValueSegmentation:ObservationEnd"] = "1998-06-30",
            ["ValueSegmentation:DropoutCovariates:0"] = "odd",
            ["ValueSegmentation:SpendCovariates"] = string.Empty,
        }).Build();
        using var provider = new ServiceCollection().AddValueSegmentation(configuration.GetSection("ValueSegmentation")).BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<ValueSegmentationOptions>>().Value; // validated: no covariates yet, no complaint
        Assert.Equal(["odd"], options.DropoutCovariates);
        Assert.Null(options.PurchaseCovariates);

        var log = Cdnow.SampleTransactions().ToList();
        var covariates = new CustomerCovariates(["odd", "first"], log.GroupBy(t => t.CustomerId).Select(c => KeyValuePair.Create(
            c.Key, (IReadOnlyList<double>)[int.Parse(c.Key, System.Globalization.CultureInfo.InvariantCulture) % 2, Math.Log(c.MinBy(t => t.Timestamp)!.Amount + 1)])));
        var result = options.ToPipelineBuilder(covariates).Build().Run(log);
        var models = result.ProbabilisticModels()!;
        Assert.Equal(["alpha:odd", "alpha:first", "a:odd", "b:odd"], models.TransactionCovariates!.FitResult.ParameterNames.Skip(4));
        Assert.Empty(models.SpendCovariates!.Effects); // an empty list: no spend covariates

        // Without covariates, a setting naming them is refused where the pipeline is built, naming the setting.
        var refused = Assert.Throws<InvalidOptionException>(() => options.ToPipelineBuilder());
        Assert.Equal("ProbabilisticModelOptions.DropoutCovariates", refused.OptionName);

        // The scorer assigns with a snapshot: it leaves the covariate settings out instead of failing.
        Assert.NotNull(provider.GetRequiredService<SegmentScorer>().Pipeline);

        // Covariates, or covariate settings, for a value model without a probabilistic model are refused.
        var simple = new ValueSegmentationOptions { ValueModel = ValueModel.SimpleLifetimeValue };
        Assert.Equal("ValueSegmentation:ValueModel", Assert.Throws<InvalidOptionException>(() => simple.ToPipelineBuilder(covariates)).OptionName);
        simple.SpendCovariates = ["odd"];
        Assert.Equal("ValueSegmentation:SpendCovariates", Assert.Throws<InvalidOptionException>(() => simple.ToPipelineBuilder()).OptionName);
    }
}
