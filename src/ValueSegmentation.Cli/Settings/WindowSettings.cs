using System.ComponentModel;
using Spectre.Console.Cli;

namespace ValueSegmentation.Cli.Settings;

/// <summary>The observation window: its end, the calibration/holdout split, the time unit and the purchase period.</summary>
internal class WindowSettings : InputSettings
{
    [CommandOption("--observation-end <DATE>")]
    [Description("The end of observation, ISO 8601 (default: the day of the latest transaction).")]
    [SettingKey("ValueSegmentation:ObservationEnd")]
    public string? ObservationEnd { get; init; }

    [CommandOption("--calibration-end <DATE>")]
    [Description("Split calibration and holdout here: models are fitted on the calibration period and validated on the holdout.")]
    [SettingKey("ValueSegmentation:CalibrationEnd")]
    public string? CalibrationEnd { get; init; }

    [CommandOption("--time-unit <UNIT>")]
    [Description("The unit of recency, age and rates: days, weeks (the default), months, years.")]
    [SettingKey("ValueSegmentation:TimeUnit", IsName = true)]
    public string? TimeUnit { get; init; }

    [CommandOption("--purchase-period <PERIOD>")]
    [Description("Transactions of a customer in one period count as one purchase: day (the default), week, month.")]
    [SettingKey("ValueSegmentation:PurchasePeriod", IsName = true)]
    public string? PurchasePeriod { get; init; }
}
