using ValueSegmentation.Analysis;

namespace ValueSegmentation;

/// <summary>
/// The configuration of a <see cref="SegmentationPipeline"/> as plain values — dates, names, numbers and enums — so that
/// it binds from a configuration file (the dependency-injection package) or from command-line flags (the <c>vseg</c>
/// tool) onto the same <see cref="SegmentationPipelineBuilder"/>. Every property has a sensible default: with none set,
/// the pipeline observes to the last transaction, measures time in weeks, counts same-day transactions as one purchase
/// and tiers customers on revenue into Highest value (top 20 %), Valuable (next 30 %) and Low value.
/// </summary>
/// <remarks>
/// <para>This is a mutable options class, as the options pattern binds it; the builder copies and validates it in
/// <see cref="SegmentationPipelineBuilder.Build"/>, and the pipeline it builds is immutable. An options instance is not
/// thread-safe while it is being changed.</para>
/// </remarks>
public sealed class SegmentationOptions
{
    /// <summary>The end of observation (inclusive, at purchase-period resolution); <see langword="null"/> for the
    /// timestamp of the latest transaction (the log is still read once: see <see cref="Transactions.CustomerSummaryBuilder.Build(Transactions.ObservationWindow)"/>).</summary>
    public DateTimeOffset? ObservationEnd { get; set; }

    /// <summary>An optional end of the calibration period: purchases after it are holdout purchases, kept apart to
    /// validate forecasts. It must fall in an earlier purchase period than the observation end.</summary>
    public DateTimeOffset? CalibrationEnd { get; set; }

    /// <summary>The unit of recency, age and the models' rates; weeks by default (the literature's convention).</summary>
    public TimeUnit TimeUnit { get; set; } = TimeUnit.Weeks;

    /// <summary>The period within which a customer's transactions count as one purchase; a day by default.</summary>
    public PurchasePeriod PurchasePeriod { get; set; } = PurchasePeriod.Day;

    /// <summary>What may be assumed about the order of each customer's transactions; <see cref="TransactionOrder.Any"/>
    /// by default, which is correct for any log (<see cref="TransactionOrder.Chronological"/> is faster for a log sorted
    /// by time).</summary>
    public TransactionOrder TransactionOrder { get; set; } = TransactionOrder.Any;

    /// <summary>What to do with a transaction after <see cref="ObservationEnd"/>: reject it (the default) or drop it and
    /// count it in <see cref="SegmentationResult.DroppedTransactions"/>.</summary>
    public TransactionsAfterEnd TransactionsAfterEnd { get; set; } = TransactionsAfterEnd.Reject;

    /// <summary>The name of the value measure (see <see cref="MeasureNames"/>); "revenue" by default.</summary>
    public string ValueMeasure { get; set; } = MeasureNames.Revenue;

    /// <summary>The name of the loyalty measure: the quadrant's second axis, and a column of the report; for the
    /// quadrant, "frequency" when not set.</summary>
    public string? LoyaltyMeasure { get; set; }

    /// <summary>The segmentation strategy; value tiers by default.</summary>
    public SegmentationMethod Method { get; set; } = SegmentationMethod.Tiers;

    /// <summary>The shares of the method: tier shares from the top (summing to 1), the percentiles' cumulative top
    /// shares, or the Pareto classes' cumulative value shares; <see langword="null"/> for the method's default.</summary>
    public IList<double>? Shares { get; set; }

    /// <summary>Fixed tier minimums from the top, strictly decreasing, instead of <see cref="Shares"/> (tiers only).</summary>
    public IList<double>? Minimums { get; set; }

    /// <summary>A fixed cut on the value axis of the quadrant; <see langword="null"/> for the median.</summary>
    public double? ValueCut { get; set; }

    /// <summary>A fixed cut on the loyalty axis of the quadrant; <see langword="null"/> for the median.</summary>
    public double? LoyaltyCut { get; set; }

    /// <summary>Names of the segments from the top, replacing the method's defaults (tiers, percentiles, Pareto and
    /// quadrant); as many as the method makes segments.</summary>
    public IList<string>? SegmentNames { get; set; }

    /// <summary>Treatments of the segments named in <see cref="SegmentNames"/>, in the same order; empty treatments
    /// when not given.</summary>
    public IList<string>? SegmentTreatments { get; set; }

    /// <summary>The cost to serve a customer, by activity driver: cost per unit of "orders" (the customer's purchases) and
    /// of "years" (years from the first purchase to the end of observation, an account cost), in the log's currency. It
    /// fills the report's cost-to-serve and profit columns and defines the measure "profit"
    /// (<see cref="MeasureNames.Profit"/>); <see langword="null"/> for no cost to serve. Drivers whose volumes a summary
    /// does not hold (returns, support contacts) need a measure of your own with a
    /// <see cref="Metrics.CostToServeModel"/> and the volumes.</summary>
    public IDictionary<string, double>? CostDrivers { get; set; }

    /// <summary>The period of the report's purchase frequencies; years by default.</summary>
    public TimeUnit ReportFrequencyPer { get; set; } = TimeUnit.Years;

    /// <summary>How negative values (loss-making customers) enter the concentration analysis; counted as 0 by default.</summary>
    public NegativeValues NegativeValues { get; set; } = NegativeValues.ClampToZero;

    /// <summary>A copy of these options (the lists copied too).</summary>
    /// <returns>The copy.</returns>
    public SegmentationOptions Clone() => new()
    {
        ObservationEnd = ObservationEnd,
        CalibrationEnd = CalibrationEnd,
        TimeUnit = TimeUnit,
        PurchasePeriod = PurchasePeriod,
        TransactionOrder = TransactionOrder,
        TransactionsAfterEnd = TransactionsAfterEnd,
        ValueMeasure = ValueMeasure,
        LoyaltyMeasure = LoyaltyMeasure,
        Method = Method,
        Shares = Shares?.ToList(),
        Minimums = Minimums?.ToList(),
        ValueCut = ValueCut,
        LoyaltyCut = LoyaltyCut,
        SegmentNames = SegmentNames?.ToList(),
        SegmentTreatments = SegmentTreatments?.ToList(),
        CostDrivers = CostDrivers?.ToDictionary(driver => driver.Key, driver => driver.Value), // as given: Build checks the keys
        ReportFrequencyPer = ReportFrequencyPer,
        NegativeValues = NegativeValues,
    };
}
