using ValueSegmentation.Segmentation;

namespace ValueSegmentation;

/// <summary>
/// The names by which the pipeline knows the built-in measures (<see cref="SegmentationOptions.ValueMeasure"/>,
/// <see cref="SegmentationOptions.LoyaltyMeasure"/>): plain strings, so that configuration files and command-line flags
/// can name them. Packages and users add more with <see cref="SegmentationPipelineBuilder.AddMeasure"/> and
/// <see cref="SegmentationPipelineBuilder.AddMeasureProvider"/> (the probabilistic package adds "clv", "p-alive",
/// "expected-purchases" and "expected-spend"). Names are compared without regard to case.
/// </summary>
/// <remarks>Constants only: immutable and thread-safe.</remarks>
public static class MeasureNames
{
    /// <summary>"revenue": <see cref="CustomerMeasure.Revenue"/>.</summary>
    public const string Revenue = "revenue";

    /// <summary>"gross-profit": <see cref="CustomerMeasure.GrossProfit"/>.</summary>
    public const string GrossProfit = "gross-profit";

    /// <summary>"profit": revenue − cost of goods − cost to serve (<see cref="SegmentationOptions.CostDrivers"/>), in the
    /// log's currency; the gross profit when no cost drivers are set.</summary>
    public const string Profit = "profit";

    /// <summary>"frequency": <see cref="CustomerMeasure.Frequency"/>, the repeat purchases x.</summary>
    public const string Frequency = "frequency";

    /// <summary>"purchases": <see cref="CustomerMeasure.PurchaseCount"/>, x + 1.</summary>
    public const string Purchases = "purchases";

    /// <summary>"monetary-value": <see cref="CustomerMeasure.MonetaryValue"/>, the mean repeat spend.</summary>
    public const string MonetaryValue = "monetary-value";

    /// <summary>"average-order-value": <see cref="CustomerMeasure.AverageOrderValue"/>.</summary>
    public const string AverageOrderValue = "average-order-value";

    /// <summary>"time-since-last-purchase": <see cref="CustomerMeasure.TimeSinceLastPurchase"/> (lower is better).</summary>
    public const string TimeSinceLastPurchase = "time-since-last-purchase";

    /// <summary>The built-in measures by name.</summary>
    internal static IEnumerable<KeyValuePair<string, CustomerMeasure>> BuiltIn =>
    [
        new(Revenue, CustomerMeasure.Revenue),
        new(GrossProfit, CustomerMeasure.GrossProfit),
        new(Frequency, CustomerMeasure.Frequency),
        new(Purchases, CustomerMeasure.PurchaseCount),
        new(MonetaryValue, CustomerMeasure.MonetaryValue),
        new(AverageOrderValue, CustomerMeasure.AverageOrderValue),
        new(TimeSinceLastPurchase, CustomerMeasure.TimeSinceLastPurchase),
    ];
}
