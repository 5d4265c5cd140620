using System.Globalization;
using Microsoft.Extensions.Configuration;
using ValueSegmentation.Data;

namespace ValueSegmentation.Cli.Settings;

/// <summary>
/// The <c>Input</c> section of the settings: how the transaction log is read. Bound from configuration (a settings
/// file, then flags) and turned into the data package's <see cref="TransactionReadOptions"/> and <see cref="CsvFormat"/>.
/// </summary>
internal sealed class InputOptions
{
    /// <summary>The section's name in a settings file.</summary>
    public const string SectionName = "Input";

    private static readonly Dictionary<string, Action<InputOptions, IConfigurationSection>> Settings = new(StringComparer.OrdinalIgnoreCase)
    {
        [nameof(CustomerColumn)] = (o, s) => o.CustomerColumn = Column(s),
        [nameof(TimestampColumn)] = (o, s) => o.TimestampColumn = Column(s),
        [nameof(AmountColumn)] = (o, s) => o.AmountColumn = Column(s),
        [nameof(CostColumn)] = (o, s) => o.CostColumn = Column(s),
        [nameof(QuantityColumn)] = (o, s) => o.QuantityColumn = Column(s),
        [nameof(DateFormat)] = (o, s) => o.DateFormat = Text(s),
        [nameof(TimestampFormat)] = (o, s) => o.TimestampFormat = Enum<TimestampFormat>(s),
        [nameof(Culture)] = (o, s) => o.Culture = CultureOf(s),
        [nameof(TimeZone)] = (o, s) => o.TimeZone = TimeZoneOf(s),
        [nameof(Delimiter)] = (o, s) => o.Delimiter = DelimiterOf(s),
        [nameof(NoHeader)] = (o, s) => o.NoHeader = Boolean(s),
        [nameof(WhitespaceSeparated)] = (o, s) => o.WhitespaceSeparated = Boolean(s),
        [nameof(SkipInvalid)] = (o, s) => o.SkipInvalid = Boolean(s),
        [nameof(RejectsFile)] = (o, s) => o.RejectsFile = Text(s),
        [nameof(MaxRejects)] = (o, s) => o.MaxRejects = Whole(s, minimum: 0),
        [nameof(AfterEnd)] = (o, s) => o.AfterEnd = Enum<TransactionsAfterEnd>(s),
        [nameof(Engine)] = (o, s) => o.Engine = Enum<InputEngine>(s),
        [nameof(CovariatesFile)] = (o, s) => o.CovariatesFile = Text(s),
        [nameof(NumericCovariates)] = (o, s) => o.NumericCovariates = Items(s),
        [nameof(CategoricalCovariates)] = (o, s) => o.CategoricalCovariates = Items(s),
    };

    /// <summary>The customer id column, by name or position; <see langword="null"/> to find it by the usual names.</summary>
    public ColumnSelector? CustomerColumn { get; private set; }

    /// <summary>The timestamp column.</summary>
    public ColumnSelector? TimestampColumn { get; private set; }

    /// <summary>The amount column.</summary>
    public ColumnSelector? AmountColumn { get; private set; }

    /// <summary>The optional cost column.</summary>
    public ColumnSelector? CostColumn { get; private set; }

    /// <summary>The optional quantity column.</summary>
    public ColumnSelector? QuantityColumn { get; private set; }

    /// <summary>An exact date format (implies <see cref="Data.TimestampFormat.Exact"/> unless a format is named).</summary>
    public string? DateFormat { get; private set; }

    /// <summary>How timestamps are written.</summary>
    public TimestampFormat? TimestampFormat { get; private set; }

    /// <summary>The culture of numbers and exact dates.</summary>
    public CultureInfo? Culture { get; private set; }

    /// <summary>The zone of clock times without an offset.</summary>
    public TimeZoneInfo? TimeZone { get; private set; }

    /// <summary>The field delimiter, or <see langword="null"/> to detect it.</summary>
    public char? Delimiter { get; private set; }

    /// <summary>Whether the file has no header row.</summary>
    public bool NoHeader { get; private set; }

    /// <summary>Whether fields are separated by runs of white space.</summary>
    public bool WhitespaceSeparated { get; private set; }

