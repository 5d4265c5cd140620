using System.Globalization;
using ValueSegmentation.Internal;

namespace ValueSegmentation.Transactions;

/// <summary>
/// One customer's purchase history, in the facts the customer-value literature works with: recency, frequency and
/// monetary value (RFM), age <c>T</c>, revenue and cost.
/// </summary>
/// <remarks>
/// <para>Conventions (those of the "buy 'til you die" literature): a <em>purchase</em> is every transaction
/// of one <see cref="ValueSegmentation.PurchasePeriod"/> (a day, by default) taken together;
/// <see cref="Frequency"/> is the number of <em>repeat</em> purchases, so the first purchase is not counted;
/// <see cref="Recency"/> is the customer's age at their last purchase; <see cref="Age"/> (<c>T</c>) is their
/// age at the end of calibration; <see cref="MonetaryValue"/> is the mean value of the repeat purchases.
/// Times are in <see cref="TimeUnit"/>; money is in the log's currency, as <see cref="double"/> because these
/// are statistics, not ledger entries.</para>
/// <para>A summary comes either from dates (<see cref="CustomerSummaryBuilder"/>, <see cref="FromTransactions"/>
/// or the constructor), when it covers an <see cref="ObservationWindow"/> and every time is an exact number of
/// days converted once into its unit, so that equal day counts give equal times in every unit; or from numbers
/// computed elsewhere (<see cref="FromNumbers"/>: a SQL engine, another library, a published table), when it has
/// no window and no purchase dates.</para>
/// <para>Summaries of disjoint parts of one customer's history <see cref="Merge">merge</see> into the
/// summary of the whole, so they can be built in parallel, incrementally or upstream.</para>
/// <para>Instances are immutable and thread-safe.</para>
/// </remarks>
public sealed class CustomerSummary : IEquatable<CustomerSummary>
{
    private readonly PeriodTally _calibration;
    private readonly PeriodTally _holdout;
    private readonly Durations _durations;

    /// <summary>
    /// Creates a summary from dated facts computed elsewhere (a database, a data warehouse). Summaries of a
    /// transaction log are better built with <see cref="CustomerSummaryBuilder"/> or
    /// <see cref="FromTransactions"/>; facts without dates go to <see cref="FromNumbers"/>.
    /// </summary>
    /// <param name="customerId">The customer's identifier.</param>
    /// <param name="window">The observation window the summary covers.</param>
    /// <param name="firstPurchase">When the first purchase was made.</param>
    /// <param name="lastPurchase">When the last purchase in the calibration period was made.</param>
    /// <param name="purchaseCount">Number of purchases (distinct purchase periods), at least 1.</param>
    /// <param name="firstPurchaseRevenue">Revenue of the first purchase; its magnitude at most
    /// <see cref="Transaction.MaxAmount"/> × the number of transactions.</param>
    /// <param name="repeatRevenue">Revenue of all later purchases; 0 when <paramref name="purchaseCount"/> is 1; its
    /// magnitude at most <see cref="Transaction.MaxAmount"/> × the number of transactions.</param>
    /// <param name="transactionCount">Number of transactions (rows); at least <paramref name="purchaseCount"/>;
    /// <see langword="null"/> for one transaction per purchase.</param>
    /// <param name="costOfGoods">Total cost of the goods sold, not negative, at most <see cref="Transaction.MaxAmount"/> ×
    /// <paramref name="transactionsWithCost"/>.</param>
    /// <param name="transactionsWithCost">How many transactions carried a cost; required to be positive
    /// when <paramref name="costOfGoods"/> is.</param>
    /// <exception cref="ArgumentNullException"><paramref name="window"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range or inconsistent with the others,
    /// for example a last purchase after the end of calibration, a last purchase before the first by clock time (in
    /// each timestamp's own UTC offset, the order purchase periods follow), more purchases than there are purchase
    /// periods between the first and the last purchase, or an amount beyond <see cref="Transaction.MaxAmount"/> per
    /// transaction.</exception>
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
        if (ClockOrder(lastPurchase, firstPurchase) < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(lastPurchase),
                lastPurchase,
                $"The last purchase ({lastPurchase:O}) is before the first ({firstPurchase:O}) by clock time, which decides purchase periods (each timestamp's clock time in its own UTC offset).");
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

