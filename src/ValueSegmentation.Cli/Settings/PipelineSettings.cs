using System.ComponentModel;
using Spectre.Console.Cli;

namespace ValueSegmentation.Cli.Settings;

/// <summary>The segmentation strategy's flags, on top of the value model's: all the flags of the pipeline's options.</summary>
internal class PipelineSettings : ValueSettings
{
    [CommandOption("--strategy <STRATEGY>")]
    [Description("The segments: tiers (the default), quadrant, percentiles, pareto, rfm.")]
    [SettingKey("ValueSegmentation:Strategy", IsName = true)]
    public string? Strategy { get; init; }

    [CommandOption("--loyalty <MEASURE>")]
    [Description("The loyalty axis of the quadrant and the report (default: p-alive with a probabilistic model, else frequency).")]
    [SettingKey("ValueSegmentation:Loyalty")]
    public string? Loyalty { get; init; }

    [CommandOption("--shares <LIST>")]
    [Description("Comma-separated shares: tiers 0.2,0.3,0.5; percentiles 0.01,0.2; Pareto value shares 0.8,0.95.")]
    [SettingKey("ValueSegmentation:Shares", IsList = true)]
    public string? Shares { get; init; }

    [CommandOption("--minimums <LIST>")]
    [Description("Comma-separated fixed tier minimums, highest first, instead of shares.")]
    [SettingKey("ValueSegmentation:Minimums", IsList = true)]
    public string? Minimums { get; init; }

    [CommandOption("--value-cut <NUMBER>")]
    [Description("The quadrant's value cut (default: the median).")]
    [SettingKey("ValueSegmentation:ValueCut")]
    public string? ValueCut { get; init; }

    [CommandOption("--loyalty-cut <NUMBER>")]
    [Description("The quadrant's loyalty cut (default: the median).")]
    [SettingKey("ValueSegmentation:LoyaltyCut")]
    public string? LoyaltyCut { get; init; }

    [CommandOption("--covariates <FILE>")]
    [Description("A CSV of the customers' time-invariant covariates (a customer table, or the log itself with covariate columns): the probabilistic models are fitted with them. Name the columns with --covariate and --categorical.")]
    [SettingKey("Input:CovariatesFile")]
    public string? Covariates { get; init; }

    [CommandOption("--covariate <COLUMNS>")]
    [Description("Comma-separated numeric covariate columns of --covariates (standardise them first: 0 is the baseline customer).")]
    [SettingKey("Input:NumericCovariates", IsList = true)]
    public string? Covariate { get; init; }

    [CommandOption("--categorical <COLUMN=REFERENCE>")]
    [Description("Comma-separated categorical covariate columns of --covariates, each with its reference level: channel=store,region=north.")]
    [SettingKey("Input:CategoricalCovariates", IsList = true)]
    public string? Categorical { get; init; }

    [CommandOption("--purchase-covariates <LIST>")]
    [Description("The covariates acting on the purchase rate (default: all).")]
    [SettingKey("ValueSegmentation:PurchaseCovariates", IsList = true)]
    public string? PurchaseCovariates { get; init; }

    [CommandOption("--dropout-covariates <LIST>")]
    [Description("The covariates acting on dropout (default: all).")]
    [SettingKey("ValueSegmentation:DropoutCovariates", IsList = true)]
    public string? DropoutCovariates { get; init; }

    [CommandOption("--spend-covariates <LIST>")]
    [Description("The covariates acting on the mean spend (default: all).")]
    [SettingKey("ValueSegmentation:SpendCovariates", IsList = true)]
    public string? SpendCovariates { get; init; }

    [CommandOption("--segment-names <LIST>")]
    [Description("Comma-separated names for the segments, highest first.")]
    [SettingKey("ValueSegmentation:SegmentNames", IsList = true)]
    public string? SegmentNames { get; init; }
}
