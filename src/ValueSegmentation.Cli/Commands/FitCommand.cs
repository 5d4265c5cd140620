using Spectre.Console;
using ValueSegmentation.Cli.Input;
using ValueSegmentation.Cli.Output;
using ValueSegmentation.Cli.Settings;
using ValueSegmentation.Probabilistic;

namespace ValueSegmentation.Cli.Commands;

/// <summary><c>vseg fit MODEL [transactions] -o model.json</c>: fits one model by maximum likelihood on the
/// (calibration) summaries and saves it in the versioned JSON form a service loads.</summary>
internal sealed class FitCommand(IAnsiConsole console) : ToolCommand<FitSettings>(console)
{
    /// <inheritdoc/>
    protected override int Execute(FitSettings settings, OutputFormat format, CancellationToken cancellationToken)
    {
        string model = settings.ModelName.Replace("-", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (model is not ("BGNBD" or "MBGNBD" or "PARETONBD" or "GAMMAGAMMA"))
        {
            throw new UsageException($"'{settings.ModelName}' is not a model to fit: bg-nbd, mbg-nbd, pareto-nbd or gamma-gamma.");
        }

        var configuration = Configure(settings, settings.Transactions ?? settings.Summaries);
        var (input, customers, fit, description, json) = ProgressDisplay.Run(Console, format, (read, stages) =>
        {
            var (input, customers) = InputLoader.Customers(settings.Transactions, settings.Summaries, configuration, RejectsPath(configuration, settings.Transactions ?? settings.Summaries, null), read, cancellationToken);
            stages?.Report(new SegmentationProgress(SegmentationStage.FittingModels, customers.Count));
            var (fit, description, json) = Fit(model, customers);
            return (input, customers, fit, description, json);
        });
        var files = new List<string>();
        if (settings.Out is { } path)
        {
            using var writer = OutputFiles.CreateText(path);
            writer.Write(json);
            files.Add(path);
        }

        AddRejects(files, input);
        if (format == OutputFormat.Json)
        {
            WriteJson(writer =>
            {
                RunJson.WriteInput(writer, "input", input, customers.DroppedTransactionCount);
                RunJson.WriteModel(writer, "model", fit, description);
                RunJson.WriteFiles(writer, files);
            });
        }
        else
        {
            RunTables.WriteInput(Console, input, customers.DroppedTransactionCount);
            RunTables.WriteModel(Console, fit, description);
            RunTables.WriteFiles(Console, files);
        }

        return ExitCode.Success; // a fit that did not converge says so in its convergence line, as the library does
    }

    private static (ModelFit? Fit, string Description, string Json) Fit(string model, Transactions.CustomerSummaryCollection customers)
    {
        if (model == "GAMMAGAMMA")
        {
            var spend = GammaGammaModel.Fit(SpendData.FromSummaries(customers, NonPositiveSpend.Exclude));
            return (spend.FitResult, spend.ToString() ?? "Gamma-Gamma", ModelJson.Serialize(spend));
        }

        var data = RepeatPurchaseData.FromSummaries(customers);
        RepeatPurchaseModel fitted = model switch
        {
            "BGNBD" => BgNbdModel.Fit(data),
            "MBGNBD" => MbgNbdModel.Fit(data),
            _ => ParetoNbdModel.Fit(data),
        };
        return (fitted.FitResult, fitted.ToString() ?? model, ModelJson.Serialize(fitted));
    }
}
