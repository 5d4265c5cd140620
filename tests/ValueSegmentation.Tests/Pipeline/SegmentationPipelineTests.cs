using System.Globalization;
using ValueSegmentation.Analysis;
using ValueSegmentation.Lifetime;
using ValueSegmentation.Metrics;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Tests.TestData;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Tests.Pipeline;

/// <summary>The one entry point: the whole job from a log or summaries to segments, report, concentration and migration.</summary>
public sealed class SegmentationPipelineTests
{
    private static readonly DateTimeOffset Jan1 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Ten customers c0..c9; customer i buys i + 1 times (days 0, 1, ..., i), each time for 10·(i + 1).</summary>
    private static Transaction[] Log() =>
        [.. Enumerable.Range(0, 10).SelectMany(i => Enumerable.Range(0, i + 1).Select(day =>
            new Transaction("c" + i.ToString(CultureInfo.InvariantCulture), Jan1.AddDays(day).AddHours(10), 10.0 * (i + 1))))];

    [Fact]
    public void The_default_job_tiers_customers_on_revenue_and_reports_what_the_separate_steps_report()
    {
        var log = Log();
        var result = new SegmentationPipelineBuilder().Configure(o => o.ObservationEnd = Jan1.AddDays(30)).Build().Run(log);

        // The same job by hand, step by step.
        var customers = CustomerSummary.FromTransactions(log, new ObservationWindow(Jan1.AddDays(30), TimeUnit.Weeks), TransactionOrder.Any);
        var segmented = SegmentedCustomers.FitAndAssign(new TieredStrategy(CustomerMeasure.Revenue), customers);
        Assert.Equal(customers, result.Customers);
        Assert.Equal(segmented.Counts, result.Segments.Counts);
        Assert.Equal(segmented.Segments.Select(s => s.Rule), result.Segments.Segments.Select(s => s.Rule));
        Assert.Equal(["Highest value", "Valuable", "Low value"], result.Report.Rows.Select(r => r.Segment!.Name));
        Assert.Equal(SegmentReport.Create(segmented).Total, result.Report.Total);
        Assert.Equal(ValueConcentration.OfMeasure(customers, CustomerMeasure.Revenue).Gini, result.Concentration.Gini);
        Assert.Equal(AverageOrderValue.ForBase(customers), result.Metrics.AverageOrderValue);
        Assert.Equal(PurchaseFrequency.ForBase(customers, TimeUnit.Years), result.Metrics.RepeatPurchaseRate);
        Assert.Equal(55, result.Metrics.Purchases);
        Assert.Equal(0.9, result.Metrics.RepeatCustomerShare);
        Assert.Equal(log.Length, result.TransactionsRead);
        Assert.Same(CustomerMeasure.Revenue, result.Value);
        Assert.Null(result.Migration);
        Assert.Empty(result.Notes);
    }

    [Fact]
    public void Each_measure_is_evaluated_once_per_customer_for_the_fit_the_assignment_the_report_and_the_concentration()
    {
        int evaluations = 0;
        var counted = new CustomerMeasure("counted revenue", c =>
        {
            Interlocked.Increment(ref evaluations);
            return c.Revenue;
        });
        var result = new SegmentationPipelineBuilder()
            .AddMeasure("counted", counted)
            .Configure(o =>
            {
                o.ObservationEnd = Jan1.AddDays(30);
                o.Method = SegmentationMethod.Quadrant;
                o.ValueMeasure = "counted";
                o.LoyaltyMeasure = "COUNTED"; // names are compared without regard to case
            })
            .Build()
            .Run(Log());

        Assert.Equal(10, evaluations);
        Assert.Same(counted, result.Value);
        Assert.NotNull(result.Report.Rows[0].MeanLoyalty);
    }

