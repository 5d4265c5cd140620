using Spectre.Console;
using ValueSegmentation.Cli.Input;
using ValueSegmentation.Cli.Output;
using ValueSegmentation.Cli.Report;
using ValueSegmentation.Cli.Runs;
using ValueSegmentation.Cli.Settings;
using ValueSegmentation.Data;

namespace ValueSegmentation.Cli.Commands;

/// <summary>
/// <c>vseg analyze [transactions]</c>: the whole job through the core's pipeline — summaries, metrics, the value model,
/// the strategy, the segment report, the concentration, the validation when a holdout is given — printed as tables
/// (or JSON), and with <c>--out</c> written as CSV files, a JSON summary and the HTML report.
/// </summary>
internal sealed class AnalyzeCommand(IAnsiConsole console, TimeProvider clock) : ToolCommand<AnalyzeSettings>(console)
{
    /// <summary>The tool's defaults below the settings file: BG/NBD + Gamma-Gamma lifetime value (a service's default
    /// is revenue, which needs no model).</summary>
    internal static IReadOnlyDictionary<string, string?> Defaults { get; } = new Dictionary<string, string?>
    {
        ["ValueSegmentation:ValueModel"] = nameof(Extensions.DependencyInjection.ValueModel.BgNbd),
    };

    /// <inheritdoc/>
    protected override int Execute(AnalyzeSettings settings, OutputFormat format, CancellationToken cancellationToken)
    {
        var run = Analyze(Console, settings, format, settings.Out, cancellationToken);
        var files = new List<string>();
        AddRejects(files, run.Input);
        if (run.PreviousInput is { } previous)
        {
            AddRejects(files, previous);
        }

        if (run.CovariateRejectsFile is { } covariateRejects)
        {
            files.Add(covariateRejects);
        }

        if (settings.Out is { } folder)
        {
            WriteFiles(run, folder, clock.GetUtcNow(), files);
        }

        if (format == OutputFormat.Json)
        {
            WriteJson(json => RunJson.Write(json, run, files));
        }
        else
        {
            RunTables.Write(Console, run, files);
        }

        return ExitCode.Success;
    }

    /// <summary>Reads the input(s) and runs the analysis, with a progress display on a terminal; writes the rejects
    /// (to --rejects, else into <paramref name="outputFolder"/>, else beside the input).</summary>
    internal static AnalysisRun Analyze(IAnsiConsole console, AnalyzeSettings settings, OutputFormat format, string? outputFolder, CancellationToken cancellationToken)
    {
        var configuration = Configure(settings, settings.Transactions, Defaults);
        return ProgressDisplay.Run(console, format, (read, stages) =>
        {
            var input = InputLoader.Load(settings.Transactions, configuration, RejectsPath(configuration, settings.Transactions, outputFolder), read, cancellationToken);
            var previous = settings.Previous is { } path ? InputLoader.Load(path, configuration, PreviousRejectsPath(path, outputFolder), null, cancellationToken) : null;
            return AnalysisRun.Execute(input, configuration, previous, stages, cancellationToken);
        });
    }

    /// <summary>Writes the output folder's files, adding each to <paramref name="files"/>; the JSON summary, written
    /// last, lists them all.</summary>
    private static void WriteFiles(AnalysisRun run, string folder, DateTimeOffset now, List<string> files)
    {
        var result = run.Result;
        string customers = Path.Combine(folder, "customers.csv");
        using (var writer = OutputFiles.CreateText(customers))
        {
            var measures = new List<KeyValuePair<string, Segmentation.CustomerMeasure>> { new("value", result.Value) };
            if (result.Loyalty is { } loyalty)
            {
                measures.Add(new("loyalty", loyalty));
            }

            if (run.Models is { } models)
            {
                string[] names = models.SpendModel is null
                    ? [ProbabilisticMeasureNames.ProbabilityAlive, ProbabilisticMeasureNames.ExpectedPurchases]
                    : [ProbabilisticMeasureNames.ProbabilityAlive, ProbabilisticMeasureNames.ExpectedPurchases, ProbabilisticMeasureNames.ExpectedSpend, ProbabilisticMeasureNames.LifetimeValue];
                measures.AddRange(names.Select(name => new KeyValuePair<string, Segmentation.CustomerMeasure>(name, models.GetMeasure(name))));
            }

            ResultCsvWriter.WriteValues(writer, result.Customers, measures);
        }

        string assignments = Path.Combine(folder, "assignments.csv");
        using (var writer = OutputFiles.CreateText(assignments))
        {
            ResultCsvWriter.WriteAssignments(writer, result.Segments);
        }

        string segments = Path.Combine(folder, "segments.csv");
        using (var writer = OutputFiles.CreateText(segments))
        {
            ResultCsvWriter.WriteSegmentReport(writer, result.Report);
        }

        files.AddRange([customers, assignments, segments]);
        if (result.Migration is { } migration)
        {
            string moves = Path.Combine(folder, "migration.csv");
            using var writer = OutputFiles.CreateText(moves);
            ResultCsvWriter.WriteMigration(writer, migration);
            files.Add(moves);
        }

        string report = Path.Combine(folder, "report.html");
        using (var writer = OutputFiles.CreateText(report))
        {
            HtmlReport.Write(writer, run, now);
        }

        files.Add(report);
        string summary = Path.Combine(folder, "summary.json");
        files.Add(summary);
        using (var writer = OutputFiles.CreateText(summary))
        {
            writer.Write(Json.Document(json => RunJson.Write(json, run, files)));
            writer.Write('\n');
        }
    }
}
