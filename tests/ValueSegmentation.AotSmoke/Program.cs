// Native AOT smoke test. .ci/aot-smoke publishes this program with PublishAot (failing on any trim/AOT warning) and
// runs the native binary, which walks the paths a service hits on real data and checks the results against published
// numbers: the CDNOW sample (embedded; Fader, Hardie & Lee 2005, see data/README.md) is summarised, segmented by the
// pipeline entry point, and fitted with BG/NBD (published r = 0.243, α = 4.414, a = 0.793, b = 2.426: Fader, Hardie
// & Lee 2005, "Counting Your Customers the Easy Way", Marketing Science 24(2)). The large batches at the end take the
// parallel paths (Parallel.For), which must work without a JIT too.
// Any mismatch prints what differs and exits with 1; an exception exits with 2.
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using ValueSegmentation;
using ValueSegmentation.Probabilistic;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

var culture = CultureInfo.InvariantCulture;
var calibrationEnd = new DateTimeOffset(1997, 9, 30, 0, 0, 0, TimeSpan.Zero);
var failures = new List<string>();
var clock = Stopwatch.StartNew();

try
{
    // 1. The log: 6,919 transactions of 2,357 customers; the calibration period ends 1997-09-30 (39 weeks).
    var log = ReadLog();
    var calibration = log.Where(t => t.Timestamp <= calibrationEnd).ToList();
    Check(log.Count == 6_919, $"transactions read: {log.Count}, expected 6,919");

    // 2. Summaries over the calibration period, in weeks: the published RFM facts of the sample.
    var customers = CustomerSummary.FromTransactions(calibration, new ObservationWindow(end: calibrationEnd, TimeUnit.Weeks));
    long repeatPurchases = customers.Sum(c => (long)c.Frequency);
    Check(customers.Count == 2_357, $"customers: {customers.Count}, expected 2,357");
    Check(repeatPurchases == 2_457, $"repeat purchases Σx: {repeatPurchases}, expected 2,457");

    // 3. The pipeline entry point on the whole log, as a service would call it: transactions after the observation end
    //    are dropped and counted; revenue tiers (three segments) with a report.
    var result = new SegmentationPipelineBuilder()
        .Configure(o =>
        {
            o.ObservationEnd = calibrationEnd;
            o.TimeUnit = TimeUnit.Weeks;
            o.TransactionsAfterEnd = TransactionsAfterEnd.Drop;
        })
        .Build()
        .Run(log);
    var segmented = result.Segments;
    double calibrationRevenue = calibration.Sum(t => t.Amount);
    Check(result.Customers.Count == 2_357, $"pipeline customers: {result.Customers.Count}, expected 2,357");
    Check(result.Customers.Sum(c => (long)c.Frequency) == 2_457, "pipeline summaries: Σx is not 2,457");
    Check(result.TransactionsRead == log.Count, $"pipeline transactions read: {result.TransactionsRead}, expected {log.Count}");
    Check(result.DroppedTransactions == log.Count - calibration.Count, $"pipeline dropped {result.DroppedTransactions} transactions, expected {log.Count - calibration.Count}");
    Check(segmented.Segments.Count == 3, $"pipeline segments: {segmented.Segments.Count}, expected 3 tiers");
    Check(segmented.Counts.Sum() == 2_357, $"pipeline segment counts sum to {segmented.Counts.Sum()}, expected 2,357");
    Check(segmented.Counts.All(n => n > 0), $"pipeline has an empty segment: {string.Join(", ", segmented.Counts)}");
    Check(result.Report.Rows.Count == 3, $"report rows: {result.Report.Rows.Count}, expected 3");
    Check(result.Report.Rows.Sum(r => r.Customers) == 2_357, "report rows do not add up to the customers");
    Check(Close(result.Report.Total.Revenue, calibrationRevenue, 1e-9), $"report revenue {result.Report.Total.Revenue:F2}, expected {calibrationRevenue:F2}");
    Check(result.Metrics.Customers == 2_357, $"base metrics customers: {result.Metrics.Customers}, expected 2,357");
    Check(result.Concentration.Gini is >= 0 and <= 1, $"Gini {result.Concentration.Gini} is not in [0, 1]");
    int mismatched = Enumerable.Range(0, result.Customers.Count).Count(i => result.Segmenter.Assign(result.Customers[i]) != segmented.SegmentOf(i));
    Check(mismatched == 0, $"online assignment differs from the batch for {mismatched} customers");

    // 4. BG/NBD by maximum likelihood (BFGS, then standard errors from a Cholesky solve in MathNet.Numerics).
    var model = BgNbdModel.Fit(RepeatPurchaseData.FromSummaries(customers));
    var (r, alpha, a, b) = model.Parameters;
    CheckParameter("r", r, 0.243);
    CheckParameter("α", alpha, 4.414);
    CheckParameter("a", a, 0.793);
    CheckParameter("b", b, 2.426);
    var fit = model.FitResult;
    Check(fit is { Convergence.Converged: true }, $"BG/NBD fit did not converge: {fit?.Convergence}");
    Check(fit?.StandardErrors is { Count: 4 } errors && errors.All(e => double.IsFinite(e) && e > 0), "BG/NBD fit has no finite standard errors");

    // 5. Predictions: one customer (online) and the whole base (the batch path).
    var first = customers[0];
    double alive = model.ProbabilityAlive(first);
    Check(alive is >= 0 and <= 1, $"P(alive) of customer {first.CustomerId} is {alive}, not in [0, 1]");
    var aliveAll = new double[customers.Count];
    model.ProbabilityAlive(customers.AsSpan(), aliveAll);
    Check(aliveAll.All(p => p is >= 0 and <= 1), "a batch P(alive) is not in [0, 1]");
    Check(Close(aliveAll[0], alive, 1e-12), $"batch P(alive) {aliveAll[0]} differs from the single value {alive}");
    var expectedAll = new double[customers.Count];
    model.ConditionalExpectedPurchases(39, customers.AsSpan(), expectedAll);
    double expected = expectedAll.Sum();
    Check(double.IsFinite(expected) && expected > 0, $"expected purchases in the next 39 weeks: {expected}");

    // 6. The paths that go parallel on large batches (model predictions from 2^14 customers, segment assignment from
    //    2^16): the calibration log 28 times over, each copy under its own ids (65,996 customers); every copy of a
    //    customer must get its original's P(alive) and tier.
    const int Copies = 28;
    var manyLog = new List<Transaction>(calibration.Count * Copies);
    for (int k = 0; k < Copies; k++)
    {
        manyLog.AddRange(calibration.Select(t => new Transaction($"{t.CustomerId}#{k}", t.Timestamp, t.Amount)));
    }

    var many = CustomerSummary.FromTransactions(manyLog, new ObservationWindow(end: calibrationEnd, TimeUnit.Weeks));
    Check(many.Count == Copies * customers.Count, $"replicated customers: {many.Count}, expected {Copies * customers.Count}");
    var originalIds = many.Select(c => c.CustomerId[..c.CustomerId.IndexOf('#', StringComparison.Ordinal)]).ToArray();
    var aliveMany = new double[many.Count];
    model.ProbabilityAlive(many.AsSpan(), aliveMany);
    int aliveMismatches = Enumerable.Range(0, many.Count).Count(i => !Close(aliveMany[i], aliveAll[customers.IndexOf(originalIds[i])], 1e-12));
    Check(aliveMismatches == 0, $"parallel batch P(alive) differs from the original customer's for {aliveMismatches} customers");
    var manyTiers = SegmentedCustomers.Assign(result.Segmenter, many);
    int tierMismatches = Enumerable.Range(0, many.Count).Count(i => manyTiers.SegmentIndexOf(i) != segmented.SegmentIndexOf(result.Customers.IndexOf(originalIds[i])));
    Check(tierMismatches == 0, $"parallel segment assignment differs from the original customer's for {tierMismatches} customers");

    // 7. The fitted model as a loyalty axis of the pipeline: revenue (cut at the median) × P(alive) (cut at 0.5; its
    //    median is 1, the P(alive) of every customer without a repeat purchase) quadrants, a partition of the base.
    var quadrants = new SegmentationPipelineBuilder()
        .Configure(o =>
        {
            o.ObservationEnd = calibrationEnd;
            o.TimeUnit = TimeUnit.Weeks;
            o.Method = SegmentationMethod.Quadrant;
            o.LoyaltyMeasure = "p-alive";
            o.LoyaltyCut = 0.5;
        })
        .AddMeasure("p-alive", CustomerMeasure.ProbabilityAlive(model))
        .Build()
        .Run(calibration);
    Check(quadrants.Segments.Segments.Count == 4, $"quadrant segments: {quadrants.Segments.Segments.Count}, expected 4");
    Check(quadrants.Segments.Counts.Sum() == 2_357, "quadrant segment counts do not add up to the customers");
    Check(quadrants.Segments.Counts.All(n => n > 0), $"quadrants has an empty segment: {string.Join(", ", quadrants.Segments.Counts)}");
    Check(quadrants.Notes.Count == 0, "quadrant notes: " + string.Join("; ", quadrants.Notes));

    // 8. Saved state (source-generated JSON, no reflection): the fitted model with its fit report, and a snapshot of a
    //    run that fitted BG/NBD + Gamma-Gamma, loaded back: the same parameters and the same segment for every customer.
    var reloaded = ModelJson.Deserialize<BgNbdModel>(ModelJson.Serialize(model));
    Check(reloaded.Parameters == model.Parameters, $"saved BG/NBD parameters came back as {reloaded.Parameters}");
    Check(reloaded.FitResult?.LogLikelihood == fit?.LogLikelihood, "saved BG/NBD fit report lost its log-likelihood");
    var clvPipeline = new SegmentationPipelineBuilder()
        .Configure(o => (o.ObservationEnd, o.TimeUnit, o.ValueMeasure) = (calibrationEnd, TimeUnit.Weeks, ProbabilisticMeasureNames.LifetimeValue))
        .AddProbabilisticModels()
        .Build();
    var clvResult = clvPipeline.Run(calibration);
    var snapshot = clvPipeline.LoadSnapshot(clvResult.ToSnapshot("aot").ToJson());
    int snapshotMismatches = Enumerable.Range(0, clvResult.Customers.Count).Count(i => snapshot.Assign(clvResult.Customers[i]).Rank != clvResult.Segments.SegmentOf(i).Rank);
    Check(snapshot.Version == "aot" && snapshotMismatches == 0, $"a loaded snapshot assigns {snapshotMismatches} customers differently");

    if (failures.Count > 0)
    {
        Console.Error.WriteLine($"AOT smoke: FAILED, {failures.Count} check(s):");
        failures.ForEach(f => Console.Error.WriteLine("  " + f));
        return 1;
    }

    Console.WriteLine(string.Create(culture,
        $"AOT smoke: OK in {clock.ElapsedMilliseconds} ms. {customers.Count:N0} customers, Σx = {repeatPurchases:N0}; " +
        $"tiers {string.Join(" / ", segmented.Counts)}; BG/NBD r = {r:F3}, α = {alpha:F3}, a = {a:F3}, b = {b:F3} " +
        $"({fit?.Convergence.Iterations} iterations), P(alive) of customer {first.CustomerId} = {alive:F3}, " +
        $"{expected:F1} purchases expected in the next 39 weeks; quadrants {string.Join(" / ", quadrants.Segments.Counts)}; " +
        $"{many.Count:N0} replicated customers on {Environment.ProcessorCount} cores; a saved snapshot assigns all {clvResult.Customers.Count:N0} alike"));
    return 0;
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    Console.Error.WriteLine($"AOT smoke: FAILED with an exception: {e}");
    return 2;
}