    [Fact]
    public void Cost_drivers_fill_the_reports_cost_to_serve_and_define_the_profit_measure()
    {
        // Customer i buys i + 1 times for 10·(i + 1) each: revenue 10·(i + 1)², i + 1 orders, and T = 30 − 0 days (the
        // first purchase is on day 0 at 10:00, the window ends on day 30). With 2 per order and 12 per year, the cost to
        // serve is 2·(i + 1) + 12·T/365.25 with T = 30 days: c9 has revenue 1,000, cost 20 + 12·30/365.25 = 20.9856.
        var result = new SegmentationPipelineBuilder()
            .Configure(o => (o.ObservationEnd, o.ValueMeasure, o.CostDrivers) = (Jan1.AddDays(30), MeasureNames.Profit, new Dictionary<string, double> { ["orders"] = 2, ["Years"] = 12 }))
            .Build()
            .Run(Log());

        double years = 30 / TimeUnit.Years.Days();
        var c9 = result.Customers.Single(c => c.CustomerId == "c9");
        Assert.Equal(1000 - ((2 * 10) + (12 * years)), result.Value.Evaluate(c9), 12);
        double totalCost = Enumerable.Range(1, 10).Sum(n => (2 * n) + (12 * years));
        Assert.Equal(totalCost, result.Report.Total.CostToServe, 9);
        Assert.Equal(result.Report.Total.Revenue - totalCost, result.Report.Total.Profit, 9);

        var bad = Assert.Throws<InvalidOptionException>(() => new SegmentationPipelineBuilder().Configure(o => o.CostDrivers = new Dictionary<string, double> { ["returns"] = 5 }).Build());
        Assert.Equal("SegmentationOptions.CostDrivers:returns", bad.OptionName);
        Assert.Contains("\"orders\"", bad.Message, StringComparison.Ordinal);
        var negative = Assert.Throws<InvalidOptionException>(() => new SegmentationPipelineBuilder().Configure(o => o.CostDrivers = new Dictionary<string, double> { ["orders"] = -1 }).Build());
        Assert.Contains("-1", negative.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new SegmentationPipelineBuilder().AddMeasure("Profit", CustomerMeasure.Revenue));
    }

    [Fact]
    public void Without_an_observation_end_the_window_ends_at_the_latest_transaction()
    {
        var result = new SegmentationPipelineBuilder().Build().Run(Log());
        Assert.Equal(Jan1.AddDays(9).AddHours(10), result.Customers.Window!.End);
        Assert.Equal(0, result.Customers.Single(c => c.CustomerId == "c9").TimeSinceLastPurchase);
    }

    [Fact]
    public void Transactions_after_the_end_are_rejected_by_default_and_dropped_and_counted_on_request()
    {
        var log = Log();
        var options = new SegmentationOptions { ObservationEnd = Jan1.AddDays(4) };
        var error = Assert.Throws<TransactionException>(() => new SegmentationPipelineBuilder(options).Build().Run(log));
        Assert.Equal(6, error.Transaction.Timestamp.Day); // the first transaction on a day after the end (January 5, inclusive)

        options.TransactionsAfterEnd = TransactionsAfterEnd.Drop;
        var result = new SegmentationPipelineBuilder(options).Build().Run(log);
        int used = result.Customers.Sum(c => c.TransactionCount);
        Assert.Equal(15 + (5 * 5), used); // customers 0-4 keep all 15 purchases, customers 5-9 keep days 0-4
        Assert.Equal(55 - used, result.DroppedTransactions);
        Assert.Equal(used + result.DroppedTransactions, result.TransactionsRead);
        Assert.Contains(result.Notes, n => n.Contains("15 transaction(s) after the observation end were dropped", StringComparison.Ordinal));
    }

    [Fact]
    public void Summaries_built_from_numbers_run_through_the_same_job()
    {
        // The first rows of the published CDNOW summary (data/cdnow_customers_summary_with_transactions.csv: x, t_x, T in
        // weeks, zbar), with revenue given as x·zbar plus a first purchase of the same value.
        var summaries = Cdnow.PublishedSummaries().Take(200)
            .Select(r => CustomerSummary.FromNumbers(r.Key, r.Value.Frequency, r.Value.Recency, r.Value.Age, TimeUnit.Weeks, r.Value.MeanRepeatSpend, revenue: r.Value.MeanRepeatSpend * (r.Value.Frequency + 1)))
            .ToArray();
        var result = new SegmentationPipelineBuilder().Configure(o => o.Method = SegmentationMethod.Rfm).Build().Run(summaries);
        Assert.Equal(200, result.Segments.Counts.Sum());
        Assert.Equal(0, result.TransactionsRead);
        Assert.Null(result.Customers.Window);
    }

