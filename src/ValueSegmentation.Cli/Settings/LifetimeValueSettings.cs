using System.ComponentModel;
using Spectre.Console.Cli;

namespace ValueSegmentation.Cli.Settings;

/// <summary>The flags of a lifetime value: margin, discounting, horizons.</summary>
internal class LifetimeValueSettings : WindowSettings
{
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
}
