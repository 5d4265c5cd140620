namespace ValueSegmentation.Cli;

/// <summary>A command line or settings file the tool cannot act on (exit code 2).</summary>
internal sealed class UsageException : Exception
{
    /// <summary>Creates the exception with the message shown to the user.</summary>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the message shown to the user and its cause.</summary>
    public UsageException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
