using System.Globalization;
using System.Text.Json;
using ValueSegmentation.Tests.TestData;

namespace ValueSegmentation.Cli.Tests;

/// <summary>Issue 16: <c>vseg analyze --covariates</c> fits the models with the customers' covariates, read by the data
/// package, and shows the effects with the models.</summary>
public sealed class CovariateTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Analyze_with_the_first_basket_as_a_covariate_shows_its_effect_as_the_docs_example_does()
    {
        // The docs' worked example (docs/probabilistic-models.md): ln(1 + first purchase value), standardised, on the
        // embedded sample's calibration weeks: γ on the purchase rate 0.313 (BG/NBD), on the mean spend 0.275.
        var first = File.ReadLines(Cdnow.PathOf("CDNOW_sample.txt"))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .GroupBy(f => f[1])
            .Select(g => (Id: g.Key, Value: Math.Log(1 + double.Parse(g.OrderBy(f => f[2], StringComparer.Ordinal).First()[4], CultureInfo.InvariantCulture))))
            .ToList();
        double mean = first.Average(c => c.Value);
        double sd = Math.Sqrt(first.Average(c => (c.Value - mean) * (c.Value - mean)));
        string covariates = _folder.Write("customers.csv", "customer_id,first_basket\n" + string.Join("\n", first.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Id},{(c.Value - mean) / sd:R}"))));

        var run = Vseg.Run("analyze", "--covariates", covariates, "--covariate", "first_basket", "--format", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var models = json.RootElement.GetProperty("models");
        var transactions = models.GetProperty("transactions");
        Assert.Equal(0.313, Math.Round(transactions.GetProperty("parameters").GetProperty("alpha:first_basket").GetDouble(), 3));
        Assert.True(transactions.GetProperty("standardErrors").GetProperty("b:first_basket").GetDouble() > 0);
        Assert.Equal(0.275, Math.Round(models.GetProperty("spend").GetProperty("parameters").GetProperty("gamma:first_basket").GetDouble(), 3));
        var read = models.GetProperty("covariates");
        Assert.Equal((2_357, 2_357L, 0L), (read.GetProperty("customers").GetInt32(), read.GetProperty("rowsUsed").GetInt64(), read.GetProperty("rowsRejected").GetInt64()));

        // The holdout checks take one model for every customer: with covariates they do not run.
        Assert.False(json.RootElement.TryGetProperty("validation", out _));

        // The tables show the effects with the model.
        var tables = Vseg.Run("analyze", "--covariates", covariates, "--covariate", "first_basket", "--dropout-covariates", "first_basket", "--spend-covariates", "first_basket", "--out", _folder["out"]);
        Assert.True(tables.ExitCode == 0, tables.ToString());
        Assert.Contains("alpha:first_basket", tables.Output, StringComparison.Ordinal);
        Assert.Contains("alpha:first_basket = 0.3", File.ReadAllText(_folder["out/report.html"]), StringComparison.Ordinal);
        Assert.Contains("Covariates of 2,357 customers: first_basket;", tables.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Covariate_flags_that_do_not_go_together_are_usage_errors_and_a_bad_row_is_bad_input()
    {
        var alone = Vseg.Run("analyze", "--covariate", "first_basket");
        Assert.Equal(2, alone.ExitCode);
        Assert.Contains("--covariates", alone.Error, StringComparison.Ordinal);
        string covariates = _folder.Write("channels.csv", "customer_id,channel\n0001,web\n0002,store\n0003,\n");
        var noColumns = Vseg.Run("analyze", "--covariates", covariates);
        Assert.Equal(2, noColumns.ExitCode);
        var noReference = Vseg.Run("analyze", "--covariates", covariates, "--categorical", "channel");
        Assert.Equal(2, noReference.ExitCode);
        Assert.Contains("COLUMN=REFERENCE", noReference.Error, StringComparison.Ordinal);

        // Line 4 has no channel: the read stops there (bad input), naming the file, the line and the column.
        var bad = Vseg.Run("analyze", "--covariates", covariates, "--categorical", "channel=store");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("channels.csv", bad.Error, StringComparison.Ordinal);
        Assert.Contains("line 4", bad.Error, StringComparison.Ordinal);
        Assert.Equal(1, Vseg.Run("analyze", "--covariates", _folder["missing.csv"], "--covariate", "x").ExitCode);

        // With --skip-invalid the bad row goes to a rejects file beside the covariates, and customers without covariates
        // stop the run, naming one of them (every customer of the run needs covariates).
        var skipped = Vseg.Run("analyze", "--covariates", covariates, "--categorical", "channel=store", "--skip-invalid");
        Assert.Contains(",4,2,channel,", File.ReadAllText(covariates + ".rejects.csv"), StringComparison.Ordinal);
        Assert.Equal(1, skipped.ExitCode);
        Assert.Contains("2,355 customer(s) of CDNOW_sample.txt (embedded sample) have no covariates in --covariates ('0003'", skipped.Error, StringComparison.Ordinal);
    }
}
