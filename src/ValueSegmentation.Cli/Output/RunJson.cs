using System.Text.Json;
using ValueSegmentation.Analysis;
using ValueSegmentation.Cli.Input;
using ValueSegmentation.Cli.Runs;
using ValueSegmentation.Probabilistic;
using ValueSegmentation.Probabilistic.Validation;

namespace ValueSegmentation.Cli.Output;

/// <summary>
/// The JSON summary of a run (<c>summary.json</c>, and <c>--format json</c> on standard output): the input's row counts,
/// the window, the base's metrics, the fitted models, the segments with their rules and treatments, the concentration,
/// the validation and the migration. Property names are camelCase; every number is finite.
/// </summary>
internal static class RunJson
{
    /// <summary>Writes the run's properties into the open object.</summary>
    public static void Write(Utf8JsonWriter json, AnalysisRun run, IReadOnlyList<string> files)
    {
        var result = run.Result;
        WriteInput(json, "input", run.Input, result.DroppedTransactions);
        if (run.PreviousInput is { } previous)
        {
            WriteInput(json, "previousInput", previous, 0);
        }

        if (run.Window is { } window)
        {
            json.WriteStartObject("window");
            json.WriteString("end", window.End);
            if (window.CalibrationEnd is { } calibrationEnd)
            {
                json.WriteString("calibrationEnd", calibrationEnd);
            }

            json.WriteString("timeUnit", window.TimeUnit.ToString());
            json.WriteString("purchasePeriod", window.PurchasePeriod.ToString());
            json.WriteEndObject();
        }

        var metrics = result.Metrics;
        json.WriteStartObject("metrics");
        json.WriteNumber("customers", metrics.Customers);
        json.WriteNumber("purchases", metrics.Purchases);
        json.WriteNumber("revenue", metrics.Revenue);
        json.WriteNumber("averageOrderValue", metrics.AverageOrderValue);
        json.WriteNumber("purchasesPerCustomer", metrics.PurchasesPerCustomer);
        json.WriteNumber("repeatPurchaseRate", metrics.RepeatPurchaseRate);
        json.WriteString("repeatPurchaseRatePer", metrics.RatePer.ToString());
        json.WriteNumber("repeatCustomerShare", metrics.RepeatCustomerShare);
        json.WriteNumber("holdoutPurchases", metrics.HoldoutPurchases);
        json.WriteEndObject();

        json.WriteString("value", result.Value.Name);
        if (result.Loyalty is { } loyalty)
        {
            json.WriteString("loyalty", loyalty.Name);
        }

        if (run.Models is { } models)
        {
            json.WriteStartObject("models");
            json.WriteString("name", models.Name);
            var transactions = run.TransactionFit!.Value;
            WriteModel(json, "transactions", transactions.Fit, transactions.Description);
            if (run.SpendFit is { } spend)
            {
                WriteModel(json, "spend", spend.Fit, spend.Description);
            }

            if (run.Covariates is { } covariates)
            {
                json.WriteStartObject("covariates");
                json.WriteStartArray("names");
                foreach (string name in covariates.Covariates.Names)
                {
                    json.WriteStringValue(name);
                }

                json.WriteEndArray();
                json.WriteNumber("customers", covariates.Covariates.Count);
                json.WriteNumber("rowsRead", covariates.Report.RowsRead);
                json.WriteNumber("rowsUsed", covariates.Report.RowsUsed);
                json.WriteNumber("rowsRejected", covariates.Report.RowsRejected);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        WriteSegments(json, result.Report);

        var concentration = result.Concentration;
        json.WriteStartObject("concentration");
        json.WriteNumber("gini", concentration.Gini);
        json.WriteNumber("top1PercentShare", concentration.TopShare(0.01));
        json.WriteNumber("top20PercentShare", concentration.TopShare(0.2));
        json.WriteNumber("customersFor80PercentOfValue", concentration.CustomersForShare(0.8));
        json.WriteEndObject();

        if (run.Holdout is { } holdout)
        {
            WriteValidation(json, holdout, run.Tracking);
        }

        if (result.Migration is { } migration)
        {
            WriteMigration(json, migration);
        }

        json.WriteStartArray("notes");
        foreach (string note in result.Notes)
        {
            json.WriteStringValue(note);
        }

        json.WriteEndArray();
        WriteFiles(json, files);
    }

    /// <summary>Writes the input's counts: rows read = used + rejected + dropped after the end.</summary>
    public static void WriteInput(Utf8JsonWriter json, string name, LoadedInput input, long droppedByPipeline)
    {
        json.WriteStartObject(name);
        json.WriteString("source", input.Source);
        json.WriteNumber("rowsRead", input.RowsRead);
        json.WriteNumber("rowsUsed", input.RowsUsed - droppedByPipeline);
        json.WriteNumber("rowsRejected", input.RowsRejected);
        json.WriteNumber("rowsDroppedAfterEnd", input.Dropped(droppedByPipeline));
        if (input.RejectsFile is { } rejects)
        {
            json.WriteString("rejectsFile", rejects);
        }

        json.WriteEndObject();
    }

    /// <summary>Writes the files a command wrote.</summary>
    public static void WriteFiles(Utf8JsonWriter json, IReadOnlyList<string> files)
    {
        json.WriteStartArray("files");
        foreach (string file in files)
        {
            json.WriteStringValue(file);
        }

        json.WriteEndArray();
    }

    /// <summary>Writes a fitted model: its parameters with standard errors, log-likelihood and convergence.</summary>
    public static void WriteModel(Utf8JsonWriter json, string name, ModelFit? fit, string description)
    {
        json.WriteStartObject(name);
        json.WriteString("description", description);
        if (fit is not null)
        {
            json.WriteStartObject("parameters");
            for (int i = 0; i < fit.ParameterNames.Count; i++)
            {
                json.WriteNumber(fit.ParameterNames[i], fit.Parameters[i]);
            }

            json.WriteEndObject();
            if (fit.StandardErrors is { } errors)
            {
                json.WriteStartObject("standardErrors");
                for (int i = 0; i < fit.ParameterNames.Count; i++)
                {
                    json.WriteNumber(fit.ParameterNames[i], errors[i]);
                }

                json.WriteEndObject();
            }

            json.WriteNumber("logLikelihood", fit.LogLikelihood);
            json.WriteNumber("customers", fit.Customers);
            json.WriteBoolean("converged", fit.Convergence.Converged);
            json.WriteNumber("iterations", fit.Convergence.Iterations);
            json.WriteString("convergence", fit.Convergence.Reason);
        }

        json.WriteEndObject();
    }

    /// <summary>Writes the segment report: <c>segments</c> (each with its rule and treatment) and the <c>total</c>.</summary>
    public static void WriteSegments(Utf8JsonWriter json, SegmentReport report)
    {
        json.WriteStartArray("segments");
        foreach (var row in report.Rows)
        {
            json.WriteStartObject();
            WriteReportRow(json, row);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("total");
        WriteReportRow(json, report.Total);
        json.WriteEndObject();
    }

    private static void WriteReportRow(Utf8JsonWriter json, SegmentReportRow row)
    {
        if (row.Segment is { } segment)
        {
            json.WriteString("name", segment.Name);
            json.WriteNumber("rank", segment.Rank);
            json.WriteString("rule", segment.Rule);
            json.WriteString("treatment", segment.Treatment);
        }

        json.WriteNumber("customers", row.Customers);
        json.WriteNumber("customerShare", row.CustomerShare);
        json.WriteNumber("revenue", row.Revenue);
        Optional(json, "revenueShare", row.RevenueShare);
        json.WriteNumber("profit", row.Profit);
        Optional(json, "meanValue", row.MeanValue);
        Optional(json, "medianValue", row.MedianValue);
        Optional(json, "averageOrderValue", row.AverageOrderValue);
        Optional(json, "purchaseFrequency", row.PurchaseFrequency);
        Optional(json, "meanLoyalty", row.MeanLoyalty);
    }

    private static void WriteValidation(Utf8JsonWriter json, HoldoutComparison holdout, TrackingCurve? tracking)
    {
        json.WriteStartObject("validation");
        json.WriteNumber("holdoutLength", holdout.HoldoutLength);
        WriteErrors(json, "purchases", holdout.Purchases);
        if (holdout.Revenue is { } revenue)
        {
            WriteErrors(json, "revenue", revenue);
        }

        json.WriteStartObject("activity");
        json.WriteString("rule", holdout.Activity.Rule);
        json.WriteNumber("correctShare", holdout.Activity.CorrectShare);
        json.WriteEndObject();
        json.WriteStartObject("topCustomers");
        json.WriteString("rule", holdout.TopCustomers.Rule);
        json.WriteNumber("hitRate", holdout.TopCustomers.HitRate);
        json.WriteNumber("purchaseShare", holdout.TopCustomers.PurchaseShare);
        json.WriteEndObject();
        json.WriteStartArray("byCalibrationFrequency");
        foreach (var group in holdout.ByCalibrationFrequency())
        {
            json.WriteStartObject();
            json.WriteNumber("frequency", group.Frequency);
            json.WriteBoolean("includesHigher", group.IncludesHigher);
            json.WriteNumber("customers", group.Customers);
            json.WriteNumber("actualMean", group.ActualMean);
            json.WriteNumber("predictedMean", group.PredictedMean);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (tracking is not null)
        {
            json.WriteStartObject("tracking");
            json.WriteNumber("stepDays", tracking.Tracking.StepDays);
            json.WriteNumber("calibrationActual", tracking.CalibrationActual);
            json.WriteNumber("calibrationExpected", tracking.CalibrationExpected);
            json.WriteNumber("holdoutActual", tracking.HoldoutActual);
            json.WriteNumber("holdoutExpected", tracking.HoldoutExpected);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteErrors(Utf8JsonWriter json, string name, ForecastErrors errors)
    {
        json.WriteStartObject(name);
        json.WriteNumber("customers", errors.Customers);
        json.WriteNumber("meanAbsoluteError", errors.MeanAbsoluteError);
        json.WriteNumber("rootMeanSquaredError", errors.RootMeanSquaredError);
        json.WriteNumber("bias", errors.Bias);
        Optional(json, "correlation", errors.Correlation);
        json.WriteNumber("totalPredicted", errors.TotalPredicted);
        json.WriteNumber("totalActual", errors.TotalActual);
        json.WriteEndObject();
    }

    /// <summary>Writes the migration matrix: counts from each earlier segment to each later one, lost and new.</summary>
    public static void WriteMigration(Utf8JsonWriter json, SegmentMigration migration)
    {
        json.WriteStartObject("migration");
        json.WriteStartArray("segments");
        foreach (var segment in migration.Segments)
        {
            json.WriteStringValue(segment.Name);
        }

        json.WriteEndArray();
        json.WriteStartArray("counts");
        for (int from = 0; from < migration.Segments.Count; from++)
        {
            json.WriteStartArray();
            for (int to = 0; to < migration.Segments.Count; to++)
            {
                json.WriteNumberValue(migration.Count(from, to));
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteStartArray("lost");
        for (int from = 0; from < migration.Segments.Count; from++)
        {
            json.WriteNumberValue(migration.Lost(from));
        }

        json.WriteEndArray();
        json.WriteStartArray("new");
        for (int to = 0; to < migration.Segments.Count; to++)
        {
            json.WriteNumberValue(migration.New(to));
        }

        json.WriteEndArray();
        json.WriteNumber("risingStars", migration.RisingStars.Count);
        json.WriteNumber("atRisk", migration.AtRisk.Count);
        json.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
