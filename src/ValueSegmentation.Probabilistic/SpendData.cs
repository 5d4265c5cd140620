using System.Data.Common;
using System.Globalization;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic;

/// <summary>
/// The input of the Gamma-Gamma spend model: for each repeat customer the number of repeat purchases x ≥ 1 and
/// their mean value m̄ &gt; 0, compressed into weighted rows.
/// </summary>
/// <remarks>
/// <para>The model describes positive spend only: a mean repeat spend of 0 or less (free orders, returns larger than
/// purchases) makes its likelihood undefined. Such customers are an error by default, naming the customer; build
/// with <see cref="NonPositiveSpend.Exclude"/> to leave them out, and <see cref="ExcludedCustomers"/> counts them, so
/// nothing is dropped silently. Customers without a repeat purchase carry no repeat spend and are never included;
/// <see cref="OneTimeBuyers"/> counts them.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class SpendData
{
    private readonly int[] _frequency;
    private readonly double[] _meanSpend;
    private readonly double[] _weight;

    private SpendData(int[] frequency, double[] meanSpend, double[] weight, int excluded, int oneTimeBuyers, NonPositiveSpend nonPositiveSpend)
    {
        NonPositiveSpend = nonPositiveSpend;
        _frequency = frequency;
        _meanSpend = meanSpend;
        _weight = weight;
        ExcludedCustomers = excluded;
        OneTimeBuyers = oneTimeBuyers;
        CustomerCount = weight.Sum();
    }

    /// <summary>What the data did with a repeat customer whose mean spend is not positive; a model fitted on the data
    /// keeps the policy (<see cref="GammaGammaModel.NonPositiveSpend"/>).</summary>
    public NonPositiveSpend NonPositiveSpend { get; }

    /// <summary>The number of distinct (x, m̄) rows.</summary>
    public int RowCount => _frequency.Length;

    /// <summary>The number of customers included: the sum of the weights.</summary>
    public double CustomerCount { get; }

    /// <summary>Repeat customers left out because their mean spend was not positive (with <see cref="NonPositiveSpend.Exclude"/>).</summary>
    public int ExcludedCustomers { get; }

    /// <summary>Customers without a repeat purchase, who have no repeat spend and are not part of the data.</summary>
    public int OneTimeBuyers { get; }

    internal ReadOnlySpan<int> Frequency => _frequency;

    internal ReadOnlySpan<double> MeanSpend => _meanSpend;

    internal ReadOnlySpan<double> Weight => _weight;

    /// <summary>The row at <paramref name="index"/>.</summary>
    /// <param name="index">The row's position.</param>
    /// <returns>Its frequency, mean spend and weight.</returns>
    public SpendRow this[int index] => new(_frequency[index], _meanSpend[index], _weight[index]);

    /// <summary>The repeat customers of summaries: x = <see cref="CustomerSummary.Frequency"/>, m̄ = <see cref="CustomerSummary.MonetaryValue"/>.</summary>
    /// <param name="customers">The summaries.</param>
    /// <param name="nonPositive">What to do with a repeat customer whose mean spend is not positive.</param>
    /// <returns>The data.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null or holds a null.</exception>
    /// <exception cref="ArgumentException">No customer has a repeat purchase (with positive spend), or a mean spend
    /// is not positive and <paramref name="nonPositive"/> is <see cref="NonPositiveSpend.Reject"/>.</exception>
    public static SpendData FromSummaries(IEnumerable<CustomerSummary> customers, NonPositiveSpend nonPositive = NonPositiveSpend.Reject)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var builder = new Builder(Guard.Defined(nonPositive), nameof(customers));
        if (customers is CustomerSummaryCollection { IsColumnar: true } population)
        {
            // Read as columns, a block at a time: no summary object per customer.
            const int Block = 256;
            Span<double> frequency = stackalloc double[Block];
            Span<double> meanSpend = stackalloc double[Block];
            Func<int, string> describe = i => $"customer '{population.CustomerIdAt(i)}' (#{i})";
            for (int start = 0; start < population.Count; start += Block)
            {
                int count = Math.Min(Block, population.Count - start);
                population.CopyColumn(SummaryColumn.Frequency, start, frequency[..count]);
                population.CopyColumn(SummaryColumn.MonetaryValue, start, meanSpend[..count]);
                for (int i = 0; i < count; i++)
                {
                    builder.Add((int)frequency[i], meanSpend[i], 1, start + i, describe);
                }
            }

            return builder.Build();
        }

        var summaries = customers as IReadOnlyList<CustomerSummary> ?? [.. customers];
        Func<int, string> who = i => $"customer '{summaries[i].CustomerId}' (#{i})";
        for (int index = 0; index < summaries.Count; index++)
        {
            var customer = summaries[index] ?? throw new ArgumentNullException(nameof(customers), $"Customer #{index} is null.");
            builder.Add(customer.Frequency, customer.MonetaryValue, 1, index, who);
        }

        return builder.Build();
    }

    /// <summary>
    /// The data of a query's rows, streamed from any ADO.NET reader: the repeat buyers' frequency and mean spend with
    /// the number of customers of each row (the columns frequency, mean_spend and customers of
    /// <c>ValueSegmentation.Sql.SummarySql.CreateSpendStatistics</c>; without a customers column, one customer per row).
    /// The Gamma-Gamma likelihood does not compress beyond distinct (x, m̄) pairs, so for many millions of repeat buyers
    /// ask for a sample: a seeded reservoir sample of <paramref name="sampleSize"/> customers (uniform over customers,
    /// whatever the rows' weights, and the same for the same rows in the same order and seed), which estimates the
    /// parameters with a sampling error of order 1/√sampleSize instead of reading them all.
    /// </summary>
    /// <param name="reader">The reader, before its first row; read to the end, not closed.</param>
    /// <param name="nonPositive">What to do with a repeat buyer whose mean spend is not positive.</param>
    /// <param name="sampleSize">The customers to keep, at least 1; <see langword="null"/> for all of them.</param>
    /// <param name="seed">The seed of the sample.</param>
    /// <returns>The data.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sampleSize"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">A column is missing, an entry is invalid, or nothing is left.</exception>
    /// <exception cref="InvalidDataException">A value is NULL or not a number, or a frequency (or, when sampling, a
    /// number of customers) is not a whole number (the message gives the row and column).</exception>
    public static SpendData FromReader(DbDataReader reader, NonPositiveSpend nonPositive = NonPositiveSpend.Reject, int? sampleSize = null, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (sampleSize is { } size)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(size, 1, nameof(sampleSize));
        }

        var columns = QueryColumns.Find(reader, nameof(reader), ["frequency", "mean_spend"], "customers");
        var builder = new Builder(Guard.Defined(nonPositive), nameof(reader));
        var sample = sampleSize is { } capacity ? new List<(int X, double Spend)>(Math.Min(capacity, 1 << 20)) : null;
        var random = new Random(seed);
        long seen = 0;
        while (columns.Read())
        {
            int x = columns.Count(0), row = columns.Index;
            double spend = columns.Number(1);
            if (sample is null || x == 0 || !(spend > 0))
            {
                builder.Add(x, spend, columns.Number(2), row, RowOf);
                continue;
            }

            // Algorithm R over the customers of the row: the i-th customer replaces a random kept one with probability k/i.
            for (int customer = 0, customers = columns.Count(2); customer < customers; customer++, seen++)
            {
                if (seen < sampleSize)
                {
                    sample.Add((x, spend));
                }
                else if (random.NextInt64(seen + 1) is var slot && slot < sample.Count)
                {
                    sample[(int)slot] = (x, spend);
                }
            }
        }

        foreach (var (x, spend) in sample ?? [])
        {
            builder.Add(x, spend, 1, 0, _ => "a sampled customer");
        }

        return builder.Build();

        static string RowOf(int i) => string.Create(CultureInfo.InvariantCulture, $"row {i + 1}");
    }

    /// <summary>The data of columns, one entry per customer (or per group, with weights).</summary>
    /// <param name="frequency">Repeat purchases x; entries with x = 0 are counted in <see cref="OneTimeBuyers"/> and skipped.</param>
    /// <param name="meanSpend">Mean value of the repeat purchases; positive where x ≥ 1.</param>
    /// <param name="weights">Optional number of customers per entry; 1 each by default.</param>
    /// <param name="nonPositive">What to do with a non-positive mean spend.</param>
    /// <returns>The data.</returns>
    /// <exception cref="ArgumentNullException">A column is null.</exception>
    /// <exception cref="ArgumentException">The columns differ in length, an entry is invalid, or nothing is left.</exception>
    public static SpendData FromColumns(IReadOnlyList<int> frequency, IReadOnlyList<double> meanSpend, IReadOnlyList<double>? weights = null, NonPositiveSpend nonPositive = NonPositiveSpend.Reject)
    {
        ArgumentNullException.ThrowIfNull(frequency);
        ArgumentNullException.ThrowIfNull(meanSpend);
        if (meanSpend.Count != frequency.Count || (weights is not null && weights.Count != frequency.Count))
        {
            throw new ArgumentException($"The columns differ in length: frequency {frequency.Count}, mean spend {meanSpend.Count}{(weights is null ? string.Empty : $", weights {weights.Count}")}.", nameof(meanSpend));
        }

        var builder = new Builder(Guard.Defined(nonPositive), nameof(meanSpend));
        for (int i = 0; i < frequency.Count; i++)
        {
            builder.Add(frequency[i], meanSpend[i], weights?[i] ?? 1, i, Entry);
        }

        return builder.Build();

        static string Entry(int i) => string.Create(CultureInfo.InvariantCulture, $"entry #{i}");
    }

    private sealed class Builder(NonPositiveSpend nonPositive, string parameterName)
    {
        private readonly Dictionary<(int, double), int> _rows = [];
        private readonly List<int> _x = [];
        private readonly List<double> _spend = [];
        private readonly List<double> _weight = [];
        private double _excluded;
        private double _oneTime;

        /// <param name="x">Repeat purchases.</param>
        /// <param name="spend">Mean repeat spend.</param>
        /// <param name="weight">Customers the entry stands for.</param>
        /// <param name="index">The entry's position, for messages.</param>
        /// <param name="describe">Names the entry at a position in a message (called only to refuse it).</param>
        public void Add(int x, double spend, double weight, int index, Func<int, string> describe)
        {
            if (x < 0 || !double.IsFinite(spend) || !double.IsFinite(weight) || weight < 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"For {describe(index)}: invalid x = {x}, mean spend = {spend}, weight = {weight}."), parameterName);
            }

            if (x == 0)
            {
                _oneTime += weight;
                return;
            }

            if (spend <= 0)
            {
                if (nonPositive == NonPositiveSpend.Exclude)
                {
                    _excluded += weight;
                    return;
                }

                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"For {describe(index)}: the mean repeat spend is {spend}; the Gamma-Gamma model needs positive spend. Leave such customers out with NonPositiveSpend.Exclude (they are counted), or value them another way."),
                    parameterName);
            }

            if (weight == 0)
            {
                return;
            }

            if (_rows.TryGetValue((x, spend), out int row))
            {
                _weight[row] += weight;
                return;
            }

            _rows.Add((x, spend), _x.Count);
            _x.Add(x);
            _spend.Add(spend);
            _weight.Add(weight);
        }

        public SpendData Build() =>
            _x.Count == 0
                ? throw new ArgumentException($"No customer has a repeat purchase with positive spend ({_oneTime} one-time buyers, {_excluded} excluded); the Gamma-Gamma model needs some.", parameterName)
                : new SpendData([.. _x], [.. _spend], [.. _weight], (int)Math.Round(_excluded), (int)Math.Round(_oneTime), nonPositive);
    }
}
