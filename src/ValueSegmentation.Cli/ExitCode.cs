namespace ValueSegmentation.Cli;

/// <summary>The tool's exit codes, stable for scripts.</summary>
internal static class ExitCode
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>The input could not be used: a missing or unreadable file, a bad row (with its line and column), data
    /// the models or strategies refuse.</summary>
    public const int BadInput = 1;

    /// <summary>The command line or the settings are wrong: an unknown command or flag, a value out of range, a
    /// missing argument.</summary>
    public const int UsageError = 2;
}
