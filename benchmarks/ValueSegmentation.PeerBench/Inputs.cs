using ValueSegmentation.Data;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.PeerBench;

/// <summary>The three columns of a summary file (frequency, recency and T, in the file's unit: weeks here).</summary>
internal sealed class SummaryColumns(int[] frequency, double[] recency, double[] age)
{
    /// <summary>Repeat purchase periods per customer (x).</summary>
    public int[] Frequency { get; } = frequency;

    /// <summary>Age at the last purchase (t_x).</summary>
    public double[] Recency { get; } = recency;

    /// <summary>Age at the end of observation (T).</summary>
    public double[] Age { get; } = age;

    /// <summary>Reads a summary CSV file through the data package (<see cref="SummaryTableReader"/>: columns found by
    /// name, every row checked) and takes its three columns, as a caller of the library would.</summary>
    public static SummaryColumns Read(string path)
    {
        var summaries = SummaryTableReader.ReadCsv(path, TimeUnit.Weeks).Summaries;
        var frequency = new double[summaries.Count];
        var recency = new double[summaries.Count];
        var age = new double[summaries.Count];
        summaries.CopyColumn(SummaryColumn.Frequency, 0, frequency);
        summaries.CopyColumn(SummaryColumn.Recency, 0, recency);
        summaries.CopyColumn(SummaryColumn.Age, 0, age);
        return new SummaryColumns(Array.ConvertAll(frequency, x => (int)x), recency, age);
    }
}
