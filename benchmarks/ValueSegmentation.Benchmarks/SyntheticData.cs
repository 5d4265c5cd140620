using ValueSegmentation.Transactions;

namespace ValueSegmentation.Benchmarks;

/// <summary>
/// Deterministic synthetic transaction logs and customer summaries for the benchmarks: two years of daily
/// purchase periods, seeded so every run (and every benchmark process) sees the same data.
/// </summary>
public static class SyntheticData
{
    /// <summary>The seed of every generator, so the data is the same in every run.</summary>
    public const int Seed = 20261124;

    /// <summary>Length of the observed history in days (about two years).</summary>
    public const int Days = 730;

    /// <summary>The first day of the history: 2025-01-01, UTC.</summary>
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The window every benchmark summarises over: to 2026-12-31 in days, daily purchase periods, no holdout.</summary>
    public static readonly ObservationWindow Window = new(Start.AddDays(Days).AddTicks(-1), TimeUnit.Days, PurchasePeriod.Day);

    /// <summary>
    /// A transaction log sorted by customer, then time: <paramref name="transactions"/> transactions spread
    /// evenly over <paramref name="transactions"/> / <paramref name="perCustomer"/> customers, whose ids are
    /// created up front (<c>C0000000</c>, ...). Each customer's first purchase day is uniform over the two years
    /// and their later transactions are uniform between it and the end, at random times of day, so customers
    /// with many transactions repeat purchase days. Amounts are exponential with mean 65; half the transactions
    /// carry a cost of 60 % of the amount.
    /// </summary>
    /// <param name="transactions">Number of transactions.</param>
    /// <param name="perCustomer">Transactions per customer (the last customers get one fewer when it does not divide).</param>
    /// <returns>The log, each customer's transactions in time order.</returns>
    public static Transaction[] CustomerOrderedLog(int transactions, int perCustomer)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(transactions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perCustomer);
        var random = new Random(Seed);
        int customers = Math.Max(1, (int)Math.Ceiling(transactions / (double)perCustomer));
        string[] ids = CustomerIds(customers);
        var log = new Transaction[transactions];
        var ticks = new long[perCustomer];
        int next = 0;
        for (int c = 0; c < customers && next < transactions; c++)
        {
            int count = Math.Min(perCustomer, transactions - next);
            long firstDay = random.Next(Days);
            for (int k = 0; k < count; k++)
            {
                long day = k == 0 ? firstDay : firstDay + random.Next(Days - (int)firstDay);
                ticks[k] = (day * TimeSpan.TicksPerDay) + random.NextInt64(TimeSpan.TicksPerDay);
            }

            Array.Sort(ticks, 0, count);
            for (int k = 0; k < count; k++)
            {
                double amount = Math.Round(5.0 - (60.0 * Math.Log(1.0 - random.NextDouble())), 2);
                double? cost = random.Next(2) == 0 ? Math.Round(amount * 0.6, 2) : null;
                log[next++] = new Transaction(ids[c], Start.AddTicks(ticks[k]), amount, cost);
            }
        }

        return log;
    }

    /// <summary>
    /// The same transactions sorted by time only, as a log written as purchases happen: customers interleave.
    /// </summary>
    /// <param name="log">A log.</param>
    /// <returns>A new array with the transactions in time order (each customer's order is kept).</returns>
    public static Transaction[] SortedByTime(Transaction[] log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var sorted = (Transaction[])log.Clone();
        var keys = new long[sorted.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = sorted[i].Timestamp.UtcTicks;
        }

        // Equal keys belong to different customers (ticks are random within a day), so instability is harmless.
        Array.Sort(keys, sorted);
        return sorted;
    }

    /// <summary>
    /// <paramref name="count"/> customer summaries over <see cref="Window"/>, made with the public constructor
    /// as a database would supply them: first purchase uniform over the two years, about a third with no repeat
    /// purchase, the others with 1 to 30 repeat purchases up to a last purchase between the first and the end.
    /// </summary>
    /// <param name="count">Number of summaries.</param>
    /// <returns>The summaries, allocated one after another as a builder would.</returns>
    public static CustomerSummary[] Summaries(int count)
    {
        var rows = Rows(count);
        var summaries = new CustomerSummary[count];
        for (int i = 0; i < count; i++)
        {
            var row = rows[i];
            summaries[i] = new CustomerSummary(
                row.Id,
                Window,
                Start.AddDays(row.FirstDay).AddHours(10),
                Start.AddDays(row.LastDay).AddHours(15),
                purchaseCount: row.Repeats + 1,
                row.FirstRevenue,
                row.RepeatRevenue,
                transactionCount: row.Repeats + 1,
                costOfGoods: row.Cost,
                transactionsWithCost: row.Repeats + 1);
        }

        return summaries;
    }

    /// <summary>
    /// The customers of <see cref="Summaries"/> as a collection kept as columns
    /// (<see cref="CustomerSummaryCollection.FromNumbers"/>): the same frequency, recency, age (in days), revenue,
    /// mean repeat spend and cost, without a summary object per customer.
    /// </summary>
    /// <param name="count">Number of customers.</param>
    /// <returns>The collection.</returns>
    public static CustomerSummaryCollection SummaryTable(int count)
    {
        var rows = Rows(count);
        var ids = new string[count];
        var frequency = new int[count];
        double[] recency = new double[count], age = new double[count], spend = new double[count], revenue = new double[count], cost = new double[count];
        int endDay = Days - 1; // the window ends in the last tick of day Days - 1
        for (int i = 0; i < count; i++)
        {
            var row = rows[i];
            ids[i] = row.Id;
            frequency[i] = row.Repeats;
            recency[i] = row.LastDay - row.FirstDay;
            age[i] = endDay - row.FirstDay;
            spend[i] = row.Repeats == 0 ? 0 : row.RepeatRevenue / row.Repeats;
            revenue[i] = row.FirstRevenue + row.RepeatRevenue;
            cost[i] = row.Cost;
        }

        return CustomerSummaryCollection.FromNumbers(ids, frequency, recency, age, TimeUnit.Days, spend, revenue, cost);
    }

    /// <summary>First purchase uniform over the two years, about a third with no repeat purchase, the others with 1 to 30
    /// repeat purchases up to a last purchase between the first and the end.</summary>
    private static SummaryRow[] Rows(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var random = new Random(Seed);
        string[] ids = CustomerIds(count);
        var rows = new SummaryRow[count];
        for (int i = 0; i < count; i++)
        {
            int firstDay = random.Next(Days);
            int span = Days - 1 - firstDay;
            int repeats = random.Next(3) == 0 ? 0 : Math.Min(span, 1 + random.Next(30));
            int lastDay = repeats == 0 ? firstDay : firstDay + repeats + random.Next(span - repeats + 1);
            double firstRevenue = Math.Round(5.0 - (60.0 * Math.Log(1.0 - random.NextDouble())), 2);
            double repeatRevenue = repeats == 0 ? 0.0 : Math.Round(repeats * (5.0 - (60.0 * Math.Log(1.0 - random.NextDouble()))), 2);
            rows[i] = new SummaryRow(ids[i], firstDay, lastDay, repeats, firstRevenue, repeatRevenue, Math.Round(0.6 * (firstRevenue + repeatRevenue), 2));
        }

        return rows;
    }

    private static string[] CustomerIds(int count)
    {
        var ids = new string[count];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = "C" + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
        }

        return ids;
    }

    private readonly record struct SummaryRow(string Id, int FirstDay, int LastDay, int Repeats, double FirstRevenue, double RepeatRevenue, double Cost);
}
