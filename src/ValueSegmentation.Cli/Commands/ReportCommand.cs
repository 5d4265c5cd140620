using Spectre.Console;
using ValueSegmentation.Cli.Output;
using ValueSegmentation.Cli.Report;
using ValueSegmentation.Cli.Settings;

namespace ValueSegmentation.Cli.Commands;

/// <summary><c>vseg report [transactions] -o report.html</c>: the analysis of <c>vseg analyze</c>, written as the HTML
/// report only.</summary>
internal sealed class ReportCommand(IAnsiConsole console, TimeProvider clock) : ToolCommand<AnalyzeSettings>(console)
{
    /// <inheritdoc/>
    protected override int Execute(AnalyzeSettings settings, OutputFormat format, CancellationToken cancellationToken)
    {
        string path = settings.Out ?? "report.html";
        var run = AnalyzeCommand.Analyze(Console, settings, format, Path.GetDirectoryName(Path.GetFullPath(path)), cancellationToken);
        using (var writer = OutputFiles.CreateText(path))
        {
            HtmlReport.Write(writer, run, clock.GetUtcNow());
        }

        var files = new List<string> { path };
        AddRejects(files, run.Input);
        if (format == OutputFormat.Json)
        {
            WriteJson(json =>
            {
                RunJson.WriteInput(json, "input", run.Input, run.Result.DroppedTransactions);
                RunJson.WriteFiles(json, files);
            });
        }
        else
        {
            RunTables.WriteInput(Console, run.Input, run.Result.DroppedTransactions);
            RunTables.WriteFiles(Console, files);
        }

        return ExitCode.Success;
    }
}
