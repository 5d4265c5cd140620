using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using ValueSegmentation.Analysis;
using ValueSegmentation.Probabilistic;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Benchmarks;

/// <summary>
/// Memory at scale, which BenchmarkDotNet's per-call allocation figures do not show: how many bytes a population kept as
/// columns holds per customer, whether 10^8 customers fit and can be fitted, predicted, segmented and reported on, and the
/// peak memory of building summaries from a large time-ordered log. Prints one line per step with the time, the managed
/// heap and the process's peak resident set (VmHWM, reset before each measured step).
/// </summary>
/// <remarks>
/// <para><c>dotnet run -c Release -- scale population 100000000</c>: <see cref="SyntheticData.SummaryTable"/>-like
/// customers given in bulk (<see cref="CustomerSummaryCollection.FromNumbers"/>), then the whole job on them.</para>
/// <para><c>dotnet run -c Release -- scale summaries 50000000 10</c>: a time-ordered log of 5·10^7 transactions, 10 per
/// customer, summarised; the log is made before the peak is reset, so the peak beyond the resident log is the
/// builder's.</para>
/// </remarks>
internal static class ScaleProbe
{
    public static int Run(string[] args)
    {
        if (args.Length >= 2 && args[0] == "population" && int.TryParse(args[1], CultureInfo.InvariantCulture, out int customers))
        {
            Population(customers);
            return 0;
        }

        if (args.Length >= 3 && args[0] == "summaries" && int.TryParse(args[1], CultureInfo.InvariantCulture, out int transactions)
            && int.TryParse(args[2], CultureInfo.InvariantCulture, out int perCustomer))
        {
            Summaries(transactions, perCustomer);
            return 0;
        }

        Console.Error.WriteLine("usage: scale population CUSTOMERS | scale summaries TRANSACTIONS PER-CUSTOMER");
        return 2;
    }

    private static void Population(int count)
    {
        Report("start", 0, count);
        long before = Heap();
        var ids = new string[count];
        for (int i = 0; i < count; i++)
        {
            ids[i] = "C" + i.ToString("D9", CultureInfo.InvariantCulture);
        }

        long idBytes = Heap() - before;
        var timer = Stopwatch.StartNew();
        var population = Table(ids);
        ids = null;
        long total = Heap() - before;
        Report("population (FromNumbers)", timer.Elapsed.TotalSeconds, count);
        Console.WriteLine(FormattableString.Invariant(
            $"bytes per customer: {total / (double)count:F1} in all, {(total - idBytes) / (double)count:F1} for the columns, {idBytes / (double)count:F1} for the id strings and their references"));

        ResetPeak();
        timer.Restart();
        var model = BgNbdModel.Fit(RepeatPurchaseData.FromSummaries(population));
        Report($"BG/NBD fit ({model.Parameters})", timer.Elapsed.TotalSeconds, count);

        ResetPeak();
        timer.Restart();
        var spend = GammaGammaModel.Fit(SpendData.FromSummaries(population));
        Report("Gamma-Gamma fit", timer.Elapsed.TotalSeconds, count);

        ResetPeak();
        timer.Restart();
        var expected = new double[count];
        var alive = new double[count];
        model.Predict(30, population, expected, alive);
        Report("E[Y(30)] and P(alive)", timer.Elapsed.TotalSeconds, count);
        expected = alive = null;

        ResetPeak();
        timer.Restart();
        var lifetime = CustomerMeasure.LifetimeValue(new ProbabilisticLifetimeValue(model, spend, TimeUnit.Months, 0.01, 12));
        var segmented = SegmentedCustomers.FitAndAssign(new TieredStrategy(lifetime), population);
        Report("CLV tiers: fit and assign", timer.Elapsed.TotalSeconds, count);

        ResetPeak();
        timer.Restart();
        var report = SegmentReport.Create(segmented, lifetime, CustomerMeasure.ProbabilityAlive(model));
        var concentration = ValueConcentration.OfMeasure(population, lifetime);
        Report($"segment report and concentration (top 20 % hold {concentration.TopShare(0.2):P1})", timer.Elapsed.TotalSeconds, count);
        GC.KeepAlive(report);
    }

    /// <summary>The customers of <see cref="SyntheticData.SummaryTable"/>, drawn without holding them as objects.</summary>
    private static CustomerSummaryCollection Table(string[] ids)
    {
        int count = ids.Length;
        var random = new Random(SyntheticData.Seed);
        var frequency = new int[count];
        double[] recency = new double[count], age = new double[count], spend = new double[count], revenue = new double[count];
        int days = SyntheticData.Days;
        for (int i = 0; i < count; i++)
        {
            int firstDay = random.Next(days), span = days - 1 - firstDay;
            int repeats = random.Next(3) == 0 ? 0 : Math.Min(span, 1 + random.Next(30));
            int lastDay = repeats == 0 ? firstDay : firstDay + repeats + random.Next(span - repeats + 1);
            double first = Math.Round(5.0 - (60.0 * Math.Log(1.0 - random.NextDouble())), 2);
            double mean = repeats == 0 ? 0 : Math.Round(5.0 - (60.0 * Math.Log(1.0 - random.NextDouble())), 2);
            (frequency[i], recency[i], age[i], spend[i], revenue[i]) = (repeats, lastDay - firstDay, days - 1 - firstDay, mean, first + (mean * repeats));
        }

        return CustomerSummaryCollection.FromNumbers(ids, frequency, recency, age, TimeUnit.Days, spend, revenue);
    }

    private static void Summaries(int transactions, int perCustomer)
    {
        var log = SyntheticData.CustomerOrderedLog(transactions, perCustomer);
        var keys = new long[log.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = log[i].Timestamp.UtcTicks;
        }

        Array.Sort(keys, log); // in place, so that only the log is resident when the peak is reset
        keys = null;
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true); // memory back to the system
        Report("log made and sorted by time", 0, transactions);
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        long rssBefore = Status("VmRSS:");
        ResetPeak();
        var timer = Stopwatch.StartNew();
        var builder = new CustomerSummaryBuilder(SyntheticData.Window);
        builder.AddRange(log.AsSpan());
        var summaries = builder.Build();
        double seconds = timer.Elapsed.TotalSeconds;
        long peak = Status("VmHWM:");
        Report($"{summaries.Count:N0} summaries built", seconds, transactions);
        Console.WriteLine(FormattableString.Invariant(
            $"{transactions / seconds / 1e6:F1} million transactions/s; allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6:F0} MB; peak resident {peak / 1024.0:F0} MiB, of which {(peak - rssBefore) / 1024.0:F0} MiB above the resident log ({rssBefore / 1024.0:F0} MiB)"));
        GC.KeepAlive(builder);
        GC.KeepAlive(log);
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static void Report(string step, double seconds, int count) =>
        Console.WriteLine(FormattableString.Invariant(
            $"{step}: {seconds:F3} s for {count:N0}; managed heap {GC.GetTotalMemory(false) / 1048576.0:F0} MiB, peak resident {Status("VmHWM:") / 1024.0:F0} MiB"));

    /// <summary>Resets the process's peak resident set (VmHWM) to its current size (Linux: writing 5 to clear_refs).</summary>
    private static void ResetPeak()
    {
        GC.Collect();
        File.WriteAllText("/proc/self/clear_refs", "5");
    }

    /// <summary>A line of /proc/self/status, in KiB.</summary>
    private static long Status(string key)
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
