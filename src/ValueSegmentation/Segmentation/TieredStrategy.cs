using System.Globalization;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Segmentation;

/// <summary>
/// Value tiers: customers ranked on one measure and cut into named tiers, either by fixed thresholds or by
/// shares of customers (quantile cut points fitted on the population). The default tiers are the value
/// framework of the CMO literature: <em>Highest value</em>, <em>Valuable</em> and <em>Low value</em>.
/// </summary>
/// <remarks>
/// <para>With shares, the tier cut points are order statistics: the top tier's minimum is the k-th largest
/// value with k = ⌈share × n⌉, and so on down. Customers whose value equals a cut point all join the higher
/// tier, so a tier may hold a few more customers than its share when values tie, and customers with equal
/// values always share a tier. Scaling every value by c &gt; 0 scales the cut points and changes no tier.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class TieredStrategy : ISegmentationStrategy, IValueThresholdStrategy
{
    private readonly double[]? _shares;
    private readonly double[]? _minimums;
    private readonly SegmentDefinition[] _tiers;

    private TieredStrategy(CustomerMeasure measure, double[]? shares, double[]? minimums, SegmentDefinition[] tiers)
    {
        Measure = measure;
        _shares = shares;
        _minimums = minimums;
        _tiers = tiers;
    }

    /// <summary>The default tiers, from the top: Highest value, Valuable, Low value, with their treatments.</summary>
    public static IReadOnlyList<SegmentDefinition> DefaultTiers { get; } =
    [
        new("Highest value", "Retain at almost any cost: dedicated service, recognition and exclusive offers; learn what they value."),
        new("Valuable", "Grow: cross-sell and up-sell to move them up; targeted loyalty incentives."),
        new("Low value", "Serve efficiently through low-cost channels; make money on them or let them go."),
    ];

    /// <summary>The shares of customers of <see cref="DefaultTiers"/> in <see cref="Default"/>: 20 %, 30 %, 50 %.</summary>
    public static IReadOnlyList<double> DefaultShares { get; } = [0.2, 0.3, 0.5];

    /// <summary>The measure the tiers are cut on.</summary>
    public CustomerMeasure Measure { get; }

    /// <summary>The tiers, from the top.</summary>
    public IReadOnlyList<SegmentDefinition> Tiers => _tiers;

    /// <summary>The share of customers of each tier when cut by shares; otherwise <see langword="null"/>.</summary>
    public IReadOnlyList<double>? Shares => _shares;

    /// <summary>The fixed minimum of each tier but the last when cut by thresholds; otherwise <see langword="null"/>.</summary>
    public IReadOnlyList<double>? Minimums => _minimums;

    /// <summary>The default tiering: Highest value (top 20 % of customers), Valuable (next 30 %), Low value (the other 50 %).</summary>
    /// <param name="measure">The value measure, for example a lifetime value or <see cref="CustomerMeasure.GrossProfit"/>.</param>
    /// <returns>The strategy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="measure"/> is null.</exception>
    public static TieredStrategy Default(CustomerMeasure measure) => ByShares(measure, DefaultShares);

    /// <summary>Tiers by shares of customers, from the top.</summary>
    /// <param name="measure">The value measure.</param>
    /// <param name="shares">The share of customers of each tier, from the top; each in (0, 1], summing to 1
    /// (within 10⁻⁹).</param>
    /// <param name="tiers">The tiers, as many as <paramref name="shares"/>; <see langword="null"/> for
    /// <see cref="DefaultTiers"/> (then three shares).</param>
    /// <returns>The strategy.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="measure"/> or <paramref name="shares"/> is null.</exception>
    /// <exception cref="ArgumentException">The shares are out of range or do not sum to 1, or the counts differ.</exception>
    public static TieredStrategy ByShares(CustomerMeasure measure, IReadOnlyList<double> shares, IReadOnlyList<SegmentDefinition>? tiers = null)
    {
        ArgumentNullException.ThrowIfNull(measure);
        ArgumentNullException.ThrowIfNull(shares);
        var copy = shares.ToArray();
        if (copy.Length < 2)
        {
            throw new ArgumentException($"Tiers need at least two shares, got {copy.Length}.", nameof(shares));
        }

        for (int i = 0; i < copy.Length; i++)
        {
            if (!(copy[i] > 0 && copy[i] <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(shares), copy[i], $"Share #{i} must be in (0, 1].");
            }
        }

        double total = copy.Sum();
        if (Math.Abs(total - 1) > 1e-9)
        {
            throw new ArgumentException($"The shares sum to {total.ToString(CultureInfo.InvariantCulture)}; they must sum to 1.", nameof(shares));
        }

        return new TieredStrategy(measure, copy, null, SegmentDefinition.Validate(tiers, copy.Length, [.. DefaultTiers], nameof(tiers)));
    }

    /// <summary>Tiers by fixed thresholds: a customer is in the first tier whose minimum their value reaches.</summary>
    /// <param name="measure">The value measure.</param>
    /// <param name="minimums">The minimum of each tier but the last, from the top, strictly decreasing and finite.</param>
    /// <param name="tiers">The tiers, one more than <paramref name="minimums"/>; <see langword="null"/> for
    /// <see cref="DefaultTiers"/> (then two minimums).</param>
    /// <returns>The strategy. Its <see cref="Fit"/> learns nothing and accepts an empty population.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="measure"/> or <paramref name="minimums"/> is null.</exception>
    /// <exception cref="ArgumentException">The thresholds are not finite or not strictly decreasing (out of order),
    /// or the counts differ.</exception>
    public static TieredStrategy ByThresholds(CustomerMeasure measure, IReadOnlyList<double> minimums, IReadOnlyList<SegmentDefinition>? tiers = null)
    {
        ArgumentNullException.ThrowIfNull(measure);
        ArgumentNullException.ThrowIfNull(minimums);
        var copy = minimums.ToArray();
        if (copy.Length < 1)
        {
            throw new ArgumentException("Tiers need at least one threshold.", nameof(minimums));
        }

        for (int i = 0; i < copy.Length; i++)
        {
            if (!double.IsFinite(copy[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(minimums), copy[i], $"Threshold #{i} must be finite.");
            }

            if (i > 0 && !(copy[i] < copy[i - 1]))
            {
                throw new ArgumentException(
                    $"Thresholds are out of order: #{i} ({copy[i].ToString(CultureInfo.InvariantCulture)}) is not below #{i - 1} ({copy[i - 1].ToString(CultureInfo.InvariantCulture)}); give the tiers' minimums from the top down, strictly decreasing.",
                    nameof(minimums));
            }
        }

        return new TieredStrategy(measure, null, copy, SegmentDefinition.Validate(tiers, copy.Length + 1, [.. DefaultTiers], nameof(tiers)));
    }

    /// <summary>Fits the tiers: with shares, the cut points are the population's order statistics.</summary>
    /// <param name="population">The customers.</param>
    /// <returns>The segmenter.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="population"/> is null or holds a null.</exception>
    /// <exception cref="ArgumentException">Tiers by shares and <paramref name="population"/> is empty.</exception>
    /// <exception cref="InvalidOperationException">The measure gives a non-finite value.</exception>
    public ThresholdSegmenter Fit(IReadOnlyList<CustomerSummary> population)
    {
        var customers = Population.AsSpan(population, nameof(population));
        return _minimums is not null
            ? FitValues([], 0)
            : FitValues(customers.IsEmpty ? [] : Population.Values(Measure, customers), customers.Length);
    }

    /// <inheritdoc />
    ThresholdSegmenter IValueThresholdStrategy.FitValues(double[] scratch) => FitValues(scratch, scratch.Length);

    private ThresholdSegmenter FitValues(double[] scratch, int count)
    {
        if (_minimums is not null)
        {
            return new ThresholdSegmenter(Measure, _minimums, _tiers, _ => string.Empty);
        }

        Population.RequireNotEmpty(count, "population", "a tiering by shares");
        var cumulative = new double[_shares!.Length - 1];
        for (int i = 0; i < cumulative.Length; i++)
        {
            cumulative[i] = (i == 0 ? 0 : cumulative[i - 1]) + _shares[i];
        }

        return new ThresholdSegmenter(Measure, Quantiles.TopThresholds(scratch, cumulative), _tiers, i => Explain(i, count));
    }

    ICustomerSegmenter ISegmentationStrategy.Fit(IReadOnlyList<CustomerSummary> population) => Fit(population);

    private string Explain(int tier, int population)
    {
        var shares = _shares!;
        double before = shares.Take(tier).Sum();
        return tier == 0 ? string.Create(CultureInfo.InvariantCulture, $"top {Percent(shares[0])} of {population:N0} customers")
            : tier == shares.Length - 1 ? $"bottom {Percent(shares[tier])}"
            : $"next {Percent(shares[tier])} after the top {Percent(before)}";
    }

    internal static string Percent(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";
}
