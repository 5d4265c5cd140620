using System.Buffers;
using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ValueSegmentation.PeerBench;

/// <summary>
/// The library's side of the side-by-side timing: a server with the command line and protocol of the peers'
/// lifetimes_bench.py and clvtools_bench.R (see ../../../shared/peers/README.md).
/// </summary>
/// <remarks>
/// <para>usage: <c>dotnet ValueSegmentation.PeerBench.dll --cdnow CSV --syn100k CSV --syn1m CSV --txlog CSV [--oneshot CASE [--runs N]]</c></para>
/// <para>Protocol: one case name per line on standard input; the case runs once, timed with a
/// <see cref="Stopwatch"/>, and one JSON line <c>{"case", "seconds", "check"}</c> is printed; <c>quit</c> (or the end
/// of input) ends. A failing case prints <c>{"case", "error"}</c> and the server keeps serving. Inputs are loaded on a
/// case's first call (its warm-up) and kept, so file reading is outside the timing except in <c>load_csv:*</c> and
/// <c>summary_csv</c>. <see cref="GC.Collect()"/> runs before every timed call. <c>--oneshot CASE</c> runs a case once
/// (N times with <c>--runs N</c>) and exits, for <c>/usr/bin/time -v</c>.</para>
/// </remarks>
internal static class Program
{
    private static readonly string[] FileOptions = ["cdnow", "syn100k", "syn1m", "txlog"];

    // Messages keep their quotes readable (the lines go to a log and a driver, never into HTML).
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static int Main(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            string key = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : "";
            if ((Array.IndexOf(FileOptions, key) < 0 && key is not ("oneshot" or "runs")) || i + 1 >= args.Length)
            {
                Console.Error.WriteLine($"unknown option or missing value: {args[i]}");
                Console.Error.WriteLine("usage: ValueSegmentation.PeerBench --cdnow CSV --syn100k CSV --syn1m CSV --txlog CSV [--oneshot CASE [--runs N]]");
                return 2;
            }

            options[key] = args[++i];
        }

        var paths = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["cdnow"] = options.GetValueOrDefault("cdnow"),
            ["100k"] = options.GetValueOrDefault("syn100k"),
            ["1m"] = options.GetValueOrDefault("syn1m"),
            ["txlog"] = options.GetValueOrDefault("txlog"),
        };
        var cases = new BenchCases(paths);
        var runs = new Dictionary<string, Func<IReadOnlyList<CheckValue>>>(StringComparer.Ordinal);
        using var stdout = Console.OpenStandardOutput();

        if (options.TryGetValue("oneshot", out string? oneshot))
        {
            int count = options.TryGetValue("runs", out string? r) ? int.Parse(r, System.Globalization.CultureInfo.InvariantCulture) : 1;
            for (int i = 0; i < count; i++)
            {
                RunOnce(oneshot, cases, runs, stdout);
            }

            return 0;
        }

        while (Console.In.ReadLine() is { } line)
        {
            string name = line.Trim();
            if (name.Length == 0)
            {
                continue;
            }

            if (name == "quit")
            {
                break;
            }

            RunOnce(name, cases, runs, stdout);
        }

        return 0;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1031:Do not catch general exception types",
        Justification = "The server reports any failure of a case as a JSON line and keeps serving, as the peers do.")]
    private static void RunOnce(string name, BenchCases cases, Dictionary<string, Func<IReadOnlyList<CheckValue>>> runs, Stream stdout)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("case", name);
            try
            {
                if (!runs.TryGetValue(name, out var run))
                {
                    run = cases.Create(name);
                    runs[name] = run;
                }

                GC.Collect();
                long start = Stopwatch.GetTimestamp();
                var check = run();
                double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                json.WriteNumber("seconds", seconds);
                json.WriteStartObject("check");
                foreach (var value in check)
                {
                    switch (value.Kind)
                    {
                        case CheckKind.Integer:
                            json.WriteNumber(value.Name, (long)value.Value);
                            break;
                        case CheckKind.Boolean:
                            json.WriteBoolean(value.Name, value.Value != 0);
                            break;
                        default:
                            if (double.IsFinite(value.Value))
                            {
                                json.WriteNumber(value.Name, value.Value);
                            }
                            else
                            {
                                json.WriteString(value.Name, value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                            }

                            break;
                    }
                }

                json.WriteEndObject();
            }
            catch (Exception e)
            {
                // Utf8JsonWriter may be inside "check" when a value fails; start over with the error only.
                buffer.ResetWrittenCount();
                json.Reset(buffer);
                json.WriteStartObject();
                json.WriteString("case", name);
                json.WriteString("error", $"{e.GetType().Name}: {e.Message}");
            }

            json.WriteEndObject();
        }

        stdout.Write(buffer.WrittenSpan);
        stdout.WriteByte((byte)'\n');
        stdout.Flush();
    }
}
