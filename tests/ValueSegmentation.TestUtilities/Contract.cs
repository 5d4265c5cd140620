using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace ValueSegmentation.TestUtilities;

/// <summary>
/// The library's promise for one call on any input, as the adversarial suites check it: the call returns finite values,
/// or it raises an <see cref="ArgumentException"/> (or a subclass) whose <see cref="ArgumentException.ParamName"/> is one
/// of the caller's arguments — nothing else (no NaN, no infinity, no <see cref="IndexOutOfRangeException"/>,
/// <see cref="ArithmeticException"/> or <see cref="NullReferenceException"/>), and within <see cref="TimeBound"/>.
/// Every outcome is tallied per entry point, and the tally is written at the end of the test run to
/// <c>TestResults/adversarial-&lt;assembly&gt;.txt</c> (see <see cref="Summary"/>).
/// </summary>
/// <remarks>Thread-safe: the tally is concurrent.</remarks>
public static class Contract
{
    private static readonly ConcurrentDictionary<string, Tally> Tallies = new(StringComparer.Ordinal);

    static Contract() => AppDomain.CurrentDomain.ProcessExit += (_, _) => WriteSummary();

    /// <summary>The longest a single call may take: a liveness bound against hangs and runaway loops, not a speed goal.</summary>
    public static TimeSpan TimeBound { get; } = TimeSpan.FromSeconds(15);

    /// <summary>Calls <paramref name="call"/> and checks the promise.</summary>
    /// <param name="entryPoint">The public entry point, for the tally and the messages (e.g. "Transaction(..)").</param>
    /// <param name="call">The call; it returns the values to check (none for a call whose result is not a number).</param>
    /// <param name="parameterNames">The caller's arguments a rejection may name.</param>
    /// <returns>True when the call returned, false when it rejected its input.</returns>
    public static bool Holds(string entryPoint, Func<IEnumerable<double>> call, params string[] parameterNames)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(parameterNames);
        var tally = Tallies.GetOrAdd(entryPoint, _ => new Tally());
        var watch = Stopwatch.StartNew();
        try
        {
            var values = WithinTimeBound(entryPoint, call, tally);
            if (watch.Elapsed > TimeBound || !values.All(double.IsFinite))
            {
                Interlocked.Increment(ref tally.Broken);
                Assert.True(watch.Elapsed <= TimeBound, $"{entryPoint} took {watch.Elapsed.TotalSeconds:F1} s, over the bound of {TimeBound.TotalSeconds} s.");
                Assert.Fail($"{entryPoint} returned {string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture)))}: not all finite.");
            }

            Interlocked.Increment(ref tally.Returned);
            return true;
        }
        catch (ArgumentException e)
        {
            if (watch.Elapsed > TimeBound || e.ParamName is null || !parameterNames.Contains(e.ParamName))
            {
                Interlocked.Increment(ref tally.Broken);
            }

            Assert.True(watch.Elapsed <= TimeBound, $"{entryPoint} took {watch.Elapsed.TotalSeconds:F1} s to reject its input.");
            Assert.True(
                e.ParamName is not null && parameterNames.Contains(e.ParamName),
                $"{entryPoint} raised {e.GetType().Name} naming '{e.ParamName}', not one of the caller's arguments ({string.Join(", ", parameterNames)}): {e.Message}");
            Interlocked.Increment(ref tally.Rejected);
            return false;
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            Interlocked.Increment(ref tally.Broken);
            Assert.Fail($"{entryPoint} raised {e.GetType().Name} instead of returning or rejecting its input: {e.Message}");
            throw; // unreachable
        }
    }

    /// <summary>Calls <paramref name="call"/> and checks the promise for its one number.</summary>
    /// <param name="entryPoint">The public entry point.</param>
    /// <param name="call">The call.</param>
    /// <param name="parameterNames">The caller's arguments a rejection may name.</param>
    /// <returns>True when the call returned, false when it rejected its input.</returns>
    public static bool Holds(string entryPoint, Func<double> call, params string[] parameterNames)
    {
        ArgumentNullException.ThrowIfNull(call);
        return Holds(entryPoint, () => [call()], parameterNames);
    }

    /// <summary>Runs the call on the thread pool and waits at most <see cref="TimeBound"/>: a call that hangs fails its
    /// test (and is left to finish in the background) instead of stalling the run. The call's own exception is rethrown
    /// as it is.</summary>
    private static double[] WithinTimeBound(string entryPoint, Func<IEnumerable<double>> call, Tally tally)
    {
        var task = Task.Run(() => call().ToArray());
        try
        {
            if (!task.Wait(TimeBound))
            {
                Interlocked.Increment(ref tally.Broken);
                Assert.Fail($"{entryPoint} did not finish within {TimeBound.TotalSeconds} s.");
            }
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        return task.Result;
    }

    /// <summary>One line per entry point: cases, returned, rejected, broken; and the total.</summary>
    /// <returns>The summary.</returns>
    public static string Summary()
    {
        var lines = Tallies.OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key}: {t.Value.Returned + t.Value.Rejected + t.Value.Broken} cases, {t.Value.Returned} returned, {t.Value.Rejected} rejected, {t.Value.Broken} broke the promise"))
            .ToList();
        long returned = Tallies.Values.Sum(t => t.Returned), rejected = Tallies.Values.Sum(t => t.Rejected), broken = Tallies.Values.Sum(t => t.Broken);
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"total: {returned + rejected + broken} cases over {Tallies.Count} entry points, {returned} returned, {rejected} rejected, {broken} broke the promise"));
        return string.Join(Environment.NewLine, lines);
    }

    private static void WriteSummary()
    {
        if (Tallies.IsEmpty)
        {
            return;
        }

        // The test host runs in the test project's output folder; the repository's TestResults is found above it.
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Directory.Packages.props")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            return;
        }

        string folder = Path.Combine(directory.FullName, "TestResults");
        Directory.CreateDirectory(folder);
        // bin/<configuration>/<framework>/ under the test project's folder, whose name is the suite's.
        string name = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Parent?.Parent?.Name ?? "tests";
        File.WriteAllText(Path.Combine(folder, $"adversarial-{name}.txt"), Summary() + Environment.NewLine);
    }

    private sealed class Tally
    {
#pragma warning disable SA1401, CA1051 // fields, so Interlocked can update them
        public long Returned;
        public long Rejected;
        public long Broken;
#pragma warning restore SA1401, CA1051
    }
}
