using System.Globalization;
using MathNet.Numerics.Distributions;
using ValueSegmentation.Probabilistic;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Benchmarks;

/// <summary>
/// Data for the probabilistic-model benchmarks: the CDNOW summary (2,357 customers, weeks; Fader, Hardie &amp; Lee
/// 2005), and synthetic populations drawn from the BG/NBD model itself at the CDNOW estimates, with a seed.
/// </summary>
public static class BtydData
{
    /// <summary>The generating parameters: the published BG/NBD estimates on CDNOW (weeks).</summary>
    public static readonly BgNbdParameters Truth = new(0.243, 4.414, 0.793, 2.426);

    private static readonly DateTimeOffset Start = new(1997, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The 39-week calibration window of the synthetic customers (as CDNOW's): days 0 to 272.</summary>
    public static readonly ObservationWindow Window = new(Start.AddDays(272), TimeUnit.Weeks);

    /// <summary>The dataset names of the fit benchmarks: CDNOW, then synthetic populations of 10^5 and 10^6, capped by
    /// <c>VSEG_BENCH_MAX_SIZE</c>.</summary>
    /// <returns>The names.</returns>
    public static IEnumerable<string> Datasets() =>
        BenchmarkSizes.Capped(2_357, 100_000, 1_000_000).Select(n => n == 2_357 ? "CDNOW" : "synthetic " + n.ToString("N0", CultureInfo.InvariantCulture));

    /// <summary>The columns of a dataset by name.</summary>
    /// <param name="dataset">A name from <see cref="Datasets"/>.</param>
    /// <returns>x, t_x and T (weeks) per customer.</returns>
    public static (int[] Frequency, double[] Recency, double[] Age) Columns(string dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset == "CDNOW")
        {
            var rows = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data", "cdnow_customers_summary.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
            return (
                [.. rows.Select(f => int.Parse(f[1], CultureInfo.InvariantCulture))],
                [.. rows.Select(f => double.Parse(f[2], CultureInfo.InvariantCulture))],
                [.. rows.Select(f => double.Parse(f[3], CultureInfo.InvariantCulture))]);
        }

        var summaries = Summaries(int.Parse(dataset["synthetic ".Length..], NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
        return ([.. summaries.Select(s => s.Frequency)], [.. summaries.Select(s => s.Recency)], [.. summaries.Select(s => s.Age)]);
    }

    /// <summary>
    /// <paramref name="count"/> customers drawn from BG/NBD at <see cref="Truth"/> (seed 20261124): first purchases on
    /// days 0–83 (CDNOW's 12-week acquisition), λ ~ Gamma(r, α) per week, p ~ Beta(a, b), purchases at exponential
    /// intervals until day 272, each followed by a drop-out with probability p; purchases on the same day merge.
    /// </summary>
    /// <param name="count">The number of customers.</param>
    /// <returns>The summaries, in weeks.</returns>
    public static CustomerSummary[] Summaries(int count)
    {
        var random = new Random(SyntheticData.Seed);
        var summaries = new CustomerSummary[count];
        for (int i = 0; i < count; i++)
        {
            int firstDay = random.Next(84);
            double lambda = Gamma.Sample(random, Truth.R, Truth.Alpha);
            double p = Beta.Sample(random, Truth.A, Truth.B);
            double ageWeeks = (272 - firstDay) / 7.0;
            int purchases = 1, lastDay = 0;
            double t = 0;
            while (true)
            {
                t += -Math.Log(1 - random.NextDouble()) / lambda;
                if (t > ageWeeks)
                {
                    break;
                }

                int day = (int)(t * 7);
                if (day > lastDay)
                {
                    purchases++;
                    lastDay = day;
                }

                if (random.NextDouble() < p)
                {
                    break;
                }
            }

            var first = Start.AddDays(firstDay);
            summaries[i] = new CustomerSummary(
                "S" + i.ToString("D7", CultureInfo.InvariantCulture), Window, first, first.AddDays(lastDay), purchases, 20, 20.0 * (purchases - 1));
        }

        return summaries;
    }
}
