using System.Globalization;
using ValueSegmentation.Tests.TestData;

namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>data/donations.csv (Fader, Hardie &amp; Shang 2010: 11,104 donors of 1995, 6 yearly opportunities) as BG/BB
/// input, read once: one row per (x, t_x, n) pattern with its number of donors.</summary>
internal static class DonationsData
{
    private static readonly Lazy<DiscreteRepeatRow[]> Rows = new(() =>
        [.. File.ReadLines(Cdnow.PathOf("donations.csv")).Skip(1).Select(l => l.TrimEnd('\r').Split(','))
            .Select(f => new DiscreteRepeatRow(
                int.Parse(f[0], CultureInfo.InvariantCulture),
                int.Parse(f[1], CultureInfo.InvariantCulture),
                int.Parse(f[2], CultureInfo.InvariantCulture),
                double.Parse(f[3], CultureInfo.InvariantCulture)))]);

    private static readonly Lazy<DiscreteRepeatData> Input = new(() => DiscreteRepeatData.FromColumns(
        [.. Rows.Value.Select(r => r.Frequency)],
        [.. Rows.Value.Select(r => r.Recency)],
        [.. Rows.Value.Select(r => r.Opportunities)],
        [.. Rows.Value.Select(r => r.Weight)]));

    /// <summary>The patterns, in file order.</summary>
    public static IReadOnlyList<DiscreteRepeatRow> Patterns => Rows.Value;

    /// <summary>The patterns as model input.</summary>
    public static DiscreteRepeatData Data => Input.Value;
}
