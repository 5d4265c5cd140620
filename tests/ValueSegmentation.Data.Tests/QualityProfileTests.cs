using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ValueSegmentation.Shared;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Data.Tests;

/// <summary>Issue 11: every read yields a data-quality profile — the row checks over the rows used, the customer
/// checks by Iglewicz and Hoaglin's robust rule over the summaries.</summary>
public sealed class QualityProfileTests : IDisposable
{
    private static readonly DataQualityRules FixedNow = new() { LatestPlausible = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero) };
    private readonly string _folder = Directory.CreateTempSubdirectory("vseg-quality-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Lines 2–10: each row's findings in its comment.</summary>
    private const string Flawed =
        "customer_id,date,amount,cost\n" +
        "a,2024-01-05,10,4\n" + // 2: clean
        "a,2024-01-05,10,4\n" + // 3: repeats a's previous row
        "b,2024-01-06,-5,\n" + // 4: a refund; no cost
        "b,2024-01-07,0,1\n" + // 5: zero amount; its cost is above it
        "c,2024-01-08,20,25\n" + // 6: cost above the amount
        "c,1970-01-01,3,1\n" + // 7: Unix time zero
        "d,2031-01-01,8,2\n" + // 8: after the latest plausible time (2025-01-01)
        "a,2024-01-09,10,4\n" + // 9: clean
        "a,2024-01-05,10,4\n"; // 10: as line 2, but a's previous row is line 9: not a repeat

    [Fact]
    public void Each_row_check_counts_its_rows_and_names_their_lines()
    {
        var window = new ObservationWindow(new DateTimeOffset(2032, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeUnit.Days);
        var result = TransactionReader.SummarizeCsv(Write("flawed.csv", Flawed), window, new TransactionReadOptions { Quality = FixedNow });
        var quality = result.Quality;

        Expect(quality, QualityCheck.DuplicateTransaction, 1, [3]);
        Expect(quality, QualityCheck.Refund, 1, [4]);
        Expect(quality, QualityCheck.ZeroAmount, 1, [5]);
        Expect(quality, QualityCheck.CostAboveAmount, 2, [5, 6]);
        Expect(quality, QualityCheck.FutureTimestamp, 1, [8]);
        Expect(quality, QualityCheck.EarlyTimestamp, 1, [7]);
        Expect(quality, QualityCheck.MissingCost, 1, [4]);
        Assert.All(quality.Findings.Where(f => !f.IsAboutCustomers), f => Assert.Equal(9, f.OutOf));
        Assert.Equal(9, result.Report.RowsUsed); // the profile only reports: every flagged row is used
        Assert.Contains("2025-01-01T00:00:00.0000000+00:00", quality[QualityCheck.FutureTimestamp]!.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_the_builder_refuses_is_taken_back_from_the_profile()
    {
        // The window ends in 2030: line 8 (2031) is refused by the builder after the block was parsed, and rejected.
        var window = new ObservationWindow(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeUnit.Days);
        var options = new TransactionReadOptions { Quality = FixedNow, BadRows = BadRowPolicy.Collect };
        var result = TransactionReader.SummarizeCsv(Write("refused.csv", Flawed), window, options);

        Assert.Equal(8, Assert.Single(result.Report.Rejects).Line);
        Expect(result.Quality, QualityCheck.FutureTimestamp, 0, []);
        Assert.All(result.Quality.Findings.Where(f => !f.IsAboutCustomers), f => Assert.Equal(8, f.OutOf));
    }

    [Fact]
    public void Reading_one_by_one_profiles_the_rows_too()
    {
        using var reader = TransactionReader.OpenCsv(Write("all.csv", Flawed), new TransactionReadOptions { Quality = FixedNow });
        Assert.Equal(9, reader.ReadAll().Count());

        var quality = reader.Quality;
        Expect(quality, QualityCheck.DuplicateTransaction, 1, [3]);
        Expect(quality, QualityCheck.CostAboveAmount, 2, [5, 6]);
        Assert.Null(quality[QualityCheck.TransactionCountOutlier]); // no summaries, no customer checks
    }

    [Fact]
    public void Without_a_cost_column_no_row_is_said_to_miss_its_cost()
    {
        var window = new ObservationWindow(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeUnit.Days);
        var result = TransactionReader.SummarizeCsv(Write("nocost.csv", "customer_id,date,amount\na,2024-01-05,10\nb,2024-01-06,12\n"), window);

        Assert.Null(result.Quality[QualityCheck.MissingCost]);
        Assert.False(result.Quality.HasFindings);
        Assert.Equal("No findings.", result.Quality.ToString());
    }

    [Fact]
    public void A_customer_with_implausibly_many_transactions_is_an_outlier_by_the_modified_z_score()
    {
        // Transaction counts 1, 2, 2, 3, 3, 4 and 60, each transaction worth 10 on its own day. On the log scale the
        // median is ln 3 and the absolute deviations 0, 0, ln 4/3, ln 3/2, ln 3/2, ln 3, ln 20: their median (the MAD)
        // is ln 1.5 = 0.405465, so the spread is 0.405465 / 0.6745 = 0.601134 and the limit at 3.5 is
        // exp(ln 3 + 3.5 × 0.601134) = 3 × exp(2.103969) = 24.59 transactions (and 245.9 of revenue): only "g" is above.
        var result = TransactionReader.SummarizeCsv(Write("counts.csv", LogOf(1, 2, 2, 3, 3, 4, 60)), Window);

        var counts = result.Quality[QualityCheck.TransactionCountOutlier]!;
        Assert.Equal((1, 7), (counts.Count, counts.OutOf));
        Assert.Equal(["g"], counts.ExampleCustomerIds);
        Assert.Contains("above 24.59", counts.Rule, StringComparison.Ordinal);
        Assert.Contains("median absolute deviation", counts.Rule, StringComparison.Ordinal);
        var revenue = result.Quality[QualityCheck.RevenueOutlier]!;
        Assert.Equal(["g"], revenue.ExampleCustomerIds);
        Assert.Contains("above 245.9", revenue.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void When_most_customers_share_one_count_the_mean_absolute_deviation_replaces_the_MAD()
    {
        // Counts 1, 1, 1, 1, 2, 50: the median of the logs is 0 and so is the MAD. The mean absolute deviation is
        // (ln 2 + ln 50) / 6 = 0.767495, the spread 1.253314 × 0.767495 = 0.961912, the limit exp(3.5 × 0.961912) =
        // 28.98 transactions: "f" (50) is flagged, "e" (2) is not.
        var result = TransactionReader.SummarizeCsv(Write("ties.csv", LogOf(1, 1, 1, 1, 2, 50)), Window);

        var counts = result.Quality[QualityCheck.TransactionCountOutlier]!;
        Assert.Equal(["f"], counts.ExampleCustomerIds);
        Assert.Contains("above 28.98", counts.Rule, StringComparison.Ordinal);
        Assert.Contains("mean absolute deviation", counts.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void When_every_customer_has_the_same_count_none_is_an_outlier()
    {
        var result = TransactionReader.SummarizeCsv(Write("same.csv", LogOf(2, 2, 2)), Window);
        var counts = result.Quality[QualityCheck.TransactionCountOutlier]!;
        Assert.Equal(0, counts.Count);
        Assert.Contains("none can be", counts.Rule, StringComparison.Ordinal);
        Assert.Equal(0, result.Quality[QualityCheck.RevenueOutlier]!.Count);
    }

    [Fact]
    public void A_summary_table_gets_the_customer_checks_only()
    {
        string path = Write("summary.csv", "customer_id,frequency,recency,T,monetary_value\na,0,0,10,0\nb,1,3,10,5\nc,1,4,10,5\nd,2,6,10,5\ne,2,7,10,5\nf,3,8,10,5\ng,59,9,10,5\n");
        var result = SummaryTableReader.ReadCsv(path, TimeUnit.Weeks);

        Assert.Equal([QualityCheck.TransactionCountOutlier, QualityCheck.RevenueOutlier], result.Quality.Findings.Select(f => f.Check));
        Assert.Equal(["g"], result.Quality[QualityCheck.TransactionCountOutlier]!.ExampleCustomerIds); // 60 purchases, as above
    }

    [Fact]
    public void Rules_out_of_range_are_refused_naming_the_rule()
    {
        var zero = new TransactionReadOptions { Quality = new DataQualityRules { OutlierScore = 0 } };
        Assert.Equal("OutlierScore", Assert.Throws<ArgumentOutOfRangeException>(() => TransactionReader.SummarizeCsv(Write("x.csv", Flawed), Window, zero)).ParamName);
        var backwards = new TransactionReadOptions { Quality = new DataQualityRules { LatestPlausible = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero) } };
        Assert.Equal("LatestPlausible", Assert.Throws<ArgumentOutOfRangeException>(() => TransactionReader.SummarizeCsv(Write("y.csv", Flawed), Window, backwards)).ParamName);
    }

    [Property(MaxTest = 60)]
    public Property Duplicates_are_the_rows_repeating_their_customers_previous_row() => Prop.ForAll(
        Gen.Choose(0, int.MaxValue - 1).ToArbitrary(),
        seed =>
        {
            // A time-ordered log in which some rows are written twice, and some customers buy twice at one time.
            var random = new Random(seed);
            var origin = new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var rows = new List<(string Id, long Minute, double Amount)>();
            for (int i = 0, n = random.Next(1, 400); i < n; i++)
            {
                var row = random.Next(5) == 0 && rows.Count > 0
                    ? rows[random.Next(Math.Max(0, rows.Count - 3), rows.Count)] // a recent row again
                    : ($"c{random.Next(30)}", (rows.Count == 0 ? 0 : rows[^1].Minute) + random.Next(3), random.Next(1, 5) * 2.5);
                rows.Add(row);
            }

            rows.Sort((x, y) => x.Minute.CompareTo(y.Minute)); // stable enough: equal minutes keep no particular order
            var previous = new Dictionary<string, (long, double)>();
            long expected = 0;
            var text = new StringBuilder("customer_id,timestamp,amount\n");
            foreach (var (id, minute, amount) in rows)
            {
                expected += previous.TryGetValue(id, out var last) && last == (minute, amount) ? 1 : 0;
                previous[id] = (minute, amount);
                text.Append(CultureInfo.InvariantCulture, $"{id},{origin.AddMinutes(minute):O},{amount:R}\n");
            }

            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
            using var reader = TransactionReader.OpenCsv(stream, "log.csv");
            var result = reader.Summarize(new ObservationWindow(origin.AddYears(5), TimeUnit.Days));
            Assert.Equal(expected, result.Quality[QualityCheck.DuplicateTransaction]!.Count);
        });

    [Property(MaxTest = 200)]
    public Property The_median_by_selection_is_the_median_of_the_sorted_values() => Prop.ForAll(
        Gen.Choose(0, int.MaxValue - 1).ToArbitrary(),
        seed =>
        {
            var random = new Random(seed);
            var values = Enumerable.Range(0, random.Next(1, 200)).Select(_ => (double)random.Next(random.Next(1, 50))).ToArray();
            var sorted = values.Order().ToArray();
            int n = sorted.Length;
            double expected = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
            Assert.Equal(expected, Selection.Median(values));
        });

    private static readonly ObservationWindow Window = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeUnit.Days);

    /// <summary>Customers "a", "b", … with the given numbers of transactions, each of 10, on days of their own.</summary>
    private static string LogOf(params int[] counts)
    {
        var text = new StringBuilder("customer_id,date,amount\n");
        var day = new DateTime(2024, 1, 1);
        for (int c = 0; c < counts.Length; c++)
        {
            for (int t = 0; t < counts[c]; t++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{(char)('a' + c)},{day.AddDays(t):yyyy-MM-dd},10\n");
            }
        }

        return text.ToString();
    }

    private static void Expect(DataQualityProfile quality, QualityCheck check, long count, long[] lines)
    {
        var finding = quality[check];
        Assert.NotNull(finding);
        Assert.Equal(count, finding.Count);
        Assert.Equal(lines, finding.ExampleLines);
        Assert.Empty(finding.ExampleCustomerIds);
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
