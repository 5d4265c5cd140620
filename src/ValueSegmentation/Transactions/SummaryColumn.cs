namespace ValueSegmentation.Transactions;

/// <summary>
/// A field of <see cref="CustomerSummary"/> read as a column of a <see cref="CustomerSummaryCollection"/> with
/// <see cref="CustomerSummaryCollection.CopyColumn"/>: the values are those of the summary's property of the same name,
/// to the last bit.
/// </summary>
public enum SummaryColumn
{
    /// <summary><see cref="CustomerSummary.Frequency"/>: repeat purchases x.</summary>
    Frequency,

    /// <summary><see cref="CustomerSummary.PurchaseCount"/>: purchases (distinct purchase periods), x + 1.</summary>
    PurchaseCount,

    /// <summary><see cref="CustomerSummary.TransactionCount"/>: transactions (rows) in the calibration period.</summary>
    TransactionCount,

    /// <summary><see cref="CustomerSummary.Recency"/>: t_x, the age at the last purchase, in the summaries' time unit.</summary>
    Recency,

    /// <summary><see cref="CustomerSummary.Age"/>: T, the age at the end of calibration, in the summaries' time unit.</summary>
    Age,

    /// <summary><see cref="CustomerSummary.TimeSinceLastPurchase"/>: T − t_x, in the summaries' time unit.</summary>
    TimeSinceLastPurchase,

    /// <summary><see cref="CustomerSummary.Revenue"/>: revenue of every calibration purchase.</summary>
    Revenue,

    /// <summary><see cref="CustomerSummary.FirstPurchaseRevenue"/>: revenue of the first purchase.</summary>
    FirstPurchaseRevenue,

    /// <summary><see cref="CustomerSummary.RepeatRevenue"/>: revenue of the repeat purchases.</summary>
    RepeatRevenue,

    /// <summary><see cref="CustomerSummary.MonetaryValue"/>: mean revenue of a repeat purchase (0 without one).</summary>
    MonetaryValue,

    /// <summary><see cref="CustomerSummary.CostOfGoods"/>: cost of the goods sold in the calibration period.</summary>
    CostOfGoods,

    /// <summary><see cref="CustomerSummary.TransactionsWithCost"/>: calibration transactions that carried a cost.</summary>
    TransactionsWithCost,

    /// <summary><see cref="CustomerSummary.HoldoutPurchaseCount"/>: purchases in the holdout period.</summary>
    HoldoutPurchaseCount,

    /// <summary><see cref="CustomerSummary.HoldoutRevenue"/>: revenue in the holdout period.</summary>
    HoldoutRevenue,
}
