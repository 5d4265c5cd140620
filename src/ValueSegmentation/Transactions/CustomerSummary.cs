using System.Globalization;

namespace ValueSegmentation.Transactions;

/// <summary>
/// One customer's purchase history over an <see cref="ObservationWindow"/>, in the facts the customer-value
/// literature works with: recency, frequency and monetary value (RFM), age <c>T</c>, revenue and cost.
/// </summary>
/// <remarks>
/// <para>Conventions (those of the "buy 'til you die" literature): a <em>purchase</em> is every transaction
/// of one <see cref="Transactions.PurchasePeriod"/> (a day, by default) taken together;
/// <see cref="Frequency"/> is the number of <em>repeat</em> purchases, so the first purchase is not counted;
/// <see cref="Recency"/> is the customer's age at their last purchase; <see cref="Age"/> (<c>T</c>) is their
/// age at the end of calibration; <see cref="MonetaryValue"/> is the mean value of the repeat purchases.
/// Times are in <see cref="TimeUnit"/>; money is in the log's currency, as <see cref="double"/> because these
/// are statistics, not ledger entries.</para>
/// <para>Summaries of disjoint parts of one customer's history <see cref="Merge">merge</see> into the
/// summary of the whole, so they can be built in parallel, incrementally or upstream.</para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class CustomerSummary : IEquatable<CustomerSummary>
{
    private readonly PeriodTally _calibration;
    private readonly PeriodTally _holdout;

    /// <summary>
    /// Creates a summary from facts computed elsewhere (a database, a data warehouse). Summaries of a
    /// transaction log are better built with <see cref="CustomerSummaryBuilder"/> or
    /// <see cref="FromTransactions"/>.
    /// </summary>
    /// <param name="customerId">The customer's identifier.</param>
    /// <param name="window">The observation window the summary covers.</param>
    /// <param name="firstPurchase">When the first purchase was made.</param>
    /// <param name="lastPurchase">When the last purchase in the calibration period was made.</param>
    /// <param name="purchaseCount">Number of purchases (distinct purchase periods), at least 1.</param>
    /// <param name="firstPurchaseRevenue">Revenue of the first purchase.</param>
    /// <param name="repeatRevenue">Revenue of all later purchases; 0 when <paramref name="purchaseCount"/> is 1.</param>
    /// <param name="transactionCount">Number of transactions (rows); at least <paramref name="purchaseCount"/>;
    /// <see langword="null"/> for one transaction per purchase.</param>
    /// <param name="costOfGoods">Total cost of the goods sold, not negative.</param>
    /// <param name="transactionsWithCost">How many transactions carried a cost; required to be positive
    /// when <paramref name="costOfGoods"/> is.</param>
    /// <exception cref="ArgumentNullException"><paramref name="window"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range or inconsistent with the others,
    /// for example a last purchase after the end of calibration, or more purchases than there are purchase
    /// periods between the first and the last purchase.</exception>
    public CustomerSummary(
        string customerId,
        ObservationWindow window,
        DateTimeOffset firstPurchase,
        DateTimeOffset lastPurchase,
        int purchaseCount,
        double firstPurchaseRevenue,
        double repeatRevenue,
        int? transactionCount = null,
        double costOfGoods = 0,
        int transactionsWithCost = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentNullException.ThrowIfNull(window);
        Guard.Finite(firstPurchaseRevenue);
        Guard.Finite(repeatRevenue);
        Guard.FiniteNonNegative(costOfGoods);
        if (lastPurchase < firstPurchase)
        {
            throw new ArgumentOutOfRangeException(nameof(lastPurchase), lastPurchase, $"The last purchase is before the first ({firstPurchase:O}).");
        }

        long first = window.PeriodOf(firstPurchase), last = window.PeriodOf(lastPurchase);
        if (last > window.CalibrationEndPeriod)
        {
            throw new ArgumentOutOfRangeException(nameof(lastPurchase), lastPurchase, $"The last purchase is after the end of the window's calibration period ({window}).");
        }

        if (purchaseCount < 1 || purchaseCount - 1 > last - first || (purchaseCount == 1) != (first == last))
        {
            throw new ArgumentOutOfRangeException(
                nameof(purchaseCount),
                purchaseCount,
                $"Inconsistent with the first and last purchase: they span {last - first + 1} purchase period(s), so the count must be 1 when they share a period and between 2 and that span otherwise.");
        }

        int transactions = transactionCount ?? purchaseCount;
        if (transactions < purchaseCount)
        {
            throw new ArgumentOutOfRangeException(nameof(transactionCount), transactionCount, $"Fewer transactions than purchases ({purchaseCount}).");
        }

        if (purchaseCount == 1 && repeatRevenue != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(repeatRevenue), repeatRevenue, "A customer with a single purchase has no repeat revenue.");
        }

        if (transactionsWithCost < 0 || transactionsWithCost > transactions || (costOfGoods > 0 && transactionsWithCost == 0))
        {
            throw new ArgumentOutOfRangeException(nameof(transactionsWithCost), transactionsWithCost, $"Must lie in [0, {transactions}], and be positive when the cost of goods is.");
        }

        CustomerId = customerId;
        Window = window;
        FirstPurchase = firstPurchase;
        LastPurchase = lastPurchase;
        CostOfGoods = costOfGoods;
        TransactionsWithCost = transactionsWithCost;
        _calibration = new PeriodTally
        {
            First = first,
            Last = last,
            Periods = purchaseCount,
            Transactions = transactions,
            FirstValue = firstPurchaseRevenue,
            LaterValue = repeatRevenue,
        };
        (Recency, Age) = Times(window, first, last);
    }

    /// <summary>Creates a summary from state the builder has already validated.</summary>
    internal CustomerSummary(
        string customerId,
        ObservationWindow window,
        in PeriodTally calibration,
        in PeriodTally holdout,
        DateTimeOffset firstPurchase,
        DateTimeOffset lastPurchase,
        double costOfGoods,
        int transactionsWithCost)
    {
        CustomerId = customerId;
        Window = window;
        _calibration = calibration;
        _holdout = holdout;
        FirstPurchase = firstPurchase;
        LastPurchase = lastPurchase;
        CostOfGoods = costOfGoods;
        TransactionsWithCost = transactionsWithCost;
        (Recency, Age) = Times(window, calibration.First, calibration.Last);
    }

    /// <summary>The customer's identifier.</summary>
    public string CustomerId { get; }

    /// <summary>The observation window the summary covers.</summary>
    public ObservationWindow Window { get; }

    /// <summary>The unit of <see cref="Recency"/> and <see cref="Age"/>: the window's.</summary>
    public TimeUnit TimeUnit => Window.TimeUnit;

    /// <summary>The earliest transaction's timestamp.</summary>
    public DateTimeOffset FirstPurchase { get; }

    /// <summary>The latest calibration transaction's timestamp.</summary>
    public DateTimeOffset LastPurchase { get; }

    /// <summary>Number of purchases (distinct purchase periods with a transaction) in the calibration period; at least 1.</summary>
    public int PurchaseCount => _calibration.Periods;

    /// <summary>Number of transactions in the calibration period; at least <see cref="PurchaseCount"/>.</summary>
    public int TransactionCount => _calibration.Transactions;

    /// <summary>Number of repeat purchases, <c>x</c> in the literature: <see cref="PurchaseCount"/> − 1.</summary>
    public int Frequency => _calibration.Periods - 1;

    /// <summary>Age at the last purchase, <c>t_x</c>: from the first to the last purchase period, in <see cref="TimeUnit"/>. 0 when <see cref="Frequency"/> is 0.</summary>
    public double Recency { get; }

    /// <summary>Age at the end of calibration, <c>T</c>: from the first purchase period to the end of calibration, in <see cref="TimeUnit"/>.</summary>
    public double Age { get; }

    /// <summary>Total revenue of the calibration period, in the log's currency.</summary>
    public double Revenue => _calibration.Value;

    /// <summary>Revenue of the first purchase.</summary>
    public double FirstPurchaseRevenue => _calibration.FirstValue;

    /// <summary>Revenue of the repeat purchases (every purchase but the first).</summary>
    public double RepeatRevenue => _calibration.LaterValue;

    /// <summary>Mean value of the repeat purchases, <c>z̄</c> (<see cref="RepeatRevenue"/> / <see cref="Frequency"/>); 0 when there is none.</summary>
    public double MonetaryValue => Frequency == 0 ? 0.0 : _calibration.LaterValue / Frequency;

    /// <summary>Total recorded cost of goods sold in the calibration period (transactions without a cost add nothing).</summary>
    public double CostOfGoods { get; }

    /// <summary>How many calibration transactions carried a cost; fewer than <see cref="TransactionCount"/> means the cost of goods is partial.</summary>
    public int TransactionsWithCost { get; }

    /// <summary>Number of purchases (distinct purchase periods) in the holdout period; 0 without a holdout.</summary>
    public int HoldoutPurchaseCount => _holdout.Periods;

    /// <summary>Revenue of the holdout period; 0 without a holdout.</summary>
    public double HoldoutRevenue => _holdout.Value;

    internal ref readonly PeriodTally Calibration => ref _calibration;

    internal ref readonly PeriodTally Holdout => ref _holdout;

    /// <summary>
    /// Summarises a transaction log in one pass. Equivalent to adding every transaction to a
    /// <see cref="CustomerSummaryBuilder"/> and calling <see cref="CustomerSummaryBuilder.Build"/>.
    /// </summary>
    /// <param name="transactions">The transactions, streamed once and not kept.</param>
    /// <param name="window">The observation window.</param>
    /// <param name="order">What may be assumed about the order of each customer's transactions.</param>
    /// <returns>One summary per customer with a calibration purchase.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A transaction is invalid, after the window's end, or out of order
    /// (see <see cref="TransactionOrder"/>); the message names its position in the sequence.</exception>
    public static CustomerSummaryCollection FromTransactions(
        IEnumerable<Transaction> transactions,
        ObservationWindow window,
        TransactionOrder order = TransactionOrder.Chronological)
    {
        var builder = new CustomerSummaryBuilder(window, order);
        builder.AddRange(transactions);
        return builder.Build();
    }

    /// <summary>
    /// Combines this summary with a summary of another part of the same customer's history (disjoint
    /// transactions, same window) into the summary of both parts together.
    /// </summary>
    /// <remarks>
    /// The merge is exact, commutative and associative when the two parts do not interleave in time: one
    /// part's last purchase period is no later than the other's first (they may share that boundary period,
    /// whose transactions then make one purchase). Splitting a log by date ranges or by arrival (incremental
    /// loads) always satisfies this. Interleaved parts cannot be merged from summaries, because it is unknown
    /// which of their purchase periods coincide; merge <see cref="CustomerSummaryBuilder"/>s built with
    /// <see cref="TransactionOrder.Any"/> instead.
    /// <para>A part in which all of a customer's purchases fall in the holdout period yields no summary for that
    /// customer (the builder lists them in <see cref="CustomerSummaryCollection.HoldoutOnlyCustomerIds"/>), so
    /// summaries alone cannot carry such a part's holdout purchases. To combine parts with a holdout, merge the
    /// <see cref="CustomerSummaryBuilder"/>s, which keep every customer's holdout state.</para>
    /// </remarks>
    /// <param name="other">The other part's summary.</param>
    /// <returns>The summary of the union of both parts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ArgumentException">The summaries are of different customers or windows, or interleave in time.</exception>
    public CustomerSummary Merge(CustomerSummary other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!string.Equals(CustomerId, other.CustomerId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Cannot merge summaries of different customers ('{CustomerId}' and '{other.CustomerId}').", nameof(other));
        }

        if (!Window.Equals(other.Window))
        {
            throw new ArgumentException($"Cannot merge summaries of different windows ({Window}; {other.Window}).", nameof(other));
        }

        if (!PeriodTally.TryMerge(_calibration, other._calibration, out var calibration)
            || !PeriodTally.TryMerge(_holdout, other._holdout, out var holdout))
        {
            throw new ArgumentException(
                $"The histories of customer '{CustomerId}' interleave in time, so it is unknown which of their purchase periods coincide. Merge parts split by date range, or merge builders created with TransactionOrder.Any.",
                nameof(other));
        }

        return new CustomerSummary(
            CustomerId,
            Window,
            calibration,
            holdout,
            Earliest(FirstPurchase, other.FirstPurchase),
            Latest(LastPurchase, other.LastPurchase),
            CostOfGoods + other.CostOfGoods,
            checked(TransactionsWithCost + other.TransactionsWithCost));
    }

    /// <summary>Whether two summaries hold the same facts (timestamps compared as instants).</summary>
    /// <param name="other">The other summary.</param>
    /// <returns><see langword="true"/> when every fact is equal.</returns>
    public bool Equals(CustomerSummary? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (string.Equals(CustomerId, other.CustomerId, StringComparison.Ordinal)
                && Window.Equals(other.Window)
                && _calibration.Equals(other._calibration)
                && _holdout.Equals(other._holdout)
                && FirstPurchase.Equals(other.FirstPurchase)
                && LastPurchase.Equals(other.LastPurchase)
                && CostOfGoods.Equals(other.CostOfGoods)
                && TransactionsWithCost == other.TransactionsWithCost));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CustomerSummary);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(CustomerId), _calibration, _holdout, CostOfGoods);

    /// <summary>A one-line description: identifier, frequency, recency, age and monetary value.</summary>
    /// <returns>For example <c>1: x=2, t_x=30.43, T=38.86 Weeks, m=22.35</c>.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{CustomerId}: x={Frequency}, t_x={Recency:0.##}, T={Age:0.##} {TimeUnit}, m={MonetaryValue:0.##}");

    internal static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b) => b.UtcTicks < a.UtcTicks ? b : a;

    internal static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset b) => b.UtcTicks > a.UtcTicks ? b : a;

    private static (double Recency, double Age) Times(ObservationWindow window, long first, long last) =>
        (window.Between(first, last), window.Between(first, window.CalibrationEndPeriod));
}
