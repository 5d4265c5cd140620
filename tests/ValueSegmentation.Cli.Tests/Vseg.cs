using Spectre.Console.Testing;

namespace ValueSegmentation.Cli.Tests;

/// <summary>Runs the tool in this process, as its Program does, with a test console (wide, not interactive) in place of
/// the terminal and a fixed clock.</summary>
internal static class Vseg
{
    public static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    public static VsegResult Run(params string[] args) => Run(new TestConsole().Width(400), args);

    /// <summary>Runs the tool on a console that says it is an interactive terminal (the progress display shows).</summary>
    public static VsegResult RunInteractive(params string[] args) => Run(new TestConsole().Width(400).Interactive(), args);

    private static VsegResult Run(TestConsole console, string[] args)
    {
        using var error = new StringWriter();
        int code = VsegApp.Run(args, console, error, new FixedClock(Now));
        return new VsegResult(code, console.Output, error.ToString());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

/// <summary>What a run of the tool left: its exit code, standard output and standard error.</summary>
internal sealed record VsegResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>A folder of its own for a test's files, deleted afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "vseg-tests-" + Guid.NewGuid().ToString("N"));

    public TempFolder() => Directory.CreateDirectory(Path);

    public string this[string file] => System.IO.Path.Combine(Path, file);

    public string Write(string file, string text)
    {
        File.WriteAllText(this[file], text);
        return this[file];
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
