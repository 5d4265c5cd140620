using System.ComponentModel;
using Spectre.Console.Cli;

namespace ValueSegmentation.Cli.Settings;

#pragma warning disable SA1402, SA1649 // the flags of the one-step commands, together (each with its own arguments)

/// <summary>The flags of <c>vseg summarize</c>.</summary>
internal sealed class SummarizeSettings : WindowSettings
{
    [CommandArgument(0, "[transactions]")]
    [Description("The transaction log (default: the embedded CDNOW sample).")]
    public string? Transactions { get; init; }

    [CommandOption("--summaries <FILE>")]
    [Description("Read customer summaries (as vseg summarize writes them) instead of transactions.")]
    public string? Summaries { get; init; }

    [CommandOption("-o|--out <FILE>")]
    [Description("The output file.")]
    public string? Out { get; init; }
}

/// <summary>The flags of <c>vseg fit</c>.</summary>
internal sealed class FitSettings : WindowSettings
{
    [CommandArgument(0, "<model>")]
    [Description("bg-nbd, mbg-nbd, pareto-nbd (purchases) or gamma-gamma (spend).")]
    public string ModelName { get; init; } = string.Empty;

    [CommandArgument(1, "[transactions]")]
    [Description("The transaction log (default: the embedded CDNOW sample).")]
    public string? Transactions { get; init; }

    [CommandOption("--summaries <FILE>")]
    [Description("Read customer summaries (as vseg summarize writes them) instead of transactions.")]
    public string? Summaries { get; init; }

    [CommandOption("-o|--out <FILE>")]
    [Description("The output file.")]
    public string? Out { get; init; }
}

/// <summary>The flags of <c>vseg predict</c>.</summary>
internal sealed class PredictSettings : LifetimeValueSettings
{
    [CommandArgument(0, "<model>")]
    [Description("A saved purchase model (the JSON vseg fit writes).")]
    public string ModelFile { get; init; } = string.Empty;

    [CommandArgument(1, "[transactions]")]
    [Description("The transaction log (default: the embedded CDNOW sample).")]
    public string? Transactions { get; init; }

    [CommandOption("--spend-model <FILE>")]
    [Description("A saved Gamma-Gamma model: adds expected spend and lifetime value (--margin, --discount-rate, --discount-period, --horizon).")]
    public string? SpendModel { get; init; }

    [CommandOption("--summaries <FILE>")]
    [Description("Read customer summaries (as vseg summarize writes them) instead of transactions.")]
    public string? Summaries { get; init; }

    [CommandOption("-o|--out <FILE>")]
    [Description("The output file.")]
    public string? Out { get; init; }
}

/// <summary>The flags of <c>vseg segment</c>.</summary>
internal sealed class SegmentSettings : PipelineSettings
{
    [CommandArgument(0, "<strategy>")]
    [Description("tiers, quadrant, percentiles, pareto or rfm.")]
    [SettingKey("ValueSegmentation:Strategy", IsName = true)]
    public string StrategyName { get; init; } = string.Empty;

    [CommandArgument(1, "[transactions]")]
    [Description("The transaction log (default: the embedded CDNOW sample).")]
    public string? Transactions { get; init; }

    [CommandOption("--summaries <FILE>")]
    [Description("Read customer summaries (as vseg summarize writes them) instead of transactions.")]
    public string? Summaries { get; init; }

    [CommandOption("-o|--out <FILE>")]
    [Description("The output file.")]
    public string? Out { get; init; }
}

/// <summary>The flags of <c>vseg migrate</c>.</summary>
internal sealed class MigrateSettings : PipelineSettings
{
    [CommandArgument(0, "<old>")]
    [Description("The earlier transaction log (segmented to its own latest day).")]
    public string Old { get; init; } = string.Empty;

    [CommandArgument(1, "<new>")]
    [Description("The later transaction log.")]
    public string New { get; init; } = string.Empty;

    [CommandOption("-o|--out <FILE>")]
    [Description("The migration matrix as CSV.")]
    public string? Out { get; init; }
}
