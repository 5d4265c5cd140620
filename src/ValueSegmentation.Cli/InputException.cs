namespace ValueSegmentation.Cli;

/// <summary>Input the tool cannot use, found by the tool itself rather than a reader (exit code 1).</summary>
internal sealed class InputException : Exception
{
    /// <summary>Creates the exception with the message shown to the user.</summary>
    public InputException(string message)
        : base(message)
    {
    }
}
