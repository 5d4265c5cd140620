using System.Globalization;
using System.Text;
using System.Text.Json;
using ValueSegmentation.Analysis;
using ValueSegmentation.Persistence;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation;

/// <summary>
/// What a pipeline run hands to a service: the fitted segmenter with its segments (rules and treatments), the models the
/// run fitted, the options it ran with, the segment report, the headline metrics, the concentration of value and the
/// notes — everything of a <see cref="SegmentationResult"/> but the per-customer data — named by a version and the time
/// it was made, and saved as one versioned JSON document. Create one with <see cref="SegmentationResult.ToSnapshot"/>;
/// load one with <see cref="SegmentationPipeline.LoadSnapshot(string)"/>.
/// </summary>
/// <remarks>
/// <para>A service assigns customers with <see cref="Assign"/>, which does not allocate for the built-in segmenters and
/// measures. The per-customer data of the run (every customer's segment and values) is for files: see the data package's
/// <c>ResultCsvWriter</c>.</para>
/// <para>The JSON form ("value-segmentation/snapshot", format version 1, described in docs/services.md) is written once,
/// when the snapshot is made or loaded, and checked on load like every saved document: format and version first (a newer
/// version is refused), then every property, then the content hash.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class SegmentationSnapshot
{
    private const string What = "snapshot";

    private readonly SegmentationOptions _options;
    private readonly byte[] _json;

    private SegmentationSnapshot(SnapshotDocument document, ICustomerSegmenter segmenter, IReadOnlyList<IFittedMeasures> fittedMeasures)
    {
        Version = document.Version;
        CreatedAt = document.CreatedAt;
        _options = document.Options.Clone();
        Segmenter = segmenter;
        FittedMeasures = fittedMeasures;
        Metrics = document.Metrics;
        Report = [.. document.Report.Select(row => Row(row, segmenter))];
        ReportTotal = Row(document.ReportTotal, segmenter);
        Gini = document.Concentration.Gini;
        LorenzCurve = Array.AsReadOnly(document.Concentration.LorenzCurve);
        TransactionsRead = document.TransactionsRead;
        Notes = Array.AsReadOnly(document.Notes);
        TimeUnit = _options.TimeUnit;
        PurchasePeriod = _options.PurchasePeriod;
        _json = Encoding.UTF8.GetBytes(SavedDocuments.Serialize(document, CoreJsonContext.Default.SnapshotDocument));
    }

    /// <summary>The snapshot's version: the one given when it was made, or by default the time it was made (UTC, ISO
    /// 8601 to the tick). Answers given with the snapshot name it.</summary>
    public string Version { get; }

    /// <summary>When the snapshot was made.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>A copy of the options of the run: its time unit and purchase period say how to summarise a customer's
    /// history for <see cref="Assign"/>.</summary>
    public SegmentationOptions Options => _options.Clone();

    /// <summary>The time unit of the run: a customer's summary for <see cref="Assign"/> is in it.</summary>
    public TimeUnit TimeUnit { get; }

    /// <summary>The purchase period of the run: how a customer's history is summarised for <see cref="Assign"/>.</summary>
    public PurchasePeriod PurchasePeriod { get; }

    /// <summary>The fitted segmenter.</summary>
    public ICustomerSegmenter Segmenter { get; }

    /// <summary>The segments, in rank order.</summary>
    public IReadOnlyList<Segment> Segments => Segmenter.Segments;

    /// <summary>What the measure providers fitted (for example the probabilistic models), in the order they were added.</summary>
    public IReadOnlyList<IFittedMeasures> FittedMeasures { get; }

    /// <summary>The headline metrics of the customer base the run segmented.</summary>
    public CustomerBaseMetrics Metrics { get; }

    /// <summary>The segment report's rows, one per segment in rank order.</summary>
    public IReadOnlyList<SegmentReportRow> Report { get; }

    /// <summary>The segment report's total row (no segment).</summary>
    public SegmentReportRow ReportTotal { get; }

    /// <summary>The Gini coefficient of the value measure over the run's customers.</summary>
    public double Gini { get; }

    /// <summary>The Lorenz curve of the value measure, at 101 points.</summary>
    public IReadOnlyList<LorenzPoint> LorenzCurve { get; }

    /// <summary>Transactions the run read (0 for a run on summaries).</summary>
    public long TransactionsRead { get; }

    /// <summary>The run's notes.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>The segment of one customer, with the snapshot's cut points and models.</summary>
    /// <param name="customer">The customer's summary, in the snapshot's time unit.</param>
    /// <returns>One of <see cref="Segments"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="MeasureEvaluationException">A measure cannot value the customer.</exception>
    public Segment Assign(CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return Segmenter.Assign(customer);
    }

    /// <summary>The snapshot as a JSON document.</summary>
    /// <returns>The document, indented.</returns>
    public string ToJson() => Encoding.UTF8.GetString(_json);

    /// <summary>Writes the snapshot as a JSON document (UTF-8) to a stream.</summary>
    /// <param name="utf8Json">The stream; left open.</param>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    public void WriteTo(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        utf8Json.Write(_json);
    }

    /// <summary>The snapshot of a run (see <see cref="SegmentationResult.ToSnapshot"/>).</summary>
    /// <exception cref="NotSupportedException">The segmenter or a measure provider has no saved form.</exception>
    internal static SegmentationSnapshot Create(SegmentationResult result, SegmentationOptions options, IReadOnlyList<IMeasureProvider> providers, Func<CustomerMeasure, string?> keyOf, string? version, DateTimeOffset createdAt)
    {
        var fitted = new FittedMeasuresState[result.FittedMeasures.Count];
        for (int i = 0; i < fitted.Length; i++)
        {
            if (providers[i] is not IPersistentMeasureProvider provider)
            {
                throw new NotSupportedException($"The measure provider '{providers[i].Name}' cannot save what it fitted (it does not implement {nameof(IPersistentMeasureProvider)}), so the run has no snapshot.");
            }

            var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                provider.WriteState(result.FittedMeasures[i], writer);
            }

            using var state = JsonDocument.Parse(buffer.ToArray());
            fitted[i] = new FittedMeasuresState { Kind = provider.StateKind, Version = provider.StateVersion, State = state.RootElement.Clone() };
        }

        var concentration = result.Concentration;
        var document = new SnapshotDocument
        {
            Format = SnapshotDocument.FormatName,
            FormatVersion = SavedDocuments.CurrentVersion,
            Version = version ?? createdAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            CreatedAt = createdAt,
            Options = options,
            Segmenter = SegmenterStates.ToState(result.Segmenter, keyOf),
            FittedMeasures = fitted,
            Metrics = result.Metrics,
            Report = [.. result.Report.Rows.Select(State)],
            ReportTotal = State(result.Report.Total),
            Concentration = new ConcentrationState
            {
                Customers = concentration.Count,
                Total = concentration.Total,
                Gini = concentration.Gini,
                Policy = concentration.Policy,
                NegativeCount = concentration.NegativeCount,
                NegativeTotal = concentration.NegativeTotal,
                LorenzCurve = [.. concentration.LorenzCurve()],
            },
            TransactionsRead = result.TransactionsRead,
            Notes = [.. result.Notes],
        };
        return new SegmentationSnapshot(document, result.Segmenter, result.FittedMeasures);
    }

    /// <summary>Loads a snapshot, resolving its measures and fitted states with a pipeline's measures and providers.</summary>
    /// <exception cref="SavedStateException">The document cannot be loaded.</exception>
    internal static SegmentationSnapshot Load(ReadOnlySpan<byte> json, Func<string, CustomerMeasure?> measure, IReadOnlyList<IMeasureProvider> providers)
    {
        var document = SavedDocuments.Deserialize(json, SnapshotDocument.FormatName, What, CoreJsonContext.Default.SavedDocumentHeader, CoreJsonContext.Default.SnapshotDocument);
        SavedDocuments.Require(!string.IsNullOrWhiteSpace(document.Version), What, "$.version", "the version is empty.");
        var options = document.Options;
        var costToServe = SavedDocuments.Restore(() => SegmentationPipelineBuilder.CheckOptions(options, checkStrategy: true), What, "$.options");
        var fitted = new IFittedMeasures[document.FittedMeasures.Length];
        var fittedBy = new IPersistentMeasureProvider[fitted.Length];
        for (int i = 0; i < fitted.Length; i++)
        {
            var saved = document.FittedMeasures[i];
            string path = $"$.fittedMeasures[{i}]";
            var provider = providers.OfType<IPersistentMeasureProvider>().FirstOrDefault(p => string.Equals(p.StateKind, saved.Kind, StringComparison.Ordinal))
                ?? throw new SavedStateException(
                    $"The saved snapshot holds models of the kind \"{saved.Kind}\", which this pipeline has no provider for: load it through a pipeline built as the one that saved it (for example with AddProbabilisticModels).",
                    path + ".kind");
            SavedDocuments.Require(saved.Version >= 1, What, path + ".version", "a state's version is a whole number from 1.");
            if (saved.Version > provider.StateVersion)
            {
                throw new SavedStateException(
                    $"The saved snapshot's \"{saved.Kind}\" state is in version {saved.Version}, written by a newer version of the package that provides it; this one reads versions up to {provider.StateVersion}. Update the packages to read it.",
                    path + ".version");
            }

            // A provider's own checks may surface as any argument or state error: the document is what is wrong.
            fitted[i] = SavedDocuments.Restore(() => provider.ReadState(saved.State, options), What, path + ".state");
            fittedBy[i] = provider;
        }

        // "profit" is the saved run's: its cost drivers, not those of the pipeline that loads the snapshot.
        var profit = SegmentationPipelineBuilder.ProfitMeasure(costToServe);
        var segmenter = SegmenterStates.FromState(
            document.Segmenter,
            key => string.Equals(key, MeasureNames.Profit, StringComparison.OrdinalIgnoreCase) ? profit : measure(key) ?? FittedMeasure(key, fitted, fittedBy),
            "$.segmenter");
        SavedDocuments.Require(document.Report.Length == segmenter.Segments.Count, What, "$.report", $"{document.Report.Length} report rows for {segmenter.Segments.Count} segments.");
        for (int i = 0; i < document.Report.Length; i++)
        {
            CheckRow(document.Report[i], i + 1, $"$.report[{i}]");
        }

        CheckRow(document.ReportTotal, null, "$.reportTotal");
        var metrics = document.Metrics;
        foreach (var (value, name) in new[] { (metrics.Revenue, "revenue"), (metrics.AverageOrderValue, "averageOrderValue"), (metrics.PurchasesPerCustomer, "purchasesPerCustomer"), (metrics.RepeatPurchaseRate, "repeatPurchaseRate"), (metrics.RepeatCustomerShare, "repeatCustomerShare") })
        {
            SavedDocuments.RequireFinite(value, What, "$.metrics." + name);
        }

        SavedDocuments.Require(metrics.Customers >= 0 && metrics.Purchases >= 0 && metrics.HoldoutPurchases >= 0, What, "$.metrics", "counts are not negative.");
        SavedDocuments.Require(Enum.IsDefined(metrics.RatePer), What, "$.metrics.ratePer", $"{metrics.RatePer} is not a time unit.");
        var concentration = document.Concentration;
        SavedDocuments.RequireFinite(concentration.Gini, What, "$.concentration.gini");
        SavedDocuments.RequireFinite(concentration.Total, What, "$.concentration.total");
        SavedDocuments.RequireFinite(concentration.NegativeTotal, What, "$.concentration.negativeTotal");
        SavedDocuments.Require(concentration.Customers >= 0 && concentration.NegativeCount >= 0, What, "$.concentration", "counts are not negative.");
        SavedDocuments.Require(Enum.IsDefined(concentration.Policy), What, "$.concentration.policy", $"{concentration.Policy} is not a policy.");
        for (int i = 0; i < concentration.LorenzCurve.Length; i++)
        {
            var point = concentration.LorenzCurve[i];
            SavedDocuments.Require(point.CustomerShare is >= 0 and <= 1 && point.ValueShare is >= 0 and <= 1, What, $"$.concentration.lorenzCurve[{i}]", "a Lorenz point's shares lie in [0, 1].");
        }

        SavedDocuments.Require(document.TransactionsRead >= 0, What, "$.transactionsRead", "a count is not negative.");
        return new SegmentationSnapshot(document, segmenter, fitted);
    }

    private static CustomerMeasure? FittedMeasure(string key, IFittedMeasures[] fitted, IPersistentMeasureProvider[] providers)
    {
        for (int i = 0; i < fitted.Length; i++)
        {
            if (providers[i].MeasureNames.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                try
                {
                    return fitted[i].GetMeasure(key);
                }
                catch (InvalidOperationException unavailable)
                {
                    throw new SavedStateException($"The saved segmenter cuts on \"{key}\", which the saved models cannot give: {unavailable.Message}", "$.segmenter.measures", unavailable);
                }
            }
        }

        return null;
    }

    private static void CheckRow(ReportRowState row, int? rank, string path)
    {
        SavedDocuments.Require(row.Rank == rank, What, path + ".rank", $"the row is of rank {row.Rank?.ToString(CultureInfo.InvariantCulture) ?? "none"} where rank {rank?.ToString(CultureInfo.InvariantCulture) ?? "none (the total)"} belongs.");
        SavedDocuments.Require(row.Customers >= 0, What, path + ".customers", "a count is not negative.");
        SavedDocuments.RequireFinite(row.CustomerShare, What, path + ".customerShare");
        SavedDocuments.RequireFinite(row.Revenue, What, path + ".revenue");
        SavedDocuments.RequireFinite(row.CostOfGoods, What, path + ".costOfGoods");
        SavedDocuments.RequireFinite(row.CostToServe, What, path + ".costToServe");
        SavedDocuments.RequireFinite(row.Profit, What, path + ".profit");
        foreach (var (value, name) in new[] { (row.RevenueShare, "revenueShare"), (row.MeanValue, "meanValue"), (row.MedianValue, "medianValue"), (row.AverageOrderValue, "averageOrderValue"), (row.PurchaseFrequency, "purchaseFrequency"), (row.MeanLoyalty, "meanLoyalty") })
        {
            if (value is { } number)
            {
                SavedDocuments.RequireFinite(number, What, path + "." + name);
            }
        }
    }

    private static ReportRowState State(SegmentReportRow row) => new()
    {
        Rank = row.Segment?.Rank,
        Customers = row.Customers,
        CustomerShare = row.CustomerShare,
        Revenue = row.Revenue,
        RevenueShare = row.RevenueShare,
        CostOfGoods = row.CostOfGoods,
        CostToServe = row.CostToServe,
        Profit = row.Profit,
        MeanValue = row.MeanValue,
        MedianValue = row.MedianValue,
        AverageOrderValue = row.AverageOrderValue,
        PurchaseFrequency = row.PurchaseFrequency,
        MeanLoyalty = row.MeanLoyalty,
    };

    private static SegmentReportRow Row(ReportRowState row, ICustomerSegmenter segmenter) => new(
        row.Rank is { } rank ? segmenter.Segments[rank - 1] : null,
        row.Customers,
        row.CustomerShare,
        row.Revenue,
        row.RevenueShare,
        row.CostOfGoods,
        row.CostToServe,
        row.Profit,
        row.MeanValue,
        row.MedianValue,
        row.AverageOrderValue,
        row.PurchaseFrequency,
        row.MeanLoyalty);
}
