using System.Text;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;
using ValueSegmentation.Cli.Input;
using ValueSegmentation.Cli.Settings;

namespace ValueSegmentation.Cli.Commands;

/// <summary>What every command shares: the console, the output format, the settings and the input.</summary>
/// <typeparam name="TSettings">The command's flags.</typeparam>
internal abstract class ToolCommand<TSettings>(IAnsiConsole console) : Command<TSettings>
    where TSettings : InputSettings
{
    /// <summary>Where the command writes.</summary>
    protected IAnsiConsole Console { get; } = console;

    /// <inheritdoc/>
    public sealed override int Execute(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        var format = settings.Format?.ToUpperInvariant() switch
        {
            null or "TABLE" => OutputFormat.Table,
            "JSON" => OutputFormat.Json,
            _ => throw new UsageException($"--format: '{settings.Format}' is not table or json."),
        };
        return Execute(settings, format, cancellationToken);
    }

    /// <summary>Runs the command.</summary>
    protected abstract int Execute(TSettings settings, OutputFormat format, CancellationToken cancellationToken);

    /// <summary>Binds the settings: the embedded sample's when no input file is given, then the settings file and the flags.</summary>
    protected static ToolConfiguration Configure(TSettings settings, string? inputPath, IReadOnlyDictionary<string, string?>? defaults = null)
    {
        var merged = new Dictionary<string, string?>(defaults ?? new Dictionary<string, string?>(), StringComparer.OrdinalIgnoreCase);
        if (inputPath is null)
        {
            foreach (var (key, value) in EmbeddedSample.Settings)
            {
                merged[key] = value;
            }
        }

        return ToolConfiguration.Resolve(settings, merged);
    }

    /// <summary>Where the rejected rows of the input go when there are any: --rejects, else rejects.csv in the output
    /// folder, else beside the input.</summary>
    internal static string RejectsPath(ToolConfiguration configuration, string? inputPath, string? outputFolder) =>
        configuration.Input.RejectsFile
        ?? (outputFolder is not null ? Path.Combine(outputFolder, "rejects.csv") : (inputPath ?? "cdnow-sample") + ".rejects.csv");

    /// <summary>Where the rejected rows of an earlier input (--previous, migrate's OLD) go: previous-rejects.csv in the
    /// output folder, else beside it.</summary>
    internal static string PreviousRejectsPath(string previousPath, string? outputFolder) =>
        outputFolder is not null ? Path.Combine(outputFolder, "previous-rejects.csv") : previousPath + ".rejects.csv";

    /// <summary>Adds the rejects file of an input, if one was written, to the files a command reports.</summary>
    protected static void AddRejects(List<string> files, LoadedInput input)
    {
        if (input.RejectsFile is { } rejects)
        {
            files.Add(rejects);
        }
    }

    /// <summary>Writes one JSON document to standard output.</summary>
    protected void WriteJson(Action<Utf8JsonWriter> write)
    {
        Console.Profile.Out.Writer.Write(Json.Document(write));
        Console.Profile.Out.Writer.Write('\n');
        Console.Profile.Out.Writer.Flush();
    }

    /// <summary>The JSON helpers of the commands.</summary>
    internal static class Json
    {
        /// <summary>Writes an indented JSON document into a string.</summary>
        public static string Document(Action<Utf8JsonWriter> write)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                write(writer);
                writer.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.ToArray());
        }
    }
}
