using System.Globalization;
using System.Net;
using System.Text;
using ValueSegmentation.Cli.Runs;

namespace ValueSegmentation.Cli.Report;

/// <summary>
/// The HTML report of a run: one self-contained file (styles inline, charts as embedded PNG images, no script, and a
/// content security policy that forbids loading anything), readable without a network. Every text that comes from the
/// data or the settings — customer ids, segment names, rules, treatments, file names — is HTML-escaped.
/// </summary>
internal static class HtmlReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>How many of the highest-valued customers the report lists.</summary>
    private const int TopCustomers = 10;

    /// <summary>Writes the report.</summary>
    /// <param name="writer">Where the HTML goes.</param>
    /// <param name="run">The run.</param>
    /// <param name="createdAt">When the report was made (shown in its header).</param>
    public static void Write(TextWriter writer, AnalysisRun run, DateTimeOffset createdAt)
    {
        var result = run.Result;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Customer value report: ").Append(Escape(run.Input.Source)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        html.Append("<header><h1>Customer value report</h1><p class=\"meta\">")
            .Append(Escape(run.Input.Source)).Append(" · ").Append(Escape(run.Window?.ToString() ?? string.Empty))
            .Append(" · made ").Append(Escape(createdAt.ToString("yyyy-MM-dd HH:mm 'UTC'", Invariant))).Append(" by vseg</p></header>\n");

        Headline(html, run);
        Segments(html, result);
        html.Append("<section id=\"charts\"><h2>Charts</h2>\n<div class=\"charts\">\n");
        Chart(html, "lorenz", ReportCharts.Lorenz(run), $"The Lorenz curve of {result.Value.Name}: the top 20 % of customers hold {result.Concentration.TopShare(0.2).ToString("P1", Invariant)} of it.");
        var (loyaltyName, loyalty) = LoyaltyAxis(run);
        Chart(html, "value-loyalty", ReportCharts.ValueByLoyalty(run, loyaltyName, loyalty), $"Each customer's {result.Value.Name} against {loyaltyName}, coloured by segment; the dashed lines are {(run.QuadrantCuts is { Value: not null } or { Loyalty: not null } ? "the quadrant's cuts" : "the medians, the quadrant's default cuts")}.");
        Chart(html, "segment-shares", ReportCharts.SegmentShares(run), "Each segment's share of the customers beside its share of the value.");
        if (run.Models is not null)
        {
            string whose = run.Models.TransactionCovariates is null ? "a customer" : "the baseline customer (covariates 0; each customer's own depends on their covariates)";
            Chart(html, "p-alive", ReportCharts.ProbabilityAlive(run), $"The probability that a customer is still active, by repeat purchases and the age at the last purchase, for {whose} observed over the whole period.");
        }

        if (run.Tracking is { } tracking)
        {
            Chart(html, "tracking", ReportCharts.Tracking(tracking, run.Models!.Name), "Cumulative repeat purchases of the cohort, week by week: the model's expectation against what happened, in the calibration period and after it.");
        }

        if (run.Holdout is { } holdout)
        {
            Chart(html, "holdout-frequency", ReportCharts.HoldoutByFrequency(holdout), "Mean purchases in the holdout period by repeat purchases in the calibration period: what the model expected and what happened (Fader, Hardie & Lee 2005, Figure 4).");
        }

        html.Append("</div>\n</section>\n");
        Validation(html, run);
        Migration(html, result);
        Customers(html, result, loyaltyName, loyalty);
        Models(html, run);
        Notes(html, run);
        html.Append("</body>\n</html>\n");
        writer.Write(html.ToString());
    }

    private static void Headline(StringBuilder html, AnalysisRun run)
    {
        var metrics = run.Result.Metrics;
        var concentration = run.Result.Concentration;
        html.Append("<section id=\"headline\"><h2>Headline</h2>\n<div class=\"cards\">\n");
        Card(html, "Customers", metrics.Customers.ToString("N0", Invariant));
        Card(html, "Purchases", metrics.Purchases.ToString("N0", Invariant));
        Card(html, "Revenue", metrics.Revenue.ToString("N0", Invariant));
        Card(html, "Average order value", metrics.AverageOrderValue.ToString("N2", Invariant));
        Card(html, "Bought again", metrics.RepeatCustomerShare.ToString("P1", Invariant));
        Card(html, $"Top 20 % hold ({run.Result.Value.Name})", concentration.TopShare(0.2).ToString("P1", Invariant));
        Card(html, "Gini", concentration.Gini.ToString("F3", Invariant));
        if (run.Holdout is { } holdout)
        {
            Card(html, "Holdout purchases: expected / actual", $"{holdout.Purchases.TotalPredicted.ToString("N0", Invariant)} / {holdout.Purchases.TotalActual.ToString("N0", Invariant)}");
        }

        html.Append("</div>\n</section>\n");
    }

    private static void Segments(StringBuilder html, SegmentationResult result)
    {
        html.Append("<section id=\"segments\"><h2>Segments on ").Append(Escape(result.Value.Name)).Append("</h2>\n<table>\n<thead><tr>")
            .Append("<th>Segment</th><th>Customers</th><th>Share</th><th>Revenue share</th><th>Mean value</th><th>Rule</th><th>Treatment</th></tr></thead>\n<tbody>\n");
        foreach (var row in result.Report.Rows)
        {
            html.Append("<tr><td>").Append(Escape(row.Segment!.Name)).Append("</td>")
                .Append(Number(row.Customers.ToString("N0", Invariant)))
                .Append(Number(row.CustomerShare.ToString("P1", Invariant)))
                .Append(Number(row.RevenueShare?.ToString("P1", Invariant) ?? "–"))
                .Append(Number(row.MeanValue?.ToString("N2", Invariant) ?? "–"))
                .Append("<td>").Append(Escape(row.Segment.Rule)).Append("</td><td>").Append(Escape(row.Segment.Treatment)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Validation(StringBuilder html, AnalysisRun run)
    {
        if (run.Holdout is not { } holdout)
        {
            return;
        }

        html.Append("<section id=\"validation\"><h2>Validation on the holdout period</h2>\n<table>\n<tbody>\n");
        Row(html, "Holdout purchases", holdout.Purchases.ToString());
        if (holdout.Revenue is { } revenue)
        {
            Row(html, "Holdout revenue", revenue.ToString());
        }

        Row(html, "Active or not", holdout.Activity.ToString());
        Row(html, "Best customers", holdout.TopCustomers.ToString());
        if (run.Tracking is { } tracking)
        {
            Row(html, "Tracking", tracking.ToString());
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Migration(StringBuilder html, SegmentationResult result)
    {
        if (result.Migration is not { } migration)
        {
            return;
        }

        var segments = migration.Segments;
        html.Append("<section id=\"migration\"><h2>Migration between the two snapshots</h2>\n<table class=\"matrix\">\n<thead><tr><th>Before \\ after</th>");
        foreach (var segment in segments)
        {
            html.Append("<th>").Append(Escape(segment.Name)).Append("</th>");
        }

        html.Append("<th>Lost</th></tr></thead>\n<tbody>\n");
        for (int from = 0; from < segments.Count; from++)
        {
            html.Append("<tr><th>").Append(Escape(segments[from].Name)).Append("</th>");
            for (int to = 0; to < segments.Count; to++)
            {
                double share = migration.RowShare(from, to);
                html.Append(string.Create(Invariant, $"<td class=\"num\" style=\"background: rgba(70, 130, 180, {share:F2})\">{migration.Count(from, to):N0}</td>"));
            }

            html.Append(Number(migration.Lost(from).ToString("N0", Invariant))).Append("</tr>\n");
        }

        html.Append("<tr><th>New</th>");
        for (int to = 0; to < segments.Count; to++)
        {
            html.Append(Number(migration.New(to).ToString("N0", Invariant)));
        }

        html.Append("<td></td></tr>\n</tbody>\n</table>\n<p>")
            .Append(string.Create(Invariant, $"{migration.RisingStars.Count:N0} customers moved up (rising stars), {migration.AtRisk.Count:N0} moved down (at risk)."))
            .Append("</p>\n</section>\n");
    }

    private static void Customers(StringBuilder html, SegmentationResult result, string loyaltyName, double[] loyalty)
    {
        var value = result.Customers.ValuesOf(result.Value).ToArray();
        var top = Enumerable.Range(0, value.Length).OrderByDescending(i => value[i]).ThenBy(i => result.Customers.CustomerIdAt(i), StringComparer.Ordinal).Take(TopCustomers).ToList();
        html.Append("<section id=\"customers\"><h2>The ").Append(top.Count).Append(" highest-valued customers</h2>\n<table>\n<thead><tr><th>Customer</th><th>Segment</th><th>")
            .Append(Escape(result.Value.Name)).Append("</th><th>").Append(Escape(loyaltyName)).Append("</th></tr></thead>\n<tbody>\n");
        foreach (int i in top)
        {
            html.Append("<tr><td>").Append(Escape(result.Customers.CustomerIdAt(i))).Append("</td><td>").Append(Escape(result.Segments.SegmentOf(i).Name)).Append("</td>")
                .Append(Number(value[i].ToString("N2", Invariant))).Append(Number(loyalty[i].ToString("N3", Invariant))).Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void Models(StringBuilder html, AnalysisRun run)
    {
        if (run.Models is null)
        {
            return;
        }

        html.Append("<section id=\"models\"><h2>Models</h2>\n<table>\n<thead><tr><th>Model</th><th>Parameters (standard errors)</th><th>Log-likelihood</th><th>Convergence</th></tr></thead>\n<tbody>\n");
        var transactions = run.TransactionFit!.Value;
        ModelRow(html, transactions.Description, transactions.Fit);
        if (run.SpendFit is { } spend)
        {
            ModelRow(html, spend.Description, spend.Fit);
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void ModelRow(StringBuilder html, string description, Probabilistic.ModelFit? fit)
    {
        html.Append("<tr><td>").Append(Escape(description)).Append("</td>");
        if (fit is null)
        {
            html.Append("<td>given, not fitted</td><td></td><td></td></tr>\n");
            return;
        }

        var parameters = fit.ParameterNames.Select((name, i) => string.Create(Invariant, $"{name} = {fit.Parameters[i]:F4}{(fit.StandardErrors is { } se ? $" ({se[i]:F4})" : string.Empty)}"));
        html.Append("<td>").Append(Escape(string.Join(", ", parameters))).Append("</td>")
            .Append(Number(fit.LogLikelihood.ToString("F2", Invariant)))
            .Append("<td>").Append(Escape(fit.Convergence.ToString())).Append("</td></tr>\n");
    }

    private static void Notes(StringBuilder html, AnalysisRun run)
    {
        html.Append("<section id=\"input\"><h2>Input and notes</h2>\n<ul>\n<li>").Append(Escape(run.Input.Describe(run.Result.DroppedTransactions))).Append("</li>\n");
        if (run.PreviousInput is { } previous)
        {
            html.Append("<li>Before: ").Append(Escape(previous.Describe(0))).Append("</li>\n");
        }

        foreach (string note in run.Result.Notes)
        {
            html.Append("<li>").Append(Escape(note)).Append("</li>\n");
        }

        html.Append("</ul>\n</section>\n");
    }

    /// <summary>The loyalty axis of the scatter and the customer table: the run's loyalty measure, else P(alive) when a
    /// model was fitted, else repeat frequency.</summary>
    private static (string Name, double[] Values) LoyaltyAxis(AnalysisRun run)
    {
        var customers = run.Result.Customers;
        var loyalty = run.Result.Loyalty ?? run.Models?.GetMeasure(ProbabilisticMeasureNames.ProbabilityAlive);
        return loyalty is not null
            ? (loyalty.Name, customers.ValuesOf(loyalty).ToArray())
            : ("repeat purchases", customers.Select(c => (double)c.Frequency).ToArray());
    }

    private static void Chart(StringBuilder html, string id, byte[] png, string caption) =>
        html.Append("<figure class=\"chart\" id=\"chart-").Append(id).Append("\"><img alt=\"").Append(Escape(caption)).Append("\" src=\"data:image/png;base64,")
            .Append(Convert.ToBase64String(png)).Append("\"><figcaption>").Append(Escape(caption)).Append("</figcaption></figure>\n");

    private static void Card(StringBuilder html, string label, string value) =>
        html.Append("<div class=\"card\"><div class=\"label\">").Append(Escape(label)).Append("</div><div class=\"value\">").Append(Escape(value)).Append("</div></div>\n");

    private static void Row(StringBuilder html, string label, string value) =>
        html.Append("<tr><th>").Append(Escape(label)).Append("</th><td>").Append(Escape(value)).Append("</td></tr>\n");

    private static string Number(string text) => "<td class=\"num\">" + Escape(text) + "</td>";

    /// <summary>HTML-escapes text from the data or the settings (&lt;, &gt;, &amp;, quotes).</summary>
    internal static string Escape(string text) => WebUtility.HtmlEncode(text);

    private const string Style = """
        body { font-family: "DejaVu Sans", system-ui, sans-serif; margin: 2rem auto; max-width: 1600px; padding: 0 1rem; color: #1d2433; }
        h1 { margin-bottom: 0.2rem; } h2 { border-bottom: 1px solid #d8dde6; padding-bottom: 0.2rem; margin-top: 2rem; }
        .meta { color: #5a6477; margin-top: 0; }
        .cards { display: flex; flex-wrap: wrap; gap: 0.8rem; }
        .card { border: 1px solid #d8dde6; border-radius: 6px; padding: 0.6rem 1rem; min-width: 10rem; background: #f7f9fc; }
        .card .label { color: #5a6477; font-size: 0.85rem; } .card .value { font-size: 1.4rem; font-weight: 600; }
        table { border-collapse: collapse; margin: 0.5rem 0; } th, td { border: 1px solid #d8dde6; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
        thead th { background: #eef2f8; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .charts { display: flex; flex-wrap: wrap; gap: 1rem; }
        figure.chart { flex: 1 1 560px; margin: 0; border: 1px solid #d8dde6; border-radius: 6px; padding: 0.5rem; max-width: 760px; }
        figure.chart img { display: block; width: 100%; height: auto; } figcaption { color: #5a6477; font-size: 0.9rem; padding-top: 0.3rem; }

        """;
}
