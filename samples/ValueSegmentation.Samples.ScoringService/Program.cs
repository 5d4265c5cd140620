// A scoring service: loads (or fits) a value segmentation snapshot at start, answers "segment and treatment of this
// customer" for a posted summary or history, reports the snapshot it serves, and takes a new snapshot without a
// restart — a PUT of the document a nightly job saved, or the watched file of ValueSegmentation:SnapshotPath.
// docs/services.md walks through it.
using System.Globalization;
using System.Reflection;
using ValueSegmentation;
using ValueSegmentation.Extensions.DependencyInjection;
using ValueSegmentation.Samples.ScoringService;
using ValueSegmentation.Transactions;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ServiceJsonContext.Default));
builder.Services.AddProblemDetails();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddValueSegmentation(builder.Configuration.GetSection(ValueSegmentationOptions.SectionName));
var app = builder.Build();
app.UseExceptionHandler();

// Load the snapshot at start (the scorer reads ValueSegmentation:SnapshotPath when it is created); without one, fit a
// snapshot on the CDNOW sample so that the service answers on a fresh clone.
var scorer = app.Services.GetRequiredService<SegmentScorer>();
if (scorer.Snapshot is null)
{
    scorer.Refit(CdnowSample(), "cdnow-sample");
}

app.MapGet("/snapshot", (SegmentScorer scorer) => Describe(scorer.Snapshot!));

// The summary is in the time unit of the snapshot that assigns it, even if a new one arrives meanwhile.
app.MapPost("/segments/by-summary", (SummaryRequest request, SegmentScorer scorer) => Answer(() => Response(
    request.CustomerId,
    scorer.Assign(snapshot => CustomerSummary.FromNumbers(request.CustomerId, request.Frequency, request.Recency, request.Age, snapshot.TimeUnit, request.MonetaryValue, request.Revenue)))));

app.MapPost("/segments/by-history", (HistoryRequest request, SegmentScorer scorer, TimeProvider clock) => Answer(() =>
{
    var history = (request.Purchases ?? []).Select(p => new Transaction(request.CustomerId, p.Timestamp, p.Amount, p.Cost));
    return Response(request.CustomerId, scorer.Assign(history, request.AsOf ?? clock.GetUtcNow()));
}));

// Replaces the snapshot with a document a nightly job saved (SegmentationSnapshot.ToJson). In production, protect this
// endpoint (authorisation) or use the watched file instead.
app.MapPut("/snapshot", async (HttpRequest request, SegmentScorer scorer) =>
{
    // Kestrel reads request bodies asynchronously only; a snapshot is small (cut points, models, a report).
    using var body = new MemoryStream();
    await request.Body.CopyToAsync(body, request.HttpContext.RequestAborted);
    body.Position = 0;
    try
    {
        var snapshot = scorer.Pipeline.LoadSnapshot(body);
        scorer.Replace(snapshot);
        return Results.Ok(Describe(snapshot));
    }
    catch (ArgumentException invalid)
    {
        // A SavedStateException (truncated, changed, another format) or a snapshot of other settings.
        return Results.Problem(invalid.Message, statusCode: StatusCodes.Status400BadRequest, title: "The snapshot cannot be loaded");
    }
}).Accepts<object>("application/json");

await app.RunAsync();

static IResult Answer(Func<SegmentResponse> answer)
{
    try
    {
        return Results.Ok(answer());
    }
    catch (ArgumentException invalid)
    {
        // The library's exceptions derive from ArgumentException and name the bad value: the client's mistake.
        return Results.Problem(invalid.Message, statusCode: StatusCodes.Status400BadRequest, title: "The customer cannot be scored");
    }
}

static SegmentResponse Response(string customerId, SegmentAnswer answer) => new(
    customerId,
    answer.Segment.Name,
    answer.Segment.Rank,
    answer.Segment.Rule,
    answer.Segment.Treatment,
    answer.SnapshotVersion,
    answer.SnapshotCreatedAt);

static SnapshotResponse Describe(SegmentationSnapshot snapshot) => new(
    snapshot.Version,
    snapshot.CreatedAt,
    snapshot.Metrics.Customers,
    [.. snapshot.Report.Select(row => new SegmentInfo(row.Segment!.Rank, row.Segment.Name, row.Segment.Rule, row.Segment.Treatment, row.Customers, row.RevenueShare))]);

// CDNOW_sample.txt: master id, sample id, date (yyyyMMdd), CDs, dollars; the sample id names the customer.
static IEnumerable<Transaction> CdnowSample()
{
    using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CDNOW_sample.txt")!;
    using var reader = new StreamReader(stream);
    while (reader.ReadLine() is { } line)
    {
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var day = DateOnly.ParseExact(fields[2], "yyyyMMdd", CultureInfo.InvariantCulture);
        yield return new Transaction(fields[1].TrimStart('0'), day, double.Parse(fields[4], CultureInfo.InvariantCulture));
    }
}

/// <summary>The service's entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
