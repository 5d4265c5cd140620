using System.Globalization;
using ValueSegmentation.Extensions.DependencyInjection;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.ServiceLoad;

/// <summary>
/// The load of the scoring service: two snapshots of the CDNOW sample that disagree — "A", BG/NBD lifetime value cut into
/// two tiers (10 % / 90 %), and "B", three tiers (50 % / 30 % / 20 %) — and one request per customer (their summary, as
/// the service's <c>/segments/by-summary</c> takes it) with the segment each snapshot assigns, computed here with the
/// library from the same numbers.
/// </summary>
internal static class LoadScenario
{
    public static (IReadOnlyList<string> Snapshots, IReadOnlyList<LoadRequest> Requests) Create(IReadOnlyList<Transaction> log)
    {
        var snapshots = new List<SegmentationSnapshot>();
        CustomerSummaryCollection? customers = null;
        foreach (var (version, shares) in new[] { ("A", new[] { 0.1, 0.9 }), ("B", new[] { 0.5, 0.3, 0.2 }) })
        {
            var options = new ValueSegmentationOptions
            {
                ValueModel = ValueModel.BgNbd,
                Shares = shares,
                SegmentNames = [.. shares.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"{version}{i}"))],
            };
            var result = options.ToPipelineBuilder().Build().Run(log);
            customers ??= result.Customers;
            snapshots.Add(result.ToSnapshot(version));
        }

        var requests = customers!.Select(c =>
        {
            var numbers = CustomerSummary.FromNumbers(c.CustomerId, c.Frequency, c.Recency, c.Age, c.TimeUnit, c.MonetaryValue, c.Revenue);
            string body = string.Create(
                CultureInfo.InvariantCulture,
                $$"""{"customerId":"{{c.CustomerId}}","frequency":{{c.Frequency}},"recency":{{c.Recency:R}},"age":{{c.Age:R}},"monetaryValue":{{c.MonetaryValue:R}},"revenue":{{c.Revenue:R}}}""");
            return new LoadRequest(c.CustomerId, body, snapshots.ToDictionary(s => s.Version, s => s.Assign(numbers).Name, StringComparer.Ordinal));
        }).ToList();
        return ([.. snapshots.Select(s => s.ToJson())], requests);
    }
}
