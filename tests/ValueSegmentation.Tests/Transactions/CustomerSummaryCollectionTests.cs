using ValueSegmentation.Lifetime;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Tests.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Tests.Transactions;

/// <summary>A population: lookup by id, measure values evaluated once, and what a builder read.</summary>
public sealed class CustomerSummaryCollectionTests
{
    private static readonly DateOnly Jan1 = new(2026, 1, 1);

    [Fact]
    public void Customers_are_found_by_id_without_a_scan_and_each_appears_once()
    {
        var customers = new CustomerSummaryCollection(Customers.WithRevenue(5, 6, 7));
        Assert.Equal(2, customers.IndexOf("c2"));
        Assert.Equal(-1, customers.IndexOf("nobody"));
        Assert.True(customers.TryGetCustomer("c1", out var found));
        Assert.Equal(6, found.Revenue);
        Assert.False(customers.TryGetCustomer("C1", out _)); // ids are compared ordinally

        var built = CustomerSummary.FromTransactions([new Transaction("x", Jan1, 1), new Transaction("y", Jan1, 2)], new ObservationWindow(new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(1, built.IndexOf("y"));

        var twice = Assert.Throws<ArgumentException>(() => new CustomerSummaryCollection([.. Customers.WithRevenue(1, 2), Customers.WithRevenue(3)[0]]));
        Assert.Contains("'c0' appears twice", twice.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_wrapped_for_a_strategy_is_checked_when_its_window_or_ids_are_first_used()
    {
        // Of(list) is what a strategy does with what it is given: cheap, so that a list of 10^7 summaries is not hashed
        // or walked before it is segmented; the checks the constructor makes up front happen on first use.
        var weeks = CustomerSummary.FromNumbers("a", 0, 0, 3, TimeUnit.Weeks);
        var days = CustomerSummary.FromNumbers("b", 0, 0, 3, TimeUnit.Days);
        var mixed = CustomerSummaryCollection.Of([weeks, days]);
        Assert.Equal(2, mixed.Count);
        Assert.Throws<InvalidOperationException>(() => mixed.Window);
        Assert.Throws<ArgumentNullException>(() => CustomerSummaryCollection.Of([weeks, null!]));
        var twice = CustomerSummaryCollection.Of([weeks, weeks]);
        Assert.Throws<ArgumentException>(() => twice.IndexOf("a"));
    }

    [Fact]
    public void A_measure_is_evaluated_once_through_its_batch_path_even_when_many_threads_ask_at_once()
    {
        var model = new CountingModel();
        var measure = new CustomerMeasure("counted", model);
        var customers = CustomerSummaryCollection.Of(Customers.WithRevenue([.. Enumerable.Range(0, 1000).Select(i => (double)i)]));
        var sums = Enumerable.Range(0, 32).AsParallel().WithDegreeOfParallelism(8).Select(_ => customers.ValuesOf(measure).ToArray().Sum()).ToArray();
        Assert.All(sums, sum => Assert.Equal(999 * 1000 / 2.0, sum));
        Assert.Equal(1, model.BatchCalls);
        Assert.Equal(0, model.SingleCalls);
        Assert.Same(customers, CustomerSummaryCollection.Of(customers));
    }

    [Fact]
    public void A_strategy_of_ones_own_reads_the_values_the_population_holds()
    {
        var model = new CountingModel();
        var measure = new CustomerMeasure("counted", model);
        var customers = Customers.WithRevenue(1, 2, 3, 4, 10);
        var segmented = SegmentedCustomers.FitAndAssign(new AboveMean(measure), customers);
        Assert.Equal([1, 4], segmented.Counts); // mean 4: 10 is above it, 4 is not
        Assert.Equal(1, model.BatchCalls);      // fit (mean), fit (tier minimum) and assignment shared one evaluation
        Assert.Equal(0, model.SingleCalls);
    }

    [Fact]
    public void Daily_data_makes_transactions_from_dates_and_a_builder_counts_what_it_drops()
    {
        var tx = new Transaction("a", Jan1, 12.5, cost: 4);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), tx.Timestamp);
        Assert.Equal(4, tx.Cost);

        var builder = new CustomerSummaryBuilder(new ObservationWindow(new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero)), afterEnd: TransactionsAfterEnd.Drop);
        builder.AddRange([tx, new Transaction("a", Jan1.AddDays(3), 1), new Transaction("a", Jan1.AddDays(10), 1), new Transaction("b", Jan1.AddDays(30), 1)]);
        Assert.Equal((2L, 2L), (builder.TransactionCount, builder.DroppedTransactionCount));
        var customers = builder.Build();
        Assert.Equal(2, customers.DroppedTransactionCount);
        Assert.Equal("a", customers.Single().CustomerId); // b bought only after the end
    }

    /// <summary>A value model that counts how it is called.</summary>
    private sealed class CountingModel : ICustomerValueModel
    {
        private int _batchCalls;
        private int _singleCalls;

        public int BatchCalls => _batchCalls;

        public int SingleCalls => _singleCalls;

        public double Evaluate(CustomerSummary customer)
        {
            Interlocked.Increment(ref _singleCalls);
            return customer.Revenue;
        }

        public void Evaluate(ReadOnlySpan<CustomerSummary> customers, Span<double> values)
        {
            Interlocked.Increment(ref _batchCalls);
            for (int i = 0; i < customers.Length; i++)
            {
                values[i] = customers[i].Revenue;
            }
        }
    }

    /// <summary>"Above or below the mean", a strategy of a user's own that reads values the way the built-in ones do.</summary>
    private sealed class AboveMean(CustomerMeasure measure) : ISegmentationStrategy
    {
        private static readonly SegmentDefinition[] Halves = [new("Above the mean", "Grow"), new("At or below the mean", "Serve efficiently")];

        public ICustomerSegmenter Fit(IReadOnlyList<CustomerSummary> population)
        {
            var values = CustomerSummaryCollection.Of(population).ValuesOf(measure);
            double mean = 0;
            foreach (double v in values)
            {
                mean += v / values.Length;
            }

            return new TieredStrategy(measure, minimums: [Math.BitIncrement(mean)], segmentDefinitions: Halves).Fit(population);
        }
    }
}
