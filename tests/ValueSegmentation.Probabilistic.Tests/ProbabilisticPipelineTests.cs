using ValueSegmentation.Tests.TestData;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>The probabilistic models plugged into the pipeline by <c>AddProbabilisticModels</c>.</summary>
public sealed class ProbabilisticPipelineTests
{
    private static SegmentationPipelineBuilder CdnowPipeline() => new SegmentationPipelineBuilder().Configure(o =>
    {
        o.ObservationEnd = Cdnow.End;
        o.CalibrationEnd = Cdnow.CalibrationEnd;
        o.TimeUnit = TimeUnit.Weeks;
    });

    [Fact]
    public void Known_parameters_are_used_instead_of_a_fit()
    {
        // The published BG/NBD estimates on CDNOW (Fader, Hardie & Lee 2005) and Gamma-Gamma estimates (Fader, Hardie &
        // Lee 2005b, "RFM and CLV", p = 6.25, q = 3.74, γ = 15.44): the run takes them as they are.
        var options = new ProbabilisticModelOptions
        {
            TransactionParameters = new Dictionary<string, double> { ["r"] = 0.243, ["alpha"] = 4.414, ["a"] = 0.793, ["b"] = 2.426 },
            SpendParameters = new Dictionary<string, double> { ["p"] = 6.25, ["q"] = 3.74, ["gamma"] = 15.44 },
        };
        var result = CdnowPipeline().Configure(o => o.ValueMeasure = ProbabilisticMeasureNames.LifetimeValue).AddProbabilisticModels(options).Build().Run(Cdnow.SampleTransactions());

        var models = result.ProbabilisticModels()!;
        Assert.Null(models.TransactionModel.FitResult);
        Assert.Null(models.SpendModel!.FitResult);
        Assert.Equal(new BgNbdParameters(0.243, 4.414, 0.793, 2.426), Assert.IsType<BgNbdModel>(models.TransactionModel).Parameters);
        Assert.Equal(new GammaGammaParameters(6.25, 3.74, 15.44), models.SpendModel.Parameters);
        Assert.Equal(TimeUnit.Weeks, models.TransactionModel.TimeUnit);

        var unknown = Assert.Throws<InvalidOptionException>(() => new SegmentationPipelineBuilder().AddProbabilisticModels(new ProbabilisticModelOptions
        {
            TransactionModel = TransactionModelKind.ParetoNbd,
            TransactionParameters = new Dictionary<string, double> { ["r"] = 0.55, ["alpha"] = 10.6, ["a"] = 0.6, ["beta"] = 11.7 },
        }));
        Assert.Equal("ProbabilisticModelOptions.TransactionParameters:s", unknown.OptionName);
        var negative = Assert.Throws<InvalidOptionException>(() => new SegmentationPipelineBuilder().AddProbabilisticModels(new ProbabilisticModelOptions
        {
            SpendParameters = new Dictionary<string, double> { ["p"] = 6.25, ["q"] = -3.74, ["gamma"] = 15.44 },
        }));
        Assert.Equal("ProbabilisticModelOptions.SpendParameters:q", negative.OptionName);
        Assert.Contains("-3.74", negative.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pipeline_fits_bg_nbd_and_gamma_gamma_and_segments_on_their_lifetime_value()
    {
        var result = CdnowPipeline()
            .Configure(o => (o.ValueMeasure, o.LoyaltyMeasure) = (ProbabilisticMeasureNames.LifetimeValue, ProbabilisticMeasureNames.ProbabilityAlive))
            .AddProbabilisticModels(new ProbabilisticModelOptions { Period = TimeUnit.Months, DiscountRate = 0.01, HorizonPeriods = 36, Margin = 0.3 })
            .Build()
            .Run(Cdnow.SampleTransactions());

        // The models are those a direct fit on the same summaries gives: the published BG/NBD estimates (data/README.md).
        var models = result.ProbabilisticModels()!;
        var bgNbd = Assert.IsType<BgNbdModel>(models.TransactionModel);
        Assert.Equal(0.243, bgNbd.Parameters.R, 3);
        Assert.Equal(4.414, bgNbd.Parameters.Alpha, 3);
        Assert.Equal(0.793, bgNbd.Parameters.A, 3);
        Assert.Equal(2.426, bgNbd.Parameters.B, 3);
        var spend = GammaGammaModel.Fit(SpendData.FromSummaries(result.Customers, NonPositiveSpend.Exclude));
        Assert.Equal(spend.Parameters, models.SpendModel!.Parameters);

        // The value axis is that lifetime value, evaluated through the batch path, and the tiers cut it.
        var direct = new ProbabilisticLifetimeValue(bgNbd, models.SpendModel, TimeUnit.Months, 0.01, 36, 0.3);
        Assert.Equal("CLV (36 months at 1 %/month, margin 30 %)", result.Value.Name);
        var values = result.Customers.ValuesOf(result.Value);
        Assert.Equal(direct.Evaluate(result.Customers[0]), values[0], 1e-12);
        Assert.Equal(result.Customers.Count, result.Segments.Counts.Sum());
        Assert.Equal("P(alive)", result.Loyalty!.Name);
        Assert.Same(models, result.FittedMeasures.Single());
        Assert.All(result.Report.Rows, row => Assert.InRange(row.MeanLoyalty!.Value, 0, 1));
    }

    [Fact]
    public void The_quadrant_on_pareto_nbd_value_and_p_alive_runs_from_plain_options()
    {
        var options = new SegmentationOptions
        {
            ObservationEnd = Cdnow.End,
            CalibrationEnd = Cdnow.CalibrationEnd,
            Method = SegmentationMethod.Quadrant,
            ValueMeasure = "clv",
            LoyaltyMeasure = "p-alive",
        };
        var result = new SegmentationPipelineBuilder(options)
            .AddProbabilisticModels(new ProbabilisticModelOptions { TransactionModel = TransactionModelKind.ParetoNbd, HorizonPeriods = null })
            .Build()
            .Run(Cdnow.SampleTransactions());
        Assert.IsType<ParetoNbdModel>(result.ProbabilisticModels()!.TransactionModel);
        Assert.All(result.Segments.Counts, count => Assert.True(count > 0));
        Assert.Equal("CLV (lifetime at 1 %/month)", result.Value.Name);
    }

    [Fact]
    public void Invalid_model_options_fail_when_they_are_added_and_name_the_option()
    {
        static string Fails(ProbabilisticModelOptions options) =>
            Assert.Throws<InvalidOptionException>(() => new SegmentationPipelineBuilder().AddProbabilisticModels(options)).OptionName;

        Assert.Equal("ProbabilisticModelOptions.DiscountRate", Fails(new ProbabilisticModelOptions { DiscountRate = 0, HorizonPeriods = null }));
        Assert.Equal("ProbabilisticModelOptions.Margin", Fails(new ProbabilisticModelOptions { Margin = 2 }));
        Assert.Equal("ProbabilisticModelOptions.TransactionModel", Fails(new ProbabilisticModelOptions { TransactionModel = (TransactionModelKind)9 }));
        Assert.Equal("ProbabilisticModelOptions.HorizonPeriods", Fails(new ProbabilisticModelOptions { HorizonPeriods = -1 }));
        Assert.Throws<ArgumentException>(() => new SegmentationPipelineBuilder().AddProbabilisticModels().AddProbabilisticModels());
    }

    [Fact]
    public void Without_repeat_spend_there_is_no_lifetime_value_and_the_run_says_why()
    {
        var oneTimers = Enumerable.Range(0, 50)
            .Select(i => CustomerSummary.FromNumbers(i.ToString(System.Globalization.CultureInfo.InvariantCulture), i % 3, i % 3 == 0 ? 0 : 5, 10 + (i % 7), TimeUnit.Weeks))
            .ToArray();
        var pipeline = new SegmentationPipelineBuilder().AddProbabilisticModels();
        var result = pipeline.Configure(o => o.ValueMeasure = "p-alive").Build().Run(oneTimers);
        Assert.Null(result.ProbabilisticModels()!.SpendModel);
        Assert.Contains(result.Notes, n => n.Contains("no spend model", StringComparison.Ordinal));

        var clv = Assert.Throws<InvalidOperationException>(() => pipeline.Configure(o => o.ValueMeasure = "clv").Build().Run(oneTimers));
        Assert.Contains("no customer has a repeat purchase with positive spend", clv.Message, StringComparison.Ordinal);
    }
}
