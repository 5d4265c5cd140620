using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ValueSegmentation.Benchmarks;

/// <summary>
/// Summary columns that divide a benchmark's mean time or allocated bytes by the number of items it processed
/// (transactions, customers), read from its parameters: throughput and cost per item at a glance.
/// </summary>
/// <param name="name">The column header, for example <c>Mtx/s</c>.</param>
/// <param name="legend">What the column shows, printed under the summary table.</param>
/// <param name="items">The number of items one operation processes, from the benchmark's parameters.</param>
/// <param name="value">The figure from the mean time per operation in nanoseconds (NaN when unknown), the
/// allocated bytes per operation (null when not measured) and the item count.</param>
/// <param name="format">The format of the figure.</param>
public sealed class PerItemColumn(
    string name,
    string legend,
    Func<BenchmarkCase, double> items,
    Func<double, long?, double, double?> value,
    string format) : IColumn
{
    /// <summary>Millions of items per second, from the mean time.</summary>
    /// <param name="name">The column header.</param>
    /// <param name="itemName">What an item is, for the legend.</param>
    /// <param name="items">The items per operation.</param>
    /// <returns>The column.</returns>
    public static PerItemColumn MillionsPerSecond(string name, string itemName, Func<BenchmarkCase, double> items) =>
        new(name, $"Millions of {itemName} per second (items / Mean)", items, (meanNs, _, n) => double.IsNaN(meanNs) ? null : n / meanNs * 1e3, "N2");

    /// <summary>Nanoseconds per item, from the mean time.</summary>
    /// <param name="name">The column header.</param>
    /// <param name="itemName">What an item is, for the legend.</param>
    /// <param name="items">The items per operation.</param>
    /// <returns>The column.</returns>
    public static PerItemColumn NanosecondsPerItem(string name, string itemName, Func<BenchmarkCase, double> items) =>
        new(name, $"Mean time per {itemName} in nanoseconds (Mean / items)", items, (meanNs, _, n) => double.IsNaN(meanNs) ? null : meanNs / n, "N2");

    /// <summary>Bytes allocated per item, from the memory diagnoser.</summary>
    /// <param name="name">The column header.</param>
    /// <param name="itemName">What an item is, for the legend.</param>
    /// <param name="items">The items per operation.</param>
    /// <returns>The column.</returns>
    public static PerItemColumn BytesPerItem(string name, string itemName, Func<BenchmarkCase, double> items) =>
        new(name, $"Bytes allocated per {itemName} (Allocated / {itemName}s)", items, (_, bytes, n) => bytes / n, "N1");

    /// <summary>The number of items from an integer parameter of the benchmark.</summary>
    /// <param name="benchmarkCase">The benchmark case.</param>
    /// <param name="parameter">The parameter's name.</param>
    /// <returns>Its value.</returns>
    public static double Parameter(BenchmarkCase benchmarkCase, string parameter)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        return Convert.ToDouble(benchmarkCase.Parameters[parameter], CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public string Id => nameof(PerItemColumn) + "." + name;

    /// <inheritdoc />
    public string ColumnName => name;

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 0;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => legend;

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var report = summary[benchmarkCase];
        if (report is null || !report.Success)
        {
            return "-";
        }

        double meanNs = report.ResultStatistics?.Mean ?? double.NaN;
        long? bytes = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
        double? figure = value(meanNs, bytes, items(benchmarkCase));
        return figure is { } f ? f.ToString(format, CultureInfo.InvariantCulture) : "-";
    }

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public override string ToString() => name;
}

/// <summary>
/// The configuration of suites sized by an integer parameter named <c>Customers</c>: adds the columns
/// <c>ns/customer</c> (mean time / customers) and <c>B/customer</c> (allocated bytes / customers).
/// </summary>
public sealed class PerCustomerConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public PerCustomerConfig()
    {
        AddColumn(
            PerItemColumn.NanosecondsPerItem("ns/customer", "customer", c => PerItemColumn.Parameter(c, "Customers")),
            PerItemColumn.BytesPerItem("B/customer", "customer", c => PerItemColumn.Parameter(c, "Customers")));
    }
}
