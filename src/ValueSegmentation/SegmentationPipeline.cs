using ValueSegmentation.Analysis;
using ValueSegmentation.Internal;
using ValueSegmentation.Metrics;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation;

/// <summary>
/// The whole job in one call: transactions (or summaries) → customer summaries → the measure providers fitted → the
/// value and loyalty measures evaluated once per customer → the strategy fitted and every customer assigned → the
/// segment report, the concentration of value and, against an earlier result, the migration between segments.
/// Built by <see cref="SegmentationPipelineBuilder"/>.
/// </summary>
/// <remarks>Immutable and thread-safe: one pipeline may run on several inputs at once; each run fits its own
/// providers and returns its own immutable <see cref="SegmentationResult"/>.</remarks>
public sealed class SegmentationPipeline
{
    private const int ProgressInterval = 1 << 16;

    private readonly SegmentationOptions _options;
    private readonly Dictionary<string, CustomerMeasure> _measures;
    private readonly IMeasureProvider[] _providers;
    private readonly ISegmentationStrategy? _strategy;
    private readonly SummaryCostToServe? _costToServe;

    internal SegmentationPipeline(SegmentationOptions options, Dictionary<string, CustomerMeasure> measures, IMeasureProvider[] providers, ISegmentationStrategy? strategy, SummaryCostToServe? costToServe)
    {
        _costToServe = costToServe;
        _options = options;
        _measures = measures;
        _providers = providers;
        _strategy = strategy;
    }

    /// <summary>A copy of the options the pipeline runs with.</summary>
    public SegmentationOptions Options => _options.Clone();

