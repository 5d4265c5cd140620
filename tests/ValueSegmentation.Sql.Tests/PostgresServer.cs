using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ValueSegmentation.Sql.Tests;

/// <summary>
/// A private PostgreSQL cluster for the tests: initialised in a temporary folder, listening on a Unix socket there (no
/// TCP), started once for the test collection and stopped and deleted at its end. It needs the server's binaries
/// (Debian: <c>apt-get install postgresql</c>, which <c>.ci/run</c> does when they are missing); without them the
/// tests fail, saying so — they are never skipped.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string _folder;
    private readonly string _pgCtl;
    private readonly bool _asPostgresUser;

    public PostgresServer()
    {
        string bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault() ?? string.Empty
            : string.Empty;
        if (bin.Length == 0)
        {
            throw new InvalidOperationException(
                "PostgreSQL's server binaries are not installed (no /usr/lib/postgresql/*/bin/initdb): the tests run the generated SQL in a real server. Install them (Debian: apt-get install postgresql; .ci/run does this).");
        }

        _pgCtl = Path.Combine(bin, "pg_ctl");
        _folder = Path.Combine(Path.GetTempPath(), $"vseg-pg-{Guid.NewGuid():N}"[..20]);
        Directory.CreateDirectory(_folder);

        // The server refuses to run as root: it then runs as the postgres user the package creates.
        _asPostgresUser = Environment.UserName == "root";
        if (_asPostgresUser)
        {
            Run("chown", ["postgres", _folder]);
        }

        string data = Path.Combine(_folder, "data");
        int port = FreePort();
        Run(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--no-locale", "-E", "UTF8"]);
        Run(_pgCtl, ["-D", data, "-l", Path.Combine(_folder, "server.log"), "-w", "-o", $"-k {_folder} -p {port} -c listen_addresses=''", "start"]);
        ConnectionString = $"Host={_folder};Port={port};Username=postgres;Database=postgres";
    }

    /// <summary>How to connect: a Unix socket in the cluster's folder.</summary>
    public string ConnectionString { get; }

    public void Dispose()
    {
        try
        {
            Run(_pgCtl, ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private void Run(string program, IReadOnlyList<string> arguments)
    {
        var start = _asPostgresUser && program != "chown"
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", program, .. arguments])
            : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = _folder;
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The tests that share one <see cref="PostgresServer"/>.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresTests : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
