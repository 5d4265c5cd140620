using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ValueSegmentation.Extensions.DependencyInjection;

/// <summary>
/// Reads <see cref="ValueSegmentationOptions"/> from a configuration section (appsettings.json, environment variables,
/// command-line arguments, a settings file), strictly: keys are the options' property names
/// (ignoring case), numbers and dates are read in the invariant culture, enums by name, lists as arrays and parameter
/// sets as objects — and a key that is not a setting, or a value that is not of its type, is an error naming the key
/// and the value, not a setting silently ignored.
/// </summary>
/// <remarks>Reflection-free (safe for trimming and Native AOT); stateless and thread-safe.</remarks>
public static class ValueSegmentationConfiguration
{
    /// <summary>The key of a section's named segmentations, each a section of its own settings that override the
    /// parent's (see <c>AddValueSegmentation(IServiceCollection, IConfiguration)</c>).</summary>
    public const string SegmentationsKey = "Segmentations";

    private static readonly Dictionary<string, Action<ValueSegmentationOptions, IConfigurationSection>> Settings = new(StringComparer.OrdinalIgnoreCase)
    {
        [nameof(ValueSegmentationOptions.TimeUnit)] = (o, s) => o.TimeUnit = Enum<TimeUnit>(s),
        [nameof(ValueSegmentationOptions.PurchasePeriod)] = (o, s) => o.PurchasePeriod = Enum<PurchasePeriod>(s),
        [nameof(ValueSegmentationOptions.ObservationEnd)] = (o, s) => o.ObservationEnd = Date(s),
        [nameof(ValueSegmentationOptions.CalibrationEnd)] = (o, s) => o.CalibrationEnd = Date(s),
        [nameof(ValueSegmentationOptions.ValueModel)] = (o, s) => o.ValueModel = Enum<ValueModel>(s),
        [nameof(ValueSegmentationOptions.ModelParameters)] = (o, s) => o.ModelParameters = Numbers(s),
        [nameof(ValueSegmentationOptions.SpendParameters)] = (o, s) => o.SpendParameters = Numbers(s),
        [nameof(ValueSegmentationOptions.Margin)] = (o, s) => o.Margin = Number(s),
        [nameof(ValueSegmentationOptions.DiscountRate)] = (o, s) => o.DiscountRate = Number(s),
        [nameof(ValueSegmentationOptions.DiscountPeriod)] = (o, s) => o.DiscountPeriod = Enum<TimeUnit>(s),
        [nameof(ValueSegmentationOptions.HorizonPeriods)] = (o, s) => o.HorizonPeriods = IsEmpty(s) ? null : Whole(s),
        [nameof(ValueSegmentationOptions.ExpectedPurchasesPeriods)] = (o, s) => o.ExpectedPurchasesPeriods = Number(s),
        [nameof(ValueSegmentationOptions.LifespanYears)] = (o, s) => o.LifespanYears = Number(s),
        [nameof(ValueSegmentationOptions.RetentionRate)] = (o, s) => o.RetentionRate = Number(s),
        [nameof(ValueSegmentationOptions.CostDrivers)] = (o, s) => o.CostDrivers = Numbers(s),
        [nameof(ValueSegmentationOptions.Strategy)] = (o, s) => o.Strategy = Enum<SegmentationMethod>(s),
        [nameof(ValueSegmentationOptions.Loyalty)] = (o, s) => o.Loyalty = Text(s),
        [nameof(ValueSegmentationOptions.Shares)] = (o, s) => o.Shares = List(s, Number),
        [nameof(ValueSegmentationOptions.Minimums)] = (o, s) => o.Minimums = List(s, Number),
        [nameof(ValueSegmentationOptions.ValueCut)] = (o, s) => o.ValueCut = IsEmpty(s) ? null : Number(s),
        [nameof(ValueSegmentationOptions.LoyaltyCut)] = (o, s) => o.LoyaltyCut = IsEmpty(s) ? null : Number(s),
        [nameof(ValueSegmentationOptions.SegmentNames)] = (o, s) => o.SegmentNames = List(s, item => Scalar(item, "a text")),
        [nameof(ValueSegmentationOptions.SegmentTreatments)] = (o, s) => o.SegmentTreatments = List(s, item => Scalar(item, "a text")),
        [nameof(ValueSegmentationOptions.PurchaseCovariates)] = (o, s) => o.PurchaseCovariates = Names(s),
        [nameof(ValueSegmentationOptions.DropoutCovariates)] = (o, s) => o.DropoutCovariates = Names(s),
        [nameof(ValueSegmentationOptions.SpendCovariates)] = (o, s) => o.SpendCovariates = Names(s),
        [nameof(ValueSegmentationOptions.SnapshotPath)] = (o, s) => o.SnapshotPath = Text(s),
        [nameof(ValueSegmentationOptions.WatchSnapshot)] = (o, s) => o.WatchSnapshot = Boolean(s),
    };

    /// <summary>Sets the options from the keys of a section; keys it does not hold keep their values. The
    /// <see cref="SegmentationsKey"/> sub-section is left to the registration.</summary>
    /// <param name="configuration">The section, for example <c>configuration.GetSection("ValueSegmentation")</c>.</param>
    /// <param name="options">The options to set.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOptionException">A key is not a setting, or its value is not of the setting's type; the
    /// exception names the key by its configuration path (for example "ValueSegmentation:Margin") and the value.</exception>
    public static void Bind(IConfiguration configuration, ValueSegmentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        foreach (var setting in configuration.GetChildren())
        {
            Set(setting, options);
        }
    }

