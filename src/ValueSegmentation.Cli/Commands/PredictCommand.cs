using System.Globalization;
using Spectre.Console;
using ValueSegmentation.Cli.Input;
using ValueSegmentation.Cli.Output;
using ValueSegmentation.Cli.Settings;
using ValueSegmentation.Data;
using ValueSegmentation.Probabilistic;
using ValueSegmentation.Segmentation;

namespace ValueSegmentation.Cli.Commands;

/// <summary><c>vseg predict MODEL.json [transactions] -o predictions.csv</c>: per customer P(alive) and the expected
/// purchases over <c>--purchases-horizon</c> discount periods from a saved model; with <c>--spend-model</c> also the
/// expected spend and the lifetime value over <c>--horizon</c> discount periods.</summary>
internal sealed class PredictCommand(IAnsiConsole console) : ToolCommand<PredictSettings>(console)
{
    /// <inheritdoc/>
    protected override int Execute(PredictSettings settings, OutputFormat format, CancellationToken cancellationToken)
    {
        var model = Load<RepeatPurchaseModel>(settings.ModelFile);
        var spend = settings.SpendModel is { } spendFile ? Load<GammaGammaModel>(spendFile) : null;
        var configuration = Configure(settings, settings.Transactions ?? settings.Summaries);
        if (configuration.Pipeline.TimeUnit != model.TimeUnit)
        {
            throw new UsageException($"The model '{settings.ModelFile}' is in {model.TimeUnit}; the summaries are in {configuration.Pipeline.TimeUnit}: give --time-unit {model.TimeUnit.ToString().ToLowerInvariant()}.");
        }

        var (input, customers) = ProgressDisplay.Run(Console, format, (read, _) => InputLoader.Customers(settings.Transactions, settings.Summaries, configuration, RejectsPath(configuration, settings.Transactions ?? settings.Summaries, null), read, cancellationToken));
        var options = configuration.Pipeline;
        // The columns of customers.csv, under the measure names of the pipeline: the same settings mean the same values.
        var measures = new List<KeyValuePair<string, CustomerMeasure>>
        {
            new(ProbabilisticMeasureNames.ProbabilityAlive, CustomerMeasure.ProbabilityAlive(model)),
            new(ProbabilisticMeasureNames.ExpectedPurchases, CustomerMeasure.ExpectedPurchases(model, options.DiscountPeriod.ConvertTo(options.ExpectedPurchasesPeriods, model.TimeUnit))),
        };
        if (spend is not null)
        {
            measures.Add(new(ProbabilisticMeasureNames.ExpectedSpend, CustomerMeasure.ExpectedSpend(spend)));
            var value = new ProbabilisticLifetimeValue(model, spend, options.DiscountPeriod, options.DiscountRate, options.HorizonPeriods, options.Margin);
            measures.Add(new(ProbabilisticMeasureNames.LifetimeValue, CustomerMeasure.LifetimeValue(value)));
        }

        var files = new List<string>();
        string path = settings.Out ?? "predictions.csv";
        using (var writer = OutputFiles.CreateText(path))
        {
            ResultCsvWriter.WriteValues(writer, customers, measures);
        }

        files.Add(path);
        AddRejects(files, input);
        var totals = measures.Select(m => (m.Key, Total: Sum(customers.ValuesOf(m.Value)))).ToList();
        if (format == OutputFormat.Json)
        {
            WriteJson(json =>
            {
                RunJson.WriteInput(json, "input", input, customers.DroppedTransactionCount);
                json.WriteString("model", model.ToString());
                json.WriteNumber("customers", customers.Count);
                json.WriteStartObject("totals");
                foreach (var (name, total) in totals)
                {
                    json.WriteNumber(name, total);
                }

                json.WriteEndObject();
                RunJson.WriteFiles(json, files);
            });
            return ExitCode.Success;
        }

        RunTables.WriteInput(Console, input, customers.DroppedTransactionCount);
        var table = new Table().Title(string.Create(CultureInfo.InvariantCulture, $"Predictions for {customers.Count:N0} customers")).AddColumns("Column", "Total over customers", "Mean");
        foreach (var (name, total) in totals)
        {
            table.AddRow(new Text(measures.Single(m => m.Key == name).Value.Name), new Text(total.ToString("N2", CultureInfo.InvariantCulture)), new Text((total / customers.Count).ToString("N4", CultureInfo.InvariantCulture)));
        }

        Console.Write(table);
        RunTables.WriteFiles(Console, files);
        return ExitCode.Success;
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double value in values)
        {
            sum += value;
        }

        return sum;
    }

    private static TModel Load<TModel>(string path)
        where TModel : class
    {
        if (!File.Exists(path))
        {
            throw new InputException($"The model file '{path}' does not exist.");
        }

        try
        {
            return ModelJson.Deserialize<TModel>(File.ReadAllText(path));
        }
        catch (SavedStateException invalid)
        {
            throw new InputException($"{path}: {invalid.Message}");
        }
    }
}
