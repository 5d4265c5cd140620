using ValueSegmentation.Internal;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Segmentation;

/// <summary>
/// RFM segmentation: recency, frequency and monetary scores from 1 to 5, by quintiles of the population (or
/// given cut points), and named segments by score ranges (<see cref="RfmRuleSet"/>).
/// </summary>
/// <remarks>
/// <para>Each axis has four cut points c₁ ≤ c₂ ≤ c₃ ≤ c₄; by default the lower quintiles, cₖ = the
/// ⌈k·n/5⌉-th smallest value. A value's interval is j = the number of cut points strictly below it (0–4), so a
/// value equal to a cut point falls in the interval that the cut point closes. Frequency and monetary scores
/// are j + 1; the recency axis measures time since the last purchase, where less is better, so its score is
/// 5 − j. Many equal values (for example one purchase each) make equal cut points, and the scores between them
/// stay empty: that is the data, not an error.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class RfmStrategy : ISegmentationStrategy
{
    private readonly double[]? _recencyCuts;
    private readonly double[]? _frequencyCuts;
    private readonly double[]? _monetaryCuts;

    /// <summary>Creates the strategy.</summary>
    /// <param name="rules">The named segments; <see langword="null"/> for <see cref="RfmRuleSet.Default"/>.</param>
    /// <param name="recency">The recency axis, time since the last purchase (less is better); by default
    /// <see cref="CustomerMeasure.TimeSinceLastPurchase"/>.</param>
    /// <param name="frequency">The frequency axis (more is better); by default <see cref="CustomerMeasure.PurchaseCount"/>.</param>
    /// <param name="monetary">The monetary axis (more is better); by default <see cref="CustomerMeasure.Revenue"/>.</param>
    /// <param name="recencyCuts">Four fixed cut points for recency, non-decreasing; <see langword="null"/> for quintiles.</param>
    /// <param name="frequencyCuts">Four fixed cut points for frequency; <see langword="null"/> for quintiles.</param>
    /// <param name="monetaryCuts">Four fixed cut points for monetary value; <see langword="null"/> for quintiles.</param>
    /// <exception cref="ArgumentException">A set of cut points does not hold four finite, non-decreasing values.</exception>
    public RfmStrategy(
        RfmRuleSet? rules = null,
        CustomerMeasure? recency = null,
        CustomerMeasure? frequency = null,
        CustomerMeasure? monetary = null,
        IReadOnlyList<double>? recencyCuts = null,
        IReadOnlyList<double>? frequencyCuts = null,
        IReadOnlyList<double>? monetaryCuts = null)
    {
        Rules = rules ?? RfmRuleSet.Default;
        Recency = recency ?? CustomerMeasure.TimeSinceLastPurchase;
        Frequency = frequency ?? CustomerMeasure.PurchaseCount;
        Monetary = monetary ?? CustomerMeasure.Revenue;
        _recencyCuts = ValidateCuts(recencyCuts, nameof(recencyCuts));
        _frequencyCuts = ValidateCuts(frequencyCuts, nameof(frequencyCuts));
        _monetaryCuts = ValidateCuts(monetaryCuts, nameof(monetaryCuts));
    }

    /// <summary>The named segments.</summary>
    public RfmRuleSet Rules { get; }

    /// <summary>The recency axis: time since the last purchase, less is better.</summary>
    public CustomerMeasure Recency { get; }

    /// <summary>The frequency axis.</summary>
    public CustomerMeasure Frequency { get; }

    /// <summary>The monetary axis.</summary>
    public CustomerMeasure Monetary { get; }

    /// <summary>Fits the cut points that are not fixed (quintiles of the population).</summary>
    /// <param name="population">The customers.</param>
    /// <returns>The segmenter.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="population"/> is null or holds a null.</exception>
    /// <exception cref="ArgumentException">Some cut points are quintiles and <paramref name="population"/> is empty.</exception>
    /// <exception cref="MeasureEvaluationException">A measure cannot value a customer.</exception>
    public RfmSegmenter Fit(IReadOnlyList<CustomerSummary> population)
    {
        var customers = CustomerSummaryCollection.Of(population);
        if (_recencyCuts is null || _frequencyCuts is null || _monetaryCuts is null)
        {
            Population.RequireNotEmpty(customers.Count, nameof(population), "an RFM scoring by quintiles");
        }

        return new RfmSegmenter(
            this,
            _recencyCuts ?? Quintiles(Recency, customers),
            _frequencyCuts ?? Quintiles(Frequency, customers),
            _monetaryCuts ?? Quintiles(Monetary, customers),
            fitted: (_recencyCuts is null, _frequencyCuts is null, _monetaryCuts is null));
    }

    ICustomerSegmenter ISegmentationStrategy.Fit(IReadOnlyList<CustomerSummary> population) => Fit(population);

    private static double[] Quintiles(CustomerMeasure measure, CustomerSummaryCollection customers) =>
        Quantiles.Lower(customers.ValuesArray(measure), 0.2, 0.4, 0.6, 0.8);

    internal static double[]? ValidateCuts(IReadOnlyList<double>? cuts, string parameterName)
    {
        if (cuts is null)
        {
            return null;
        }

        var copy = cuts.ToArray();
        if (copy.Length != 4)
        {
            throw new ArgumentException($"RFM scores 1–5 need four cut points, got {copy.Length}.", parameterName);
        }

        for (int i = 0; i < 4; i++)
        {
            if (!double.IsFinite(copy[i]))
            {
                throw new ArgumentOutOfRangeException(parameterName, copy[i], $"Cut point #{i} must be finite.");
            }

            if (i > 0 && copy[i] < copy[i - 1])
            {
                throw new ArgumentException($"Cut points are out of order: #{i} ({copy[i]}) is below #{i - 1} ({copy[i - 1]}); give them in non-decreasing order.", parameterName);
            }
        }

        return copy;
    }
}
