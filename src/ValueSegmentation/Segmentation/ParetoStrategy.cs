using ValueSegmentation.Internal;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Segmentation;

/// <summary>
/// Pareto / ABC classes by cumulative share of total value: A is the smallest set of top customers that brings
/// at least 80 % of the total, B the next customers up to 95 %, C the rest (the cut shares are options).
/// </summary>
/// <remarks>
/// <para>Customers are ranked by value, highest first, and class A ends at the first rank where the running
/// total reaches 80 % of the total. Customers tied with the last one in A join A too, so equal values share
/// a class and the result does not depend on the input order.</para>
/// <para>Negative values (loss-making customers): the shares are of the total <em>positive</em> value, and a
/// customer with a value ≤ 0 is always in the last class. With no positive value at all, every customer is
/// in the last class. Sums are in floating point: a running total that equals a cut share exactly may fall
/// either side of it by rounding.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class ParetoStrategy : ISegmentationStrategy
{
    private readonly double[] _cumulativeShares;
    private readonly SegmentDefinition[] _definitions;

    /// <summary>Creates the strategy.</summary>
    /// <param name="measure">The value measure.</param>
    /// <param name="cumulativeShares">The cumulative shares of value that close each class but the last,
    /// increasing, each in (0, 1); by default 0.80 and 0.95.</param>
    /// <param name="segmentDefinitions">Optional names and treatments, one more than the shares; by default A, B and C
    /// with their treatments, and for another number of classes A, B, C, …, Z, AA, AB, … (as spreadsheet columns)
    /// without treatments.</param>
    /// <exception cref="ArgumentNullException"><paramref name="measure"/> is null.</exception>
    /// <exception cref="ArgumentException">The shares are out of (0, 1) or not increasing, or the counts differ.</exception>
    public ParetoStrategy(CustomerMeasure measure, IReadOnlyList<double>? cumulativeShares = null, IReadOnlyList<SegmentDefinition>? segmentDefinitions = null)
    {
        ArgumentNullException.ThrowIfNull(measure);
        Measure = measure;
        _cumulativeShares = ShareList.Validate(cumulativeShares ?? [0.80, 0.95], nameof(cumulativeShares));
        _definitions = SegmentDefinition.Validate(segmentDefinitions, _cumulativeShares.Length + 1, DefaultClasses(_cumulativeShares.Length + 1), nameof(segmentDefinitions));
    }

    /// <summary>The measure of value.</summary>
    public CustomerMeasure Measure { get; }

    /// <summary>The cumulative shares of value closing each class but the last.</summary>
    public IReadOnlyList<double> CumulativeShares => _cumulativeShares;

    /// <summary>The classes' names and treatments, from the top.</summary>
    public IReadOnlyList<SegmentDefinition> SegmentDefinitions => _definitions;

    /// <summary>Fits the class thresholds on a population.</summary>
    /// <param name="population">The customers.</param>
    /// <returns>The segmenter.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="population"/> is null or holds a null.</exception>
    /// <exception cref="ArgumentException"><paramref name="population"/> is empty.</exception>
    /// <exception cref="MeasureEvaluationException">The measure cannot value a customer.</exception>
    public ThresholdSegmenter Fit(IReadOnlyList<CustomerSummary> population)
    {
        var customers = CustomerSummaryCollection.Of(population);
        Population.RequireNotEmpty(customers.Count, nameof(population), "a Pareto segmentation");
        var values = customers.ValuesArray(Measure);

        // The targets are the shares of the total positive value, summed in the population's order in the same pass
        // that sums the values by their top bits.
        var minimums = OrderStatistics.ShareThresholdsOfPositiveTotal(values, _cumulativeShares, out _);
        return new ThresholdSegmenter(
            Measure,
            minimums,
            _definitions,
            i => i == 0 ? $"the top customers bringing {Invariant.Percent(_cumulativeShares[0])} of total positive value"
                : i < _cumulativeShares.Length ? $"the next customers, to {Invariant.Percent(_cumulativeShares[i])} of total positive value"
                : "the rest",
            null,
            values);
    }

    ICustomerSegmenter ISegmentationStrategy.Fit(IReadOnlyList<CustomerSummary> population) => Fit(population);

    private static SegmentDefinition[] DefaultClasses(int count)
    {
        if (count == 3)
        {
            return
            [
                new("A", "The vital few: protect and develop them personally; they carry the business."),
                new("B", "Develop the ones that can move up to A; standard loyalty programme."),
                new("C", "The trivial many: serve through low-cost channels and automation."),
            ];
        }

        return [.. Enumerable.Range(0, count).Select(i => new SegmentDefinition(Letters(i), string.Empty))];
    }

    /// <summary>The name of class <paramref name="index"/> (0-based) as a spreadsheet column: A…Z, AA…AZ, BA….</summary>
    private static string Letters(int index)
    {
        string name = string.Empty;
        for (int i = index + 1; i > 0; i = (i - 1) / 26)
        {
            name = (char)('A' + ((i - 1) % 26)) + name;
        }

        return name;
    }
}
