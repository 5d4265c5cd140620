using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ValueSegmentation.Extensions.DependencyInjection;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Cli.Settings;

/// <summary>
/// The settings of one command: defaults, then the settings file, then the flags, merged into one configuration and
/// bound by the binders a service uses — the pipeline's section by the dependency-injection package (validated as at a
/// service's start), the input section by <see cref="InputOptions"/>. There is no second mapping of the options.
/// </summary>
internal sealed class ToolConfiguration
{
    private ToolConfiguration(ValueSegmentationOptions pipeline, InputOptions input)
    {
        Pipeline = pipeline;
        Input = input;
    }

    /// <summary>The pipeline's settings, bound and validated by the dependency-injection package.</summary>
    public ValueSegmentationOptions Pipeline { get; }

    /// <summary>How the input is read.</summary>
    public InputOptions Input { get; }

    /// <summary>Merges and binds the settings.</summary>
    /// <param name="settings">The command's flags.</param>
    /// <param name="defaults">Defaults below the settings file (keys with their section).</param>
    /// <exception cref="UsageException">The settings file cannot be read, or a setting is unknown or invalid.</exception>
    public static ToolConfiguration Resolve(InputSettings settings, IReadOnlyDictionary<string, string?> defaults)
    {
        var entries = new Dictionary<string, string?>(defaults, StringComparer.OrdinalIgnoreCase);
        if (settings.SettingsFile is { } file)
        {
            foreach (var (key, value) in ReadSettingsFile(file))
            {
                entries[key] = value;
            }
        }

        var flags = FlagsOf(settings);
        foreach (string key in flags.Keys)
        {
            // A list given by a flag replaces the file's list whole, rather than merging item by item.
            foreach (string stale in entries.Keys.Where(k => k.StartsWith(ListHead(key) + ":", StringComparison.OrdinalIgnoreCase) && !flags.ContainsKey(k)).ToList())
            {
                entries.Remove(stale);
            }
        }

        foreach (var (key, value) in flags)
        {
            entries[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(entries).Build();
        foreach (var section in configuration.GetChildren())
        {
            if (!section.Key.Equals(ValueSegmentationOptions.SectionName, StringComparison.OrdinalIgnoreCase) && !section.Key.Equals(InputOptions.SectionName, StringComparison.OrdinalIgnoreCase))
            {
                throw new UsageException($"'{section.Key}' is not a section of the settings; they are {ValueSegmentationOptions.SectionName} and {InputOptions.SectionName}.");
            }
        }

        var input = InputOptions.Bind(configuration.GetSection(InputOptions.SectionName));
        using var services = new ServiceCollection()
            .AddValueSegmentation(configuration.GetSection(ValueSegmentationOptions.SectionName))
            .BuildServiceProvider();
        try
        {
            return new ToolConfiguration(services.GetRequiredService<IOptions<ValueSegmentationOptions>>().Value, input);
        }
        catch (OptionsValidationException invalid)
        {
            throw new UsageException(string.Join(Environment.NewLine, invalid.Failures.Select(WithFlag)), invalid);
        }
    }

    /// <summary>The observation window of the settings, ending at <paramref name="end"/>.</summary>
    public ObservationWindow Window(DateTimeOffset end) =>
        new(end, Pipeline.TimeUnit, Pipeline.PurchasePeriod, Pipeline.CalibrationEnd);

    /// <summary>The flag that sets a key, for messages: <c>--margin</c> for <c>ValueSegmentation:Margin</c>.</summary>
    internal static IReadOnlyDictionary<string, string> FlagNames { get; } = typeof(PipelineSettings)
        .GetProperties()
        .Select(p => (Key: p.GetCustomAttribute<SettingKeyAttribute>()?.Key, Option: p.GetCustomAttribute<Spectre.Console.Cli.CommandOptionAttribute>()))
        .Where(p => p.Key is not null && p.Option is not null)
        .ToDictionary(p => p.Key!, p => "--" + p.Option!.LongNames[0], StringComparer.OrdinalIgnoreCase);

    private static string WithFlag(string failure)
    {
        foreach (var (key, flag) in FlagNames)
        {
            string setting = key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..];
            if (failure.StartsWith(setting + " ", StringComparison.Ordinal) || failure.StartsWith(setting + ":", StringComparison.Ordinal) || failure.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase))
            {
                return $"{failure} (flag {flag})";
            }
        }

        return failure;
    }

    private static string ListHead(string key)
    {
        int last = key.LastIndexOf(':');
        return last > 0 && int.TryParse(key.AsSpan(last + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _) ? key[..last] : key;
    }

    private static Dictionary<string, string?> FlagsOf(InputSettings settings)
    {
        var flags = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in settings.GetType().GetProperties())
        {
            if (property.GetCustomAttribute<SettingKeyAttribute>() is not { } setting || property.GetValue(settings) is not { } value)
            {
                continue;
            }

            string text = value is bool flag ? (flag ? "true" : "false") : Convert.ToString(value, CultureInfo.InvariantCulture)!;
            if (setting.IsList)
            {
                string[] items = text.Split(',', StringSplitOptions.TrimEntries);
                for (int i = 0; i < items.Length; i++)
                {
                    flags[string.Create(CultureInfo.InvariantCulture, $"{setting.Key}:{i}")] = items[i];
                }
            }
            else
            {
                string given = setting.IsName ? text.Replace("-", string.Empty, StringComparison.Ordinal) : text;
                if (flags.TryGetValue(setting.Key, out var other) && !string.Equals(other, given, StringComparison.OrdinalIgnoreCase))
                {
                    throw new UsageException($"{setting.Key} is given twice, as '{other}' and as '{given}' (an argument and a flag); give it once.");
                }

                flags[setting.Key] = given;
            }
        }

        return flags;
    }

    private static List<KeyValuePair<string, string?>> ReadSettingsFile(string file)
    {
        string path = Path.GetFullPath(file);
        if (!File.Exists(path))
        {
            throw new UsageException($"--settings: the file '{file}' does not exist.");
        }

        try
        {
            return new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build().AsEnumerable()
                .Where(entry => entry.Value is not null)
                .ToList();
        }
        catch (Exception unreadable) when (unreadable is FormatException or InvalidDataException or IOException)
        {
            throw new UsageException($"--settings: '{file}' is not a JSON settings file: {unreadable.Message}", unreadable);
        }
    }
}
