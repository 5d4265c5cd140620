using System.Globalization;
using System.Text.Json;
using ValueSegmentation.Probabilistic;
using ValueSegmentation.Tests.TestData;

namespace ValueSegmentation.Cli.Tests;

/// <summary>The one-step commands, chained as a scheduled pipeline runs them: summarize → fit → predict; segment; migrate.</summary>
public sealed class StepCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Summarize_writes_the_published_CDNOW_summaries()
    {
        var run = Vseg.Run("summarize", "-o", _folder["summaries.csv"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"Repeat purchases Σx\s+│ 2,457", run.Output);

        // cdnow_customers_summary_with_transactions.csv (Fader & Hardie's calibration summaries: x, t_x, T in weeks)
        // against the file vseg wrote, customer by customer (the published file rounds t_x and T to two decimals); the
        // tool keeps the sample's zero-padded ids.
        var published = Cdnow.PublishedSummaries();
        var written = File.ReadLines(_folder["summaries.csv"]).ToList();
        var header = written[0].Split(',');
        int id = Array.IndexOf(header, "customer_id"), x = Array.IndexOf(header, "frequency"), tx = Array.IndexOf(header, "recency"), t = Array.IndexOf(header, "T");
        Assert.Equal(published.Count, written.Count - 1);
        foreach (string line in written.Skip(1))
        {
            var f = line.Split(',');
            var expected = published[int.Parse(f[id], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)];
            Assert.Equal(expected.Frequency, int.Parse(f[x], CultureInfo.InvariantCulture));
            Assert.Equal(expected.Recency, double.Parse(f[tx], CultureInfo.InvariantCulture), 0.005 + 1e-12);
            Assert.Equal(expected.Age, double.Parse(f[t], CultureInfo.InvariantCulture), 0.005 + 1e-12);
        }
    }

    [Fact]
    public void Fit_then_predict_from_the_saved_models_gives_the_libraries_predictions()
    {
        Assert.Equal(0, Vseg.Run("summarize", "-o", _folder["summaries.csv"]).ExitCode);
        var fit = Vseg.Run("fit", "bg-nbd", "--summaries", _folder["summaries.csv"], "-o", _folder["bg-nbd.json"], "--format", "json");
        Assert.True(fit.ExitCode == 0, fit.ToString());
        Assert.Equal(0, Vseg.Run("fit", "gamma-gamma", "--summaries", _folder["summaries.csv"], "-o", _folder["gamma-gamma.json"]).ExitCode);

        // The saved model is the published fit (FHL 2005: r = 0.243, α = 4.414, a = 0.793, b = 2.426) and loads back.
        var model = ModelJson.Deserialize<BgNbdModel>(File.ReadAllText(_folder["bg-nbd.json"]));
        Assert.Equal(0.243, model.Parameters.R, 3);
        Assert.Equal(2.426, model.Parameters.B, 3);
        using (var json = JsonDocument.Parse(fit.Output))
        {
            Assert.Equal(model.Parameters.Alpha, json.RootElement.GetProperty("model").GetProperty("parameters").GetProperty("alpha").GetDouble());
        }

        var predict = Vseg.Run("predict", _folder["bg-nbd.json"], "--summaries", _folder["summaries.csv"], "--spend-model", _folder["gamma-gamma.json"], "--purchases-horizon", "39", "--horizon", "52", "--discount-period", "weeks", "-o", _folder["predictions.csv"]);
        Assert.True(predict.ExitCode == 0, predict.ToString());
        var lines = File.ReadAllLines(_folder["predictions.csv"]);
        Assert.Equal("customer_id,p-alive,expected-purchases,expected-spend,clv", lines[0]);

        // Customer 1 of the sample (x = 2, t_x = 30.43, T = 38.86): E[Y(39)] = 1.226 in FHL 2005, section 5; P(alive) as
        // the library computes it from the summary row vseg wrote.
        var first = lines[1].Split(',');
        Assert.Equal("0001", first[0]);
        Assert.Equal(1.226, double.Parse(first[2], CultureInfo.InvariantCulture), 3);
        var header = File.ReadLines(_folder["summaries.csv"]).First().Split(',');
        var one = File.ReadLines(_folder["summaries.csv"]).Skip(1).First().Split(',');
        double Column(string name) => double.Parse(one[Array.IndexOf(header, name)], CultureInfo.InvariantCulture);
        Assert.Equal(model.ProbabilityAlive((int)Column("frequency"), Column("recency"), Column("T")), double.Parse(first[1], CultureInfo.InvariantCulture), 12);
    }

    [Fact]
    public void Segment_writes_every_customers_segment()
    {
        var run = Vseg.Run("segment", "rfm", "--model", "revenue", "-o", _folder["assignments.csv"], "--format", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var segments = json.RootElement.GetProperty("segments").EnumerateArray().ToList();
        var rows = File.ReadLines(_folder["assignments.csv"]).Skip(1).Select(line => line.Split(',')[1]).ToList();
        Assert.Equal(2_357, rows.Count);
        Assert.Equal(2_357, segments.Sum(s => s.GetProperty("customers").GetInt32()));
        foreach (var segment in segments)
        {
            Assert.Equal(segment.GetProperty("customers").GetInt32(), rows.Count(name => name == segment.GetProperty("name").GetString()));
        }
    }

    [Fact]
    public void Migrate_counts_who_moved_between_the_segments_of_two_snapshots()
    {
        // The sample to the end of the calibration period, then the whole sample: every customer of the first is in the
        // second (the cohort was acquired in the first quarter), so nobody is lost and nobody is new.
        string old = _folder.Write("old.txt", string.Join("\n", File.ReadLines(Cdnow.PathOf("CDNOW_sample.txt"))
            .Where(line => string.CompareOrdinal(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2], "19970930") <= 0)) + "\n");
        string layout = "--whitespace-separated --no-header --customer-column 1 --timestamp-column 2 --amount-column 4";
        var run = Vseg.Run(["migrate", old, Cdnow.PathOf("CDNOW_sample.txt"), .. layout.Split(' '), "--model", "revenue", "-o", _folder["migration.csv"], "--format", "json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var migration = json.RootElement.GetProperty("migration");
        var counts = migration.GetProperty("counts").EnumerateArray().Select(row => row.EnumerateArray().Select(c => c.GetInt32()).ToArray()).ToArray();
        Assert.Equal(2_357, counts.Sum(row => row.Sum()));
        Assert.All(migration.GetProperty("lost").EnumerateArray(), lost => Assert.Equal(0, lost.GetInt32()));
        Assert.All(migration.GetProperty("new").EnumerateArray(), added => Assert.Equal(0, added.GetInt32()));

        // Segments are ranked best first: rising stars are the counts below the diagonal (to a better segment), customers
        // at risk those above it.
        int up = 0, down = 0;
        for (int from = 0; from < counts.Length; from++)
        {
            for (int to = 0; to < counts.Length; to++)
            {
                (up, down) = to < from ? (up + counts[from][to], down) : to > from ? (up, down + counts[from][to]) : (up, down);
            }
        }

        Assert.Equal(up, migration.GetProperty("risingStars").GetInt32());
        Assert.Equal(down, migration.GetProperty("atRisk").GetInt32());
        var csv = File.ReadAllLines(_folder["migration.csv"]);
        Assert.Equal("from_segment,to_segment,customers,row_share", csv[0]);
        Assert.Equal(counts[0][0].ToString(CultureInfo.InvariantCulture), csv[1].Split(',')[2]);
    }
}
