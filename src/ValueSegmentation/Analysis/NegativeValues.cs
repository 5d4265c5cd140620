namespace ValueSegmentation.Analysis;

/// <summary>How negative values (loss-making customers) enter a concentration analysis.</summary>
public enum NegativeValues
{
    /// <summary>Count a negative value as 0: the customer stays in the count but holds no value. The Lorenz curve
    /// stays monotone and convex and the Gini coefficient in [0, 1]. The default.</summary>
    ClampToZero,

    /// <summary>Keep the net values: shares are of the net total, which must be positive. The cumulative share
    /// of the top customers can then exceed 1 (the "whale curve" of customer profitability), the Lorenz curve
    /// can dip below 0, and the Gini coefficient can exceed 1.</summary>
    Keep,

    /// <summary>Reject any negative value with an exception that counts them.</summary>
    Reject,
}
