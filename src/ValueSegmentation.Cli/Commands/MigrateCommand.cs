using Spectre.Console;
using ValueSegmentation.Cli.Input;
using ValueSegmentation.Cli.Output;
using ValueSegmentation.Cli.Runs;
using ValueSegmentation.Cli.Settings;
using ValueSegmentation.Data;

namespace ValueSegmentation.Cli.Commands;

/// <summary><c>vseg migrate OLD NEW</c>: segments two snapshots of a log with the same settings and prints the
/// migration matrix — how many customers moved from each segment to each other, were lost, or are new.</summary>
internal sealed class MigrateCommand(IAnsiConsole console) : ToolCommand<MigrateSettings>(console)
{
    /// <inheritdoc/>
    protected override int Execute(MigrateSettings settings, OutputFormat format, CancellationToken cancellationToken)
    {
        var configuration = Configure(settings, settings.New, AnalyzeCommand.Defaults);
        var run = ProgressDisplay.Run(Console, format, (read, stages) =>
        {
            var before = InputLoader.Load(settings.Old, configuration, PreviousRejectsPath(settings.Old, null), null, cancellationToken);
            var after = InputLoader.Load(settings.New, configuration, RejectsPath(configuration, settings.New, null), read, cancellationToken);
            return AnalysisRun.Execute(after, configuration, before, stages, cancellationToken);
        });
        var migration = run.Result.Migration!;
        var files = new List<string>();
        if (settings.Out is { } path)
        {
            using var writer = OutputFiles.CreateText(path);
            ResultCsvWriter.WriteMigration(writer, migration);
            files.Add(path);
        }

        AddRejects(files, run.PreviousInput!);
        AddRejects(files, run.Input);
        if (format == OutputFormat.Json)
        {
            WriteJson(json =>
            {
                RunJson.WriteInput(json, "old", run.PreviousInput!, 0);
                RunJson.WriteInput(json, "new", run.Input, run.Result.DroppedTransactions);
                json.WriteString("value", run.Result.Value.Name);
                RunJson.WriteMigration(json, migration);
                RunJson.WriteFiles(json, files);
            });
            return ExitCode.Success;
        }

        RunTables.WriteInput(Console, run.PreviousInput!, 0);
        RunTables.WriteInput(Console, run.Input, run.Result.DroppedTransactions);
        RunTables.WriteMigration(Console, migration);
        RunTables.WriteFiles(Console, files);
        return ExitCode.Success;
    }
}