    /// <summary>Whether bad rows are collected into the rejects file instead of stopping the read.</summary>
    public bool SkipInvalid { get; private set; }

    /// <summary>Where rejected rows are written.</summary>
    public string? RejectsFile { get; private set; }

    /// <summary>The most bad rows collected before the read stops.</summary>
    public int MaxRejects { get; private set; } = 1_000;

    /// <summary>Transactions after the end of observation: rejected (bad input) or dropped and counted.</summary>
    public TransactionsAfterEnd AfterEnd { get; private set; } = TransactionsAfterEnd.Reject;

    /// <summary>Where the summaries are computed.</summary>
    public InputEngine Engine { get; private set; } = InputEngine.Memory;

    /// <summary>The customers' covariates file, or <see langword="null"/>.</summary>
    public string? CovariatesFile { get; private set; }

    /// <summary>The numeric covariate columns of <see cref="CovariatesFile"/>.</summary>
    public IReadOnlyList<string> NumericCovariates { get; private set; } = [];

    /// <summary>The categorical covariate columns, each "column=reference".</summary>
    public IReadOnlyList<string> CategoricalCovariates { get; private set; } = [];

    /// <summary>The covariate reader's options, or <see langword="null"/> without a covariates file.</summary>
    /// <exception cref="UsageException">Covariate columns without a file, a file without columns, or a categorical column
    /// without its reference level.</exception>
    public CovariateReadOptions? ToCovariateOptions()
    {
        bool columns = NumericCovariates.Count > 0 || CategoricalCovariates.Count > 0;
        if (CovariatesFile is null)
        {
            return columns ? throw new UsageException("--covariate and --categorical name columns of --covariates, which is not given.") : null;
        }

        if (!columns)
        {
            throw new UsageException("--covariates needs the columns to read: --covariate for numbers, --categorical COLUMN=REFERENCE for categories.");
        }

        var categorical = CategoricalCovariates.Select(item => item.Split('=', 2) is [var column, var reference] && column.Trim().Length > 0 && reference.Trim().Length > 0
            ? CovariateColumn.Categorical(column.Trim(), reference.Trim())
            : throw new UsageException($"--categorical: '{item}' is not COLUMN=REFERENCE (the level the others are compared with)."));
        return new CovariateReadOptions
        {
            // A separate customer table has a header of its own: the log's column chosen by name applies, a position
            // (the layout of the log) does not.
            CustomerId = CustomerColumn is { Name: not null } named ? named : default(ColumnSelector?),
            Covariates = [.. NumericCovariates.Select(column => CovariateColumn.Numeric(column)), .. categorical],
            Culture = Culture ?? CultureInfo.InvariantCulture,
            BadRows = SkipInvalid ? BadRowPolicy.Collect : BadRowPolicy.FailFast,
            MaxRejects = MaxRejects,
        };
    }

    /// <summary>Reads the section.</summary>
    /// <exception cref="UsageException">An unknown key or a value that cannot be read, named by its key.</exception>
    public static InputOptions Bind(IConfiguration section)
    {
        var options = new InputOptions();
        foreach (var setting in section.GetChildren())
        {
            if (!Settings.TryGetValue(setting.Key, out var set))
            {
                throw new UsageException($"{setting.Path}: '{setting.Key}' is not an input setting; they are {string.Join(", ", Settings.Keys)}.");
            }

            set(options, setting);
        }

        return options;
    }

    /// <summary>The first flag given that the DuckDB engine cannot honour, or <see langword="null"/>.</summary>
    public string? UnsupportedByEngine() =>
        QuantityColumn is not null ? "--quantity-column"
        : Culture is not null ? "--culture"
        : TimeZone is not null ? "--time-zone"
        : TimestampFormat is { } format && format != Data.TimestampFormat.Iso8601 && !(format == Data.TimestampFormat.Exact && DateFormat is not null) ? "--timestamp-format"
        : Delimiter is not null ? "--delimiter"
        : NoHeader ? "--no-header"
        : WhitespaceSeparated ? "--whitespace-separated"
        : RejectsFile is not null ? "--rejects"
        : null;

