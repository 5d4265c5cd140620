using ValueSegmentation.Internal;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Segmentation;

/// <summary>
/// The value × loyalty quadrant: customers cut on a value axis and a loyalty axis, at the population's medians
/// by default or at given values, into four segments with the treatments of the customer-value literature.
/// </summary>
/// <remarks>
/// <para>A customer is <em>high</em> on an axis when their value is strictly above the cut; a value equal to
/// the cut is <em>low</em>. The median is the lower median, the ⌈n/2⌉-th smallest value (a value of the
/// population, so scaling every value by c &gt; 0 changes no segment). With many equal values, as with
/// frequency counts, this means "above the typical customer": if the median frequency is 0, high loyalty is
/// any repeat purchase. All-equal values put everyone in the low half of that axis.</para>
/// <para>Segments, by rank: 1 High value / High loyalty, 2 High value / Low loyalty, 3 Low value / High loyalty,
/// 4 Low value / Low loyalty. Immutable and thread-safe.</para>
/// </remarks>
public sealed class QuadrantStrategy : ISegmentationStrategy
{
    private readonly SegmentDefinition[] _definitions;

    /// <summary>Creates the strategy.</summary>
    /// <param name="value">The value axis, for example a lifetime value or profit.</param>
    /// <param name="loyalty">The loyalty axis, for example P(alive), a retention probability or frequency.</param>
    /// <param name="valueCut">A fixed cut on the value axis, or <see langword="null"/> for the population's median.</param>
    /// <param name="loyaltyCut">A fixed cut on the loyalty axis, or <see langword="null"/> for the population's median.</param>
    /// <param name="segmentDefinitions">Optional names and treatments in rank order (HV/HL, HV/LL, LV/HL, LV/LL); by
    /// default <see cref="DefaultQuadrants"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> or <paramref name="loyalty"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A cut is NaN or infinite.</exception>
    /// <exception cref="ArgumentException"><paramref name="segmentDefinitions"/> does not hold four definitions.</exception>
    public QuadrantStrategy(CustomerMeasure value, CustomerMeasure loyalty, double? valueCut = null, double? loyaltyCut = null, IReadOnlyList<SegmentDefinition>? segmentDefinitions = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(loyalty);
        Value = value;
        Loyalty = loyalty;
        ValueCut = valueCut is { } v ? Guard.Finite(v, nameof(valueCut)) : null;
        LoyaltyCut = loyaltyCut is { } l ? Guard.Finite(l, nameof(loyaltyCut)) : null;
        _definitions = SegmentDefinition.Validate(segmentDefinitions, 4, [.. DefaultQuadrants], nameof(segmentDefinitions));
    }

    /// <summary>The default quadrants in rank order, with the treatments of the customer-value literature.</summary>
    public static IReadOnlyList<SegmentDefinition> DefaultQuadrants { get; } =
    [
        new("High value / High loyalty", "Reward: exclusive offers, co-creation, ambassador programmes."),
        new("High value / Low loyalty", "Secure: proactive account management, personal follow-up, loyalty incentives."),
        new("Low value / High loyalty", "Retain at low cost: automated, cost-effective retention."),
        new("Low value / Low loyalty", "Minimise spend: conversion and upsell only."),
    ];

    /// <summary>The value axis.</summary>
    public CustomerMeasure Value { get; }

    /// <summary>The loyalty axis.</summary>
    public CustomerMeasure Loyalty { get; }

    /// <summary>The fixed value cut, or <see langword="null"/> for the median.</summary>
    public double? ValueCut { get; }

    /// <summary>The fixed loyalty cut, or <see langword="null"/> for the median.</summary>
    public double? LoyaltyCut { get; }

    /// <summary>The quadrants' names and treatments, in rank order.</summary>
    public IReadOnlyList<SegmentDefinition> SegmentDefinitions => _definitions;

    /// <summary>Fits the cuts (medians where not fixed) on a population.</summary>
    /// <param name="population">The customers.</param>
    /// <returns>The segmenter.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="population"/> is null or holds a null.</exception>
    /// <exception cref="ArgumentException">A cut is a median and <paramref name="population"/> is empty.</exception>
    /// <exception cref="MeasureEvaluationException">A measure cannot value a customer.</exception>
    public QuadrantSegmenter Fit(IReadOnlyList<CustomerSummary> population)
    {
        var customers = CustomerSummaryCollection.Of(population);
        if (ValueCut is null || LoyaltyCut is null)
        {
            Population.RequireNotEmpty(customers.Count, nameof(population), "a quadrant cut at the medians");
        }

        double valueCut = ValueCut ?? Median(customers, Value);
        double loyaltyCut = LoyaltyCut ?? Median(customers, Loyalty);
        return new QuadrantSegmenter(this, valueCut, loyaltyCut);
    }

    ICustomerSegmenter ISegmentationStrategy.Fit(IReadOnlyList<CustomerSummary> population) => Fit(population);

    private static double Median(CustomerSummaryCollection customers, CustomerMeasure measure) =>
        Quantiles.Lower(customers.ValuesArray(measure), 0.5)[0];
}
