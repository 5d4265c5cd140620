namespace ValueSegmentation.Data;

/// <summary>The checks of a <see cref="DataQualityProfile"/>: what each flags is in <see cref="QualityFinding.Rule"/>.</summary>
public enum QualityCheck
{
    /// <summary>A transaction with the same timestamp and amount as its customer's previous row that could be parsed (a row
    /// exported twice); a row the summary builder refuses later still counts as the previous row.</summary>
    DuplicateTransaction,

    /// <summary>A negative amount (a refund or a correction).</summary>
    Refund,

    /// <summary>An amount of exactly zero.</summary>
    ZeroAmount,

    /// <summary>A cost above the amount of a sale (an amount of zero or more).</summary>
    CostAboveAmount,

    /// <summary>A timestamp after <see cref="DataQualityRules.LatestPlausible"/> (by default, when the reader was opened).</summary>
    FutureTimestamp,

    /// <summary>A timestamp before <see cref="DataQualityRules.EarliestPlausible"/> (a placeholder such as 1900-01-01 or 1970-01-01).</summary>
    EarlyTimestamp,

    /// <summary>A transaction whose cost is empty; checked only when the source has a cost column.</summary>
    MissingCost,

    /// <summary>A customer with implausibly many transactions, by the robust outlier rule of <see cref="DataQualityRules.OutlierScore"/>.</summary>
    TransactionCountOutlier,

    /// <summary>A customer with an implausibly large revenue, by the robust outlier rule of <see cref="DataQualityRules.OutlierScore"/>.</summary>
    RevenueOutlier,
}