    /// <summary>The data package's read options.</summary>
    public TransactionReadOptions ToReadOptions() => new()
    {
        Columns = new TransactionColumns
        {
            CustomerId = CustomerColumn,
            Timestamp = TimestampColumn,
            Amount = AmountColumn,
            Cost = CostColumn,
            Quantity = QuantityColumn,
        },
        TimestampFormat = TimestampFormat ?? (DateFormat is null ? Data.TimestampFormat.Iso8601 : Data.TimestampFormat.Exact),
        DateFormat = DateFormat,
        Culture = Culture ?? CultureInfo.InvariantCulture,
        TimeZone = TimeZone ?? TimeZoneInfo.Utc,
        BadRows = SkipInvalid ? BadRowPolicy.Collect : BadRowPolicy.FailFast,
        MaxRejects = MaxRejects,
    };

    /// <summary>The file's layout.</summary>
    public CsvFormat ToCsvFormat() => new()
    {
        Delimiter = Delimiter,
        HasHeader = !NoHeader,
        WhitespaceSeparated = WhitespaceSeparated,
    };

    private static string Scalar(IConfigurationSection setting) =>
        setting.Value is { } value && !setting.GetChildren().Any()
            ? value.Trim()
            : throw new UsageException($"{setting.Path}: expected a single value, found {(setting.GetChildren().Any() ? "a list or an object" : "no value")}.");

    /// <summary>A list (keys 0, 1, ...) or a single value, its items trimmed and non-empty.</summary>
    private static string[] Items(IConfigurationSection setting) =>
        setting.GetChildren().Any()
            ? [.. setting.GetChildren().Select(Scalar).Where(item => item.Length > 0)]
            : Text(setting) is { } single ? [single] : [];

    private static string? Text(IConfigurationSection setting) => Scalar(setting) is { Length: > 0 } text ? text : null;

    private static ColumnSelector? Column(IConfigurationSection setting) => Text(setting) switch
    {
        null => default(ColumnSelector?),
        { } text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int ordinal) => ColumnSelector.At(ordinal),
        { } text => ColumnSelector.Named(text),
    };

    private static T Enum<T>(IConfigurationSection setting)
        where T : struct, Enum
    {
        string value = Scalar(setting);
        string name = value.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
        return name.Length > 0 && char.IsLetter(name[0]) && System.Enum.TryParse<T>(name, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed)
            ? parsed
            : throw new UsageException($"{setting.Path}: '{value}' is not one of {string.Join(", ", System.Enum.GetNames<T>().Select(Kebab))}.");
    }

    private static bool Boolean(IConfigurationSection setting) =>
        bool.TryParse(Scalar(setting), out bool flag) ? flag : throw new UsageException($"{setting.Path}: '{setting.Value}' is not true or false.");

    private static int Whole(IConfigurationSection setting, int minimum) =>
        int.TryParse(Scalar(setting), NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) && number >= minimum
            ? number
            : throw new UsageException($"{setting.Path}: '{setting.Value}' is not a whole number of at least {minimum}.");

    private static CultureInfo? CultureOf(IConfigurationSection setting)
    {
        string? name = Text(setting);
        if (name is null || name.Equals("invariant", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            return CultureInfo.GetCultureInfo(name, predefinedOnly: true);
        }
        catch (CultureNotFoundException unknown)
        {
            throw new UsageException($"{setting.Path}: '{name}' is not a known culture (for example en-US, de-DE, fr-FR, or invariant).", unknown);
        }
    }

    private static TimeZoneInfo? TimeZoneOf(IConfigurationSection setting)
    {
        string? id = Text(setting);
        if (id is null)
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception unknown) when (unknown is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new UsageException($"{setting.Path}: '{id}' is not a time zone of this machine (for example UTC or Europe/Berlin).", unknown);
        }
    }

    private static char? DelimiterOf(IConfigurationSection setting) => setting.GetChildren().Any() ? Scalar(setting)[0] : setting.Value switch
    {
        null or "" => default(char?),
        "tab" or "\\t" or "\t" => '\t',
        { Length: 1 } single => single[0],
        var other => throw new UsageException($"{setting.Path}: '{other}' is not one character (write 'tab' for a tab)."),
    };

    /// <summary>An enumeration value as the flags write it: <c>UnixSeconds</c> as <c>unix-seconds</c>.</summary>
    internal static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : string.Empty) + char.ToLowerInvariant(c) : c.ToString()));
}
