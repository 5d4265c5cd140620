using Microsoft.Extensions.Options;

namespace ValueSegmentation.Extensions.DependencyInjection.Internal;

/// <summary>Checks the settings together by building the pipeline they describe: the core's checks (shares, names,
/// cut points, measures, model parameters), each failure renamed to the setting it came from.</summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal sealed class PipelineOptionsValidator : IValidateOptions<ValueSegmentationOptions>
{
    /// <summary>The core's option names that a setting of another name stands for.</summary>
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["SegmentationOptions.Method"] = nameof(ValueSegmentationOptions.Strategy),
        ["SegmentationOptions.ValueMeasure"] = nameof(ValueSegmentationOptions.ValueModel),
        ["SegmentationOptions.LoyaltyMeasure"] = nameof(ValueSegmentationOptions.Loyalty),
        ["ProbabilisticModelOptions.TransactionParameters"] = nameof(ValueSegmentationOptions.ModelParameters),
        ["ProbabilisticModelOptions.Period"] = nameof(ValueSegmentationOptions.DiscountPeriod),
    };

    public ValidateOptionsResult Validate(string? name, ValueSegmentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string segmentation = string.IsNullOrEmpty(name) ? string.Empty : $"Segmentation '{name}': ";
        if (options.BindingErrors.Count > 0)
        {
            return ValidateOptionsResult.Fail(options.BindingErrors.Select(error => segmentation + error));
        }

        try
        {
            _ = options.ToPipelineBuilder(null, refuseCovariateSettingsAlone: false).Build();
            return ValidateOptionsResult.Success;
        }
        catch (InvalidOptionException invalid)
        {
            return ValidateOptionsResult.Fail($"{segmentation}{SettingOf(invalid.OptionName)}: {ReasonOf(invalid)}");
        }
        catch (ArgumentException invalid)
        {
            // A setting given in code that the mapping itself refuses, such as two keys of a dictionary that differ in case only.
            return ValidateOptionsResult.Fail($"{segmentation}{ExceptionText.WithoutParameter(invalid)}");
        }
    }

    /// <summary>The reason alone: the exception's message without the option's name before it and the parameter after.</summary>
    private static string ReasonOf(InvalidOptionException invalid)
    {
        string message = ExceptionText.WithoutParameter(invalid), prefix = invalid.OptionName + ": ";
        return message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : message;
    }

    /// <summary>The setting of a core option name: "SegmentationOptions.Shares" is "Shares",
    /// "ProbabilisticModelOptions.TransactionParameters:s" is "ModelParameters:s".</summary>
    internal static string SettingOf(string optionName)
    {
        int colon = optionName.IndexOf(':', StringComparison.Ordinal);
        string head = colon < 0 ? optionName : optionName[..colon], tail = colon < 0 ? string.Empty : optionName[colon..];
        if (Renamed.TryGetValue(head, out var renamed))
        {
            return renamed + tail;
        }

        int dot = head.IndexOf('.', StringComparison.Ordinal);
        return (dot < 0 ? head : head[(dot + 1)..]) + tail;
    }
}
