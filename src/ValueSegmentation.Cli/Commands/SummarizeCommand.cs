using System.Globalization;
using Spectre.Console;
using ValueSegmentation.Cli.Input;
using ValueSegmentation.Cli.Output;
using ValueSegmentation.Cli.Settings;
using ValueSegmentation.Data;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Cli.Commands;

/// <summary><c>vseg summarize [transactions] -o summaries.csv</c>: one row per customer (frequency, recency, T,
/// revenue, holdout purchases), the table the other steps read with <c>--summaries</c>.</summary>
internal sealed class SummarizeCommand(IAnsiConsole console) : ToolCommand<SummarizeSettings>(console)
{
    /// <inheritdoc/>
    protected override int Execute(SummarizeSettings settings, OutputFormat format, CancellationToken cancellationToken)
    {
        var configuration = Configure(settings, settings.Transactions ?? settings.Summaries);
        var (input, customers) = ProgressDisplay.Run(Console, format, (read, _) => InputLoader.Customers(settings.Transactions, settings.Summaries, configuration, RejectsPath(configuration, settings.Transactions ?? settings.Summaries, null), read, cancellationToken));
        var files = new List<string>();
        if (settings.Out is { } path)
        {
            using var writer = OutputFiles.CreateText(path);
            SummaryTableWriter.WriteCsv(writer, customers);
            files.Add(path);
        }

        AddRejects(files, input);
        var totals = Totals.Of(customers);
        if (format == OutputFormat.Json)
        {
            WriteJson(json =>
            {
                RunJson.WriteInput(json, "input", input, customers.DroppedTransactionCount);
                json.WriteStartObject("summaries");
                json.WriteNumber("customers", totals.Customers);
                json.WriteNumber("repeatCustomers", totals.RepeatCustomers);
                json.WriteNumber("repeatPurchases", totals.RepeatPurchases);
                json.WriteNumber("meanRecency", totals.MeanRecency);
                json.WriteNumber("meanAge", totals.MeanAge);
                json.WriteNumber("revenue", totals.Revenue);
                json.WriteNumber("holdoutPurchases", totals.HoldoutPurchases);
                json.WriteString("timeUnit", configuration.Pipeline.TimeUnit.ToString());
                json.WriteEndObject();
                RunJson.WriteFiles(json, files);
            });
            return ExitCode.Success;
        }

        RunTables.WriteInput(Console, input, customers.DroppedTransactionCount);
        string unit = configuration.Pipeline.TimeUnit.ToString().ToLowerInvariant();
        var table = new Table().Title("Customer summaries").AddColumns("Figure", "Value");
        var invariant = CultureInfo.InvariantCulture;
        table.AddRow("Customers", totals.Customers.ToString("N0", invariant));
        table.AddRow("Repeat customers (x > 0)", totals.RepeatCustomers.ToString("N0", invariant));
        table.AddRow("Repeat purchases Σx", totals.RepeatPurchases.ToString("N0", invariant));
        table.AddRow($"Mean recency t_x ({unit})", totals.MeanRecency.ToString("F4", invariant));
        table.AddRow($"Mean age T ({unit})", totals.MeanAge.ToString("F4", invariant));
        table.AddRow("Revenue", totals.Revenue.ToString("N2", invariant));
        table.AddRow("Holdout purchases", totals.HoldoutPurchases.ToString("N0", invariant));
        Console.Write(table);
        RunTables.WriteFiles(Console, files);
        return ExitCode.Success;
    }

    /// <summary>The totals of a set of summaries, in the BTYD conventions.</summary>
    private readonly record struct Totals(int Customers, int RepeatCustomers, long RepeatPurchases, double MeanRecency, double MeanAge, double Revenue, long HoldoutPurchases)
    {
        public static Totals Of(CustomerSummaryCollection customers)
        {
            int repeat = 0;
            long purchases = 0, holdout = 0;
            double recency = 0, age = 0, revenue = 0;
            foreach (var customer in customers)
            {
                repeat += customer.Frequency > 0 ? 1 : 0;
                purchases += customer.Frequency;
                recency += customer.Recency;
                age += customer.Age;
                revenue += customer.Revenue;
                holdout += customer.HoldoutPurchaseCount;
            }

            int n = Math.Max(1, customers.Count);
            return new Totals(customers.Count, repeat, purchases, recency / n, age / n, revenue, holdout);
        }
    }
}