    /// <summary>Runs the job on a transaction log.</summary>
    /// <param name="transactions">The transactions, in any order (unless the options say they are chronological),
    /// enumerated once; without <see cref="SegmentationOptions.ObservationEnd"/> the window ends on the day of the latest.</param>
    /// <param name="previous">An earlier result of the same strategy, to report the migration between the two; or
    /// <see langword="null"/>.</param>
    /// <param name="progress">Receives the stages as they start, and the transactions read every 65,536.</param>
    /// <param name="cancellationToken">Cancels the run between transactions and between stages.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transactions"/> is null.</exception>
    /// <exception cref="ArgumentException">The log is empty, or the previous result's segments differ.</exception>
    /// <exception cref="TransactionException">A transaction cannot be summarised (after the end, out of order, no customer).</exception>
    /// <exception cref="MeasureEvaluationException">A measure cannot value a customer.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public SegmentationResult Run(
        IEnumerable<Transaction> transactions,
        SegmentationResult? previous = null,
        IProgress<SegmentationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new SegmentationProgress(SegmentationStage.Summarising, 0));
        // Without an observation end, the window ends on the day of the latest transaction: read once into a builder
        // whose window has no end in practice, then built to that day.
        var window = new ObservationWindow(_options.ObservationEnd ?? DateTimeOffset.MaxValue, _options.TimeUnit, _options.PurchasePeriod, _options.CalibrationEnd);
        var builder = new CustomerSummaryBuilder(window, _options.TransactionOrder, _options.TransactionsAfterEnd);
        builder.AddRange(Observed(transactions, progress, cancellationToken));
        if (_options.ObservationEnd is null && builder.LatestTransaction is null)
        {
            throw new ArgumentException("The transaction log is empty.", nameof(transactions));
        }

        var customers = _options.ObservationEnd is not null ? builder.Build() : builder.BuildToLatestTransaction();
        return RunCore(customers, builder.TransactionCount + builder.DroppedTransactionCount, previous, progress, cancellationToken);
    }

    /// <summary>Runs the job on customer summaries: built elsewhere, from numbers, or by an earlier stage.</summary>
    /// <param name="customers">The customers; a <see cref="CustomerSummaryCollection"/> lends the run the measure values
    /// it already holds.</param>
    /// <param name="previous">An earlier result of the same strategy, to report the migration; or <see langword="null"/>.</param>
    /// <param name="progress">Receives the stages as they start.</param>
    /// <param name="cancellationToken">Cancels the run between stages.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null or holds a null.</exception>
    /// <exception cref="ArgumentException">There are no customers, they mix windows or units, a customer appears twice,
    /// or the previous result's segments differ.</exception>
    /// <exception cref="MeasureEvaluationException">A measure cannot value a customer.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public SegmentationResult Run(
        IReadOnlyList<CustomerSummary> customers,
        SegmentationResult? previous = null,
        IProgress<SegmentationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var population = customers as CustomerSummaryCollection ?? new CustomerSummaryCollection(customers);
        return RunCore(population, 0, previous, progress, cancellationToken);
    }

    /// <summary>Loads a snapshot saved by <see cref="SegmentationSnapshot.ToJson"/>: the segmenter, the models and the
    /// report of a run, to assign customers with.</summary>
    /// <param name="json">The document.</param>
    /// <returns>The snapshot.</returns>
    /// <remarks>The snapshot's measures are resolved by this pipeline: the built-in measures, those added with
    /// <see cref="SegmentationPipelineBuilder.AddMeasure"/>, and the models of its measure providers (for example
    /// <c>AddProbabilisticModels</c>), rebuilt from the saved state rather than fitted. So load through a pipeline built as
    /// the one that saved the snapshot; the snapshot keeps its own options (time unit, purchase period, cut points).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="SavedStateException">The document cannot be loaded (truncated, changed, another format, a newer
    /// version, a value out of range, a measure or a provider this pipeline does not have): the message says why and where.</exception>
    public SegmentationSnapshot LoadSnapshot(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return SegmentationSnapshot.Load(System.Text.Encoding.UTF8.GetBytes(json), MeasureByName, _providers);
    }

    /// <summary>Loads a snapshot from a JSON document (UTF-8) in a stream, read to its end; see
    /// <see cref="LoadSnapshot(string)"/>.</summary>
    /// <param name="utf8Json">The stream.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="SavedStateException">The document cannot be loaded: the message says why and where.</exception>
    public SegmentationSnapshot LoadSnapshot(Stream utf8Json) =>
        SegmentationSnapshot.Load(SavedDocuments.ReadAll(utf8Json, nameof(utf8Json)), MeasureByName, _providers);

    /// <summary>The snapshot of a result of this pipeline; the measures are saved by the names the options give them.</summary>
    internal SegmentationSnapshot Snapshot(SegmentationResult result, string? version, DateTimeOffset createdAt)
    {
        string loyaltyName = _options.LoyaltyMeasure ?? MeasureNames.Frequency;
        return SegmentationSnapshot.Create(
            result,
            _options,
            _providers,
            measure => ReferenceEquals(measure, result.Value) ? _options.ValueMeasure
                : ReferenceEquals(measure, result.Loyalty) ? loyaltyName
                : _measures.FirstOrDefault(m => ReferenceEquals(m.Value, measure)).Key,
            version,
            createdAt);
    }

    /// <summary>The strategy of the options, on the run's value and loyalty measures.</summary>
    internal ISegmentationStrategy CreateStrategy(CustomerMeasure value, CustomerMeasure loyalty)
    {
        if (_strategy is not null)
        {
            return _strategy;
        }

        var shares = _options.Shares?.ToArray();
        var definitions = Definitions();
        return _options.Method switch
        {
            SegmentationMethod.Tiers => new TieredStrategy(value, shares, _options.Minimums?.ToArray(), definitions),
            SegmentationMethod.Percentiles => new PercentileStrategy(value, shares ?? [0.01, 0.2], definitions),
            SegmentationMethod.Pareto => new ParetoStrategy(value, shares, definitions),
            SegmentationMethod.Quadrant => new QuadrantStrategy(value, loyalty, _options.ValueCut, _options.LoyaltyCut, definitions),
            _ => definitions is null
                ? new RfmStrategy(monetary: value)
                : throw new InvalidOptionException("SegmentationOptions.SegmentNames", "RFM segments are named by their rule set; they cannot be renamed here."),
        };
    }

    private SegmentationResult RunCore(CustomerSummaryCollection customers, long transactionsRead, SegmentationResult? previous, IProgress<SegmentationProgress>? progress, CancellationToken cancellationToken)
    {
        if (customers.Count == 0)
        {
            throw new ArgumentException("There are no customers to segment: the log or the summaries are empty (or every purchase is in the holdout period).", nameof(customers));
        }

        var notes = new List<string>();
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new SegmentationProgress(SegmentationStage.FittingModels, customers.Count));
        var fitted = new IFittedMeasures[_providers.Length];
        for (int i = 0; i < _providers.Length; i++)
        {
            fitted[i] = _providers[i].Fit(customers, cancellationToken);
            notes.AddRange(fitted[i].Notes.Select(note => $"{fitted[i].Name}: {note}"));
        }

        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new SegmentationProgress(SegmentationStage.EvaluatingMeasures, customers.Count));
        var value = Resolve(_options.ValueMeasure, fitted);
        string? loyaltyName = _options.LoyaltyMeasure ?? (_options.Method == SegmentationMethod.Quadrant && _strategy is null ? MeasureNames.Frequency : null);
        var loyalty = loyaltyName is null ? null : Resolve(loyaltyName, fitted);
        _ = customers.ValuesOf(value);
        if (loyalty is not null)
        {
            _ = customers.ValuesOf(loyalty);
        }

        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new SegmentationProgress(SegmentationStage.Segmenting, customers.Count));
        var strategy = CreateStrategy(value, loyalty ?? CustomerMeasure.Frequency);
        var segmented = SegmentedCustomers.FitAndAssign(strategy, customers);
        notes.AddRange(DegenerateSegments(segmented));

        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new SegmentationProgress(SegmentationStage.Reporting, customers.Count));
        var report = SegmentReport.Create(segmented, value, loyalty, _costToServe is null ? null : _costToServe.Of, _options.ReportFrequencyPer);
        var concentration = ValueConcentration.Of(customers.ValuesOf(value), _options.NegativeValues);
        var migration = previous is null ? null : SegmentMigration.Between(previous.Segments, segmented);
        if (customers.DroppedTransactionCount > 0)
        {
            notes.Add($"{customers.DroppedTransactionCount:N0} transaction(s) after the observation end were dropped.");
        }

        if (customers.HoldoutOnlyCustomerIds.Count > 0)
        {
            notes.Add($"{customers.HoldoutOnlyCustomerIds.Count:N0} customer(s) bought in the holdout period only and have no summary.");
        }

        progress?.Report(new SegmentationProgress(SegmentationStage.Completed, customers.Count));
        return new SegmentationResult(
            this,
            customers,
            value,
            loyalty,
            segmented,
            report,
            concentration,
            migration,
            BaseMetrics(customers),
            transactionsRead,
            fitted,
            notes);
    }

    private CustomerMeasure? MeasureByName(string name) => _measures.GetValueOrDefault(name);

    private CustomerMeasure Resolve(string name, IFittedMeasures[] fitted)
    {
        if (_measures.TryGetValue(name, out var measure))
        {
            return measure;
        }

        for (int i = 0; i < _providers.Length; i++)
        {
            if (_providers[i].MeasureNames.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                return fitted[i].GetMeasure(name);
            }
        }

        throw new InvalidOperationException($"The measure '{name}' was validated when the pipeline was built but is no longer known.");
    }

    private SegmentDefinition[]? Definitions()
    {
        if (_options.SegmentNames is not { } names)
        {
            return _options.SegmentTreatments is null
                ? null
                : throw new InvalidOptionException("SegmentationOptions.SegmentTreatments", "treatments are given without SegmentNames.");
        }

        var treatments = _options.SegmentTreatments;
        if (treatments is not null && treatments.Count != names.Count)
        {
            throw new InvalidOptionException("SegmentationOptions.SegmentTreatments", $"{treatments.Count} treatments for {names.Count} segment names; give one treatment per name.");
        }

        return [.. names.Select((n, i) => new SegmentDefinition(n, treatments?[i] ?? string.Empty))];
    }

    private CustomerBaseMetrics BaseMetrics(CustomerSummaryCollection customers)
    {
        var totals = BaseTotals.Of(customers);
        return new CustomerBaseMetrics(
            totals.Customers,
            totals.Purchases,
            totals.Revenue,
            totals.AverageOrderValue,
            totals.PurchasesPerCustomer,
            totals.PurchaseFrequency(_options.ReportFrequencyPer),
            _options.ReportFrequencyPer,
            (double)totals.RepeatCustomers / totals.Customers,
            totals.HoldoutPurchases);
    }

    /// <summary>Notes on segments that hold far fewer or more customers than they aim at (ties at a cut point), or none.</summary>
    private static IEnumerable<string> DegenerateSegments(SegmentedCustomers segmented)
    {
        for (int i = 0; i < segmented.Segments.Count; i++)
        {
            var segment = segmented.Segments[i];
            double share = segmented.ShareOf(i);
            if (segmented.Counts[i] == 0)
            {
                yield return $"Segment '{segment.Name}' is empty{(segment.TargetShare is { } t ? $" although it aims at {Invariant.Percent(t)} of customers" : string.Empty)}: customers tie at a cut point and ties join the segment above; segment on a measure that tells them apart.";
            }
            else if (segment.TargetShare is { } target && Math.Abs(share - target) > target / 2)
            {
                yield return $"Segment '{segment.Name}' holds {Invariant.Percent(share)} of customers where it aims at {Invariant.Percent(target)}: many customers tie at a cut point.";
            }
        }
    }

    private static IEnumerable<Transaction> Observed(IEnumerable<Transaction> transactions, IProgress<SegmentationProgress>? progress, CancellationToken cancellationToken)
    {
        long read = 0;
        foreach (var transaction in transactions)
        {
            if (++read % ProgressInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new SegmentationProgress(SegmentationStage.Summarising, read));
            }

            yield return transaction;
        }
    }
}
