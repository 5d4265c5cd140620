using System.ComponentModel;
using Spectre.Console.Cli;

namespace ValueSegmentation.Cli.Settings;

/// <summary>The value model and its closed-form alternatives' flags.</summary>
internal class ValueSettings : LifetimeValueSettings
{
    [CommandOption("--model <MODEL>")]
    [Description("The value: bg-nbd (BG/NBD + Gamma-Gamma lifetime value, the default), mbg-nbd, pareto-nbd, simple-lifetime-value, retention-lifetime-value, revenue, gross-profit, profit.")]
    [SettingKey("ValueSegmentation:ValueModel", IsName = true)]
    public string? Model { get; init; }

    [CommandOption("--lifespan-years <YEARS>")]
    [Description("Expected lifespan of the simple lifetime value (default 3).")]
    [SettingKey("ValueSegmentation:LifespanYears")]
    public string? LifespanYears { get; init; }

    [CommandOption("--retention-rate <RATE>")]
    [Description("Retention rate per period of the retention lifetime value (default 0.8).")]
    [SettingKey("ValueSegmentation:RetentionRate")]
    public string? RetentionRate { get; init; }
}
