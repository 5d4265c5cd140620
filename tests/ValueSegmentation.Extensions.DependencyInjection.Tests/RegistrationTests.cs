using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Tests.TestData;

namespace ValueSegmentation.Extensions.DependencyInjection.Tests;

/// <summary><c>AddValueSegmentation</c> in the real container, with real configuration and a real host.</summary>
public sealed class RegistrationTests
{
    private static IConfiguration Memory(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    [Fact]
    public void Registering_twice_adds_each_service_once_and_returns_the_collection_for_chaining()
    {
        var services = new ServiceCollection();

        var returned = services.AddValueSegmentation().AddValueSegmentation(o => o.Strategy = SegmentationMethod.Pareto);

        Assert.Same(services, returned);
        Assert.Single(services, d => d.ServiceType == typeof(SegmentScorer) && !d.IsKeyedService);
        Assert.Single(services, d => d.ServiceType == typeof(SegmentScorer) && d.IsKeyedService && Equals(d.ServiceKey, string.Empty));
        Assert.Equal(2, services.Count(d => d.ServiceType == typeof(IValidateOptions<ValueSegmentationOptions>)));
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var scorer = provider.GetRequiredService<SegmentScorer>();
        Assert.Same(scorer, provider.GetRequiredService<SegmentScorer>());
        Assert.Same(scorer, provider.GetRequiredKeyedService<SegmentScorer>(string.Empty));
        Assert.Equal(SegmentationMethod.Pareto, scorer.Pipeline.Options.Method);
    }

    [Fact]
    public void In_memory_configuration_binds_every_setting_and_maps_it_onto_the_pipeline()
    {
        var configuration = Memory(
            ("ValueSegmentation:TimeUnit", "days"),
            ("ValueSegmentation:PurchasePeriod", "Week"),
            ("ValueSegmentation:ObservationEnd", "1998-06-30"),
            ("ValueSegmentation:ValueModel", "ParetoNbd"),
            ("ValueSegmentation:ModelParameters:r", "0.55"),
            ("ValueSegmentation:ModelParameters:alpha", "74.1"),
            ("ValueSegmentation:ModelParameters:s", "0.61"),
            ("ValueSegmentation:ModelParameters:beta", "81.7"),
            ("ValueSegmentation:Margin", "0.3"),
            ("ValueSegmentation:DiscountRate", "0.1"),
            ("ValueSegmentation:DiscountPeriod", "Years"),
            ("ValueSegmentation:HorizonPeriods", "5"),
            ("ValueSegmentation:CostDrivers:orders", "1.5"),
            ("ValueSegmentation:Strategy", "Percentiles"),
            ("ValueSegmentation:Shares:0", "0.05"),
            ("ValueSegmentation:Shares:1", "0.25"),
            ("ValueSegmentation:SegmentNames:0", "Platinum"),
            ("ValueSegmentation:SegmentNames:1", "Gold"),
            ("ValueSegmentation:SegmentNames:2", "Standard"),
            ("ValueSegmentation:SegmentTreatments:0", "Call"),
            ("ValueSegmentation:SegmentTreatments:1", "Mail"),
            ("ValueSegmentation:SegmentTreatments:2", "Automate"),
            ("ValueSegmentation:WatchSnapshot", "false"));
        using var provider = new ServiceCollection().AddValueSegmentation(configuration.GetSection("ValueSegmentation")).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ValueSegmentationOptions>>().Value;
        Assert.Equal((TimeUnit.Days, PurchasePeriod.Week, ValueModel.ParetoNbd, 0.3, 0.1, TimeUnit.Years, (int?)5), (options.TimeUnit, options.PurchasePeriod, options.ValueModel, options.Margin, options.DiscountRate, options.DiscountPeriod, options.HorizonPeriods));
        Assert.Equal(new DateTimeOffset(1998, 6, 30, 0, 0, 0, TimeSpan.Zero), options.ObservationEnd);
        Assert.Equal(74.1, options.ModelParameters!["ALPHA"]);
        Assert.Equal([0.05, 0.25], options.Shares);
        Assert.False(options.WatchSnapshot);

        // The pipeline runs with those settings: the given Pareto/NBD parameters (not a fit), in days, named percentiles.
        var scorer = provider.GetRequiredService<SegmentScorer>();
        var result = scorer.Refit(Cdnow.SampleTransactions(), "2026-12-03");
        var models = result.ProbabilisticModels()!;
        Assert.Null(models.TransactionModel.FitResult);
        Assert.Equal(new Probabilistic.ParetoNbdParameters(0.55, 74.1, 0.61, 81.7), Assert.IsType<Probabilistic.ParetoNbdModel>(models.TransactionModel).Parameters);
        Assert.Equal(TimeUnit.Days, models.TransactionModel.TimeUnit);
        Assert.Equal(["Platinum", "Gold", "Standard"], result.Segmenter.Segments.Select(s => s.Name));
        Assert.Equal("Mail", result.Segmenter.Segments[1].Treatment);
        Assert.Equal(result.Report.Total.Revenue - (1.5 * result.Metrics.Purchases), result.Report.Total.Profit, 6);
        Assert.Equal("2026-12-03", scorer.Snapshot!.Version);
    }

    [Fact]
    public async Task A_json_settings_file_configures_the_default_and_the_named_segmentations_side_by_side()
    {
        string file = Path.Combine(Path.GetTempPath(), $"vseg-settings-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """
            {
              "ValueSegmentation": {
                "TimeUnit": "Weeks",
                "ValueModel": "Revenue",
                "Strategy": "Tiers",
                "Shares": [0.2, 0.3, 0.5],
                "SegmentNames": ["Gold", "Silver", "Bronze"],
                "Segmentations": {
                  "abc": { "Strategy": "Pareto", "SegmentNames": null, "Shares": null },
                  "lifetime": { "ValueModel": "BgNbd", "Strategy": "Quadrant", "SegmentNames": null, "Shares": null }
                }
              }
            }
            """);
        try
        {
            var configuration = new ConfigurationBuilder().AddJsonFile(file).Build();
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Services.AddValueSegmentation(configuration.GetSection("ValueSegmentation"));
            using var host = builder.Build();
            await host.StartAsync();

            var tiers = host.Services.GetRequiredService<SegmentScorer>();
            var abc = host.Services.GetRequiredKeyedService<SegmentScorer>("abc");
            var lifetime = host.Services.GetRequiredKeyedService<SegmentScorer>("lifetime");
            var log = Cdnow.SampleTransactions().ToList();
            Assert.Equal(["Gold", "Silver", "Bronze"], tiers.Refit(log).Segmenter.Segments.Select(s => s.Name));
            Assert.Equal(["A", "B", "C"], abc.Refit(log).Segmenter.Segments.Select(s => s.Name));
            var quadrant = Assert.IsType<QuadrantSegmenter>(lifetime.Refit(log).Segmenter);
            Assert.Equal(("clv", "p-alive"), (quadrant.Value.Name[..3].ToLowerInvariant(), lifetime.Pipeline.Options.LoyaltyMeasure));
            Assert.Equal("abc", abc.Name);
            await host.StopAsync();
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static TheoryData<string, string, string[]> BadSettings => new()
    {
        { "Margin", "3", ["Margin = 3 is out of range", "(0, 1]"] },
        { "DiscountRate", "-1.5", ["DiscountRate = -1.5 is out of range", "(-1, 100]"] },
        { "RetentionRate", "1.2", ["RetentionRate = 1.2", "[0, 1]"] },
        { "HorizonPeriods", "-2", ["HorizonPeriods = -2"] },
        { "Shares:0", "0.6", ["Shares", "Tiers need at least two shares, got 1"] },
        { "SegmentNames:0", "Only one", ["SegmentNames", "Expected 3 segment definitions (one per segment), got 1"] },
        { "Loyalty", "happiness", ["Loyalty", "'happiness' names no measure"] },
        { "ModelParameters:r", "0.2", ["ModelParameters", "no probabilistic model"] },
        { "CostDrivers:returns", "4", ["CostDrivers:returns", "'returns' is not a driver"] },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_fails_the_start_naming_the_setting_its_value_and_the_allowed_range(string key, string value, string[] expected)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddValueSegmentation(Memory((key, value)));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        foreach (string part in expected)
        {
            Assert.Contains(part, error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Colour", "red", "'Colour' is not a setting")]
    [InlineData("Margin", "a third", "'a third' is not a finite number")]
    [InlineData("Strategy", "Clusters", "'Clusters' is not one of Tiers")]
    [InlineData("TimeUnit", "3", "'3' is not one of")]
    [InlineData("ObservationEnd", "yesterday", "'yesterday' is not a date")]
    [InlineData("WatchSnapshot", "yes", "'yes' is not true or false")]
    public async Task A_key_that_is_not_a_setting_or_a_value_of_the_wrong_type_fails_the_start_naming_both(string key, string value, string expected)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddValueSegmentation(Memory(($"ValueSegmentation:{key}", value)).GetSection("ValueSegmentation"));
        using var host = builder.Build();

        // Read errors come with the range errors, in the one exception type of options validation.
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains($"ValueSegmentation:{key}: {expected}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_bad_setting_is_reported_at_once_and_a_named_segmentation_says_its_name()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddValueSegmentation(Memory(
            ("ValueSegmentation:Margin", "lots"),
            ("ValueSegmentation:Strategy", "Clusters"),
            ("ValueSegmentation:Segmentations:premium:Shares:0", "0.5"),
            ("ValueSegmentation:Segmentations:premium:Shares:2", "0.5")).GetSection("ValueSegmentation"));
        using var host = builder.Build();

        // The host reports each segmentation's failures (the default one's and "premium"'s) together.
        var error = await Assert.ThrowsAsync<AggregateException>(() => host.StartAsync());

        var failures = error.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures).ToList();
        Assert.Contains("ValueSegmentation:Margin: 'lots' is not a finite number (write it with a decimal point, for example 0.25).", failures);
        Assert.Contains(failures, f => f.StartsWith("ValueSegmentation:Strategy: 'Clusters'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Segmentation 'premium': ValueSegmentation:Segmentations:premium:Shares: expected a list", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_setting_of_the_options_can_be_read_from_configuration()
    {
        var settable = typeof(ValueSegmentationOptions).GetProperties().Where(p => p.SetMethod is { IsPublic: true }).Select(p => p.Name);

        Assert.Equal(settable.Order(StringComparer.Ordinal), ValueSegmentationConfiguration.SettingNames.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_named_segmentation_does_not_load_the_parents_snapshot()
    {
        string path = Path.Combine(Path.GetTempPath(), $"vseg-parent-{Guid.NewGuid():N}.json");
        var options = new ValueSegmentationOptions { ObservationEnd = Cdnow.End };
        await File.WriteAllTextAsync(path, options.ToPipelineBuilder().Build().Run(Cdnow.SampleTransactions()).ToSnapshot("parent").ToJson());
        try
        {
            var configuration = Memory(
                ("ValueSegmentation:SnapshotPath", path),
                ("ValueSegmentation:WatchSnapshot", "false"),
                ("ValueSegmentation:Segmentations:abc:Strategy", "Pareto"));
            using var provider = new ServiceCollection().AddValueSegmentation(configuration.GetSection("ValueSegmentation")).BuildServiceProvider();

            Assert.Equal("parent", provider.GetRequiredService<SegmentScorer>().Snapshot!.Version);
            Assert.Null(provider.GetRequiredKeyedService<SegmentScorer>("abc").Snapshot);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_snapshot_file_that_is_missing_fails_when_the_scorer_is_created()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddValueSegmentation(o => o.SnapshotPath = Path.Combine(Path.GetTempPath(), "no-such-snapshot.json"));
        using var host = builder.Build();
        await host.StartAsync();

        Assert.Throws<FileNotFoundException>(() => host.Services.GetRequiredService<SegmentScorer>());
    }
}