    [Fact]
    public void A_second_run_against_the_first_reports_the_migration()
    {
        var pipeline = new SegmentationPipelineBuilder().Configure(o => o.TransactionsAfterEnd = TransactionsAfterEnd.Drop).Build();
        var log = Log();
        var early = new SegmentationPipelineBuilder(pipeline.Options).Configure(o => o.ObservationEnd = Jan1.AddDays(2)).Build().Run(log);
        var late = new SegmentationPipelineBuilder(pipeline.Options).Configure(o => o.ObservationEnd = Jan1.AddDays(9)).Build().Run(log, early);
        var migration = late.Migration!;
        for (int s = 0; s < early.Segments.Segments.Count; s++)
        {
            int row = Enumerable.Range(0, late.Segments.Segments.Count).Sum(to => migration.Count(s, to)) + migration.Lost(s);
            Assert.Equal(early.Segments.Counts[s], row);
        }

        Assert.Equal(SegmentMigration.Between(early.Segments, late.Segments).RisingStars, migration.RisingStars);
    }

    [Fact]
    public void A_strategy_of_ones_own_replaces_the_method_and_the_rest_of_the_job_stays()
    {
        var result = new SegmentationPipelineBuilder()
            .UseStrategy(new TieredStrategy(CustomerMeasure.Frequency, minimums: [5], segmentDefinitions: [new("Regulars", "Thank them"), new("Others", "Invite them back")]))
            .Build()
            .Run(Log());
        Assert.Equal([5, 5], result.Segments.Counts);
        Assert.Equal("Regulars", result.Report.Rows[0].Segment!.Name);
    }

    [Fact]
    public void A_tier_that_ties_empty_is_reported_with_its_target_and_realised_share()
    {
        // Eight one-time buyers with revenue 0 and two with revenue: the bottom 50 % tier has nobody left, because the
        // cut point is 0 and customers at the cut join the tier above. The segments say so, and so does the result.
        var summaries = Enumerable.Range(0, 10)
            .Select(i => CustomerSummary.FromNumbers("c" + i.ToString(CultureInfo.InvariantCulture), 0, 0, 10, TimeUnit.Weeks, revenue: i < 8 ? 0 : 100))
            .ToArray();
        var result = new SegmentationPipelineBuilder().Build().Run(summaries);
        var low = result.Segments.Segments[2];
        Assert.Equal(0.5, low.TargetShare);
        Assert.Equal(0.0, low.FittedShare);
        Assert.Contains("realised 0 %", low.Rule, StringComparison.Ordinal);
        Assert.Equal([low], result.Segments.EmptySegments);
        Assert.Contains(result.Notes, n => n.StartsWith("Segment 'Low value' is empty although it aims at 50 %", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.StartsWith("Segment 'Valuable' holds 80 %", StringComparison.Ordinal));
    }

    [Fact]
    public void Stages_are_reported_in_order_and_a_cancelled_run_stops()
    {
        var stages = new List<SegmentationStage>();
        var progress = new Progress(p => stages.Add(p.Stage));
        _ = new SegmentationPipelineBuilder().Build().Run(Log(), progress: progress);
        Assert.Equal(
            [SegmentationStage.Summarising, SegmentationStage.FittingModels, SegmentationStage.EvaluatingMeasures, SegmentationStage.Segmenting, SegmentationStage.Reporting, SegmentationStage.Completed],
            stages);

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => new SegmentationPipelineBuilder().Build().Run(Log(), cancellationToken: cancelled.Token));
    }

