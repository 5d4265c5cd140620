using System.ComponentModel;
using Spectre.Console.Cli;

namespace ValueSegmentation.Cli.Settings;

/// <summary>The value model and the segmentation strategy: the flags of the pipeline's options.</summary>
internal class PipelineSettings : WindowSettings
{
    [CommandOption("--model <MODEL>")]
    [Description("The value: bg-nbd (BG/NBD + Gamma-Gamma lifetime value, the default), mbg-nbd, pareto-nbd, simple-lifetime-value, retention-lifetime-value, revenue, gross-profit, profit.")]
    [SettingKey("ValueSegmentation:ValueModel", IsName = true)]
    public string? Model { get; init; }

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

    [CommandOption("--segment-names <LIST>")]
    [Description("Comma-separated names for the segments, highest first.")]
    [SettingKey("ValueSegmentation:SegmentNames", IsList = true)]
    public string? SegmentNames { get; init; }

    [CommandOption("--margin <SHARE>")]
    [Description("Gross margin applied to spend in lifetime values: above 0, at most 1 (the default).")]
    [SettingKey("ValueSegmentation:Margin")]
    public string? Margin { get; init; }

    [CommandOption("--discount-rate <RATE>")]
    [Description("Discount rate per --discount-period (default 0.01).")]
    [SettingKey("ValueSegmentation:DiscountRate")]
    public string? DiscountRate { get; init; }

    [CommandOption("--discount-period <UNIT>")]
    [Description("The period of the discount rate and the horizon: months (the default), weeks, years.")]
    [SettingKey("ValueSegmentation:DiscountPeriod", IsName = true)]
    public string? DiscountPeriod { get; init; }

    [CommandOption("--horizon <PERIODS>")]
    [Description("Lifetime-value horizon in discount periods (default 36).")]
    [SettingKey("ValueSegmentation:HorizonPeriods")]
    public string? Horizon { get; init; }

    [CommandOption("--purchases-horizon <PERIODS>")]
    [Description("The expected-purchases measure looks this many discount periods ahead (default 12).")]
    [SettingKey("ValueSegmentation:ExpectedPurchasesPeriods")]
    public string? PurchasesHorizon { get; init; }

    [CommandOption("--lifespan-years <YEARS>")]
    [Description("Expected lifespan of the simple lifetime value (default 3).")]
    [SettingKey("ValueSegmentation:LifespanYears")]
    public string? LifespanYears { get; init; }

    [CommandOption("--retention-rate <RATE>")]
    [Description("Retention rate per period of the retention lifetime value (default 0.8).")]
    [SettingKey("ValueSegmentation:RetentionRate")]
    public string? RetentionRate { get; init; }
}
