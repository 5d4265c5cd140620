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

    /// <summary>A fault of the tool itself (a bug): the message says what failed; please report it.</summary>
    public const int InternalError = 3;

    /// <summary>Cancelled by the user (Ctrl+C), as shells report SIGINT.</summary>
    public const int Cancelled = 130;
}