    [Fact]
    public void The_pipeline_is_immutable_and_runs_on_several_threads_at_once()
    {
        var options = new SegmentationOptions { Method = SegmentationMethod.Pareto };
        var builder = new SegmentationPipelineBuilder(options);
        var pipeline = builder.Build();
        options.Method = SegmentationMethod.Rfm;            // the builder copied the options
        builder.Configure(o => o.Method = SegmentationMethod.Rfm); // the pipeline copied the builder's
        var expected = pipeline.Run(Log()).Segments.Counts;
        var results = Enumerable.Range(0, 16).AsParallel().Select(_ => pipeline.Run(Log()).Segments.Counts.ToArray()).ToArray();
        Assert.All(results, counts => Assert.Equal(expected, counts));
        Assert.Equal(SegmentationMethod.Pareto, pipeline.Options.Method);
    }

    [Fact]
    public void Invalid_options_fail_when_the_pipeline_is_built_and_name_the_option()
    {
        static InvalidOptionException Fails(Action<SegmentationOptions> configure) =>
            Assert.Throws<InvalidOptionException>(() => new SegmentationPipelineBuilder().Configure(configure).Build());

        var unknown = Fails(o => o.ValueMeasure = "clv");
        Assert.Equal("SegmentationOptions.ValueMeasure", unknown.OptionName);
        Assert.Contains("revenue", unknown.Message, StringComparison.Ordinal); // lists the known measures
        Assert.Contains("AddProbabilisticModels", unknown.Message, StringComparison.Ordinal);
        Assert.Equal("SegmentationOptions.Shares", Fails(o => o.Shares = [0.5, 0.6]).OptionName);
        Assert.Equal("SegmentationOptions.Minimums", Fails(o => o.Minimums = [1, 2]).OptionName);
        Assert.Equal("SegmentationOptions.SegmentNames", Fails(o => o.SegmentNames = ["Only one"]).OptionName);
        Assert.Equal("SegmentationOptions.SegmentTreatments", Fails(o => o.SegmentTreatments = ["Orphan"]).OptionName);
        Assert.Equal("SegmentationOptions.TimeUnit", Fails(o => o.TimeUnit = (TimeUnit)42).OptionName);
        Assert.Equal("SegmentationOptions.CalibrationEnd", Fails(o => (o.ObservationEnd, o.CalibrationEnd) = (Jan1, Jan1.AddDays(1))).OptionName);
        Assert.IsAssignableFrom<ArgumentException>(unknown); // the library's exceptions are bad input: one catch maps them to a 400
        Assert.Throws<ArgumentException>(() => new SegmentationPipelineBuilder().AddMeasure("Revenue", CustomerMeasure.GrossProfit));
    }

    [Fact]
    public void An_empty_log_is_an_error_that_says_so()
    {
        var error = Assert.Throws<ArgumentException>(() => new SegmentationPipelineBuilder().Build().Run(Array.Empty<Transaction>()));
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_measure_that_cannot_value_a_customer_names_the_measure_and_the_customer()
    {
        var fussy = new CustomerMeasure("fussy", new Fussy());
        var error = Assert.Throws<MeasureEvaluationException>(() => new SegmentationPipelineBuilder().AddMeasure("fussy", fussy).Configure(o => o.ValueMeasure = "fussy").Build().Run(Log()));
        Assert.Equal(("fussy", "c3"), (error.MeasureName, error.CustomerId));
        Assert.IsType<ArgumentOutOfRangeException>(error.InnerException);
    }

    /// <summary>A model whose batch call fails without saying which customer is at fault.</summary>
    private sealed class Fussy : ICustomerValueModel
    {
        public double Evaluate(CustomerSummary customer) =>
            customer.CustomerId == "c3" ? throw new ArgumentOutOfRangeException(nameof(customer), "no value for this one") : customer.Revenue;

        public void Evaluate(ReadOnlySpan<CustomerSummary> customers, Span<double> values) =>
            throw new InvalidOperationException("the batch failed somewhere");
    }

    private sealed class Progress(Action<SegmentationProgress> report) : IProgress<SegmentationProgress>
    {
        public void Report(SegmentationProgress value) => report(value);
    }
}
