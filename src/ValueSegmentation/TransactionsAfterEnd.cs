using ValueSegmentation.Transactions;

namespace ValueSegmentation;

/// <summary>What a <see cref="CustomerSummaryBuilder"/> does with a transaction after the end of its observation window.</summary>
public enum TransactionsAfterEnd
{
    /// <summary>Reject it with a <see cref="TransactionException"/> that carries it (the default): a late transaction
    /// usually means the window or the extract is wrong.</summary>
    Reject = 0,

    /// <summary>Leave it out and count it in <see cref="CustomerSummaryBuilder.DroppedTransactionCount"/>, as lifetimes and
    /// CLVTools do silently; here nothing is lost without a trace.</summary>
    Drop = 1,
}
