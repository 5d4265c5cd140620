using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace ValueSegmentation.ServiceLoad;

/// <summary>One request of the load: the customer, the JSON body to post, and the segment each snapshot version must
/// answer for that customer.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Body">The JSON body.</param>
/// <param name="Expected">The expected segment name by snapshot version.</param>
internal sealed record LoadRequest(string CustomerId, string Body, IReadOnlyDictionary<string, string> Expected);

/// <summary>What a load run measured.</summary>
internal sealed record LoadReport(
    long Requests,
    long Failures,
    long Inconsistent,
    int Swaps,
    double Seconds,
    double P50Milliseconds,
    double P99Milliseconds,
    IReadOnlyDictionary<string, long> AnswersByVersion,
    IReadOnlyList<string> Problems)
{
    public double RequestsPerSecond => Requests / Seconds;

    public override string ToString() => FormattableString.Invariant(
        $"{Requests:N0} requests in {Seconds:F1} s ({RequestsPerSecond:N0}/s), p50 {P50Milliseconds:F2} ms, p99 {P99Milliseconds:F2} ms; {Failures} failed, {Inconsistent} inconsistent; {Swaps} snapshot swaps; answers by version: {string.Join(", ", AnswersByVersion.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value:N0}"))}");
}

/// <summary>
/// A bounded load on the scoring service: <c>clients</c> concurrent clients post customers to <c>path</c> for a while,
/// each waiting for its answer before the next request (closed loop), while the snapshot is swapped every
/// <c>swapEvery</c> by PUTting the next document of <c>snapshots</c> (the first is PUT before the clients start). Every answer is checked: a success status, and the
/// segment the answering snapshot (named in the answer) assigns to that customer. Used by the sample's loopback test
/// (correctness only) and by this program (throughput and latency).
/// </summary>
internal static class LoadDriver
{
    public static async Task<LoadReport> RunAsync(
        HttpClient client,
        string path,
        IReadOnlyList<LoadRequest> requests,
        IReadOnlyList<string> snapshots,
        int clients,
        TimeSpan duration,
        TimeSpan swapEvery)
    {
        using var stop = new CancellationTokenSource();
        var latencies = new ConcurrentBag<List<double>>();
        var byVersion = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var problems = new ConcurrentQueue<string>();
        long failures = 0, inconsistent = 0;
        var clock = Stopwatch.StartNew();

        async Task Client(int index)
        {
            var mine = new List<double>(1 << 16);
            latencies.Add(mine);
            for (int i = index; !stop.IsCancellationRequested; i = (i + clients) % requests.Count)
            {
                var request = requests[i];
                long start = Stopwatch.GetTimestamp();
                try
                {
                    using var content = new StringContent(request.Body, Encoding.UTF8, "application/json");
                    using var response = await client.PostAsync(path, content).ConfigureAwait(false);
                    string text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref failures);
                        Note(problems, $"{request.CustomerId}: HTTP {(int)response.StatusCode} {text}");
                        continue;
                    }

                    using var answer = JsonDocument.Parse(text);
                    string version = answer.RootElement.GetProperty("snapshotVersion").GetString()!;
                    string segment = answer.RootElement.GetProperty("segment").GetString()!;
                    byVersion.AddOrUpdate(version, 1, (_, n) => n + 1);
                    if (!request.Expected.TryGetValue(version, out var expected) || expected != segment)
                    {
                        Interlocked.Increment(ref inconsistent);
                        Note(problems, $"{request.CustomerId}: '{segment}' from snapshot {version}, which assigns '{expected ?? "(unknown version)"}'");
                    }
                }
                catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failures);
                    Note(problems, $"{request.CustomerId}: {failure.Message}");
                }
            }
        }

        async Task Put(int swap)
        {
            using var content = new StringContent(snapshots[swap % snapshots.Count], Encoding.UTF8, "application/json");
            using var response = await client.PutAsync("/snapshot", content).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                Note(problems, $"swap {swap}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
                Interlocked.Increment(ref failures);
            }
        }

        await Put(0).ConfigureAwait(false);
        clock.Restart();
        var running = Enumerable.Range(0, clients).Select(Client).ToList();
        int swaps = 0;
        while (clock.Elapsed < duration)
        {
            await Task.Delay(swapEvery).ConfigureAwait(false);
            await Put(++swaps).ConfigureAwait(false);
        }

        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(running).ConfigureAwait(false);
        double seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadReport(
            all.Length,
            Interlocked.Read(ref failures),
            Interlocked.Read(ref inconsistent),
            swaps,
            seconds,
            Percentile(all, 0.50),
            Percentile(all, 0.99),
            new Dictionary<string, long>(byVersion, StringComparer.Ordinal),
            [.. problems]);
    }

    private static void Note(ConcurrentQueue<string> problems, string problem)
    {
        if (problems.Count < 20)
        {
            problems.Enqueue(problem);
        }
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