    /// <summary>The settings this reader knows, by key.</summary>
    internal static IReadOnlyCollection<string> SettingNames => Settings.Keys;

    /// <summary>As <see cref="Bind"/>, but what cannot be read is kept in <see cref="ValueSegmentationOptions.BindingErrors"/>
    /// for validation to report with the other bad settings, every key being read.</summary>
    internal static void BindCollectingErrors(IConfiguration configuration, ValueSegmentationOptions options)
    {
        foreach (var setting in configuration.GetChildren())
        {
            try
            {
                Set(setting, options);
            }
            catch (InvalidOptionException invalid)
            {
                options.BindingErrors.Add(ExceptionText.WithoutParameter(invalid));
            }
        }
    }

    private static void Set(IConfigurationSection setting, ValueSegmentationOptions options)
    {
        if (string.Equals(setting.Key, SegmentationsKey, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (!Settings.TryGetValue(setting.Key, out var set))
        {
            throw new InvalidOptionException(setting.Path, $"'{setting.Key}' is not a setting of ValueSegmentation; the settings are {string.Join(", ", Settings.Keys)} and {SegmentationsKey}.");
        }

        set(options, setting);
    }

    /// <summary>ISO 8601 dates and times, with or without an offset (UTC without one).</summary>
    private static readonly string[] IsoDates = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"];

    private static bool IsEmpty(IConfigurationSection setting) => string.IsNullOrWhiteSpace(setting.Value) && !setting.GetChildren().Any();

    private static string Scalar(IConfigurationSection setting, string type) =>
        setting.Value is { } value && !setting.GetChildren().Any()
            ? value.Trim()
            : throw new InvalidOptionException(setting.Path, $"expected {type}, found {(setting.GetChildren().Any() ? "a list or an object" : "no value")}.");

    private static string? Text(IConfigurationSection setting) => IsEmpty(setting) ? null : Scalar(setting, "a text");

    private static T Enum<T>(IConfigurationSection setting)
        where T : struct, Enum
    {
        string value = Scalar(setting, "a name");
        return value.Length > 0 && char.IsLetter(value[0]) && System.Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed)
            ? parsed
            : throw new InvalidOptionException(setting.Path, $"'{value}' is not one of {string.Join(", ", System.Enum.GetNames<T>())}.");
    }

    private static double Number(IConfigurationSection setting)
    {
        string value = Scalar(setting, "a number");
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number)
            ? number
            : throw new InvalidOptionException(setting.Path, $"'{value}' is not a finite number (write it with a decimal point, for example 0.25).");
    }

    private static int Whole(IConfigurationSection setting)
    {
        string value = Scalar(setting, "a whole number");
        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number)
            ? number
            : throw new InvalidOptionException(setting.Path, $"'{value}' is not a whole number.");
    }

    private static bool Boolean(IConfigurationSection setting)
    {
        string value = Scalar(setting, "true or false");
        return bool.TryParse(value, out bool flag) ? flag : throw new InvalidOptionException(setting.Path, $"'{value}' is not true or false.");
    }

    private static DateTimeOffset? Date(IConfigurationSection setting)
    {
        if (IsEmpty(setting))
        {
            return null;
        }

        string value = Scalar(setting, "a date");
        return DateTimeOffset.TryParseExact(value, IsoDates, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : throw new InvalidOptionException(setting.Path, $"'{value}' is not a date (write it as ISO 8601, for example 2026-06-30 or 2026-06-30T00:00:00+02:00).");
    }

    /// <summary>A list of covariate names, where an empty value is the empty list (none): an absent setting means every
    /// covariate, and the configuration system drops an empty JSON array, so "" is the way to say none.</summary>
    private static List<string> Names(IConfigurationSection setting) =>
        setting.Value is { } value && string.IsNullOrWhiteSpace(value) && !setting.GetChildren().Any() ? [] : List(setting, item => Scalar(item, "a text")) ?? [];

    private static List<T>? List<T>(IConfigurationSection setting, Func<IConfigurationSection, T> read)
    {
        if (IsEmpty(setting))
        {
            return null;
        }

        var items = setting.GetChildren().ToList();
        var indexes = items.Select(item => int.TryParse(item.Key, NumberStyles.None, CultureInfo.InvariantCulture, out int index) ? index : -1).ToList();
        if (items.Count == 0 || !indexes.Order().SequenceEqual(Enumerable.Range(0, items.Count)))
        {
            throw new InvalidOptionException(setting.Path, $"expected a list (an array in JSON, or keys {setting.Key}:0, {setting.Key}:1, ... without gaps), found {(items.Count == 0 ? $"the value '{setting.Value}'" : "an object or a list with gaps")}.");
        }

        return [.. items.OrderBy(item => int.Parse(item.Key, CultureInfo.InvariantCulture)).Select(read)];
    }

    private static Dictionary<string, double>? Numbers(IConfigurationSection setting)
    {
        if (IsEmpty(setting))
        {
            return null;
        }

        var items = setting.GetChildren().ToList();
        if (items.Count == 0)
        {
            throw new InvalidOptionException(setting.Path, $"expected an object of named numbers (for example {{ \"r\": 0.24, \"alpha\": 4.41 }}), found the value '{setting.Value}'.");
        }

        return items.ToDictionary(item => item.Key, Number, StringComparer.OrdinalIgnoreCase);
    }
}
