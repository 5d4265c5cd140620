using System.ComponentModel;
using Spectre.Console.Cli;

namespace ValueSegmentation.Cli.Settings;

/// <summary>
/// How to read a transaction log: the file (or the embedded CDNOW sample), its columns, dates, culture and layout,
/// what to do with bad rows, the engine, and a settings file that can give any of these instead of flags.
/// </summary>
internal class InputSettings : CommandSettings
{
    [CommandOption("--settings <FILE>")]
    [Description("A JSON settings file: a [bold]ValueSegmentation[/] section (the same settings a service binds) and an [bold]Input[/] section; flags override it.")]
    public string? SettingsFile { get; init; }

    [CommandOption("--customer-column <COLUMN>")]
    [Description("The customer id column: a header name or a zero-based position (default: found by name, e.g. customer_id).")]
    [SettingKey("Input:CustomerColumn")]
    public string? CustomerColumn { get; init; }

    [CommandOption("--timestamp-column <COLUMN>")]
    [Description("The date or time column (default: found by name, e.g. date, order_date).")]
    [SettingKey("Input:TimestampColumn")]
    public string? TimestampColumn { get; init; }

    [CommandOption("--amount-column <COLUMN>")]
    [Description("The amount column (default: found by name, e.g. amount, revenue, sales).")]
    [SettingKey("Input:AmountColumn")]
    public string? AmountColumn { get; init; }

    [CommandOption("--cost-column <COLUMN>")]
    [Description("An optional cost-of-goods column (default: cost or cogs when present).")]
    [SettingKey("Input:CostColumn")]
    public string? CostColumn { get; init; }

    [CommandOption("--quantity-column <COLUMN>")]
    [Description("A quantity column that multiplies amount and cost (for unit prices).")]
    [SettingKey("Input:QuantityColumn")]
    public string? QuantityColumn { get; init; }

    [CommandOption("--date-format <FORMAT>")]
    [Description("An exact .NET date format such as dd/MM/yyyy (default: ISO 8601, or yyyyMMdd).")]
    [SettingKey("Input:DateFormat")]
    public string? DateFormat { get; init; }

    [CommandOption("--timestamp-format <FORMAT>")]
    [Description("iso8601, exact (with --date-format), unix-seconds or unix-milliseconds.")]
    [SettingKey("Input:TimestampFormat", IsName = true)]
    public string? TimestampFormat { get; init; }

    [CommandOption("--culture <NAME>")]
    [Description("The culture of numbers (decimal comma: de-DE) and exact dates (default: invariant).")]
    [SettingKey("Input:Culture")]
    public string? Culture { get; init; }

    [CommandOption("--time-zone <ID>")]
    [Description("The time zone of clock times written without an offset (default: UTC).")]
    [SettingKey("Input:TimeZone")]
    public string? TimeZone { get; init; }

    [CommandOption("--delimiter <CHAR>")]
    [Description("The field delimiter (default: detected from the first line; 'tab' for a tab).")]
    [SettingKey("Input:Delimiter")]
    public string? Delimiter { get; init; }

    [CommandOption("--no-header")]
    [Description("The file has no header row: columns are customer, timestamp, amount[[, cost]] unless given by position.")]
    [SettingKey("Input:NoHeader")]
    public bool? NoHeader { get; init; }

    [CommandOption("--whitespace-separated")]
    [Description("Fields separated by runs of spaces or tabs (aligned exports such as CDNOW_master.txt).")]
    [SettingKey("Input:WhitespaceSeparated")]
    public bool? WhitespaceSeparated { get; init; }

    [CommandOption("--skip-invalid")]
    [Description("Skip bad rows instead of stopping at the first: each is written with its line, column and reason to the rejects file.")]
    [SettingKey("Input:SkipInvalid")]
    public bool? SkipInvalid { get; init; }

    [CommandOption("--rejects <FILE>")]
    [Description("Where --skip-invalid writes the rejected rows (default: rejects.csv in --out, else beside the input).")]
    [SettingKey("Input:RejectsFile")]
    public string? RejectsFile { get; init; }

    [CommandOption("--max-rejects <N>")]
    [Description("With --skip-invalid, stop when more rows than this are bad (default 1000).")]
    [SettingKey("Input:MaxRejects")]
    public string? MaxRejects { get; init; }

    [CommandOption("--after-end <POLICY>")]
    [Description("Transactions after --observation-end: reject (a bad row, the default) or drop (left out and counted).")]
    [SettingKey("Input:AfterEnd", IsName = true)]
    public string? AfterEnd { get; init; }

    [CommandOption("--engine <ENGINE>")]
    [Description("memory (the default) or duckdb: summaries computed by DuckDB out of core, for files larger than memory (CSV or Parquet; columns by name; needs --observation-end).")]
    [SettingKey("Input:Engine", IsName = true)]
    public string? Engine { get; init; }

    [CommandOption("--format <FORMAT>")]
    [Description("table (the default) or json: one JSON document on standard output, for scripts.")]
    public string? Format { get; init; }
}