void Check(bool ok, string what)
{
    if (!ok)
    {
        failures.Add(what);
    }
}

void CheckParameter(string name, double actual, double published) =>
    Check(Math.Round(actual, 3) == published, string.Create(culture, $"BG/NBD {name} = {actual:F6}, published {published:F3}"));

static bool Close(double actual, double expected, double relative) =>
    Math.Abs(actual - expected) <= relative * Math.Max(1, Math.Abs(expected));

// Columns: master id, sample id, date (yyyyMMdd), number of CDs, dollar value; the sample id names the customer.
static List<Transaction> ReadLog()
{
    using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CDNOW_sample.txt")
        ?? throw new InvalidOperationException("The embedded CDNOW sample is missing.");
    using var reader = new StreamReader(stream);
    var transactions = new List<Transaction>();
    int lineNumber = 0;
    while (reader.ReadLine() is { } line)
    {
        lineNumber++;
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            throw new FormatException($"CDNOW_sample.txt, line {lineNumber}: expected 5 fields, found {fields.Length}.");
        }

        var day = DateOnly.ParseExact(fields[2], "yyyyMMdd", CultureInfo.InvariantCulture);
        transactions.Add(new Transaction(fields[1].TrimStart('0'), day, double.Parse(fields[4], CultureInfo.InvariantCulture)));
    }

    return transactions;
}
