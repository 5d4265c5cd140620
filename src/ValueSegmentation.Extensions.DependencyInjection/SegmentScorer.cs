using ValueSegmentation.Transactions;

namespace ValueSegmentation.Extensions.DependencyInjection;

/// <summary>
/// Assigns customers to segments online with the current <see cref="SegmentationSnapshot"/> — loaded from a saved file
/// (and reloaded when the file changes), or fitted from data — and replaces it atomically when a new one arrives.
/// Registered as a singleton by <c>AddValueSegmentation</c>; one per named segmentation.
/// </summary>
/// <remarks>
/// <para>Thread-safe: any number of threads assign while another replaces the snapshot. The snapshot is an immutable
/// object swapped by one reference write, so an answer comes from one whole snapshot — the old one or the new one, never
/// a mixture — and says which (<see cref="SegmentAnswer.SnapshotVersion"/>). <see cref="Assign(CustomerSummary)"/>
/// does not allocate (with the built-in segmenters and measures).</para>
/// <para>With <see cref="ValueSegmentationOptions.SnapshotPath"/> the scorer loads the file when it is created (resolve it
/// at start-up to load it then) and, with <see cref="ValueSegmentationOptions.WatchSnapshot"/>, reloads it when the file
/// changes. A new file that cannot be loaded leaves the current snapshot in place and is reported in
/// <see cref="LastReloadError"/>. Write a new snapshot next to the old one and rename it over it, so the scorer never
/// reads half a file. A reload and a call of <see cref="Replace"/> do not interleave: whichever comes later wins. A
/// relative path is relative to the current directory.</para>
/// <para>A snapshot must have been made with the scorer's settings — the same strategy, value model, time unit and
/// purchase period — or it is refused; its own cut points, models and options are used as saved.</para>
/// </remarks>
public sealed class SegmentScorer : IDisposable
{
    /// <summary>How long the file must stay unchanged before it is reloaded: an editor or a copy writes in several steps.</summary>
    private static readonly TimeSpan ReloadDelay = TimeSpan.FromMilliseconds(200);

    private readonly string? _path;
    private readonly FileSystemWatcher? _watcher;
    private readonly Timer? _reload;

    /// <summary>Orders the replacements: a file reload and a call of <see cref="Replace"/> do not interleave, so the
    /// later one wins.</summary>
    private readonly Lock _replaceGate = new();

    /// <summary>Guards the reload timer against disposal; never held during a load.</summary>
    private readonly Lock _timerGate = new();
    private SegmentationSnapshot? _snapshot;
    private Exception? _lastReloadError;
    private bool _disposed;

