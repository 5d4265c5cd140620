using System.Text.Json;
using ValueSegmentation.Tests.TestData;

namespace ValueSegmentation.Cli.Tests;

/// <summary>
/// <c>vseg analyze</c> end to end, in process: the embedded CDNOW sample with no arguments, its outputs, and the
/// settings (flags, a settings file) bound through the dependency-injection package's binder.
/// </summary>
public sealed class AnalyzeTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Analyze_without_arguments_fits_the_published_BG_NBD_on_the_embedded_sample()
    {
        var run = Vseg.Run("analyze", "--format", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;

        // The sample: 6,919 transactions of 2,357 customers, 4,814 purchases in the 39-week calibration period and
        // 1,882 repeat purchases in the 39-week holdout (Fader, Hardie & Lee 2005; the Probabilistic tests' data).
        Assert.Equal(6_919, root.GetProperty("input").GetProperty("rowsRead").GetInt64());
        Assert.Equal(0, root.GetProperty("input").GetProperty("rowsRejected").GetInt64());
        Assert.Equal(2_357, root.GetProperty("metrics").GetProperty("customers").GetInt32());
        Assert.Equal(1_882, root.GetProperty("metrics").GetProperty("holdoutPurchases").GetInt64());

        // Fader, Hardie & Lee (2005), "Counting your customers the easy way", section 5: r = 0.243, α = 4.414,
        // a = 0.793, b = 2.426, LL = −9582.4 — the values BgNbdTests pins for the library.
        var model = root.GetProperty("models").GetProperty("transactions");
        var parameters = model.GetProperty("parameters");
        Assert.Equal(0.243, parameters.GetProperty("r").GetDouble(), 3);
        Assert.Equal(4.414, parameters.GetProperty("alpha").GetDouble(), 3);
        Assert.Equal(0.793, parameters.GetProperty("a").GetDouble(), 3);
        Assert.Equal(2.426, parameters.GetProperty("b").GetDouble(), 3);
        Assert.Equal(-9582.4, model.GetProperty("logLikelihood").GetDouble(), 1);
        Assert.True(model.GetProperty("converged").GetBoolean());

        // The validation ran on the holdout: 1,882 actual holdout purchases (the total the tracking tests pin).
        var validation = root.GetProperty("validation");
        Assert.Equal(1_882, validation.GetProperty("purchases").GetProperty("totalActual").GetDouble());
        Assert.Equal(1_882, validation.GetProperty("tracking").GetProperty("holdoutActual").GetInt64());
        Assert.Equal(2_457, validation.GetProperty("tracking").GetProperty("calibrationActual").GetInt64());

        // Three value tiers on the lifetime value that partition the customers.
        var segments = root.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal(["Highest value", "Valuable", "Low value"], segments.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(2_357, segments.Sum(s => s.GetProperty("customers").GetInt32()));
        Assert.StartsWith("CLV", root.GetProperty("value").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_tables_print_the_fit_and_the_segments_with_their_rules_and_treatments()
    {
        var run = Vseg.Run("analyze");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("6,919 rows read = 6,919 used + 0 rejected", run.Output, StringComparison.Ordinal);
        Assert.Contains("log-likelihood -9582.43 on 2,357 customers", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"│ r\s+│\s+0\.2426 │", run.Output);
        Assert.Contains("Highest value: CLV (36 months at 1 %/month) ≥", run.Output, StringComparison.Ordinal);
        Assert.Contains("Retain at almost any cost", run.Output, StringComparison.Ordinal);
        Assert.Contains("Validation on the holdout period", run.Output, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Fact]
    public void Out_writes_the_customer_CSVs_the_JSON_summary_and_the_report()
    {
        var run = Vseg.Run("analyze", "--out", _folder.Path);
        Assert.True(run.ExitCode == 0, run.ToString());

        string[] customers = File.ReadAllLines(_folder["customers.csv"]);
        Assert.Equal("customer_id,value,p-alive,expected-purchases,expected-spend,clv", customers[0]);
        Assert.Equal(2_358, customers.Length);
        string[] assignments = File.ReadAllLines(_folder["assignments.csv"]);
        Assert.Equal("customer_id,segment,segment_rank", assignments[0]);
        Assert.Equal(2_357, assignments.Skip(1).Count(line => line.Contains(",Highest value,", StringComparison.Ordinal) || line.Contains(",Valuable,", StringComparison.Ordinal) || line.Contains(",Low value,", StringComparison.Ordinal)));

        // The value column is the CLV column: the measure the tiers cut.
        var first = customers[1].Split(',');
        Assert.Equal(first[1], first[5]);

        using var summary = JsonDocument.Parse(File.ReadAllText(_folder["summary.json"]));
        var files = summary.RootElement.GetProperty("files").EnumerateArray().Select(f => Path.GetFileName(f.GetString())).ToList();
        Assert.Equal(["customers.csv", "assignments.csv", "segments.csv", "report.html", "summary.json"], files);
        string html = File.ReadAllText(_folder["report.html"]);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        foreach (string chart in new[] { "lorenz", "value-loyalty", "segment-shares", "p-alive", "tracking", "holdout-frequency" })
        {
            Assert.Contains($"id=\"chart-{chart}\"><img", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal); // self-contained: nothing to fetch
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_choose_the_model_and_the_strategy_as_the_settings_of_a_service_do()
    {
        var run = Vseg.Run("analyze", "--model", "revenue", "--strategy", "pareto", "--shares", "0.8,0.95", "--segment-names", "A,B,C", "--format", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal("revenue", root.GetProperty("value").GetString());
        Assert.False(root.TryGetProperty("models", out _));
        Assert.Equal(["A", "B", "C"], root.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("name").GetString()));

        // Pareto classes: A holds the customers that bring the first 80 % of revenue.
        double revenueShareOfA = root.GetProperty("segments")[0].GetProperty("revenueShare").GetDouble();
        Assert.InRange(revenueShareOfA, 0.8, 0.85);
    }

    [Fact]
    public void A_settings_file_sets_what_flags_set_and_flags_override_it()
    {
        string settings = _folder.Write("settings.json", """
            {
              "ValueSegmentation": { "ValueModel": "Revenue", "Strategy": "Percentiles", "Shares": [ 0.01, 0.2, 0.5 ] },
              "Input": { "SkipInvalid": false }
            }
            """);

        var fromFile = Vseg.Run("analyze", "--settings", settings, "--format", "json");
        Assert.True(fromFile.ExitCode == 0, fromFile.ToString());
        using var file = JsonDocument.Parse(fromFile.Output);
        Assert.Equal(4, file.RootElement.GetProperty("segments").GetArrayLength()); // top 1 %, to 20 %, to 50 %, the rest

        // A list given by a flag replaces the file's list whole.
        var overridden = Vseg.Run("analyze", "--settings", settings, "--shares", "0.1", "--format", "json");
        Assert.True(overridden.ExitCode == 0, overridden.ToString());
        using var flags = JsonDocument.Parse(overridden.Output);
        Assert.Equal(2, flags.RootElement.GetProperty("segments").GetArrayLength());
    }

    [Fact]
    public void The_input_section_reads_a_semicolon_file_with_decimal_commas_and_day_first_dates()
    {
        // A German export: semicolons, decimal commas, dd.MM.yyyy dates and its own column names, all from the file.
        string log = _folder.Write("umsatz.csv", "Kunde;Datum;Umsatz\nk1;03.01.2025;12,50\nk1;17.02.2025;7,25\nk2;05.01.2025;100,00\nk3;06.01.2025;1,05\n");
        string settings = _folder.Write("vseg.json", """
            {
              "ValueSegmentation": { "ValueModel": "Revenue", "TimeUnit": "Days" },
              "Input": { "CustomerColumn": "Kunde", "TimestampColumn": "Datum", "AmountColumn": "Umsatz", "Culture": "de-DE", "DateFormat": "dd.MM.yyyy" }
            }
            """);
        var run = Vseg.Run("analyze", log, "--settings", settings, "--format", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var metrics = json.RootElement.GetProperty("metrics");
        Assert.Equal(3, metrics.GetProperty("customers").GetInt32());
        Assert.Equal(4, metrics.GetProperty("purchases").GetInt64());
        Assert.Equal(12.5 + 7.25 + 100 + 1.05, metrics.GetProperty("revenue").GetDouble(), 12);
        Assert.Equal("2025-02-17T00:00:00+00:00", json.RootElement.GetProperty("window").GetProperty("end").GetString());
    }

    [Fact]
    public void The_duckdb_engine_refuses_a_column_the_file_lacks_as_bad_input()
    {
        string log = _folder.Write("orders.csv", "customer_id,date,amount\na,2024-01-05,10\n");
        var run = Vseg.Run("analyze", log, "--engine", "duckdb", "--observation-end", "2024-12-31", "--amount-column", "revenue", "--model", "revenue");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("revenue", run.Error, StringComparison.Ordinal);

        var noEnd = Vseg.Run("analyze", log, "--engine", "duckdb");
        Assert.Equal(2, noEnd.ExitCode);
        Assert.Contains("--engine duckdb needs --observation-end", noEnd.Error, StringComparison.Ordinal);

        // A flag the engine cannot honour is refused rather than ignored.
        var culture = Vseg.Run("analyze", log, "--engine", "duckdb", "--observation-end", "2024-12-31", "--culture", "de-DE");
        Assert.Equal(2, culture.ExitCode);
        Assert.Contains("--engine duckdb does not read --culture", culture.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_duckdb_engine_counts_rows_after_the_end_as_dropped_not_rejected()
    {
        string log = _folder.Write("orders.csv", "customer_id,date,amount\na,2024-01-05,10\na,2024-02-05,20\nb,2024-03-05,30\n");
        var refused = Vseg.Run("analyze", log, "--engine", "duckdb", "--observation-end", "2024-02-28", "--model", "revenue");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("1 rows are after --observation-end 2024-02-28", refused.Error, StringComparison.Ordinal);

        var dropped = Vseg.Run("analyze", log, "--engine", "duckdb", "--observation-end", "2024-02-28", "--after-end", "drop", "--model", "revenue", "--format", "json");
        Assert.True(dropped.ExitCode == 0, dropped.ToString());
        using var json = JsonDocument.Parse(dropped.Output);
        var input = json.RootElement.GetProperty("input");
        Assert.Equal((3L, 2L, 0L, 1L), (input.GetProperty("rowsRead").GetInt64(), input.GetProperty("rowsUsed").GetInt64(), input.GetProperty("rowsRejected").GetInt64(), input.GetProperty("rowsDroppedAfterEnd").GetInt64()));
    }

    [Fact]
    public void On_an_interactive_terminal_the_progress_display_runs_and_the_tables_follow()
    {
        var run = Vseg.RunInteractive("analyze", "--model", "revenue");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Reading", run.Output, StringComparison.Ordinal);
        Assert.Contains("Segments on revenue", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "analyze", "--margin", "2" }, "Margin = 2 is out of range")]
    [InlineData(new[] { "analyze", "--margin", "lots" }, "'lots' is not a finite number")]
    [InlineData(new[] { "analyze", "--strategy", "astrology" }, "'astrology' is not one of")]
    [InlineData(new[] { "analyze", "--observation-end", "31/12/2025" }, "is not a date")]
    [InlineData(new[] { "analyze", "--bogus" }, "Unknown option 'bogus'")]
    [InlineData(new[] { "analyse" }, "Unknown command 'analyse'")]
    [InlineData(new[] { "fit" }, "missing required argument 'model'")]
    [InlineData(new[] { "fit", "weibull" }, "'weibull' is not a model to fit")]
    [InlineData(new[] { "analyze", "--format", "xml" }, "--format: 'xml' is not table or json")]
    [InlineData(new[] { "analyze", "--culture", "xx-nowhere" }, "is not a known culture")]
    [InlineData(new[] { "analyze", "--settings", "no-such-settings.json" }, "does not exist")]
    public void Usage_errors_exit_with_2_and_say_what_is_wrong(string[] args, string message)
    {
        var run = Vseg.Run(args);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_command_the_tool_shows_its_commands()
    {
        var run = Vseg.Run();
        Assert.Contains("analyze", run.Output, StringComparison.Ordinal);
        Assert.Contains("migrate <old> <new>", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_argument_and_a_flag_that_disagree_are_a_usage_error()
    {
        var run = Vseg.Run("segment", "rfm", "--strategy", "tiers");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("given twice", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_names_with_markup_are_printed_as_text()
    {
        var run = Vseg.Run("analyze", "--model", "revenue", "--segment-names", "[red]Top[/],[bold]Mid,Low]");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("[red]Top[/]", run.Output, StringComparison.Ordinal);
        Assert.Contains("[bold]Mid", run.Output, StringComparison.Ordinal);
        Assert.Contains("Low]", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_previous_log_adds_the_migration_to_the_outputs_with_both_inputs_counted()
    {
        string old = _folder.Write("old.txt", string.Join("\n", File.ReadLines(Cdnow.PathOf("CDNOW_sample.txt"))
            .Where(line => string.CompareOrdinal(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[2], "19970930") <= 0)) + "\nbroken line\n");
        string layout = "--whitespace-separated --no-header --customer-column 1 --timestamp-column 2 --amount-column 4 --skip-invalid";
        var run = Vseg.Run(["analyze", "--previous", old, .. layout.Split(' '), "--model", "revenue", "--out", _folder["out"], "--format", "json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var previous = json.RootElement.GetProperty("previousInput");
        Assert.Equal(previous.GetProperty("rowsRead").GetInt64(), previous.GetProperty("rowsUsed").GetInt64() + 1);
        Assert.Equal(_folder["out/previous-rejects.csv"], previous.GetProperty("rejectsFile").GetString());
        Assert.Equal(2, File.ReadAllLines(_folder["out/previous-rejects.csv"]).Length); // the header and the broken line
        Assert.Equal(2_357, json.RootElement.GetProperty("migration").GetProperty("counts").EnumerateArray().Sum(row => row.EnumerateArray().Sum(c => c.GetInt32())));
        Assert.True(File.Exists(_folder["out/migration.csv"]));
        Assert.Contains("id=\"migration\"", File.ReadAllText(_folder["out/report.html"]), StringComparison.Ordinal);

        // summary.json is the document printed, and lists every file written.
        using var summary = JsonDocument.Parse(File.ReadAllText(_folder["out/summary.json"]));
        Assert.Equal(json.RootElement.GetProperty("files").ToString(), summary.RootElement.GetProperty("files").ToString());
        Assert.Contains(_folder["out/previous-rejects.csv"], summary.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
    }

    [Fact]
    public void A_settings_file_with_an_unknown_setting_is_a_usage_error_naming_it()
    {
        string settings = _folder.Write("settings.json", """{ "ValueSegmentation": { "Stratgy": "Rfm" } }""");
        var run = Vseg.Run("analyze", "--settings", settings);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'Stratgy' is not a setting of ValueSegmentation", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("analyze")]
    [InlineData("summarize")]
    [InlineData("fit")]
    [InlineData("predict")]
    [InlineData("segment")]
    [InlineData("migrate")]
    [InlineData("report")]
    public void Every_command_has_help_with_an_example(string command)
    {
        var run = Vseg.Run(command, "--help");
        Assert.True(run.ExitCode == 0, run.ToString());
        int examples = run.Output.IndexOf("EXAMPLES:", StringComparison.Ordinal);
        Assert.True(examples >= 0, run.Output);
        string section = run.Output[examples..run.Output.IndexOf("OPTIONS:", examples, StringComparison.Ordinal)];
        Assert.Matches($@"vseg {command} \S", section); // an example with arguments, not just the usage line
        Assert.Contains("--format", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_duckdb_engine_gives_the_summaries_of_the_memory_engine()
    {
        // The sample as a CSV with a header (DuckDB reads columns by name); both engines on the same window.
        string csv = _folder.Write("cdnow.csv", "customer_id,date,amount\n" + string.Join("\n", File.ReadLines(Cdnow.PathOf("CDNOW_sample.txt"))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(f => $"{f[1]},{f[2][..4]}-{f[2][4..6]}-{f[2][6..]},{f[4]}")) + "\n");
        string[] common = ["--model", "bg-nbd", "--observation-end", "1998-06-30", "--calibration-end", "1997-09-30", "--format", "json"];
        var memory = Vseg.Run(["analyze", csv, .. common]);
        var duck = Vseg.Run(["analyze", csv, "--engine", "duckdb", .. common]);
        Assert.True(memory.ExitCode == 0, memory.ToString());
        Assert.True(duck.ExitCode == 0, duck.ToString());
        using var a = JsonDocument.Parse(memory.Output);
        using var b = JsonDocument.Parse(duck.Output);
        Assert.Equal(6_919, b.RootElement.GetProperty("input").GetProperty("rowsRead").GetInt64());
        foreach (string figure in new[] { "customers", "purchases", "holdoutPurchases" })
        {
            Assert.Equal(a.RootElement.GetProperty("metrics").GetProperty(figure).GetInt64(), b.RootElement.GetProperty("metrics").GetProperty(figure).GetInt64());
        }

        Assert.Equal(a.RootElement.GetProperty("metrics").GetProperty("revenue").GetDouble(), b.RootElement.GetProperty("metrics").GetProperty("revenue").GetDouble(), 1e-6);
        double r(JsonDocument d) => d.RootElement.GetProperty("models").GetProperty("transactions").GetProperty("parameters").GetProperty("r").GetDouble();
        Assert.Equal(r(a), r(b), 9);
        Assert.False(b.RootElement.GetProperty("validation").TryGetProperty("tracking", out _)); // no log in memory, no tracking plot
    }

    [Fact]
    public void The_report_command_writes_only_the_report()
    {
        string path = _folder["r.html"];
        var run = Vseg.Run("report", "--model", "revenue", "-o", path);
        Assert.True(run.ExitCode == 0, run.ToString());
        string html = File.ReadAllText(path);
        Assert.Contains("made 2026-12-04 12:00 UTC by vseg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("chart-p-alive", html, StringComparison.Ordinal); // no model, no P(alive) heat map
        Assert.Single(Directory.GetFiles(_folder.Path));
    }
}
