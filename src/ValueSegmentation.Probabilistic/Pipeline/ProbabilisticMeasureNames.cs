namespace ValueSegmentation;

/// <summary>The names of the measures <see cref="ProbabilisticPipelineExtensions.AddProbabilisticModels(SegmentationPipelineBuilder, ProbabilisticModelOptions?)"/> adds to a
/// pipeline, for <see cref="SegmentationOptions.ValueMeasure"/> and <see cref="SegmentationOptions.LoyaltyMeasure"/>.</summary>
/// <remarks>Constants only: immutable and thread-safe.</remarks>
public static class ProbabilisticMeasureNames
{
    /// <summary>"clv": the discounted expected profit of future purchases (transaction model × Gamma-Gamma spend), over
    /// the options' horizon at their discount rate, in the log's currency.</summary>
    public const string LifetimeValue = "clv";

    /// <summary>"p-alive": the probability that the customer is still active, in [0, 1].</summary>
    public const string ProbabilityAlive = "p-alive";

    /// <summary>"expected-purchases": the expected purchases over the options' prediction horizon.</summary>
    public const string ExpectedPurchases = "expected-purchases";

    /// <summary>"expected-spend": the expected spend per purchase under the Gamma-Gamma model.</summary>
    public const string ExpectedSpend = "expected-spend";

    internal static string[] All => [LifetimeValue, ProbabilityAlive, ExpectedPurchases, ExpectedSpend];
}
