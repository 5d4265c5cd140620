using Spectre.Console;
using ValueSegmentation.Cli.Input;
using ValueSegmentation.Cli.Output;
using ValueSegmentation.Cli.Runs;
using ValueSegmentation.Cli.Settings;
using ValueSegmentation.Data;

namespace ValueSegmentation.Cli.Commands;

/// <summary><c>vseg segment STRATEGY [transactions] -o assignments.csv</c>: the pipeline with the given strategy; writes
/// each customer's segment and prints the segment report.</summary>
internal sealed class SegmentCommand(IAnsiConsole console) : ToolCommand<SegmentSettings>(console)
{
    /// <inheritdoc/>
    protected override int Execute(SegmentSettings settings, OutputFormat format, CancellationToken cancellationToken)
    {
        var configuration = Configure(settings, settings.Transactions ?? settings.Summaries, AnalyzeCommand.Defaults);
        string rejects = RejectsPath(configuration, settings.Transactions ?? settings.Summaries, null);
        var (input, result) = ProgressDisplay.Run(Console, format, (read, stages) =>
        {
            var input = settings.Summaries is null
                ? InputLoader.Load(settings.Transactions, configuration, rejects, read, cancellationToken)
                : InputLoader.Customers(settings.Transactions, settings.Summaries, configuration, rejects, read, cancellationToken).Input;
            var covariates = InputLoader.Covariates(configuration);
            if (covariates is not null)
            {
                InputLoader.RequireCovariates(input, covariates);
            }

            return (input, AnalysisRun.Run(AnalysisRun.PipelineFor(configuration, covariates?.Covariates).Build(), input, null, stages, cancellationToken));
        });
        string path = settings.Out ?? "assignments.csv";
        using (var writer = OutputFiles.CreateText(path))
        {
            ResultCsvWriter.WriteAssignments(writer, result.Segments);
        }

        var files = new List<string> { path };
        AddRejects(files, input);
        if (format == OutputFormat.Json)
        {
            WriteJson(json =>
            {
                RunJson.WriteInput(json, "input", input, result.DroppedTransactions);
                json.WriteString("value", result.Value.Name);
                RunJson.WriteSegments(json, result.Report);
                RunJson.WriteFiles(json, files);
            });
            return ExitCode.Success;
        }

        RunTables.WriteInput(Console, input, result.DroppedTransactions);
        RunTables.WriteSegments(Console, result);
        RunTables.WriteNotes(Console, result.Notes);
        RunTables.WriteFiles(Console, files);
        return ExitCode.Success;
    }
}
