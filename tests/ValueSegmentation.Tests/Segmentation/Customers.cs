using System.Globalization;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Tests.Segmentation;

/// <summary>Small hand-made populations for the segmentation and analysis tests.</summary>
internal static class Customers
{
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly ObservationWindow Window = new(Start.AddDays(364), TimeUnit.Weeks);

    /// <summary>One customer per value, ids "c0", "c1", ..., each with one purchase whose revenue is the value.</summary>
    public static CustomerSummary[] WithRevenue(params double[] revenues) =>
        [.. revenues.Select((r, i) => Summary("c" + i.ToString(CultureInfo.InvariantCulture), r))];

    /// <summary>A customer with <paramref name="purchases"/> purchases, the last <paramref name="daysSinceLast"/>
    /// days before the end, and <paramref name="revenue"/> in all.</summary>
    public static CustomerSummary Summary(string id, double revenue, int purchases = 1, int daysSinceLast = 0)
    {
        var last = Start.AddDays(364 - daysSinceLast);
        var first = purchases == 1 ? last : last.AddDays(-(purchases - 1));
        double firstRevenue = revenue / purchases;
        return new CustomerSummary(id, Window, first, last, purchases, firstRevenue, revenue - firstRevenue);
    }

    /// <summary>A measure that looks each customer's value up by id, for populations with arbitrary values.</summary>
    public static CustomerMeasure Lookup(IReadOnlyList<CustomerSummary> customers, IReadOnlyList<double> values, string name = "value")
    {
        var byId = customers.Select((c, i) => (c.CustomerId, Value: values[i])).ToDictionary(p => p.CustomerId, p => p.Value, StringComparer.Ordinal);
        return new CustomerMeasure(name, c => byId[c.CustomerId]);
    }

    /// <summary>The names of each customer's segment, in input order.</summary>
    public static string[] SegmentNames(ICustomerSegmenter segmenter, IEnumerable<CustomerSummary> customers) =>
        [.. customers.Select(c => segmenter.Assign(c).Name)];
}