        Amounts.Check(firstPurchaseRevenue, transactions, nameof(firstPurchaseRevenue));
        Amounts.Check(repeatRevenue, transactions, nameof(repeatRevenue));
        Amounts.CheckNonNegative(costOfGoods, transactionsWithCost, nameof(costOfGoods));

        CustomerId = customerId;
        Window = window;
        TimeUnit = window.TimeUnit;
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
        _durations = Durations.FromPeriods(window, first, last);
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
        TimeUnit = window.TimeUnit;
        _calibration = calibration;
        _holdout = holdout;
        FirstPurchase = firstPurchase;
        LastPurchase = lastPurchase;
        CostOfGoods = costOfGoods;
        TransactionsWithCost = transactionsWithCost;
        _durations = Durations.FromPeriods(window, calibration.First, calibration.Last);
    }

    private CustomerSummary(string customerId, TimeUnit timeUnit, in PeriodTally calibration, in PeriodTally holdout, in Durations durations, double costOfGoods, int transactionsWithCost)
    {
        CustomerId = customerId;
        TimeUnit = timeUnit;
        _calibration = calibration;
        _holdout = holdout;
        _durations = durations;
        CostOfGoods = costOfGoods;
        TransactionsWithCost = transactionsWithCost;
    }

    /// <summary>The customer's identifier.</summary>
    public string CustomerId { get; }

    /// <summary>The observation window the summary covers; <see langword="null"/> for a summary built
    /// <see cref="FromNumbers">from numbers</see>.</summary>
    public ObservationWindow? Window { get; }

    /// <summary>The unit of <see cref="Recency"/>, <see cref="Age"/> and <see cref="TimeSinceLastPurchase"/>: the
    /// window's, or the one given to <see cref="FromNumbers"/>.</summary>
    public TimeUnit TimeUnit { get; }

    /// <summary>The earliest transaction's timestamp; <see langword="null"/> for a summary built from numbers.</summary>
    /// <remarks>Earliest by clock time, the order purchase periods follow (each timestamp's clock date in its own UTC
    /// offset; ties by instant): with mixed offsets it is the transaction of the first purchase period, which need not
    /// be the earliest instant.</remarks>
    public DateTimeOffset? FirstPurchase { get; }

    /// <summary>The latest calibration transaction's timestamp; <see langword="null"/> for a summary built from numbers.</summary>
    /// <remarks>Latest by clock time, like <see cref="FirstPurchase"/>, so it is in the last purchase period.</remarks>
    public DateTimeOffset? LastPurchase { get; }

    /// <summary>Number of purchases (distinct purchase periods with a transaction) in the calibration period; at least 1.</summary>
    public int PurchaseCount => _calibration.Periods;

    /// <summary>Number of transactions in the calibration period; at least <see cref="PurchaseCount"/>.</summary>
    public int TransactionCount => _calibration.Transactions;

    /// <summary>Number of repeat purchases, <c>x</c> in the literature: <see cref="PurchaseCount"/> − 1.</summary>
    public int Frequency => _calibration.Periods - 1;

    /// <summary>Age at the last purchase, <c>t_x</c>: from the first to the last purchase period, in <see cref="TimeUnit"/>. 0 when <see cref="Frequency"/> is 0.</summary>
    public double Recency => _durations.Recency;

    /// <summary>Age at the end of calibration, <c>T</c>: from the first purchase period to the end of calibration, in <see cref="TimeUnit"/>.</summary>
    public double Age => _durations.Age;

    /// <summary>
    /// Time from the last purchase to the end of calibration, <c>T − t_x</c>, in <see cref="TimeUnit"/>; lower is more
    /// recent. For a summary from dates it is the exact number of days between the two periods converted once, not
    /// the difference of two rounded times, so customers with equal day counts tie in every unit.
    /// </summary>
    public double TimeSinceLastPurchase => _durations.SinceLast;

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
    /// Creates a summary from its numbers, computed elsewhere: a SQL engine, Python or R, or a published table such
    /// as the CDNOW summary (x = 2, t_x = 30.43, T = 38.86 weeks). The summary has no window and no purchase dates;
    /// everything else works as for a summary built from transactions, except <see cref="Merge"/>.
    /// </summary>
    /// <param name="customerId">The customer's identifier.</param>
    /// <param name="frequency">x, the number of repeat purchases; not negative.</param>
    /// <param name="recency">t_x, the age at the last purchase, in <paramref name="timeUnit"/>: 0 when x = 0, positive
    /// otherwise, at most <paramref name="age"/>.</param>
    /// <param name="age">T, the age at the end of calibration, in <paramref name="timeUnit"/>; finite and not negative.
    /// Times are 0 or from 10⁻⁶ to 10⁹ days (0.0864 seconds to about 2.7 million years), so that rates per unit of time
    /// stay finite.</param>
    /// <param name="timeUnit">The unit of <paramref name="recency"/> and <paramref name="age"/>.</param>
    /// <param name="monetaryValue">z̄, the mean value of the repeat purchases; 0 when x = 0; its magnitude at most
    /// <see cref="Transaction.MaxAmount"/> (each purchase counts as one transaction).</param>
    /// <param name="revenue">The total revenue of the calibration period, first purchase included; when
    /// <see langword="null"/>, the repeat revenue x · z̄ (the first purchase then counts 0: give the revenue when a
    /// strategy or report uses it); its magnitude at most <see cref="Transaction.MaxAmount"/> × (x + 1).</param>
    /// <param name="costOfGoods">The total cost of the goods sold, from 0 to <see cref="Transaction.MaxAmount"/> × (x + 1);
    /// <see langword="null"/> when unknown.</param>
    /// <param name="holdoutPurchases">Purchases in the holdout period; not negative.</param>
    /// <param name="holdoutRevenue">Revenue of the holdout period; 0 without holdout purchases; its magnitude at most
    /// <see cref="Transaction.MaxAmount"/> × <paramref name="holdoutPurchases"/>.</param>
    /// <returns>The validated summary. Its <see cref="PurchaseCount"/> and <see cref="TransactionCount"/> are x + 1.</returns>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is out of range (NaN, an infinity, a negative count, an
    /// amount beyond <see cref="Transaction.MaxAmount"/> per purchase, a time outside the documented range)
    /// or inconsistent with the others (t_x &gt; T, t_x ≠ 0 for x = 0, a mean spend for x = 0, holdout revenue
    /// without holdout purchases); the message names the argument and its value.</exception>
    public static CustomerSummary FromNumbers(
        string customerId,
        int frequency,
        double recency,
        double age,
        TimeUnit timeUnit,
        double monetaryValue = 0,
        double? revenue = null,
        double? costOfGoods = null,
        int holdoutPurchases = 0,
        double holdoutRevenue = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        var tallies = NumberTallies.Validate(frequency, recency, age, timeUnit, monetaryValue, revenue, costOfGoods, holdoutPurchases, holdoutRevenue);
        return new CustomerSummary(customerId, timeUnit, tallies.Calibration, tallies.Holdout, Durations.FromNumbers(timeUnit, recency, age), tallies.Cost, tallies.TransactionsWithCost);
    }

    /// <summary>Creates a summary from numbers that <see cref="NumberTallies.Validate"/> has checked.</summary>
    internal static CustomerSummary FromValidatedNumbers(string customerId, TimeUnit timeUnit, in NumberTallies tallies, double recency, double age) =>
        new(customerId, timeUnit, tallies.Calibration, tallies.Holdout, Durations.FromNumbers(timeUnit, recency, age), tallies.Cost, tallies.TransactionsWithCost);

    /// <summary>Creates a summary from a window's state that a <see cref="CustomerSummaryCollection"/> kept as columns.</summary>
    internal static CustomerSummary FromValidatedPeriods(string customerId, ObservationWindow window, in PeriodTally calibration, in PeriodTally holdout, DateTimeOffset firstPurchase, DateTimeOffset lastPurchase, double costOfGoods, int transactionsWithCost) =>
        new(customerId, window, calibration, holdout, firstPurchase, lastPurchase, costOfGoods, transactionsWithCost);

    /// <summary>
    /// Summarises a transaction log in one pass. Equivalent to adding every transaction to a
    /// <see cref="CustomerSummaryBuilder"/> and calling <see cref="CustomerSummaryBuilder.Build()"/>.
    /// </summary>
    /// <param name="transactions">The transactions, streamed once and not kept.</param>
    /// <param name="window">The observation window.</param>
    /// <param name="order">What may be assumed about the order of each customer's transactions.</param>
    /// <returns>One summary per customer with a calibration purchase.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="TransactionException">A transaction is invalid, after the window's end, or out of order
    /// (see <see cref="TransactionOrder"/>); the exception carries it and its position in the sequence.</exception>
    public static CustomerSummaryCollection FromTransactions(
        IEnumerable<Transaction> transactions,
        ObservationWindow window,
        TransactionOrder order = TransactionOrder.Chronological)
    {
        var builder = new CustomerSummaryBuilder(window, order);
        builder.AddRange(transactions);
        return builder.Build();
    }

    /// <summary>The age <see cref="Age"/> expressed in another unit, converted from the exact day count for a
    /// summary from dates (so it does not depend on the summary's own unit).</summary>
    /// <param name="unit">The unit to express the age in.</param>
    /// <returns>T in <paramref name="unit"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unit"/> is not a defined value.</exception>
    public double AgeIn(TimeUnit unit) => Guard.Defined(unit) == TimeUnit ? _durations.Age : _durations.AgeDays / unit.Days();

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
    /// <see cref="TransactionOrder.Any"/> instead. Summaries built <see cref="FromNumbers">from numbers</see> have
    /// no periods and cannot be merged.
    /// <para>A part in which all of a customer's purchases fall in the holdout period yields no summary for that
    /// customer (the builder lists them in <see cref="CustomerSummaryCollection.HoldoutOnlyCustomerIds"/>), so
    /// summaries alone cannot carry such a part's holdout purchases. To combine parts with a holdout, merge the
    /// <see cref="CustomerSummaryBuilder"/>s, which keep every customer's holdout state.</para>
    /// </remarks>
    /// <param name="other">The other part's summary.</param>
    /// <returns>The summary of the union of both parts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    /// <exception cref="ArgumentException">The summaries are of different customers or windows, interleave in time,
    /// one was built from numbers, or together they hold more than <see cref="int.MaxValue"/> transactions in the
    /// calibration or the holdout period.</exception>
    public CustomerSummary Merge(CustomerSummary other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!string.Equals(CustomerId, other.CustomerId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Cannot merge summaries of different customers ('{CustomerId}' and '{other.CustomerId}').", nameof(other));
        }

        if (Window is null || other.Window is null)
        {
            throw new ArgumentException($"Cannot merge the summaries of customer '{CustomerId}': a summary built from numbers has no purchase periods to combine.", nameof(other));
        }

        if (!Window.Equals(other.Window))
        {
            throw new ArgumentException($"Cannot merge summaries of different windows ({Window}; {other.Window}).", nameof(other));
        }

        if ((long)_calibration.Transactions + other._calibration.Transactions > int.MaxValue
            || (long)_holdout.Transactions + other._holdout.Transactions > int.MaxValue)
        {
            throw new ArgumentException(
                $"Together the two summaries of customer '{CustomerId}' hold more than {int.MaxValue} transactions in one period of the window (calibration or holdout), the most a summary counts.",
                nameof(other));
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
            Earliest(FirstPurchase!.Value, other.FirstPurchase!.Value),
            Latest(LastPurchase!.Value, other.LastPurchase!.Value),
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
                && Equals(Window, other.Window)
                && TimeUnit == other.TimeUnit
                && _calibration.Equals(other._calibration)
                && _holdout.Equals(other._holdout)
                && _durations.Equals(other._durations)
                && Nullable.Equals(FirstPurchase, other.FirstPurchase)
                && Nullable.Equals(LastPurchase, other.LastPurchase)
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

    /// <summary>The order of purchase periods: clock time in each timestamp's own offset, then the instant.</summary>
    internal static int ClockOrder(DateTimeOffset a, DateTimeOffset b)
    {
        int byClock = a.DateTime.CompareTo(b.DateTime);
        return byClock != 0 ? byClock : a.UtcTicks.CompareTo(b.UtcTicks);
    }

    internal static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b) => ClockOrder(b, a) < 0 ? b : a;

    internal static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset b) => ClockOrder(b, a) > 0 ? b : a;

    /// <summary>The summary's times, in its unit and in days. From dates the day counts are exact integers and each
    /// time in the unit is one division of one of them, never a difference of converted values.</summary>
    /// <summary>The state of a summary given by its numbers (<see cref="FromNumbers"/>), validated.</summary>
    internal readonly record struct NumberTallies(PeriodTally Calibration, PeriodTally Holdout, double Cost, int TransactionsWithCost)
    {
        /// <summary>Checks the numbers of <see cref="FromNumbers"/> (all but the identifier) and returns the state.</summary>
        public static NumberTallies Validate(int frequency, double recency, double age, TimeUnit timeUnit, double monetaryValue, double? revenue, double? costOfGoods, int holdoutPurchases, double holdoutRevenue)
        {
            Guard.NonNegative(frequency);
            Guard.FiniteNonNegative(age);
            Guard.FiniteNonNegative(recency);
            Guard.Defined(timeUnit);
            Guard.Finite(monetaryValue);
            Guard.NonNegative(holdoutPurchases);
            Guard.Finite(holdoutRevenue);
            Amounts.CheckTime(age, timeUnit, nameof(age));
            Amounts.CheckTime(recency, timeUnit, nameof(recency));
            Amounts.Check(monetaryValue, 1, nameof(monetaryValue));
            Amounts.Check(holdoutRevenue, holdoutPurchases, nameof(holdoutRevenue));
            if (recency > age)
            {
                throw new ArgumentOutOfRangeException(nameof(recency), recency, string.Create(CultureInfo.InvariantCulture, $"The recency t_x is after the age T = {age}: the last purchase cannot come after the end of calibration."));
            }

            if ((frequency == 0) != (recency == 0))
            {
                throw new ArgumentOutOfRangeException(nameof(recency), recency, string.Create(CultureInfo.InvariantCulture, $"With x = {frequency}, t_x must be {(frequency == 0 ? "0: there is no repeat purchase" : "positive: the last repeat purchase comes after the first purchase")}."));
            }

            if (frequency == 0 && monetaryValue != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(monetaryValue), monetaryValue, "A customer without a repeat purchase has no mean repeat spend (it must be 0).");
            }

            if (holdoutPurchases == 0 && holdoutRevenue != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(holdoutRevenue), holdoutRevenue, "Holdout revenue without a holdout purchase.");
            }

            double repeatRevenue = monetaryValue * frequency;
            int purchases = frequency == int.MaxValue
                ? throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "Must be less than int.MaxValue: the purchases x + 1 must be countable.")
                : frequency + 1;
            double firstRevenue = revenue is { } total ? Amounts.Check(total, purchases, nameof(revenue)) - repeatRevenue : 0;
            double cost = costOfGoods is { } c ? Amounts.CheckNonNegative(c, purchases, nameof(costOfGoods)) : 0;
            var calibration = new PeriodTally { Periods = purchases, Transactions = purchases, FirstValue = firstRevenue, LaterValue = repeatRevenue };
            var holdout = new PeriodTally { Periods = holdoutPurchases, Transactions = holdoutPurchases, FirstValue = holdoutRevenue };
            return new NumberTallies(calibration, holdout, cost, costOfGoods is null ? 0 : purchases);
        }
    }

    internal readonly record struct Durations(double Recency, double Age, double SinceLast, double AgeDays)
    {
        public static Durations FromPeriods(ObservationWindow window, long first, long last)
        {
            long firstDay = window.StartDayOf(first), lastDay = window.StartDayOf(last), endDay = window.CalibrationEndStartDay;
            double unitDays = window.TimeUnit.Days();
            return new Durations((lastDay - firstDay) / unitDays, (endDay - firstDay) / unitDays, (endDay - lastDay) / unitDays, endDay - firstDay);
        }

        public static Durations FromNumbers(TimeUnit unit, double recency, double age) =>
            new(recency, age, age - recency, age * unit.Days());
    }
}
