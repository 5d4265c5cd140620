using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using ValueSegmentation.Analysis;
using ValueSegmentation.Cli.Input;
using ValueSegmentation.Cli.Runs;
using ValueSegmentation.Probabilistic;

namespace ValueSegmentation.Cli.Output;

/// <summary>
/// The console form of a run: Spectre.Console tables. Text from the data (ids, segment names, rules) goes into
/// <see cref="Text"/> cells, never into markup, so brackets in it are shown as they are.
/// </summary>
internal static class RunTables
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Writes the whole run.</summary>
    public static void Write(IAnsiConsole console, AnalysisRun run, IReadOnlyList<string> files)
    {
        var result = run.Result;
        WriteInput(console, run.Input, result.DroppedTransactions);
        if (run.PreviousInput is { } previous)
        {
            WriteInput(console, previous, 0);
        }

        var metrics = result.Metrics;
        var headline = Grid("Customers", metrics.Customers.ToString("N0", Invariant));
        Add(headline, "Purchases", metrics.Purchases.ToString("N0", Invariant) + (metrics.HoldoutPurchases > 0 ? $" (+{metrics.HoldoutPurchases.ToString("N0", Invariant)} in the holdout)" : string.Empty));
        Add(headline, "Revenue", metrics.Revenue.ToString("N2", Invariant));
        Add(headline, "Average order value", metrics.AverageOrderValue.ToString("N2", Invariant));
        Add(headline, "Purchases per customer", metrics.PurchasesPerCustomer.ToString("N2", Invariant));
        Add(headline, $"Repeat purchases a {Singular(metrics.RatePer)}", metrics.RepeatPurchaseRate.ToString("N2", Invariant) + " per customer");
        Add(headline, "Customers who bought again", metrics.RepeatCustomerShare.ToString("P1", Invariant));
        if (run.Window is { } window)
        {
            Add(headline, "Window", window.ToString());
        }

        console.Write(new Panel(headline).Header("The customer base"));
        if (run.TransactionFit is { } transactions)
        {
            WriteModel(console, transactions.Fit, transactions.Description);
        }

        if (run.SpendFit is { } spend)
        {
            WriteModel(console, spend.Fit, spend.Description);
        }

        if (run.Covariates is { } covariates)
        {
            console.WriteLine(string.Create(Invariant, $"Covariates of {covariates.Covariates.Count:N0} customers: {string.Join(", ", covariates.Covariates.Names)}; {covariates.Report}."));
        }

        WriteSegments(console, result);
        var concentration = result.Concentration;
        console.WriteLine(string.Create(Invariant, $"Concentration of {result.Value.Name}: the top 20 % of customers hold {concentration.TopShare(0.2):P1}, the top 1 % {concentration.TopShare(0.01):P1}; Gini {concentration.Gini:F3}."));
        if (run.Holdout is { } holdout)
        {
            var validation = new Table().Title("Validation on the holdout period").AddColumns("Check", "Result");
            validation.AddRow(new Text("Holdout purchases"), new Text(holdout.Purchases.ToString()));
            if (holdout.Revenue is { } revenue)
            {
                validation.AddRow(new Text("Holdout revenue"), new Text(revenue.ToString()));
            }

            validation.AddRow(new Text("Active or not"), new Text(holdout.Activity.ToString()));
            validation.AddRow(new Text("Best customers"), new Text(holdout.TopCustomers.ToString()));
            if (run.Tracking is { } tracking)
            {
                validation.AddRow(new Text("Tracking (weekly)"), new Text(tracking.ToString()));
            }

            console.Write(validation);
        }

        if (result.Migration is { } migration)
        {
            WriteMigration(console, migration);
        }

        WriteNotes(console, result.Notes);
        WriteFiles(console, files);
    }

    /// <summary>Writes the segment table: each segment's size, revenue, value, rule and treatment.</summary>
    public static void WriteSegments(IAnsiConsole console, SegmentationResult result)
    {
        var report = result.Report;
        var table = new Table().Title(Markup.Escape($"Segments on {result.Value.Name}")).AddColumns("Segment", "Customers", "Share", "Revenue share", "Mean value");
        if (report.Loyalty is { } loyalty)
        {
            table.AddColumn(new TableColumn(new Text("Mean " + loyalty.Name)));
        }

        foreach (var row in report.Rows.Append(report.Total))
        {
            var cells = new List<IRenderable>
            {
                new Text(row.Segment?.Name ?? "Total"),
                Number(row.Customers.ToString("N0", Invariant)),
                Number(row.CustomerShare.ToString("P1", Invariant)),
                Number(row.RevenueShare?.ToString("P1", Invariant) ?? "–"),
                Number(row.MeanValue?.ToString("N2", Invariant) ?? "–"),
            };
            if (report.Loyalty is not null)
            {
                cells.Add(Number(row.MeanLoyalty?.ToString("N3", Invariant) ?? "–"));
            }

            table.AddRow(cells);
        }

        console.Write(table);
        foreach (var segment in result.Segments.Segments)
        {
            console.Write(new Text(segment.Name, new Style(decoration: Decoration.Bold)));
            console.WriteLine($": {segment.Rule}.");
            console.WriteLine("  " + segment.Treatment);
        }
    }

    /// <summary>Writes a fitted model's parameters with standard errors, its log-likelihood and convergence.</summary>
    public static void WriteModel(IAnsiConsole console, ModelFit? fit, string description)
    {
        if (fit is null)
        {
            console.WriteLine(description + " (parameters given, not fitted)");
            return;
        }

        console.WriteLine(description);
        var table = new Table().AddColumns("Parameter", "Estimate", "Standard error");
        for (int i = 0; i < fit.ParameterNames.Count; i++)
        {
            table.AddRow(new Text(fit.ParameterNames[i]), Number(fit.Parameters[i].ToString("F4", Invariant)), Number(fit.StandardErrors is { } errors ? errors[i].ToString("F4", Invariant) : "–"));
        }

        console.Write(table);
        console.WriteLine(string.Create(Invariant, $"log-likelihood {fit.LogLikelihood:F2} on {fit.Customers:N0} customers; {fit.Convergence}"));
    }

    /// <summary>Writes the migration matrix.</summary>
    public static void WriteMigration(IAnsiConsole console, SegmentMigration migration)
    {
        var table = new Table().Title("Migration between the two snapshots (rows: before, columns: after)").AddColumn("Before \\ after");
        foreach (var segment in migration.Segments)
        {
            table.AddColumn(new TableColumn(new Text(segment.Name)).RightAligned());
        }

        table.AddColumn(new TableColumn("Lost").RightAligned());
        for (int from = 0; from < migration.Segments.Count; from++)
        {
            var cells = new List<IRenderable> { new Text(migration.Segments[from].Name) };
            for (int to = 0; to < migration.Segments.Count; to++)
            {
                cells.Add(Number(migration.Count(from, to).ToString("N0", Invariant)));
            }

            cells.Add(Number(migration.Lost(from).ToString("N0", Invariant)));
            table.AddRow(cells);
        }

        var added = new List<IRenderable> { new Text("New") };
        added.AddRange(migration.Segments.Select((_, to) => Number(migration.New(to).ToString("N0", Invariant))));
        added.Add(new Text(string.Empty));
        table.AddRow(added);
        table.Caption(string.Create(Invariant, $"{migration.RisingStars.Count:N0} moved up (rising stars), {migration.AtRisk.Count:N0} moved down (at risk)"));
        console.Write(table);
    }

    /// <summary>Writes the input line: rows read = used + rejected, and where the rejects went.</summary>
    public static void WriteInput(IAnsiConsole console, LoadedInput input, long droppedByPipeline)
    {
        console.WriteLine(input.Describe(droppedByPipeline));
        if (input.RejectsFile is { } rejects)
        {
            console.WriteLine($"Rejected rows, with line, column and reason: {rejects}");
        }
    }

    /// <summary>Writes the notes a user should read.</summary>
    public static void WriteNotes(IAnsiConsole console, IReadOnlyList<string> notes)
    {
        foreach (string note in notes)
        {
            console.WriteLine("Note: " + note);
        }
    }

    /// <summary>Writes the files a command wrote.</summary>
    public static void WriteFiles(IAnsiConsole console, IReadOnlyList<string> files)
    {
        foreach (string file in files)
        {
            console.WriteLine("Wrote " + file);
        }
    }

    private static Grid Grid(string label, string value)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        Add(grid, label, value);
        return grid;
    }

    private static void Add(Grid grid, string label, string value) => grid.AddRow(new Text(label), new Text(value));

    private static Text Number(string text) => new(text) { Justification = Justify.Right };

    private static string Singular(TimeUnit unit) => unit.ToString().ToLowerInvariant().TrimEnd('s');
}
