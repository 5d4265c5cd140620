namespace ValueSegmentation.Cli.Settings;

/// <summary>
/// The configuration key a command-line flag sets: flags are turned into configuration entries and bound by the same
/// binder that reads a settings file (and, for the pipeline's settings, the one the dependency-injection package uses).
/// </summary>
/// <param name="key">The key, with its section: <c>ValueSegmentation:Margin</c> or <c>Input:DateFormat</c>.</param>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class SettingKeyAttribute(string key) : Attribute
{
    /// <summary>The key, with its section.</summary>
    public string Key { get; } = key;

    /// <summary>Whether the flag's text is a comma-separated list (each item becomes <c>Key:0</c>, <c>Key:1</c>, …).</summary>
    public bool IsList { get; init; }

    /// <summary>Whether the flag names an enumeration value: hyphens are dropped, so <c>bg-nbd</c> reads as <c>BgNbd</c>.</summary>
    public bool IsName { get; init; }
}
