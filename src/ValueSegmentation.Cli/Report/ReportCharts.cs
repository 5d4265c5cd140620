using System.Globalization;
using ScottPlot;
using ValueSegmentation.Cli.Runs;
using ValueSegmentation.Probabilistic.Validation;

namespace ValueSegmentation.Cli.Report;

/// <summary>
/// The report's charts, drawn by ScottPlot as PNG images. Each chart is a function of the run; none draws by hand.
/// </summary>
internal static class ReportCharts
{
    private const int Width = 760;
    private const int Height = 440;

    /// <summary>The most customers a scatter plot draws (an even sample of the rest: a picture, not a table).</summary>
    private const int MostPoints = 5_000;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The Lorenz curve of the value measure, with the equality line and the top-20 % share marked.</summary>
    public static byte[] Lorenz(AnalysisRun run)
    {
        var concentration = run.Result.Concentration;
        var curve = concentration.LorenzCurve(201);
        var plot = NewPlot($"Concentration of {run.Result.Value.Name}", "Share of customers (lowest value first)", "Share of value");
        var equality = plot.Add.Line(0, 0, 1, 1);
        equality.LinePattern = LinePattern.Dashed;
        equality.Color = Colors.Gray;
        equality.LegendText = "Equal shares";
        var lorenz = plot.Add.Scatter(curve.Select(p => p.CustomerShare).ToArray(), curve.Select(p => p.ValueShare).ToArray());
        lorenz.MarkerSize = 0;
        lorenz.LineWidth = 2;
        lorenz.LegendText = string.Create(Invariant, $"Lorenz curve (Gini {concentration.Gini:F3})");
        double top = concentration.TopShare(0.2);
        var cut = plot.Add.VerticalLine(0.8);
        cut.LinePattern = LinePattern.Dotted;
        cut.Color = Colors.OrangeRed;
        cut.LegendText = string.Create(Invariant, $"Top 20 % of customers: {top:P1} of the value");
        var marker = plot.Add.Marker(0.8, 1 - top);
        marker.Color = Colors.OrangeRed;
        marker.Size = 10;
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.Legend.Alignment = Alignment.UpperLeft;
        return Png(plot);
    }

