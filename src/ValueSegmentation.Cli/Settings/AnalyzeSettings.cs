using System.ComponentModel;
using Spectre.Console.Cli;

namespace ValueSegmentation.Cli.Settings;

/// <summary>The flags of <c>vseg analyze</c> and <c>vseg report</c>.</summary>
internal sealed class AnalyzeSettings : PipelineSettings
{
    [CommandArgument(0, "[transactions]")]
    [Description("The transaction log (CSV; a glob of CSV or Parquet files with --engine duckdb). Without it: the CDNOW sample embedded in the tool.")]
    public string? Transactions { get; init; }

    [CommandOption("-o|--out <PATH>")]
    [Description("analyze: a folder for customers.csv, assignments.csv, segments.csv, summary.json and report.html. report: the HTML file (default report.html).")]
    public string? Out { get; init; }

    [CommandOption("--previous <FILE>")]
    [Description("An earlier transaction log (read with the same settings, to its own latest day): the report adds who moved between segments.")]
    public string? Previous { get; init; }
}
