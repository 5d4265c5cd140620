using ValueSegmentation.Tests.TestData;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Extensions.DependencyInjection.Tests;

/// <summary>The scorer: answers from one whole snapshot, replaced atomically under load, reloaded from a watched file,
/// and assigning without allocating.</summary>
public sealed class SegmentScorerTests
{
    private static readonly Lazy<List<Transaction>> Log = new(() => [.. Cdnow.SampleTransactions()]);

    private static readonly DateTimeOffset End = new(1998, 6, 30, 0, 0, 0, TimeSpan.Zero);

    private static SegmentScorer Scorer(Action<ValueSegmentationOptions>? configure = null)
    {
        var options = new ValueSegmentationOptions { ObservationEnd = End };
        configure?.Invoke(options);
        return new SegmentScorer(options);
    }

    [Fact]
    public void Without_a_snapshot_the_scorer_says_how_to_get_one()
    {
        using var scorer = Scorer();
        var customer = CustomerSummary.FromTransactions(Log.Value.Take(3), new ObservationWindow(End, TimeUnit.Weeks))[0];

        var error = Assert.Throws<InvalidOperationException>(() => scorer.Assign(customer));

        Assert.Contains("LoadSnapshot or Refit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_customers_history_is_summarised_as_the_snapshots_run_summarised_and_assigned()
    {
        using var scorer = Scorer(o => (o.ValueModel, o.Strategy) = (ValueModel.BgNbd, SegmentationMethod.Quadrant));
        var result = scorer.Refit(Log.Value, "v1");
        var history = Log.Value.Where(t => t.CustomerId == "1000").ToList();

        var answer = scorer.Assign(history, End);

        int index = result.Customers.ToList().FindIndex(c => c.CustomerId == "1000");
        Assert.Equal(result.Segments.SegmentOf(index).Name, answer.Segment.Name);
        Assert.Equal("v1", answer.SnapshotVersion);
        Assert.Equal(scorer.Snapshot!.CreatedAt, answer.SnapshotCreatedAt);
        Assert.Throws<ArgumentException>(() => scorer.Assign(Log.Value.Where(t => t.CustomerId is "1" or "2"), End));
        Assert.Throws<ArgumentException>(() => scorer.Assign([], End));
    }

    [Fact]
    public void While_threads_assign_customers_the_snapshot_is_replaced_and_every_answer_comes_from_one_whole_snapshot()
    {
        // Two snapshots that disagree: revenue tiers named by their version, with different cut points.
        using var scorer = Scorer();
        var customers = scorer.Refit(Log.Value).Customers;
        var snapshots = new Dictionary<string, (SegmentationSnapshot Snapshot, string[] Expected)>();
        foreach (var (version, shares) in new[] { ("A", new[] { 0.1, 0.9 }), ("B", new[] { 0.5, 0.3, 0.2 }) })
        {
            var pipeline = new ValueSegmentationOptions
            {
                ObservationEnd = End,
                Shares = shares,
                SegmentNames = [.. shares.Select((_, i) => $"{version}{i}")],
            }.ToPipelineBuilder().Build();
            var result = pipeline.Run(Log.Value);
            snapshots[version] = (result.ToSnapshot(version), [.. Enumerable.Range(0, customers.Count).Select(i => result.Segments.SegmentOf(i).Name)]);
        }

        scorer.Replace(snapshots["A"].Snapshot);
        const int PerReader = 20_000, MinimumSwaps = 20;
        int swaps = 0;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var readers = Enumerable.Range(0, 8).Select(worker => new Thread(() =>
        {
            try
            {
                // Each reader assigns at least PerReader customers, and goes on until the snapshot was replaced often
                // enough: on a loaded machine the replacing thread may get few turns while the readers run.
                for (int n = 0, i = worker; n < PerReader || Volatile.Read(ref swaps) < MinimumSwaps; n++, i = (i + 7) % customers.Count)
                {
                    var answer = scorer.Assign(customers[i]);
                    var (_, expected) = snapshots[answer.SnapshotVersion];
                    if (expected[i] != answer.Segment.Name)
                    {
                        throw new InvalidOperationException($"customer {i}: {answer.Segment.Name} from snapshot {answer.SnapshotVersion}, which assigns {expected[i]}");
                    }

                    seen.AddOrUpdate(answer.SnapshotVersion, 1, (_, count) => count + 1);
                }
            }
            catch (Exception failure)
            {
                failures.Enqueue(failure);
            }
        })).ToList();
        readers.ForEach(reader => reader.Start());
        while (readers.Any(reader => reader.IsAlive))
        {
            scorer.Replace(snapshots[(swaps + 1) % 2 == 0 ? "A" : "B"].Snapshot);
            Volatile.Write(ref swaps, swaps + 1);
            Thread.Sleep(0);
        }

        readers.ForEach(reader => reader.Join());
        Assert.Empty(failures);
        Assert.True(swaps >= MinimumSwaps, $"only {swaps} swaps while the readers ran");
        Assert.True(seen.Count == 2, $"the answers came from {string.Join(", ", seen.Keys)} only");
    }

    [Fact]
    public async Task A_watched_snapshot_file_is_reloaded_when_a_new_one_is_renamed_over_it_and_a_bad_one_is_reported_not_used()
    {
        string folder = Directory.CreateTempSubdirectory("vseg-scorer-").FullName;
        try
        {
            string path = Path.Combine(folder, "snapshot.json");
            var pipeline = new ValueSegmentationOptions { ObservationEnd = End }.ToPipelineBuilder().Build();
            var result = pipeline.Run(Log.Value);
            await File.WriteAllTextAsync(path, result.ToSnapshot("night-1").ToJson());
            using var scorer = Scorer(o => o.SnapshotPath = path);
            Assert.Equal("night-1", scorer.Snapshot!.Version);

            // The nightly job writes the new file beside the old one and renames it over it.
            await File.WriteAllTextAsync(path + ".tmp", result.ToSnapshot("night-2").ToJson());
            File.Move(path + ".tmp", path, overwrite: true);
            await Eventually(() => scorer.Snapshot!.Version == "night-2");
            Assert.Null(scorer.LastReloadError);

            // A truncated file does not replace the snapshot; the error says why.
            string json = result.ToSnapshot("night-3").ToJson();
            await File.WriteAllTextAsync(path + ".tmp", json[..(json.Length / 2)]);
            File.Move(path + ".tmp", path, overwrite: true);
            await Eventually(() => scorer.LastReloadError is not null);
            Assert.IsType<SavedStateException>(scorer.LastReloadError);
            Assert.Equal("night-2", scorer.Snapshot!.Version);
            Assert.Equal("night-2", scorer.Assign(result.Customers[0]).SnapshotVersion);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_snapshot_of_other_settings_is_refused_by_replace_and_by_the_watched_file_and_the_current_one_stays()
    {
        string folder = Directory.CreateTempSubdirectory("vseg-mismatch-").FullName;
        try
        {
            string path = Path.Combine(folder, "snapshot.json");
            await File.WriteAllTextAsync(path, new ValueSegmentationOptions { ObservationEnd = End }.ToPipelineBuilder().Build().Run(Log.Value).ToSnapshot("tiers").ToJson());
            using var scorer = Scorer(o => o.SnapshotPath = path);
            var pareto = new ValueSegmentationOptions { ObservationEnd = End, Strategy = SegmentationMethod.Pareto }.ToPipelineBuilder().Build().Run(Log.Value).ToSnapshot("pareto");

            var refused = Assert.Throws<ArgumentException>(() => scorer.Replace(pareto));
            Assert.Contains("strategy Pareto, not Tiers", refused.Message, StringComparison.Ordinal);

            await File.WriteAllTextAsync(path + ".tmp", pareto.ToJson());
            File.Move(path + ".tmp", path, overwrite: true);
            await Eventually(() => scorer.LastReloadError is not null);
            Assert.Contains("strategy Pareto, not Tiers", scorer.LastReloadError!.Message, StringComparison.Ordinal);
            Assert.Equal("tiers", scorer.Snapshot!.Version);

            // After Dispose the file is no longer watched.
            scorer.Dispose();
            await File.WriteAllTextAsync(path + ".tmp", new ValueSegmentationOptions { ObservationEnd = End }.ToPipelineBuilder().Build().Run(Log.Value).ToSnapshot("later").ToJson());
            File.Move(path + ".tmp", path, overwrite: true);
            await Task.Delay(600);
            Assert.Equal("tiers", scorer.Snapshot!.Version);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_summary_made_for_the_snapshot_is_assigned_by_that_snapshot()
    {
        using var scorer = Scorer(o => o.TimeUnit = TimeUnit.Days);
        scorer.Refit(Log.Value, "days");
        TimeUnit? seen = null;

        var answer = scorer.Assign(snapshot =>
        {
            seen = snapshot.TimeUnit;
            return CustomerSummary.FromNumbers("42", 2, 30, 60, snapshot.TimeUnit, 20, 60);
        });

        Assert.Equal(TimeUnit.Days, seen);
        Assert.Equal("days", answer.SnapshotVersion);
    }

    [Theory]
    [InlineData(ValueModel.Revenue, SegmentationMethod.Tiers)]
    [InlineData(ValueModel.BgNbd, SegmentationMethod.Quadrant)]
    [InlineData(ValueModel.Profit, SegmentationMethod.Rfm)]
    public void Assigning_one_customer_does_not_allocate(ValueModel model, SegmentationMethod strategy)
    {
        using var scorer = Scorer(o => (o.ValueModel, o.Strategy, o.CostDrivers) = (model, strategy, new Dictionary<string, double> { ["orders"] = 1 }));
        var customers = scorer.Refit(Log.Value).Customers.Take(300).ToArray();
        long checksum = 0;
        foreach (var customer in customers)
        {
            checksum += scorer.Assign(customer).Segment.Rank; // warm-up: tiered compilation, caches
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var customer in customers)
        {
            checksum -= scorer.Assign(customer).Segment.Rank;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0, checksum);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the scorer did not pick up the new file within 20 s");
            await Task.Delay(50);
        }
    }
}
