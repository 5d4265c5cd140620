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
            config.Settings.StrictParsing = true;
            config.AddCommand<AnalyzeCommand>("analyze")
                .WithDescription("The whole job: summaries, metrics, BG/NBD + Gamma-Gamma lifetime value, segments with rules and treatments, concentration, holdout validation; --out writes CSVs, a JSON summary and the HTML report.")
                .WithExample("analyze")
                .WithExample("analyze", "orders.csv", "--out", "results")
                .WithExample("analyze", "orders.csv", "--calibration-end", "2025-06-30", "--strategy", "quadrant", "--format", "json");
            config.AddCommand<SummarizeCommand>("summarize")
                .WithDescription("One row per customer (frequency, recency, T, revenue, holdout purchases): the table the other steps read with --summaries.")
                .WithExample("summarize", "orders.csv", "--calibration-end", "2025-06-30", "-o", "summaries.csv");
            config.AddCommand<FitCommand>("fit")
                .WithDescription("Fits bg-nbd, mbg-nbd, pareto-nbd or gamma-gamma by maximum likelihood and saves the model as JSON (the form a service loads).")
                .WithExample("fit", "bg-nbd", "--summaries", "summaries.csv", "-o", "bg-nbd.json")
                .WithExample("fit", "gamma-gamma", "orders.csv", "--calibration-end", "2025-06-30", "-o", "gamma-gamma.json");
            config.AddCommand<PredictCommand>("predict")
                .WithDescription("Per customer P(alive) and expected purchases from a saved model; with --spend-model also expected spend and lifetime value.")
                .WithExample("predict", "bg-nbd.json", "--summaries", "summaries.csv", "--spend-model", "gamma-gamma.json", "-o", "predictions.csv");
            config.AddCommand<SegmentCommand>("segment")
                .WithDescription("Segments the customers with a strategy (tiers, quadrant, percentiles, pareto, rfm) and writes each customer's segment.")
                .WithExample("segment", "rfm", "orders.csv", "-o", "assignments.csv")
                .WithExample("segment", "quadrant", "orders.csv", "--model", "revenue", "--loyalty", "frequency");
            config.AddCommand<MigrateCommand>("migrate")
                .WithDescription("Segments two snapshots of a log with the same settings and prints who moved between segments (the migration matrix).")
                .WithExample("migrate", "orders-2025-06.csv", "orders-2025-12.csv", "--strategy", "rfm", "--model", "revenue", "-o", "migration.csv");
            config.AddCommand<ReportCommand>("report")
                .WithDescription("The analysis as one self-contained HTML report: headline, segments, Lorenz curve, value by loyalty, P(alive), validation, migration.")
                .WithExample("report", "-o", "report.html")
                .WithExample("report", "orders.csv", "--previous", "orders-last-quarter.csv", "-o", "report.html");
        });

        try
        {
            return app.Run(args, cancellationToken);
        }
#pragma warning disable CA1031 // every failure becomes a message and an exit code; a bug is reported as one (exit 3)
        catch (Exception failure)
#pragma warning restore CA1031
        {
            int code = ExitCodeOf(failure);
            error.WriteLine(code == ExitCode.InternalError
                ? $"vseg: internal error ({failure.GetType().Name}): {failure.Message} — please report it with the command line.{Environment.NewLine}{failure.StackTrace}"
                : $"vseg: {MessageOf(failure)}");
            return code;
        }
    }

    /// <summary>The exit code of a failure.</summary>
    private static int ExitCodeOf(Exception failure) => failure switch
    {
        OperationCanceledException => ExitCode.Cancelled,
        UsageException or CommandParseException or CommandRuntimeException or InvalidOptionException => ExitCode.UsageError,
        InputException or DataReadException or System.Data.Common.DbException or FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException => ExitCode.BadInput,

        // The library's refusals of the data (no customers, a model that cannot value a customer...): ArgumentException
        // with the offending value; a null argument is the tool's own fault.
        ArgumentNullException => ExitCode.InternalError,
        ValueSegmentationException or ArgumentException => ExitCode.BadInput,
        _ => ExitCode.InternalError,
    };

    private static string MessageOf(Exception failure) => failure switch
    {
        OperationCanceledException => "cancelled.",
        ArgumentException { ParamName: { } name } argument => argument.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal),
        _ => failure.Message,
    };
}
