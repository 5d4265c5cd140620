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
        var (input, result) = ProgressDisplay.Run(Console, format, (read, stages) =>
        {
            var (input, customers) = settings.Summaries is null
                ? (InputLoader.Load(settings.Transactions, configuration, read, cancellationToken), null)
                : InputLoader.Customers(null, settings.Summaries, configuration, read, cancellationToken);
            var pipeline = AnalysisRun.PipelineFor(configuration).Build();
            var result = customers is not null || input.Summaries is not null
                ? pipeline.Run(customers ?? input.Summaries!, null, stages, cancellationToken)
                : pipeline.Run(input.Transactions!, null, stages, cancellationToken);
            return (input, result);
        });
        WriteRejects(input, configuration, settings.Transactions, null);
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
                json.WriteStartArray("segments");
                for (int i = 0; i < result.Segments.Segments.Count; i++)
                {
                    var segment = result.Segments.Segments[i];
                    json.WriteStartObject();
                    json.WriteString("name", segment.Name);
                    json.WriteNumber("rank", segment.Rank);
                    json.WriteString("rule", segment.Rule);
                    json.WriteString("treatment", segment.Treatment);
                    json.WriteNumber("customers", result.Segments.Counts[i]);
                    json.WriteNumber("customerShare", result.Segments.ShareOf(i));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
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
