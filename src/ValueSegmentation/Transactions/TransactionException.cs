namespace ValueSegmentation.Transactions;

/// <summary>A transaction that cannot be summarised: it has no customer, it falls after the end of the observation
/// window, or it arrives out of the order the builder was told to expect. It carries the transaction and its position
/// in the input.</summary>
/// <remarks>Immutable once thrown and safe to share between threads.</remarks>
public sealed class TransactionException : ValueSegmentationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="transaction">The offending transaction.</param>
    /// <param name="position">Its zero-based position in the input, or <see langword="null"/> when it was added alone.</param>
    /// <param name="reason">What is wrong with it.</param>
    /// <param name="paramName">The argument that carried it.</param>
    public TransactionException(Transaction transaction, long? position, string reason, string? paramName)
        : base((position is { } p ? FormattableString.Invariant($"Transaction #{p}: ") : string.Empty) + reason, paramName, null)
    {
        Transaction = transaction;
        Position = position;
        Reason = reason;
    }

    /// <summary>What is wrong with the transaction, without its position.</summary>
    public string Reason { get; }

    /// <summary>The offending transaction.</summary>
    public Transaction Transaction { get; }

    /// <summary>Its zero-based position in the input, or <see langword="null"/> when it was added alone.</summary>
    public long? Position { get; }
}
