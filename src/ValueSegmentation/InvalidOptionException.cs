namespace ValueSegmentation;

/// <summary>An option of a pipeline's configuration (<see cref="SegmentationOptions"/>, or the options a package adds) is
/// invalid: an undefined enum value, shares that do not add up, a measure name nobody provides. Thrown when the pipeline
/// is built, before any data is read.</summary>
/// <remarks>Immutable once thrown and safe to share between threads.</remarks>
public sealed class InvalidOptionException : ValueSegmentationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="optionName">The option, qualified by its class (for example "SegmentationOptions.Shares").</param>
    /// <param name="reason">What is wrong with its value.</param>
    /// <param name="innerException">The exception that revealed the problem, if any.</param>
    public InvalidOptionException(string optionName, string reason, Exception? innerException = null)
        : base($"{optionName}: {reason}", optionName, innerException)
    {
        OptionName = optionName;
    }

    /// <summary>The option, qualified by its class (for example "SegmentationOptions.Shares").</summary>
    public string OptionName { get; }
}
