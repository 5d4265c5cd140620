using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Benchmarks;

/// <summary>
/// Building customer summaries from an in-memory transaction log with <see cref="CustomerSummaryBuilder"/>: a new
/// builder, <see cref="CustomerSummaryBuilder.AddRange(ReadOnlySpan{Transaction})"/> over the log (or
/// <see cref="CustomerSummaryBuilder.Add"/> per transaction), then <see cref="CustomerSummaryBuilder.Build()"/>.
/// </summary>
/// <remarks>
/// Goals: at least 10 million transactions per second on one core (column <c>Mtx/s</c>), and memory
/// proportional to the number of customers, not transactions: at the same transaction count, 100 transactions
/// per customer should allocate about a tenth of what 10 per customer do, and <c>B/customer</c> should not
/// depend on the transaction count. Customer ids are created in <see cref="Setup"/>, so only the builder's
/// allocations are measured.
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class SummaryBuildingBenchmarks
{
    private Transaction[] _byCustomer = [];
    private Transaction[] _byTime = [];

    /// <summary>Transactions in the log: 10^4 to 10^7, capped by <c>VSEG_BENCH_MAX_SIZE</c>.</summary>
    [ParamsSource(nameof(TransactionCounts), Priority = -1)]
    public int Transactions { get; set; }

    /// <summary>Transactions per customer; the customers are <see cref="Transactions"/> / this.</summary>
    [Params(10, 100)]
    public int TransactionsPerCustomer { get; set; }

    /// <summary>The sizes of <see cref="Transactions"/>.</summary>
    public static IEnumerable<int> TransactionCounts => BenchmarkSizes.Capped(10_000, 100_000, 1_000_000, 10_000_000);

    /// <summary>Generates the log, sorted by customer and, separately, by time.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _byCustomer = SyntheticData.CustomerOrderedLog(Transactions, TransactionsPerCustomer);
        _byTime = SyntheticData.SortedByTime(_byCustomer);
    }

    /// <summary>The main case: a log sorted by time (customers interleave), <see cref="TransactionOrder.Chronological"/>.</summary>
    /// <returns>The summaries.</returns>
    [Benchmark]
    public CustomerSummaryCollection TimeOrderedLog() => Build(_byTime, TransactionOrder.Chronological);

    /// <summary>The time-ordered log added one transaction at a time with <see cref="CustomerSummaryBuilder.Add"/>,
    /// as a caller streaming transactions would: no look-ahead, so every cache miss stalls.</summary>
    /// <returns>The summaries.</returns>
    [Benchmark]
    public CustomerSummaryCollection TimeOrderedOneByOne()
    {
        var builder = new CustomerSummaryBuilder(SyntheticData.Window);
        foreach (ref readonly var transaction in _byTime.AsSpan())
        {
            builder.Add(transaction);
        }

        return builder.Build();
    }

    /// <summary>A log sorted by customer, then time: each customer's state stays in cache while it is updated.</summary>
    /// <returns>The summaries.</returns>
    [Benchmark]
    public CustomerSummaryCollection CustomerOrderedLog() => Build(_byCustomer, TransactionOrder.Chronological);

    /// <summary>The time-ordered log with <see cref="TransactionOrder.Any"/>, which keeps each customer's distinct purchase periods.</summary>
    /// <returns>The summaries.</returns>
    [Benchmark]
    public CustomerSummaryCollection AnyOrder() => Build(_byTime, TransactionOrder.Any);

    /// <summary>
    /// The time-ordered log split at its middle (a date-range split) and built by two threads, then
    /// <see cref="CustomerSummaryBuilder.Merge">merged</see> and built.
    /// </summary>
    /// <returns>The summaries.</returns>
    [Benchmark]
    public CustomerSummaryCollection TwoThreadsMerged()
    {
        var early = new CustomerSummaryBuilder(SyntheticData.Window);
        var late = new CustomerSummaryBuilder(SyntheticData.Window);
        int middle = _byTime.Length / 2;
        Parallel.Invoke(
            () => early.AddRange(_byTime.AsSpan(0, middle)),
            () => late.AddRange(_byTime.AsSpan(middle)));
        early.Merge(late);
        return early.Build();
    }

    private static CustomerSummaryCollection Build(Transaction[] log, TransactionOrder order)
    {
        var builder = new CustomerSummaryBuilder(SyntheticData.Window, order);
        builder.AddRange(log.AsSpan());
        return builder.Build();
    }

    /// <summary>Adds throughput and bytes-per-customer columns.</summary>
    public sealed class Config : ManualConfig
    {
        /// <summary>Creates the configuration.</summary>
        public Config()
        {
            AddColumn(
                PerItemColumn.MillionsPerSecond("Mtx/s", "transactions", c => PerItemColumn.Parameter(c, nameof(Transactions))),
                PerItemColumn.BytesPerItem("B/customer", "customer", Customers));
        }

        private static double Customers(BenchmarkDotNet.Running.BenchmarkCase c) =>
            Math.Ceiling(PerItemColumn.Parameter(c, nameof(Transactions)) / PerItemColumn.Parameter(c, nameof(TransactionsPerCustomer)));
    }
}
