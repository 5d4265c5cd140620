using ValueSegmentation.Persistence;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Tests.TestData;

namespace ValueSegmentation.Probabilistic.Tests.Persistence;

/// <summary>
/// Documents of format version 1, written on 2026-12-03 from the CDNOW sample's calibration period (39 weeks to
/// 1997-09-30) and kept byte for byte in Persistence/v1: every later version of the library must load them — their
/// content hashes must still match what it writes — and they must still assign as a fresh run does.
/// </summary>
public sealed class FormatVersion1Tests
{
    private static string Document(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Persistence", "v1", name));

    private static SegmentationPipeline Pipeline() => new SegmentationPipelineBuilder()
        .Configure(o => (o.ObservationEnd, o.ValueMeasure, o.LoyaltyMeasure) = (Cdnow.CalibrationEnd, ProbabilisticMeasureNames.LifetimeValue, ProbabilisticMeasureNames.ProbabilityAlive))
        .AddProbabilisticModels()
        .Build();

    private static List<Transaction> Calibration() => [.. Cdnow.SampleTransactions().Where(t => t.Timestamp <= Cdnow.CalibrationEnd)];

    [Fact]
    public void The_version_1_model_loads_with_the_published_bg_nbd_estimates_and_its_fit_report()
    {
        var model = ModelJson.Deserialize<BgNbdModel>(Document("cdnow-bg-nbd.model.json"));

        // Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way", CDNOW: r = 0.243, α = 4.414, a = 0.793,
        // b = 2.426, LL = −9582.4.
        var (r, alpha, a, b) = model.Parameters;
        Assert.Equal((0.243, 4.414, 0.793, 2.426), (Math.Round(r, 3), Math.Round(alpha, 3), Math.Round(a, 3), Math.Round(b, 3)));
        Assert.Equal(-9582.4, model.FitResult!.LogLikelihood, 1);
        Assert.True(model.FitResult.Convergence.Converged);
        Assert.Equal(4, model.FitResult.StandardErrors!.Count);
        Assert.Equal(TimeUnit.Weeks, model.TimeUnit);
    }

    [Fact]
    public void The_version_1_snapshot_loads_and_assigns_every_customer_as_a_fresh_run()
    {
        var fresh = Pipeline().Run(Calibration());

        var loaded = Pipeline().LoadSnapshot(Document("cdnow-clv-tiers.snapshot.json"));

        Assert.Equal("v1-golden", loaded.Version);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero), loaded.CreatedAt);
        Assert.Equal(fresh.Segmenter.Segments.Select(s => (s.Name, s.Rule, s.Treatment)), loaded.Segments.Select(s => (s.Name, s.Rule, s.Treatment)));
        for (int i = 0; i < fresh.Customers.Count; i++)
        {
            Assert.Equal(fresh.Segments.SegmentOf(i).Rank, loaded.Assign(fresh.Customers[i]).Rank);
        }

        Assert.Equal(fresh.Metrics, loaded.Metrics);
    }

    [Fact]
    public void The_version_1_segmenter_loads_and_assigns_every_customer_as_a_fresh_fit()
    {
        var customers = Pipeline().Run(Calibration()).Customers;
        var fresh = new RfmStrategy().Fit(customers);

        var loaded = SegmenterJson.Deserialize(Document("cdnow-rfm.segmenter.json"));

        Assert.Equal(fresh.Segments.Select(s => (s.Name, s.Rule)), loaded.Segments.Select(s => (s.Name, s.Rule)));
        Assert.All(customers, c => Assert.Equal(fresh.Assign(c).Rank, loaded.Assign(c).Rank));
    }
}
