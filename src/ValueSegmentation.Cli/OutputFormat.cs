namespace ValueSegmentation.Cli;

/// <summary>What a command prints on standard output.</summary>
internal enum OutputFormat
{
    /// <summary>Tables and text for a person.</summary>
    Table = 0,

    /// <summary>One JSON document for a script.</summary>
    Json = 1,
}