    /// <summary>Value against loyalty, one colour per segment, with the quadrant's cuts (the medians unless fixed) as
    /// lines.</summary>
    public static byte[] ValueByLoyalty(AnalysisRun run, string loyaltyName, double[] loyalty)
    {
        var result = run.Result;
        var value = result.Customers.ValuesOf(result.Value).ToArray();
        var segments = result.Segments.SegmentIndexes();
        var plot = NewPlot($"{result.Value.Name} by {loyaltyName}", loyaltyName, result.Value.Name);
        int stride = Math.Max(1, (value.Length + MostPoints - 1) / MostPoints);
        for (int s = 0; s < result.Segments.Segments.Count; s++)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            for (int i = 0; i < value.Length; i += stride)
            {
                if (segments[i] == s)
                {
                    xs.Add(loyalty[i]);
                    ys.Add(value[i]);
                }
            }

            var points = plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray());
            points.MarkerSize = 4;
            points.LegendText = result.Segments.Segments[s].Name;
        }

        var valueCut = plot.Add.HorizontalLine(run.QuadrantCuts?.Value ?? Median(value));
        valueCut.LinePattern = LinePattern.Dashed;
        valueCut.Color = Colors.Gray;
        valueCut.LegendText = run.QuadrantCuts is { Value: not null } or { Loyalty: not null } ? "The quadrant's cuts" : "Medians (the quadrant's default cuts)";
        var loyaltyCut = plot.Add.VerticalLine(run.QuadrantCuts?.Loyalty ?? Median(loyalty));
        loyaltyCut.LinePattern = LinePattern.Dashed;
        loyaltyCut.Color = Colors.Gray;
        plot.Legend.Alignment = Alignment.UpperLeft;
        return Png(plot);
    }

    /// <summary>Each segment's share of the customers beside its share of the value.</summary>
    public static byte[] SegmentShares(AnalysisRun run)
    {
        var result = run.Result;
        var value = result.Customers.ValuesOf(result.Value);
        var indexes = result.Segments.SegmentIndexes();
        var totals = new double[result.Segments.Segments.Count];
        double all = 0;
        for (int i = 0; i < value.Length; i++)
        {
            double positive = Math.Max(0, value[i]);
            totals[indexes[i]] += positive;
            all += positive;
        }

        var plot = NewPlot("Segment sizes and value shares", string.Empty, "Share");
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (int s = 0; s < totals.Length; s++)
        {
            double customerShare = result.Segments.ShareOf(s), valueShare = all > 0 ? totals[s] / all : 0;
            bars.Add(new Bar { Position = (3 * s) + 0.5, Value = customerShare, FillColor = Colors.SteelBlue, Label = customerShare.ToString("P0", Invariant) });
            bars.Add(new Bar { Position = (3 * s) + 1.5, Value = valueShare, FillColor = Colors.DarkOrange, Label = valueShare.ToString("P0", Invariant) });
            ticks.Add(new Tick((3 * s) + 1, result.Segments.Segments[s].Name));
        }

        var series = plot.Add.Bars(bars);
        series.ValueLabelStyle.FontSize = 12;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.SetLimitsY(0, 1.1);
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Share of customers", FillColor = Colors.SteelBlue });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"Share of {result.Value.Name} (losses as 0)", FillColor = Colors.DarkOrange });
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.ShowLegend();
        return Png(plot);
    }

    /// <summary>P(alive) over repeat frequency and recency for a customer observed over the whole calibration period.</summary>
    public static byte[] ProbabilityAlive(AnalysisRun run)
    {
        var model = run.Models!.TransactionModel;
        var customers = run.Result.Customers;
        double age = 0;
        int most = 0;
        foreach (var customer in customers)
        {
            age = Math.Max(age, customer.AgeIn(model.TimeUnit));
            most = Math.Max(most, customer.Frequency);
        }

        int rows = Math.Clamp(most, 1, 30) + 1;
        const int Columns = 40;
        // Rows from the top: the highest frequency first, so that frequency grows upwards.
        var grid = new double[rows, Columns];
        for (int x = 0; x < rows; x++)
        {
            for (int c = 0; c < Columns; c++)
            {
                double recency = x == 0 ? 0 : age * (c + 0.5) / Columns;
                grid[rows - 1 - x, c] = model.ProbabilityAlive(x, recency, age);
            }
        }

        var plot = NewPlot(string.Create(Invariant, $"P(alive) by repeat purchases and recency (age {age:F0} {model.TimeUnit.ToString().ToLowerInvariant()})"), $"Recency: age at the last purchase ({model.TimeUnit.ToString().ToLowerInvariant()})", "Repeat purchases");
        var heatmap = plot.Add.Heatmap(grid);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.Extent = new CoordinateRect(0, age, -0.5, rows - 0.5);
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        plot.Add.ColorBar(heatmap).Label = "P(alive)";
        plot.Axes.SetLimits(0, age, -0.5, rows - 0.5);
        return Png(plot);
    }

    /// <summary>Cumulative repeat purchases, actual and expected, week by week, with the calibration end marked.</summary>
    public static byte[] Tracking(TrackingCurve tracking, string modelName)
    {
        var points = tracking.Points;
        var plot = NewPlot("Cumulative repeat purchases: actual and expected", $"Week (steps of {tracking.Tracking.StepDays} days)", "Cumulative repeat purchases");
        double[] weeks = points.Select(p => (double)(p.Index + 1)).ToArray();
        var actual = plot.Add.Scatter(weeks, points.Select(p => (double)p.ActualCumulative).ToArray());
        actual.MarkerSize = 0;
        actual.LineWidth = 2;
        actual.LegendText = "Actual";
        var expected = plot.Add.Scatter(weeks, points.Select(p => p.ExpectedCumulative).ToArray());
        expected.MarkerSize = 0;
        expected.LineWidth = 2;
        expected.LinePattern = LinePattern.Dashed;
        expected.LegendText = $"Expected ({modelName})";
        var end = plot.Add.VerticalLine(tracking.Tracking.CalibrationSteps + 0.5);
        end.Color = Colors.Gray;
        end.LinePattern = LinePattern.Dotted;
        end.LegendText = "End of calibration";
        plot.Legend.Alignment = Alignment.UpperLeft;
        return Png(plot);
    }

    /// <summary>Mean holdout purchases by calibration repeat frequency, actual and expected (FHL 2005, Figure 4).</summary>
    public static byte[] HoldoutByFrequency(HoldoutComparison holdout)
    {
        var groups = holdout.ByCalibrationFrequency();
        var plot = NewPlot("Holdout purchases by calibration repeat purchases", "Repeat purchases in the calibration period", "Mean purchases in the holdout");
        double[] xs = groups.Select(g => (double)g.Frequency).ToArray();
        var actual = plot.Add.Scatter(xs, groups.Select(g => g.ActualMean).ToArray());
        actual.LegendText = "Actual";
        actual.LineWidth = 2;
        var expected = plot.Add.Scatter(xs, groups.Select(g => g.PredictedMean).ToArray());
        expected.LegendText = "Expected";
        expected.LineWidth = 2;
        expected.LinePattern = LinePattern.Dashed;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            groups.Select(g => new Tick(g.Frequency, g.IncludesHigher ? $"{g.Frequency}+" : g.Frequency.ToString(Invariant))).ToArray());
        plot.Legend.Alignment = Alignment.UpperLeft;
        return Png(plot);
    }

    private static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title(title, size: 16);
        plot.XLabel(xLabel, size: 13);
        plot.YLabel(yLabel, size: 13);
        return plot;
    }

    private static byte[] Png(Plot plot) => plot.GetImageBytes(Width, Height, ImageFormat.Png);

    private static double Median(double[] values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        int half = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
    }
}
