using ValueSegmentation.Transactions;

namespace ValueSegmentation;

/// <summary>
/// What a <see cref="CustomerSummaryBuilder"/> may assume about the order of the transactions it is given.
/// Same-period transactions are merged into one purchase in a single pass, which needs to know whether a
/// transaction's period was already seen.
/// </summary>
public enum TransactionOrder
{
    /// <summary>
    /// Each customer's transactions arrive in the order of their purchase periods (customers may interleave, as
    /// in a log sorted by time or by customer and time). Periods follow each timestamp's own clock date, so a
    /// customer whose timestamps carry different UTC offsets must be sorted by clock date, not by instant. Memory is constant per customer. A transaction that falls strictly between a
    /// customer's earliest and latest purchases seen so far cannot always be placed; it is then rejected with an
    /// <see cref="ArgumentException"/> that names the customer, rather than miscounted.
    /// </summary>
    Chronological = 0,

    /// <summary>
    /// Any order. The builder remembers each customer's distinct purchase periods, so memory grows with the
    /// number of purchase periods (not transactions), and merging builders is exact for any split of the log.
    /// </summary>
    Any = 1,
}
