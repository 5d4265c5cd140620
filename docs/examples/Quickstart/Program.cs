// Quickstart: the whole job on the CDNOW sample (2,357 customers of an online music retailer, 1997-1998; Fader,
// Hardie & Lee 2005), embedded in this program: customer summaries, BG/NBD + Gamma-Gamma lifetime values, value tiers
// with a report, the concentration of value, and how customers moved between RFM segments from one date to another.
// Run: dotnet run --project docs/examples/Quickstart
using ValueSegmentation;

var culture = System.Globalization.CultureInfo.InvariantCulture;
var transactions = ReadCdnowSample().ToArray();

// 1. Value tiers on each customer's 3-year lifetime value: BG/NBD for purchases, Gamma-Gamma for spend, fitted on the
//    first 39 weeks (the calibration period, to 1997-09-30; the next 39 weeks are held out), monthly periods discounted
//    at 1 % a month. Every option is a plain value, so a configuration file or command-line flags can set the same ones.
var calibrationEnd = new DateTimeOffset(1997, 9, 30, 0, 0, 0, TimeSpan.Zero);
var end = new DateTimeOffset(1998, 6, 30, 0, 0, 0, TimeSpan.Zero);
var tiers = new SegmentationPipelineBuilder()
    .Configure(options =>
    {
        options.ObservationEnd = end;
        options.CalibrationEnd = calibrationEnd;
        options.TimeUnit = TimeUnit.Weeks;
        options.Method = SegmentationMethod.Tiers;
        options.ValueMeasure = ProbabilisticMeasureNames.LifetimeValue;
        options.LoyaltyMeasure = ProbabilisticMeasureNames.ProbabilityAlive;
    })
    .AddProbabilisticModels(new ProbabilisticModelOptions { Period = TimeUnit.Months, DiscountRate = 0.01, HorizonPeriods = 36 })
    .Build()
    .Run(transactions);

var metrics = tiers.Metrics;
Console.WriteLine($"CDNOW sample, calibration to 1997-09-30: {metrics.Customers:N0} customers, {metrics.Purchases:N0} purchases ({metrics.HoldoutPurchases:N0} more in the 39-week holdout)");
Console.WriteLine($"  average order value {metrics.AverageOrderValue:F2} USD, {metrics.PurchasesPerCustomer:F2} purchases per customer, " +
    $"{metrics.RepeatPurchaseRate:F2} repeat purchases per customer per year, {metrics.RepeatCustomerShare:P0} bought again");
Console.WriteLine($"  {tiers.ProbabilisticModels()!.TransactionModel}");
Console.WriteLine($"  {tiers.ProbabilisticModels()!.SpendModel}");
Console.WriteLine();

Console.WriteLine($"Value tiers on {tiers.Value.Name}");
Console.WriteLine("  segment          customers  share   revenue  share    mean CLV  repeat/yr  P(alive)");
foreach (var row in tiers.Report.Rows)
{
    Console.WriteLine(string.Create(culture, $"  {row.Segment!.Name,-15} {row.Customers,10:N0} {row.CustomerShare,6:P0} {row.Revenue,9:N0} {row.RevenueShare,6:P0} {row.MeanValue,11:F2} {row.PurchaseFrequency,10:F2} {row.MeanLoyalty,9:F2}"));
}

foreach (var segment in tiers.Segments.Segments)
{
    Console.WriteLine($"  {segment.Name}: {segment.Rule}. {segment.Treatment}");
}

var concentration = tiers.Concentration;
Console.WriteLine(string.Create(culture, $"  The top 20 % of customers hold {concentration.TopShare(0.2):P1} of the lifetime value; Gini {concentration.Gini:F3}."));
foreach (string note in tiers.Notes)
{
    Console.WriteLine($"  Note: {note}");
}

Console.WriteLine();

// 2. RFM segments at the end of the 39 weeks and at the end of the 78 weeks, and who moved between them.
SegmentationResult Rfm(DateTimeOffset? calibrationEnd, SegmentationResult? previous) => new SegmentationPipelineBuilder()
    .Configure(options =>
    {
        options.ObservationEnd = end;
        options.CalibrationEnd = calibrationEnd;
        options.Method = SegmentationMethod.Rfm;
    })
    .Build()
    .Run(transactions, previous);

var before = Rfm(calibrationEnd, previous: null);
var after = Rfm(calibrationEnd: null, before);
var migration = after.Migration!;
Console.WriteLine("RFM segments, 1997-09-30 → 1998-06-30");
for (int i = 0; i < after.Segments.Segments.Count; i++)
{
    Console.WriteLine($"  {after.Segments.Segments[i].Name,-20} {before.Segments.Counts[i],6:N0} → {after.Segments.Counts[i],6:N0}");
}

Console.WriteLine($"  {migration.RisingStars.Count:N0} customers moved up (rising stars), {migration.AtRisk.Count:N0} moved down (at risk).");

// The log: columns master id, sample id, date (yyyyMMdd), number of CDs, dollar value.
static IEnumerable<Transaction> ReadCdnowSample()
{
    using var stream = System.Reflection.Assembly.GetExecutingAssembly().GetManifestResourceStream("CDNOW_sample.txt")
        ?? throw new InvalidOperationException("The embedded CDNOW sample is missing.");
    using var reader = new StreamReader(stream);
    int lineNumber = 0;
    while (reader.ReadLine() is { } line)
    {
        lineNumber++;
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            throw new FormatException($"CDNOW_sample.txt, line {lineNumber}: expected 5 fields, found {fields.Length}.");
        }

        var day = DateOnly.ParseExact(fields[2], "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        yield return new Transaction(fields[1], day, double.Parse(fields[4], System.Globalization.CultureInfo.InvariantCulture));
    }
}
