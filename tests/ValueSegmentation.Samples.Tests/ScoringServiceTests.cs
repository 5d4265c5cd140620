using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using ValueSegmentation.ServiceLoad;
using ValueSegmentation.Tests.TestData;

namespace ValueSegmentation.Samples.Tests;

/// <summary>The sample service through the real ASP.NET Core pipeline (WebApplicationFactory, in process).</summary>
public sealed class ScoringServiceTests : IClassFixture<WebApplicationFactory<Program>>
{
    private static readonly Lazy<(IReadOnlyList<string> Snapshots, IReadOnlyList<LoadRequest> Requests)> Scenario =
        new(() => LoadScenario.Create([.. Cdnow.SampleTransactions()]));

    private readonly WebApplicationFactory<Program> _factory;

    public ScoringServiceTests(WebApplicationFactory<Program> factory) => _factory = factory;

    [Fact]
    public async Task On_a_fresh_start_the_service_fits_the_cdnow_sample_and_reports_the_snapshot_it_serves()
    {
        using var factory = new WebApplicationFactory<Program>();
        using var client = factory.CreateClient();

        using var snapshot = JsonDocument.Parse(await client.GetStringAsync(new Uri("/snapshot", UriKind.Relative)));

        var root = snapshot.RootElement;
        Assert.Equal("cdnow-sample", root.GetProperty("version").GetString());
        Assert.Equal(2357, root.GetProperty("customers").GetInt32());
        var segments = root.GetProperty("segments").EnumerateArray().ToList();
        Assert.Equal(["Highest value", "Valuable", "Low value"], segments.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal("Grow: cross-sell and loyalty offers", segments[1].GetProperty("treatment").GetString());
        Assert.Equal(2357, segments.Sum(s => s.GetProperty("customers").GetInt32()));
    }

    [Fact]
    public async Task A_posted_summary_or_history_gets_the_segment_the_library_assigns_and_the_snapshot_that_assigned_it()
    {
        var (snapshots, requests) = Scenario.Value;
        using var client = _factory.CreateClient();
        using (var put = await client.PutAsync(new Uri("/snapshot", UriKind.Relative), Json(snapshots[1])))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        foreach (var request in requests.Where((_, i) => i % 97 == 0))
        {
            using var response = await client.PostAsync(new Uri("/segments/by-summary", UriKind.Relative), Json(request.Body));
            var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(request.Expected["B"], answer.GetProperty("segment").GetString());
            Assert.Equal("B", answer.GetProperty("snapshotVersion").GetString());
            Assert.Equal(request.CustomerId, answer.GetProperty("customerId").GetString());
        }

        // Customer 1000 of the sample, by their purchases: the history is summarised as the snapshot's run did.
        var history = Cdnow.SampleTransactions().Where(t => t.CustomerId == "1000").Select(t => new { timestamp = t.Timestamp, amount = t.Amount });
        using var byHistory = await client.PostAsJsonAsync(new Uri("/segments/by-history", UriKind.Relative), new { customerId = "1000", asOf = Cdnow.End, purchases = history });
        var fromHistory = await byHistory.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, byHistory.StatusCode);
        Assert.Equal(requests.Single(r => r.CustomerId == "1000").Expected["B"], fromHistory.GetProperty("segment").GetString());
    }

    [Fact]
    public async Task Bad_input_is_a_400_problem_that_names_the_value_and_a_bad_snapshot_leaves_the_current_one_in_place()
    {
        using var client = _factory.CreateClient();
        string before = JsonDocument.Parse(await client.GetStringAsync(new Uri("/snapshot", UriKind.Relative))).RootElement.GetProperty("version").GetString()!;

        using var late = await client.PostAsync(new Uri("/segments/by-summary", UriKind.Relative), Json("""{"customerId":"7","frequency":2,"recency":50,"age":38,"monetaryValue":20}"""));
        var problem = await late.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("recency", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var truncated = await client.PutAsync(new Uri("/snapshot", UriKind.Relative), Json(Scenario.Value.Snapshots[0][..500]));
        var refused = await truncated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.BadRequest, truncated.StatusCode);
        Assert.Contains("truncated", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        string after = JsonDocument.Parse(await client.GetStringAsync(new Uri("/snapshot", UriKind.Relative))).RootElement.GetProperty("version").GetString()!;
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_snapshot_file_is_loaded_at_start_and_a_new_one_is_picked_up_without_a_restart()
    {
        var (snapshots, _) = Scenario.Value;
        string folder = Directory.CreateTempSubdirectory("vseg-service-").FullName;
        try
        {
            string path = Path.Combine(folder, "snapshot.json");
            await File.WriteAllTextAsync(path, snapshots[0]);
            using var factory = _factory.WithWebHostBuilder(b => b.UseSetting("ValueSegmentation:SnapshotPath", path));
            using var client = factory.CreateClient();
            Assert.Equal("A", await Version(client));

            await File.WriteAllTextAsync(path + ".new", snapshots[1]);
            File.Move(path + ".new", path, overwrite: true);
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (await Version(client) != "B")
            {
                Assert.True(DateTime.UtcNow < deadline, "the service did not pick up the new snapshot file within 20 s");
                await Task.Delay(50);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string?> Version(HttpClient client) =>
        JsonDocument.Parse(await client.GetStringAsync(new Uri("/snapshot", UriKind.Relative))).RootElement.GetProperty("version").GetString();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