    /// <summary>Creates a scorer for the settings: builds their pipeline and, with a
    /// <see cref="ValueSegmentationOptions.SnapshotPath"/>, loads the snapshot (and watches the file).</summary>
    /// <param name="options">The settings; read now, not kept.</param>
    /// <param name="name">The name of the segmentation (empty for the default one).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="InvalidOptionException">A setting is invalid.</exception>
    /// <exception cref="SavedStateException">The snapshot file cannot be loaded.</exception>
    /// <exception cref="IOException">The snapshot file cannot be read.</exception>
    public SegmentScorer(ValueSegmentationOptions options, string name = "")
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Pipeline = options.ToPipelineBuilder(null, refuseCovariateSettingsAlone: false).Build();
        if (options.SnapshotPath is { } path)
        {
            _path = Path.GetFullPath(path);
            if (options.WatchSnapshot)
            {
                // Watch before the first read, so that a file replaced in between is reloaded.
                _reload = new Timer(_ => Reload(), null, Timeout.Infinite, Timeout.Infinite);
                _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
                {
                    NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
                };
                _watcher.Changed += (_, _) => ScheduleReload();
                _watcher.Created += (_, _) => ScheduleReload();
                _watcher.Renamed += (_, _) => ScheduleReload();
                _watcher.Error += (_, _) => ScheduleReload(); // events were lost: read the file again
                _watcher.EnableRaisingEvents = true;
            }

            try
            {
                _snapshot = Read(_path);
            }
            catch
            {
                Dispose();
                throw;
            }
        }
    }

    /// <summary>The name of the segmentation (empty for the default one).</summary>
    public string Name { get; }

    /// <summary>The pipeline of the settings: it fits snapshots (<see cref="Refit"/>) and resolves the measures of the
    /// snapshots it loads.</summary>
    public SegmentationPipeline Pipeline { get; }

    /// <summary>The current snapshot, or <see langword="null"/> before one is loaded or fitted.</summary>
    public SegmentationSnapshot? Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>Why the last reload of the watched file failed (the current snapshot stayed in place), or
    /// <see langword="null"/> when the last reload succeeded.</summary>
    public Exception? LastReloadError => Volatile.Read(ref _lastReloadError);

    /// <summary>The segment of one customer, from the current snapshot.</summary>
    /// <param name="customer">The customer's summary, in the snapshot's time unit.</param>
    /// <returns>The segment and the snapshot that assigned it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null.</exception>
    /// <exception cref="InvalidOperationException">There is no snapshot yet.</exception>
    /// <exception cref="ArgumentException">A measure cannot value the customer (for example a summary in another time
    /// unit than the snapshot's models).</exception>
    public SegmentAnswer Assign(CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var snapshot = Current();
        return new SegmentAnswer(snapshot.Assign(customer), snapshot.Version, snapshot.CreatedAt);
    }

    /// <summary>The segment of one customer whose summary depends on the snapshot (its time unit, say): the summary is
    /// made for, and assigned by, the same snapshot, even when another replaces it meanwhile.</summary>
    /// <param name="customer">Makes the customer's summary for a snapshot (from <see cref="SegmentationSnapshot.TimeUnit"/>,
    /// for example).</param>
    /// <returns>The segment and the snapshot that assigned it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customer"/> is null or returns null.</exception>
    /// <exception cref="InvalidOperationException">There is no snapshot yet.</exception>
    public SegmentAnswer Assign(Func<SegmentationSnapshot, CustomerSummary> customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var snapshot = Current();
        var summary = customer(snapshot) ?? throw new ArgumentNullException(nameof(customer), "The function returned no summary.");
        return new SegmentAnswer(snapshot.Assign(summary), snapshot.Version, snapshot.CreatedAt);
    }

    /// <summary>The segment of one customer given by their transactions, summarised as the snapshot's run summarised
    /// (its time unit and purchase period) over a window that ends at <paramref name="asOf"/>.</summary>
    /// <param name="history">The customer's transactions, all of one customer, none after <paramref name="asOf"/>.</param>
    /// <param name="asOf">The end of observation, usually now.</param>
    /// <returns>The segment and the snapshot that assigned it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="history"/> is null.</exception>
    /// <exception cref="ArgumentException">The history is empty or holds several customers.</exception>
    /// <exception cref="TransactionException">A transaction falls after <paramref name="asOf"/>.</exception>
    /// <exception cref="InvalidOperationException">There is no snapshot yet.</exception>
    public SegmentAnswer Assign(IEnumerable<Transaction> history, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(history);
        var snapshot = Current();
        var customers = CustomerSummary.FromTransactions(history, new ObservationWindow(asOf, snapshot.TimeUnit, snapshot.PurchasePeriod));
        if (customers.Count != 1)
        {
            throw new ArgumentException(
                customers.Count == 0 ? "The history holds no transaction." : $"The history holds {customers.Count} customers ({string.Join(", ", customers.Take(3).Select(c => c.CustomerId))}...); give one customer's transactions.",
                nameof(history));
        }

        return new SegmentAnswer(snapshot.Assign(customers[0]), snapshot.Version, snapshot.CreatedAt);
    }

    /// <summary>Replaces the current snapshot: assignments that start after this call use the new one. The snapshot must
    /// be one of these settings: the same strategy, value model, time unit and purchase period.</summary>
    /// <param name="snapshot">The new snapshot.</param>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    /// <exception cref="ArgumentException">The snapshot was made with other settings (another strategy, say).</exception>
    public void Replace(SegmentationSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (Mismatch(snapshot) is { } mismatch)
        {
            throw new ArgumentException($"The snapshot '{snapshot.Version}' was made with other settings than this scorer's: {mismatch}.", nameof(snapshot));
        }

        lock (_replaceGate)
        {
            Volatile.Write(ref _snapshot, snapshot);
        }
    }

    /// <summary>Loads a saved snapshot through <see cref="Pipeline"/> and makes it the current one.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="SavedStateException">The file cannot be loaded, or was made with other settings (the current
    /// snapshot stays).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public SegmentationSnapshot LoadSnapshot(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var snapshot = Read(path);
        Replace(snapshot);
        return snapshot;
    }

    /// <summary>Runs <see cref="Pipeline"/> on a transaction log (fitting the models and the cut points) and makes its
    /// snapshot the current one.</summary>
    /// <param name="transactions">The log.</param>
    /// <param name="version">The new snapshot's version; by default the time it is made.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The run's result, whose snapshot is now current.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="transactions"/> is null.</exception>
    /// <exception cref="ArgumentException">The log is empty or holds a transaction the pipeline refuses.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled (the current snapshot stays).</exception>
    public SegmentationResult Refit(IEnumerable<Transaction> transactions, string? version = null, CancellationToken cancellationToken = default)
    {
        var result = Pipeline.Run(transactions, cancellationToken: cancellationToken);
        Replace(result.ToSnapshot(version));
        return result;
    }

    /// <summary>Stops watching the snapshot file.</summary>
    public void Dispose()
    {
        lock (_timerGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _watcher?.Dispose();
        _reload?.Dispose();
    }

    private SegmentationSnapshot Current() =>
        Volatile.Read(ref _snapshot) ?? throw new InvalidOperationException(
            $"The segmentation{(Name.Length == 0 ? string.Empty : $" '{Name}'")} has no snapshot yet: set SnapshotPath, or call LoadSnapshot or Refit first.");

    /// <summary>What differs between the settings of a snapshot and this scorer's, or <see langword="null"/>.</summary>
    private string? Mismatch(SegmentationSnapshot snapshot)
    {
        var mine = Pipeline.Options;
        var theirs = snapshot.Options;
        return mine.Method != theirs.Method ? $"strategy {theirs.Method}, not {mine.Method}"
            : !string.Equals(mine.ValueMeasure, theirs.ValueMeasure, StringComparison.OrdinalIgnoreCase) ? $"value measure '{theirs.ValueMeasure}', not '{mine.ValueMeasure}'"
            : mine.TimeUnit != theirs.TimeUnit ? $"time unit {theirs.TimeUnit}, not {mine.TimeUnit}"
            : mine.PurchasePeriod != theirs.PurchasePeriod ? $"purchase period {theirs.PurchasePeriod}, not {mine.PurchasePeriod}"
            : null;
    }

    private SegmentationSnapshot Read(string path)
    {
        SegmentationSnapshot snapshot;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            snapshot = Pipeline.LoadSnapshot(stream);
        }

        return Mismatch(snapshot) is { } mismatch
            ? throw new SavedStateException($"The snapshot '{snapshot.Version}' in {path} was made with other settings than this scorer's: {mismatch}.", "$.options")
            : snapshot;
    }

    private void ScheduleReload()
    {
        lock (_timerGate)
        {
            if (!_disposed)
            {
                _reload!.Change(ReloadDelay, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Reloads the watched file on the timer's thread. Whatever goes wrong is kept in
    /// <see cref="LastReloadError"/>: an exception on a timer thread would end the process.</summary>
    private void Reload()
    {
        lock (_replaceGate)
        {
            if (Volatile.Read(ref _disposed))
            {
                return;
            }

            try
            {
                var snapshot = Read(_path!);
                Volatile.Write(ref _lastReloadError, null);
                Volatile.Write(ref _snapshot, snapshot);
            }
            catch (Exception failure) when (failure is not OutOfMemoryException)
            {
                Volatile.Write(ref _lastReloadError, failure);
            }
        }
    }
}
