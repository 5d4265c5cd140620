using System.Globalization;

namespace ValueSegmentation.Probabilistic;

/// <summary>
/// The input of the BG/BB model: for each customer the repeat transactions x in n discrete opportunities and the
/// opportunity t<sub>x</sub> of the last one, compressed into weighted rows of identical (x, t<sub>x</sub>, n).
/// </summary>
/// <remarks>Fader, Hardie &amp; Shang (2010): 0 ≤ x ≤ t<sub>x</sub> ≤ n, with t<sub>x</sub> = 0 exactly when x = 0.
/// The number of opportunities n is at most 1,000,000 (for example daily opportunities over 2,700 years): the
/// likelihood of a history sums over its opportunities after t<sub>x</sub>, so the bound bounds the work of one
/// evaluation. Immutable and thread-safe.</remarks>
public sealed class DiscreteRepeatData
{
    /// <summary>The largest number of opportunities n accepted for a history (and of future opportunities a BG/BB
    /// expectation sums over).</summary>
    internal const int MaxOpportunities = 1_000_000;

    private readonly DiscreteRepeatRow[] _rows;

    private DiscreteRepeatData(DiscreteRepeatRow[] rows)
    {
        _rows = rows;
        CustomerCount = rows.Sum(r => r.Weight);
    }

    /// <summary>The number of distinct rows.</summary>
    public int RowCount => _rows.Length;

    /// <summary>The number of customers: the sum of the weights.</summary>
    public double CustomerCount { get; }

    /// <summary>The row at <paramref name="index"/>.</summary>
    /// <param name="index">The row's position.</param>
    /// <returns>The row.</returns>
    public DiscreteRepeatRow this[int index] => _rows[index];

    /// <summary>The data of columns, one entry per customer or per group of identical customers.</summary>
    /// <param name="frequency">Repeat transactions x.</param>
    /// <param name="recency">Opportunity of the last repeat transaction t<sub>x</sub> (0 when x = 0).</param>
    /// <param name="opportunities">Opportunities n.</param>
    /// <param name="weights">Optional number of customers per entry (finite, not negative); 1 each by default.</param>
    /// <returns>The compressed data.</returns>
    /// <exception cref="ArgumentNullException">A column is null.</exception>
    /// <exception cref="ArgumentException">The columns differ in length or are empty, an entry is invalid (the
    /// message gives its index and values), or the weights are all 0 or sum beyond the largest double (the exception
    /// names <paramref name="weights"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">An entry has more than 1,000,000 opportunities (the exception names
    /// <paramref name="opportunities"/>).</exception>
    public static DiscreteRepeatData FromColumns(IReadOnlyList<int> frequency, IReadOnlyList<int> recency, IReadOnlyList<int> opportunities, IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(frequency);
        ArgumentNullException.ThrowIfNull(recency);
        ArgumentNullException.ThrowIfNull(opportunities);
        if (recency.Count != frequency.Count || opportunities.Count != frequency.Count || (weights is not null && weights.Count != frequency.Count))
        {
            throw new ArgumentException("The columns differ in length.", nameof(recency));
        }

        var index = new Dictionary<(int, int, int), int>();
        var rows = new List<DiscreteRepeatRow>();
        for (int i = 0; i < frequency.Count; i++)
        {
            string where = string.Create(CultureInfo.InvariantCulture, $"Entry #{i}: ");
            Validate(frequency[i], recency[i], opportunities[i], nameof(frequency), where, nameof(opportunities));
            double weight = weights?[i] ?? 1;
            if (!double.IsFinite(weight) || weight < 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{where}weight {weight} must be finite and not negative."), nameof(weights));
            }

            if (weight == 0)
            {
                continue;
            }

            var key = (frequency[i], recency[i], opportunities[i]);
            if (index.TryGetValue(key, out int row))
            {
                rows[row] = rows[row] with { Weight = rows[row].Weight + weight };
            }
            else
            {
                index.Add(key, rows.Count);
                rows.Add(new DiscreteRepeatRow(frequency[i], recency[i], opportunities[i], weight));
            }
        }

        if (rows.Count == 0)
        {
            throw new ArgumentException("There are no customers (no entries, or every weight is 0); a model needs data.", frequency.Count == 0 ? nameof(frequency) : nameof(weights));
        }

        var data = new DiscreteRepeatData([.. rows]);
        return double.IsFinite(data.CustomerCount)
            ? data
            : throw new ArgumentException("The weights sum to more than the largest double; a model needs a finite number of customers.", nameof(weights));
    }

    /// <summary>Checks one history: an <see cref="ArgumentException"/> naming <paramref name="parameterName"/> when it is
    /// inconsistent, an <see cref="ArgumentOutOfRangeException"/> naming <paramref name="opportunitiesName"/> when n
    /// exceeds <see cref="MaxOpportunities"/>.</summary>
    internal static void Validate(int x, int recency, int opportunities, string parameterName, string where, string opportunitiesName = "opportunities")
    {
        if (opportunities > MaxOpportunities)
        {
            throw new ArgumentOutOfRangeException(
                opportunitiesName,
                opportunities,
                string.Create(CultureInfo.InvariantCulture, $"{where}n = {opportunities} opportunities exceeds the largest supported, {MaxOpportunities:N0}."));
        }

        if (x < 0 || recency < x || recency > opportunities || (x == 0) != (recency == 0))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{where}invalid history x = {x}, t_x = {recency}, n = {opportunities}: it needs 0 ≤ x ≤ t_x ≤ n, with t_x = 0 exactly when x = 0."),
                parameterName);
        }
    }
}
