using Microsoft.AspNetCore.Mvc.Testing;
using ValueSegmentation.ServiceLoad;
using ValueSegmentation.Tests.TestData;

namespace ValueSegmentation.Samples.Tests;

/// <summary>
/// The sample service on Kestrel on the loopback address, under a bounded load: 8 concurrent clients for 3 seconds
/// while the snapshot is swapped every 250 ms. Checked: no failed request, and every answer is the segment that the
/// snapshot it names assigns to that customer. Throughput and latency are measured by the load program
/// (benchmarks/ValueSegmentation.ServiceLoad), not asserted here.
/// </summary>
public sealed class LoopbackLoadTests
{
    [Fact]
    public async Task Under_load_with_snapshot_swaps_no_request_fails_and_every_answer_comes_from_the_snapshot_it_names()
    {
        var (snapshots, requests) = LoadScenario.Create([.. Cdnow.SampleTransactions()]);
        using var factory = new WebApplicationFactory<Program>();
        factory.UseKestrel(0);
        factory.StartServer();
        using var client = factory.CreateClient();
        Assert.True(client.BaseAddress!.IsLoopback, $"the server listens on {client.BaseAddress}");

        var report = await LoadDriver.RunAsync(client, "/segments/by-summary", requests, snapshots, clients: 8, TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(250));

        Assert.True(report.Problems.Count == 0, string.Join(Environment.NewLine, report.Problems));
        Assert.Equal(0, report.Failures);
        Assert.Equal(0, report.Inconsistent);
        Assert.True(report.Swaps >= 5, report.ToString());
        Assert.Equal(["A", "B"], report.AnswersByVersion.Keys.Order(StringComparer.Ordinal));
        Assert.True(report.Requests > 100, report.ToString());
    }
}
