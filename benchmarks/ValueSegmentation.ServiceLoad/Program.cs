// The scoring service under load: starts the sample service (samples/ValueSegmentation.Samples.ScoringService, built
// in Release) as a process of its own on the loopback address, and runs LoadDriver against it — N closed-loop clients
// posting the CDNOW customers' summaries while the snapshot is swapped between two that disagree — then prints the
// throughput, p50/p99 latency and the checks (no failed request, every answer consistent with the snapshot it names).
// Usage: dotnet run -c Release --project benchmarks/ValueSegmentation.ServiceLoad -- [--clients 8] [--seconds 10]
//        [--swap-ms 500] [--runs 3]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ValueSegmentation;
using ValueSegmentation.ServiceLoad;

int clients = Argument("--clients", 8), seconds = Argument("--seconds", 10), swapMs = Argument("--swap-ms", 500), runs = Argument("--runs", 3);
string root = FindRoot();
string service = Path.Combine(root, "samples/ValueSegmentation.Samples.ScoringService/bin/Release/net10.0/ValueSegmentation.Samples.ScoringService.dll");
if (!File.Exists(service))
{
    Console.Error.WriteLine($"Build the sample first (dotnet build -c Release): {service} is missing.");
    return 2;
}

var log = File.ReadLines(Path.Combine(root, "data/CDNOW_sample.txt"))
    .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
    .Select(f => new Transaction(f[1].TrimStart('0'), DateOnly.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture)))
    .ToList();
var (snapshots, requests) = LoadScenario.Create(log);

int port = FreePort();
using var process = Process.Start(new ProcessStartInfo("dotnet", [service, "--urls", $"http://127.0.0.1:{port}"])
{
    WorkingDirectory = Path.GetDirectoryName(service)!, // its content root: appsettings.json is there
    RedirectStandardOutput = true,
    RedirectStandardError = true,
    Environment = { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Logging__LogLevel__Default"] = "Warning" },
})!;
try
{
    using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    await WaitUntilUp(client);
    Console.WriteLine($"service: {service} (pid {process.Id}) on 127.0.0.1:{port}; {Environment.ProcessorCount} cores; load average before: {LoadAverage()}");
    Console.WriteLine($"load: {clients} closed-loop clients, {seconds} s per run, snapshot swapped every {swapMs} ms, {requests.Count:N0} distinct customers");
    int failed = 0;
    for (int run = 0; run <= runs; run++)
    {
        // Run 0 warms the service up (JIT, connection pool) and is not reported.
        var report = await LoadDriver.RunAsync(client, "/segments/by-summary", requests, snapshots, clients, TimeSpan.FromSeconds(run == 0 ? 3 : seconds), TimeSpan.FromMilliseconds(swapMs));
        if (run > 0)
        {
            Console.WriteLine($"run {run}: {report}");
        }

        foreach (string problem in report.Problems)
        {
            Console.WriteLine("  problem: " + problem);
        }

        failed += report.Failures > 0 || report.Inconsistent > 0 ? 1 : 0;
    }

    Console.WriteLine($"load average after: {LoadAverage()}");
    return failed == 0 ? 0 : 1;
}
finally
{
    process.Kill(entireProcessTree: true);
}

int Argument(string name, int fallback)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

static string FindRoot()
{
    var folder = new DirectoryInfo(AppContext.BaseDirectory);
    while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ValueSegmentation.sln")))
    {
        folder = folder.Parent;
    }

    return folder?.FullName ?? throw new InvalidOperationException("Run from within the repository.");
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static async Task WaitUntilUp(HttpClient client)
{
    for (int attempt = 0; attempt < 200; attempt++)
    {
        try
        {
            using var response = await client.GetAsync("/snapshot");
            if (response.IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
        }

        await Task.Delay(100);
    }

    throw new InvalidOperationException("The service did not start within 20 s.");
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
