using ValueSegmentation.Analysis;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation;

/// <summary>
/// Everything one <see cref="SegmentationPipeline"/> run produced: the customers and their measures, the fitted
/// segmenter and every customer's segment, the segment report, the concentration of value, the migration against an
/// earlier result, the headline metrics, the fitted models, and notes a user should read.
/// </summary>
/// <remarks>Immutable and thread-safe. The segmenter (<see cref="Segmenter"/>) can assign new customers online with the
/// cut points of this run.</remarks>
public sealed class SegmentationResult
{
    internal SegmentationResult(
        SegmentationPipeline pipeline,
        CustomerSummaryCollection customers,
        CustomerMeasure value,
        CustomerMeasure? loyalty,
        SegmentedCustomers segments,
        SegmentReport report,
        ValueConcentration concentration,
        SegmentMigration? migration,
        CustomerBaseMetrics metrics,
        long transactionsRead,
        IReadOnlyList<IFittedMeasures> fittedMeasures,
        IReadOnlyList<string> notes)
    {
        Pipeline = pipeline;
        Customers = customers;
        Value = value;
        Loyalty = loyalty;
        Segments = segments;
        Report = report;
        Concentration = concentration;
        Migration = migration;
        Metrics = metrics;
        TransactionsRead = transactionsRead;
        FittedMeasures = fittedMeasures;
        Notes = notes;
    }

    /// <summary>The customers, with the values of the measures the run evaluated (<see cref="CustomerSummaryCollection.ValuesOf"/>).</summary>
    public CustomerSummaryCollection Customers { get; }

    /// <summary>The value measure.</summary>
    public CustomerMeasure Value { get; }

    /// <summary>The loyalty measure, if one was configured.</summary>
    public CustomerMeasure? Loyalty { get; }

    /// <summary>The fitted segmenter: the cut points of this run, to assign new customers online.</summary>
    public ICustomerSegmenter Segmenter => Segments.Segmenter;

    /// <summary>Every customer's segment.</summary>
    public SegmentedCustomers Segments { get; }

    /// <summary>What each segment is and is worth.</summary>
    public SegmentReport Report { get; }

    /// <summary>The concentration of the value measure: Lorenz curve, Gini, top shares.</summary>
    public ValueConcentration Concentration { get; }

    /// <summary>The movement between the segments of the earlier result and this one; <see langword="null"/> without an
    /// earlier result.</summary>
    public SegmentMigration? Migration { get; }

    /// <summary>The headline metrics of the customer base.</summary>
    public CustomerBaseMetrics Metrics { get; }

    /// <summary>Transactions read (0 for a run on summaries): those summarised plus <see cref="DroppedTransactions"/>.</summary>
    public long TransactionsRead { get; }

    /// <summary>Transactions dropped because they fell after the observation end
    /// (<see cref="TransactionsAfterEnd.Drop"/>).</summary>
    public long DroppedTransactions => Customers.DroppedTransactionCount;

    /// <summary>What the measure providers fitted in this run (for example the probabilistic models), in the order they
    /// were added.</summary>
    public IReadOnlyList<IFittedMeasures> FittedMeasures { get; }

    /// <summary>The pipeline that produced the result.</summary>
    internal SegmentationPipeline Pipeline { get; }

    /// <summary>Notes a user should read: segments far from their target share or empty, fits that did not converge,
    /// customers valued by a fallback, transactions dropped. Empty when there is nothing to say.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>
    /// The part of this result a service needs — the fitted segmenter and models, the options, the report, the metrics
    /// and the concentration, without the per-customer data — as a <see cref="SegmentationSnapshot"/>, to save as JSON
    /// and load where customers are assigned.
    /// </summary>
    /// <param name="version">What names the snapshot in a service's answers, for example a build or a date; by default
    /// <paramref name="createdAt"/> in ISO 8601 (UTC, to the tick).</param>
    /// <param name="createdAt">When it was made; by default now.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ArgumentException"><paramref name="version"/> is empty or white space.</exception>
    /// <exception cref="NotSupportedException">The run used a segmenter of its own (<see cref="SegmentationPipelineBuilder.UseStrategy"/>)
    /// or a measure provider that cannot save what it fitted.</exception>
    public SegmentationSnapshot ToSnapshot(string? version = null, DateTimeOffset? createdAt = null)
    {
        if (version is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(version);
        }

        return Pipeline.Snapshot(this, version, createdAt ?? DateTimeOffset.UtcNow);
    }
}
