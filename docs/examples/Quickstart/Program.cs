// Quickstart: from a transaction log to customer summaries, metrics and lifetime values.
// The log is the CDNOW sample (2,357 customers of an online music retailer, 1997-1998; Fader, Hardie & Lee
// 2005), embedded in this program. Run: dotnet run --project docs/examples/Quickstart
using System.Globalization;
using System.Reflection;
using ValueSegmentation.Analysis;
using ValueSegmentation.Lifetime;
using ValueSegmentation.Metrics;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

var culture = CultureInfo.InvariantCulture;

// 1. Read the log: columns master id, sample id, date (yyyyMMdd), number of CDs, dollar value.
IEnumerable<Transaction> ReadLog()
{
    using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CDNOW_sample.txt")
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

        var day = DateTime.ParseExact(fields[2], "yyyyMMdd", culture);
        yield return new Transaction(fields[1].TrimStart('0'), new DateTimeOffset(day, TimeSpan.Zero), double.Parse(fields[4], culture));
    }
}

// 2. Summarise it: calibrate on the first 39 weeks (to 1997-09-30), hold out the next 39 weeks, measure
//    time in weeks and count same-day transactions as one purchase.
var window = new ObservationWindow(
    end: new DateTimeOffset(1998, 6, 30, 0, 0, 0, TimeSpan.Zero),
    timeUnit: TimeUnit.Weeks,
    purchasePeriod: PurchasePeriod.Day,
    calibrationEnd: new DateTimeOffset(1997, 9, 30, 0, 0, 0, TimeSpan.Zero));
var customers = CustomerSummary.FromTransactions(ReadLog(), window);

var repeaters = customers.Where(c => c.Frequency > 0).ToList();
Console.WriteLine($"CDNOW sample, {window}");
Console.WriteLine($"  customers                       {customers.Count,10:N0}");
Console.WriteLine($"  with a repeat purchase          {repeaters.Count,10:N0}");
Console.WriteLine($"  repeat purchases (sum of x)     {customers.Sum(c => c.Frequency),10:N0}");
Console.WriteLine($"  mean x / t_x / T (weeks)        {customers.Average(c => c.Frequency),10:F3} / {customers.Average(c => c.Recency):F2} / {customers.Average(c => c.Age):F2}");
Console.WriteLine($"  mean repeat spend of repeaters  {repeaters.Average(c => c.MonetaryValue),10:F2}   (median {Median(repeaters.Select(c => c.MonetaryValue)):F2})");
Console.WriteLine();

// 3. Metrics of the base.
Console.WriteLine("Metrics (calibration period)");
Console.WriteLine($"  average order value             {AverageOrderValue.ForBase(customers),10:F2} USD");
Console.WriteLine($"  purchases per customer          {PurchaseFrequency.PurchasesPerCustomer(customers),10:F3}");
Console.WriteLine($"  repeat purchases per year       {PurchaseFrequency.ForBase(customers, TimeUnit.Years),10:F3} per customer");
Console.WriteLine($"  holdout purchases               {customers.Sum(c => c.HoldoutPurchaseCount),10:N0} in {window.HoldoutLength:F0} weeks");
double annualRetention = Retention.Convert(0.95, TimeUnit.Months, TimeUnit.Years);
Console.WriteLine($"  0.95 monthly retention is       {annualRetention,10:F3} a year, an expected lifetime of {Retention.ExpectedLifetime(annualRetention):F2} years");
Console.WriteLine();

// 4. Lifetime values: realised profit to date (no cost data here: revenue), the simple formula with a
//    3-year lifespan, and the margin/retention formula at 30 % margin, 60 % annual retention, 10 % discount.
var historical = new HistoricalValueModel();
var simple = new SimpleLifetimeValueModel(expectedLifespanYears: 3, grossMargin: 0.3);
var retention = new RetentionLifetimeValueModel(
    retentionRate: 0.6, discountRate: 0.10, period: TimeUnit.Years,
    marginPerPeriod: c => 0.3 * AverageOrderValue.ForCustomer(c) * PurchaseFrequency.ForCustomer(c, TimeUnit.Years));
Console.WriteLine($"Lifetime value (margin multiple r/(1+d-r) at r = 0.6, d = 0.10: {retention.Multiple:F2})");
Console.WriteLine("  customer   x   t_x      T    revenue   historical   simple 3y   retention");
foreach (var c in customers.OrderByDescending(historical.Evaluate).Take(5))
{
    Console.WriteLine($"  {c.CustomerId,8} {c.Frequency,3} {c.Recency,5:F1} {c.Age,6:F2} {c.Revenue,10:F2} {historical.Evaluate(c),12:F2} {simple.Evaluate(c),11:F2} {retention.Evaluate(c),11:F2}");
}

Console.WriteLine();

// 5. Segments: value tiers on realised profit to date, with a report of what each tier is worth.
var value = new CustomerMeasure("historical value", historical).WithUnit("USD");
var tiers = SegmentedCustomers.FitAndAssign(TieredStrategy.Default(value), customers);
var report = SegmentReport.Create(tiers, value, loyalty: CustomerMeasure.Frequency);
Console.WriteLine("Value tiers (calibration period)");
Console.WriteLine("  segment          customers  share   revenue  share  mean value  repeat/yr  mean x");
foreach (var row in report.Rows)
{
    Console.WriteLine($"  {row.Segment!.Name,-15} {row.Customers,10:N0} {row.CustomerShare,6:P0} {row.Revenue,9:N0} {row.RevenueShare,6:P0} {row.MeanValue,11:F2} {row.PurchaseFrequency,10:F2} {row.MeanLoyalty,7:F2}");
}

foreach (var segment in tiers.Segments)
{
    Console.WriteLine($"  {segment.Name}: {segment.Rule}. {segment.Treatment}");
}

Console.WriteLine();

// 6. RFM segments (scores by quintiles) and how concentrated revenue is.
var rfm = SegmentedCustomers.FitAndAssign(new RfmStrategy(), customers);
Console.WriteLine("RFM segments: " + string.Join(", ", rfm.Segments.Select((s, i) => $"{s.Name} {rfm.Counts[i]}")));
var concentration = ValueConcentration.OfMeasure(customers, CustomerMeasure.Revenue);
Console.WriteLine($"Concentration of revenue: the top 1 % bring {concentration.TopShare(0.01):P1}, the top 20 % {concentration.TopShare(0.2):P1}; " +
    $"{concentration.CustomersForShare(0.8):N0} customers bring 80 %; Gini {concentration.Gini:F3}");

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}
