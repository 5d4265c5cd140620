using ValueSegmentation.Internal;

namespace ValueSegmentation;

/// <summary>
/// One transaction of a customer: who bought, when, for how much, and optionally what the goods cost.
/// </summary>
/// <remarks>
/// <para>Amounts are <see cref="double"/>: the library computes estimates and statistics, not ledger
/// entries. The currency is whatever the log is in; every derived figure is in the same currency.</para>
/// <para>A negative <see cref="Amount"/> (a refund) is allowed; NaN and infinities are not. An amount or a cost
/// has a magnitude of at most <see cref="MaxAmount"/> (10¹⁵ currency units per transaction): within that range
/// every sum, mean and product the library computes from a log stays finite, so no figure it returns is an
/// infinity or NaN.</para>
/// <para>This type is immutable and thread-safe. Its <see langword="default"/> value has no customer and is
/// rejected wherever a transaction is consumed.</para>
/// </remarks>
public readonly struct Transaction : IEquatable<Transaction>
{
    /// <summary>The largest magnitude of a transaction's amount or cost: 10¹⁵ currency units (a quadrillion). Larger
    /// values are rejected, so that sums over a log of up to 2³¹ transactions per customer and 2³¹ customers stay
    /// far inside the range of a <see cref="double"/>. Summaries and rates hold to the same bound per transaction.</summary>
    public const double MaxAmount = 1e15;

    private readonly double _cost; // NaN when no cost was recorded

    /// <summary>Creates a transaction.</summary>
    /// <param name="customerId">The customer's identifier; compared ordinally (case-sensitive).</param>
    /// <param name="timestamp">When the transaction happened. Its clock date decides its purchase period.</param>
    /// <param name="amount">Revenue of the transaction, in the log's currency: finite, of magnitude at most
    /// <see cref="MaxAmount"/>; negative for a refund.</param>
    /// <param name="cost">Optional cost of the goods sold, in the same currency: from 0 to <see cref="MaxAmount"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is not finite or its magnitude exceeds
    /// <see cref="MaxAmount"/>, or <paramref name="cost"/> is negative, not finite or above <see cref="MaxAmount"/>.</exception>
    [System.Text.Json.Serialization.JsonConstructor]
    public Transaction(string customerId, DateTimeOffset timestamp, double amount, double? cost = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        Amounts.Check(amount, 1, nameof(amount));
        if (cost is { } c)
        {
            Amounts.CheckNonNegative(c, 1, nameof(cost));
        }

        CustomerId = customerId;
        Timestamp = timestamp;
        Amount = amount;
        _cost = cost ?? double.NaN;
    }

    /// <summary>Creates a transaction of daily data: the timestamp is the start of <paramref name="date"/>, at offset 0.</summary>
    /// <param name="customerId">The customer's identifier; compared ordinally (case-sensitive).</param>
    /// <param name="date">The day of the transaction; it decides its purchase period.</param>
    /// <param name="amount">Revenue of the transaction, in the log's currency: finite, of magnitude at most
    /// <see cref="MaxAmount"/>; negative for a refund.</param>
    /// <param name="cost">Optional cost of the goods sold, in the same currency: from 0 to <see cref="MaxAmount"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is not finite or its magnitude exceeds
    /// <see cref="MaxAmount"/>, or <paramref name="cost"/> is negative, not finite or above <see cref="MaxAmount"/>.</exception>
    public Transaction(string customerId, DateOnly date, double amount, double? cost = null)
        : this(customerId, new DateTimeOffset(date, TimeOnly.MinValue, TimeSpan.Zero), amount, cost)
    {
    }

    /// <summary>The customer's identifier.</summary>
    public string CustomerId { get; }

    /// <summary>When the transaction happened.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>Revenue of the transaction in the log's currency (negative for a refund).</summary>
    public double Amount { get; }

    /// <summary>Cost of the goods sold, in the log's currency, or <see langword="null"/> when not recorded.</summary>
    public double? Cost => double.IsNaN(_cost) ? null : _cost;

    /// <summary>The recorded cost, or 0 when none was recorded, without allocating a nullable.</summary>
    internal double CostOrZero => double.IsNaN(_cost) ? 0.0 : _cost;

    /// <summary>Whether a cost was recorded.</summary>
    internal bool HasCost => !double.IsNaN(_cost);

    /// <inheritdoc />
    public bool Equals(Transaction other) =>
        string.Equals(CustomerId, other.CustomerId, StringComparison.Ordinal)
        && Timestamp.Equals(other.Timestamp)
        && Amount.Equals(other.Amount)
        && _cost.Equals(other._cost);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Transaction other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(CustomerId is null ? 0 : StringComparer.Ordinal.GetHashCode(CustomerId), Timestamp, Amount, _cost);

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"{CustomerId} {Timestamp:O} {Amount}{(HasCost ? $" (cost {_cost})" : string.Empty)}");

    /// <summary>Whether two transactions are equal in every field.</summary>
    /// <param name="left">The first transaction.</param>
    /// <param name="right">The second transaction.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public static bool operator ==(Transaction left, Transaction right) => left.Equals(right);

    /// <summary>Whether two transactions differ in any field.</summary>
    /// <param name="left">The first transaction.</param>
    /// <param name="right">The second transaction.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(Transaction left, Transaction right) => !left.Equals(right);
}
