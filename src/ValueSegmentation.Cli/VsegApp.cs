using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Spectre.Console.Cli;
using ValueSegmentation.Cli.Commands;
using ValueSegmentation.Data;

namespace ValueSegmentation.Cli;

/// <summary>
/// The <c>vseg</c> application: its commands, their help and examples, and the mapping of failures to exit codes
/// (0 success, 1 bad input, 2 usage error) with a message on standard error.
/// </summary>
internal static class VsegApp
{
    /// <summary>Runs the tool.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="console">Where output goes (standard output in the tool; a test console in tests).</param>
    /// <param name="error">Where error messages go.</param>
    /// <param name="clock">The clock that dates the report.</param>
    /// <param name="cancellationToken">Stops long work (Ctrl+C in the tool).</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, IAnsiConsole console, TextWriter error, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        var services = new ServiceCollection().AddSingleton(console).AddSingleton(clock ?? TimeProvider.System);
        var app = new CommandApp(new TypeRegistrar(services));
        app.Configure(config =>
        {
            config.SetApplicationName("vseg");
            config.ConfigureConsole(console);
            config.PropagateExceptions();
            config.AddCommand<AnalyzeCommand>("analyze")
                .WithDescription("The whole job: summaries, metrics, BG/NBD + Gamma-Gamma lifetime value, segments with rules and treatments, concentration, holdout validation; --out writes CSVs, a JSON summary and the HTML report.")
                .WithExample("analyze")
                .WithExample("analyze", "orders.csv", "--out", "results")
                .WithExample("analyze", "orders.csv", "--calibration-end", "2025-06-30", "--strategy", "quadrant", "--format", "json");
        });

        try
        {
            return app.Run(args, cancellationToken);
        }
        catch (Exception failure) when (ExitCodeOf(failure) is { } code)
        {
            error.WriteLine($"vseg: {MessageOf(failure)}");
            return code;
        }
    }

    /// <summary>The exit code of a failure, or <see langword="null"/> for a fault of the tool itself (rethrown).</summary>
    private static int? ExitCodeOf(Exception failure) => failure switch
    {
        UsageException or CommandParseException or CommandRuntimeException or InvalidOptionException => ExitCode.UsageError,
        InputException or DataReadException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException => ExitCode.BadInput,
        ValueSegmentationException or ArgumentException or OperationCanceledException => ExitCode.BadInput,
        _ => null,
    };

    private static string MessageOf(Exception failure) => failure switch
    {
        OperationCanceledException => "cancelled.",
        _ => failure.Message,
    };
}
