// The researcher's flow on CDNOW as a file-based app: fit, validate on a holdout, compare models, put intervals on
// the predictions, segment, and measure how stable the segments are. Run from the repository's root:
//   dotnet run docs/examples/validation.cs
// docs/notebooks/validation.ipynb is the same flow as a notebook; docs/validation.md explains each step.
#:project ../../src/ValueSegmentation.Probabilistic/ValueSegmentation.Probabilistic.csproj
#:property NoWarn=$(NoWarn);CA1303
using System.Globalization;
using ValueSegmentation;
using ValueSegmentation.Analysis;
using ValueSegmentation.Probabilistic;
using ValueSegmentation.Probabilistic.Uncertainty;
using ValueSegmentation.Probabilistic.Validation;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

// 1. The CDNOW sample (data/CDNOW_sample.txt): 39 weeks of calibration, 39 of holdout.
string path = Path.Combine(args.Length > 0 ? args[0] : "data", "CDNOW_sample.txt");
var log = File.ReadLines(path)
    .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
    .Select(f => new Transaction(f[1], DateOnly.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture)))
    .ToList();
var window = new ObservationWindow(
    new DateTimeOffset(1998, 6, 30, 0, 0, 0, TimeSpan.Zero), TimeUnit.Weeks, PurchasePeriod.Day, new DateTimeOffset(1997, 9, 30, 0, 0, 0, TimeSpan.Zero));
var customers = CustomerSummary.FromTransactions(log, window, TransactionOrder.Any);
Console.WriteLine($"{customers.Count} customers, {log.Count} transactions; {window}");

// 2. Fit three models and compare them with each other and with the managerial heuristics.
var comparison = ModelComparison.Fit(customers);
Console.WriteLine();
Console.WriteLine(comparison.ToMarkdown());

// 3. The BG/NBD's holdout check by calibration frequency (Fader, Hardie & Lee 2005, Figure 4).
var holdout = comparison.Holdouts[0];
Console.WriteLine("| x | customers | actual | expected |");
Console.WriteLine("|--:|--:|--:|--:|");
foreach (var group in holdout.ByCalibrationFrequency())
{
    Console.WriteLine($"| {group.Frequency}{(group.IncludesHigher ? "+" : "")} | {group.Customers} | {group.ActualMean:F2} | {group.PredictedMean:F2} |");
}

// 4. The tracking curve (Figures 2 and 3): weekly repeat purchases, actual against expected.
var curve = TrackingCurve.Compute(holdout.Model, RepeatPurchaseTracking.FromTransactions(log, window));
Console.WriteLine();
Console.WriteLine(curve);

// 5. Intervals on every prediction: the delta method and a seeded parametric bootstrap.
var value = new ProbabilisticLifetimeValue(holdout.Model, GammaGammaModel.Fit(SpendData.FromSummaries(customers)), TimeUnit.Months, 0.01, 36);
var delta = PredictionIntervals.Compute(value, customers, horizon: 39);
var bootstrap = PredictionIntervals.Compute(value, customers, horizon: 39, new IntervalOptions { Method = IntervalMethod.ParametricBootstrap, Seed = 1 });
Console.WriteLine();
Console.WriteLine(delta);
Console.WriteLine(bootstrap);
Console.WriteLine($"Customer {customers[0].CustomerId}: expected purchases {delta.ExpectedPurchases[0]}, P(alive) {delta.ProbabilityAlive[0]}, CLV {delta.LifetimeValue![0]}");

// 6. Value tiers on the lifetime value, and how many customers would change tier had the parameters come out otherwise.
var stability = SegmentStability.Compute(value, customers, v => new TieredStrategy(CustomerMeasure.LifetimeValue(v)), new IntervalOptions { Method = IntervalMethod.ParametricBootstrap, Seed = 1 });
Console.WriteLine();
foreach (var row in stability.Rows)
{
    Console.WriteLine($"{row.Segment.Name}: {row.Customers} customers, {row.ExpectedShareMoving:P1} expected to move");
}

// The published check: BG/NBD's LL on CDNOW is −9582.4 (Fader, Hardie & Lee 2005); stop if it is not.
if (Math.Abs(comparison.Rows[0].LogLikelihood!.Value + 9582.4) > 0.05)
{
    throw new InvalidOperationException($"BG/NBD LL {comparison.Rows[0].LogLikelihood} is not the published −9582.4.");
}
