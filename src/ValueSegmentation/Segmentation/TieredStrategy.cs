using System.Globalization;
using ValueSegmentation.Internal;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Segmentation;

/// <summary>
/// Value tiers: customers ranked on one measure and cut into named tiers, either by shares of customers (quantile cut
/// points fitted on the population) or by fixed thresholds. The default tiers are the value framework of the CMO
/// literature: <em>Highest value</em> (top 20 %), <em>Valuable</em> (next 30 %) and <em>Low value</em> (the other 50 %).
/// </summary>
/// <remarks>
/// <para>With shares, the tier cut points are order statistics: the top tier's minimum is the k-th largest
/// value with k = ⌈share × n⌉, and so on down. Customers whose value equals a cut point all join the higher
/// tier, so a tier may hold more customers than its share when values tie, and customers with equal
/// values always share a tier; each segment states its target and realised share. A measure that is 0 for half of the
/// customers (a lifetime value of one-time buyers, say) leaves the bottom tier empty: tier on an axis that tells them
/// apart. Scaling every value by c &gt; 0 scales the cut points and changes no tier.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class TieredStrategy : IOrderStatisticStrategy
{
    private readonly double[]? _shares;
    private readonly double[]? _minimums;
    private readonly SegmentDefinition[] _definitions;

    /// <summary>Creates the strategy: by shares of customers (the default 20/30/50 % when neither shares nor minimums
    /// are given) or by fixed thresholds.</summary>
    /// <param name="measure">The value measure, for example a lifetime value or <see cref="CustomerMeasure.GrossProfit"/>.</param>
    /// <param name="shares">The share of customers of each tier, from the top; each in (0, 1], summing to 1 (within
    /// 10⁻⁹). <see langword="null"/> for <see cref="DefaultShares"/> unless <paramref name="minimums"/> is given.</param>
    /// <param name="minimums">Fixed thresholds instead of shares: the minimum of each tier but the last, from the top,
    /// strictly decreasing and finite. A customer is in the first tier whose minimum their value reaches.</param>
    /// <param name="segmentDefinitions">The tiers' names and treatments, from the top, one per tier; <see langword="null"/>
    /// for default names: <see cref="DefaultTiers"/> for three tiers; for any other count the top tier is
    /// <em>Highest value</em>, the bottom one <em>Low value</em>, and the tiers between are <em>Valuable (tier k)</em>
    /// for k = 2, 3, …, with the treatments of <see cref="DefaultTiers"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="measure"/> is null.</exception>
    /// <exception cref="ArgumentException">Both shares and minimums are given; the shares are out of range or do not
    /// sum to 1; the minimums are not finite or not strictly decreasing; or the number of definitions differs from
    /// the number of tiers.</exception>
    public TieredStrategy(CustomerMeasure measure, IReadOnlyList<double>? shares = null, IReadOnlyList<double>? minimums = null, IReadOnlyList<SegmentDefinition>? segmentDefinitions = null)
    {
        ArgumentNullException.ThrowIfNull(measure);
        if (shares is not null && minimums is not null)
        {
            throw new ArgumentException("Give the tiers either by shares of customers or by minimums, not both.", nameof(minimums));
        }

        Measure = measure;
        if (minimums is not null)
        {
            _minimums = ValidateMinimums(minimums);
            _definitions = SegmentDefinition.Validate(segmentDefinitions, _minimums.Length + 1, DefaultNames(_minimums.Length + 1), nameof(segmentDefinitions));
        }
        else
        {
            _shares = ValidateShares(shares ?? DefaultShares);
            _definitions = SegmentDefinition.Validate(segmentDefinitions, _shares.Length, DefaultNames(_shares.Length), nameof(segmentDefinitions));
        }
    }

    /// <summary>The default tiers, from the top: Highest value, Valuable, Low value, with their treatments.</summary>
    public static IReadOnlyList<SegmentDefinition> DefaultTiers { get; } =
    [
        new("Highest value", "Retain at almost any cost: dedicated service, recognition and exclusive offers; learn what they value."),
        new("Valuable", "Grow: cross-sell and up-sell to move them up; targeted loyalty incentives."),
        new("Low value", "Serve efficiently through low-cost channels; make money on them or let them go."),
    ];

    /// <summary>The default shares of customers of <see cref="DefaultTiers"/>: 20 %, 30 %, 50 %.</summary>
    public static IReadOnlyList<double> DefaultShares { get; } = [0.2, 0.3, 0.5];

    /// <summary>The measure the tiers are cut on.</summary>
    public CustomerMeasure Measure { get; }

    /// <summary>The tiers' names and treatments, from the top.</summary>
    public IReadOnlyList<SegmentDefinition> SegmentDefinitions => _definitions;

    /// <summary>The share of customers of each tier when cut by shares; otherwise <see langword="null"/>.</summary>
    public IReadOnlyList<double>? Shares => _shares;

    /// <summary>The fixed minimum of each tier but the last when cut by thresholds; otherwise <see langword="null"/>.</summary>
    public IReadOnlyList<double>? Minimums => _minimums;

    /// <summary>Fits the tiers: with shares, the cut points are the population's order statistics.</summary>
    /// <param name="population">The customers.</param>
    /// <returns>The segmenter.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="population"/> is null or holds a null.</exception>
    /// <exception cref="ArgumentException">Tiers by shares and <paramref name="population"/> is empty.</exception>
    /// <exception cref="MeasureEvaluationException">The measure cannot value a customer.</exception>
    public ThresholdSegmenter Fit(IReadOnlyList<CustomerSummary> population)
    {
        var customers = CustomerSummaryCollection.Of(population);
        if (_minimums is not null)
        {
            return FixedSegmenter(_minimums);
        }

        Population.RequireNotEmpty(customers.Count, nameof(population), "a tiering by shares");
        var values = customers.ValuesArray(Measure);
        return Segmenter(Quantiles.TopThresholds(values, CumulativeShares()), values.Length, values);
    }

    /// <inheritdoc />
    public IReadOnlyList<long> CutPointRanks(long customers) => Ranks(customers);

    /// <inheritdoc />
    public ThresholdSegmenter FromCutPoints(IReadOnlyList<double> cutPoints, long customers)
    {
        var thresholds = Quantiles.CheckCutPoints(cutPoints, Ranks(customers), nameof(cutPoints));
        return _minimums is null ? Segmenter(thresholds, customers, []) : FixedSegmenter(_minimums);
    }

    private long[] Ranks(long customers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(customers, 1);
        return _minimums is null ? Quantiles.TopRanks(CumulativeShares(), customers) : [];
    }

    /// <summary>The segmenter of cut points fitted on <paramref name="population"/> customers (their values, when at
    /// hand, state the realised shares).</summary>
    private ThresholdSegmenter Segmenter(double[] thresholds, long population, double[] values) =>
        new(Measure, thresholds, _definitions, i => Explain(i, population), _shares, values);

    /// <summary>The segmenter of fixed thresholds: no population, no target shares.</summary>
    private ThresholdSegmenter FixedSegmenter(double[] minimums) => new(Measure, minimums, _definitions, _ => string.Empty, null, []);

    /// <summary>The cumulative shares of the tiers above each cut point.</summary>
    private double[] CumulativeShares()
    {
        var cumulative = new double[_shares!.Length - 1];
        for (int i = 0; i < cumulative.Length; i++)
        {
            cumulative[i] = (i == 0 ? 0 : cumulative[i - 1]) + _shares[i];
        }

        return cumulative;
    }

    ICustomerSegmenter ISegmentationStrategy.Fit(IReadOnlyList<CustomerSummary> population) => Fit(population);

    private string Explain(int tier, long population)
    {
        var shares = _shares!;
        double before = shares.Take(tier).Sum();
        return tier == 0 ? string.Create(CultureInfo.InvariantCulture, $"top {Invariant.Percent(shares[0])} of {population:N0} customers")
            : tier == shares.Length - 1 ? $"bottom {Invariant.Percent(shares[tier])}"
            : $"next {Invariant.Percent(shares[tier])} after the top {Invariant.Percent(before)}";
    }

    /// <summary>Default names for <paramref name="count"/> tiers (at least two): the three default tiers, or the top
    /// and bottom ones with numbered <em>Valuable</em> tiers between them.</summary>
    private static SegmentDefinition[] DefaultNames(int count)
    {
        if (count == DefaultTiers.Count)
        {
            return [.. DefaultTiers];
        }

        var tiers = new SegmentDefinition[count];
        tiers[0] = DefaultTiers[0];
        for (int i = 1; i < count - 1; i++)
        {
            tiers[i] = new SegmentDefinition(string.Create(CultureInfo.InvariantCulture, $"{DefaultTiers[1].Name} (tier {i + 1})"), DefaultTiers[1].Treatment);
        }

        tiers[^1] = DefaultTiers[^1];
        return tiers;
    }

    private static double[] ValidateShares(IReadOnlyList<double> shares)
    {
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
        return Math.Abs(total - 1) <= 1e-9
            ? copy
            : throw new ArgumentException($"The shares sum to {Invariant.Number(total)}; they must sum to 1.", nameof(shares));
    }

    private static double[] ValidateMinimums(IReadOnlyList<double> minimums)
    {
        var copy = minimums.ToArray();
        if (copy.Length < 1)
        {
            throw new ArgumentException("Tiers by thresholds need at least one minimum.", nameof(minimums));
        }

        for (int i = 0; i < copy.Length; i++)
        {
            if (!double.IsFinite(copy[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(minimums), copy[i], $"Minimum #{i} must be finite.");
            }

            if (i > 0 && !(copy[i] < copy[i - 1]))
            {
                throw new ArgumentException(
                    $"Minimums are out of order: #{i} ({Invariant.Number(copy[i])}) is not below #{i - 1} ({Invariant.Number(copy[i - 1])}); give the tiers' minimums from the top down, strictly decreasing.",
                    nameof(minimums));
            }
        }

        return copy;
    }
}
