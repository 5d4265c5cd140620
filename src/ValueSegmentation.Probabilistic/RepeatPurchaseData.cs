using System.Data.Common;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic;

/// <summary>
/// The input of the transaction models (BG/NBD, Pareto/NBD, MBG/NBD): for each customer the repeat frequency x,
/// the recency t<sub>x</sub> and the age T, in one explicit time unit, compressed into weighted rows of identical
/// (x, t<sub>x</sub>, T) so that fitting costs grow with distinct histories, not customers.
/// </summary>
/// <remarks>
/// <para>Conventions (Fader, Hardie &amp; Lee 2005): x counts repeat purchase periods, t<sub>x</sub> is the age at
/// the last purchase (0 when x = 0), T the age at the end of calibration, both measured from the first purchase.
/// Rows keep the order in which their first customer came. Immutable and thread-safe.</para>
/// </remarks>
public sealed class RepeatPurchaseData
{
    private readonly int[] _frequency;
    private readonly double[] _recency;
    private readonly double[] _age;
    private readonly double[] _weight;
    private readonly Lazy<Groups?> _ageGroups;

    private RepeatPurchaseData(TimeUnit timeUnit, int[] frequency, double[] recency, double[] age, double[] weight)
    {
        TimeUnit = timeUnit;
        _frequency = frequency;
        _recency = recency;
        _age = age;
        _weight = weight;
        CustomerCount = weight.Sum();
        _ageGroups = new(() => Groups.Of(frequency, age));
        MaxFrequency = frequency.Length == 0 ? 0 : frequency.Max();
    }

    /// <summary>The unit of recency and age, and so of the models' rate parameters.</summary>
    public TimeUnit TimeUnit { get; }

    /// <summary>The number of distinct (x, t<sub>x</sub>, T) rows.</summary>
    public int RowCount => _frequency.Length;

    /// <summary>The number of customers: the sum of the weights.</summary>
    public double CustomerCount { get; }

    /// <summary>The largest repeat frequency.</summary>
    public int MaxFrequency { get; }

    internal ReadOnlySpan<int> Frequency => _frequency;

    internal ReadOnlySpan<double> Recency => _recency;

    internal ReadOnlySpan<double> Age => _age;

    internal ReadOnlySpan<double> Weight => _weight;

    /// <summary>The distinct (x, T) of the rows, when rows share them enough (at most half as many groups as rows) for a
    /// likelihood to compute its (x, T) terms once per group; null otherwise. Computed on first use.</summary>
    internal Groups? AgeGroups => _ageGroups.Value;

    /// <summary>The distinct (x, T) of a data set's rows and, for each row, its group.</summary>
    internal sealed class Groups
    {
        private Groups(int[] groupOf, int[] frequency, double[] age)
        {
            GroupOf = groupOf;
            Frequency = frequency;
            Age = age;
        }

        /// <summary>The group of each row.</summary>
        public int[] GroupOf { get; }

        /// <summary>The frequency x of each group.</summary>
        public int[] Frequency { get; }

        /// <summary>The age T of each group.</summary>
        public double[] Age { get; }

        /// <summary>The number of groups.</summary>
        public int Count => Frequency.Length;

        public static Groups? Of(int[] frequency, double[] age)
        {
            var index = new Dictionary<(int, double), int>();
            var groupOf = new int[frequency.Length];
            var x = new List<int>();
            var t = new List<double>();
            for (int i = 0; i < frequency.Length; i++)
            {
                if (!index.TryGetValue((frequency[i], age[i]), out int group))
                {
                    if (x.Count * 2 >= frequency.Length)
                    {
                        return null; // too few rows per group to pay for the indirection
                    }

                    group = x.Count;
                    index.Add((frequency[i], age[i]), group);
                    x.Add(frequency[i]);
                    t.Add(age[i]);
                }

                groupOf[i] = group;
            }

            return new Groups(groupOf, [.. x], [.. t]);
        }
    }

    /// <summary>The row at <paramref name="index"/>.</summary>
    /// <param name="index">The row's position.</param>
    /// <returns>Its frequency, recency, age and weight.</returns>
    public RepeatPurchaseRow this[int index] => new(_frequency[index], _recency[index], _age[index], _weight[index]);

    /// <summary>The data of customer summaries, in their time unit.</summary>
    /// <param name="customers">The summaries; all in one time unit.</param>
    /// <returns>The compressed data.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null or holds a null.</exception>
    /// <exception cref="ArgumentException"><paramref name="customers"/> is empty or mixes time units.</exception>
    public static RepeatPurchaseData FromSummaries(IEnumerable<CustomerSummary> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        // A handful of customers (a group of equal covariates) gets a table of its size, not the default 256 rows.
        var builder = new Compressor(customers is IReadOnlyCollection<CustomerSummary> known ? Math.Min(known.Count, 256) : 256);
        if (customers is CustomerSummaryCollection { IsColumnar: true, Count: > 0 } population)
        {
            // Read as columns, a block at a time: no summary object per customer; every row is in one time unit.
            const int Block = 256;
            Span<double> frequency = stackalloc double[Block];
            Span<double> recency = stackalloc double[Block];
            Span<double> age = stackalloc double[Block];
            for (int start = 0; start < population.Count; start += Block)
            {
                int count = Math.Min(Block, population.Count - start);
                population.CopyColumn(SummaryColumn.Frequency, start, frequency[..count]);
                population.CopyColumn(SummaryColumn.Recency, start, recency[..count]);
                population.CopyColumn(SummaryColumn.Age, start, age[..count]);
                for (int i = 0; i < count; i++)
                {
                    builder.Add((int)frequency[i], recency[i], age[i], 1, start + i, nameof(customers));
                }
            }

            return builder.Build(population[0].TimeUnit, nameof(customers));
        }

        TimeUnit? unit = null;
        int index = 0;
        foreach (var customer in customers)
        {
            if (customer is null)
            {
                throw new ArgumentNullException(nameof(customers), $"Customer #{index} is null.");
            }

            if (unit is { } u && u != customer.TimeUnit)
            {
                throw new ArgumentException($"Customer #{index} ('{customer.CustomerId}') is measured in {customer.TimeUnit}, the others in {u}.", nameof(customers));
            }

            unit = customer.TimeUnit;
            builder.Add(customer.Frequency, customer.Recency, customer.Age, 1, index++, nameof(customers));
        }

        return unit is { } timeUnit
            ? builder.Build(timeUnit, nameof(customers))
            : throw new ArgumentException("There are no customers; a model needs data.", nameof(customers));
    }

    /// <summary>
    /// The data of a query's rows, streamed from any ADO.NET reader, so that a fit needs only the compressed statistics
    /// an engine computed: one row per distinct history with its number of customers (the columns frequency, recency, t
    /// and customers of <c>ValueSegmentation.Sql.SummarySql.CreateFitStatistics</c>), or one row per customer without a
    /// customers column. Columns are found by name, case-insensitive; any numeric type is read. Rows are added as they
    /// come and repeated histories merged, so memory holds one entry per distinct history.
    /// </summary>
    /// <param name="reader">The reader, before its first row; read to the end, not closed.</param>
    /// <param name="timeUnit">The unit of recency and t.</param>
    /// <returns>The compressed data.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeUnit"/> is not defined.</exception>
    /// <exception cref="ArgumentException">A column is missing, a row is not a valid history (the message gives the entry),
    /// or there are no customers.</exception>
    /// <exception cref="InvalidDataException">A value is NULL, not a number, or a frequency is not a whole number (the
    /// message gives the row and column).</exception>
    public static RepeatPurchaseData FromReader(DbDataReader reader, TimeUnit timeUnit)
    {
        ArgumentNullException.ThrowIfNull(reader);
        Guard.Defined(timeUnit);
        var columns = QueryColumns.Find(reader, nameof(reader), ["frequency", "recency", "t"], "customers");
        var builder = new Compressor();
        while (columns.Read())
        {
            builder.Add(columns.Count(0), columns.Number(1), columns.Number(2), columns.Number(3), columns.Index, nameof(reader));
        }

        return columns.Row == 0
            ? throw new ArgumentException("The query returned no rows; a model needs data.", nameof(reader))
            : builder.Build(timeUnit, nameof(reader));
    }

    /// <summary>The data of columns, one entry per customer (or per group of identical customers, with weights).</summary>
    /// <param name="frequency">Repeat frequencies x, not negative.</param>
    /// <param name="recency">Recencies t<sub>x</sub>, from 0 to the age; 0 when x = 0.</param>
    /// <param name="age">Ages T, finite and not negative (0 for a customer acquired at the end of calibration).</param>
    /// <param name="timeUnit">The unit of recency and age.</param>
    /// <param name="weights">Optional number of customers of each entry (finite, not negative); 1 each by default.</param>
    /// <returns>The compressed data.</returns>
    /// <exception cref="ArgumentNullException">A column is null.</exception>
    /// <exception cref="ArgumentException">The columns differ in length or are empty, an entry is invalid (the
    /// message gives its index and values), or the weights are all 0 or sum beyond the largest double (the exception
    /// names <paramref name="weights"/>).</exception>
    public static RepeatPurchaseData FromColumns(
        IReadOnlyList<int> frequency,
        IReadOnlyList<double> recency,
        IReadOnlyList<double> age,
        TimeUnit timeUnit,
        IReadOnlyList<double>? weights = null)
    {
        ArgumentNullException.ThrowIfNull(frequency);
        ArgumentNullException.ThrowIfNull(recency);
        ArgumentNullException.ThrowIfNull(age);
        if (recency.Count != frequency.Count || age.Count != frequency.Count || (weights is not null && weights.Count != frequency.Count))
        {
            throw new ArgumentException($"The columns differ in length: frequency {frequency.Count}, recency {recency.Count}, age {age.Count}{(weights is null ? string.Empty : $", weights {weights.Count}")}.", nameof(recency));
        }

        if (frequency.Count == 0)
        {
            throw new ArgumentException("There are no customers; a model needs data.", nameof(frequency));
        }

        if (!Enum.IsDefined(timeUnit))
        {
            throw new ArgumentOutOfRangeException(nameof(timeUnit), timeUnit, "Not a defined TimeUnit.");
        }

        var builder = new Compressor(frequency.Count);
        if (frequency is int[] xs && recency is double[] txs && age is double[] ts && weights is null or double[])
        {
            // Arrays (the common case) without an interface call per element.
            var ws = weights as double[];
            for (int i = 0; i < xs.Length; i++)
            {
                builder.Add(xs[i], txs[i], ts[i], ws is null ? 1 : ws[i], i, parameterName: null);
            }
        }
        else
        {
            for (int i = 0; i < frequency.Count; i++)
            {
                builder.Add(frequency[i], recency[i], age[i], weights?[i] ?? 1, i, parameterName: null);
            }
        }

        return builder.Build(timeUnit, nameof(weights));
    }

    /// <summary>The longest time the transaction models take, as an age T or a horizon t: 10⁹ time units (in days, about
    /// 2.7 million years; the core's summaries stay within 10⁹ days), so that no rate × time overflows.</summary>
    internal const double MaxTime = 1e9;

    /// <summary>Whether a history satisfies x ≥ 0, 0 ≤ t<sub>x</sub> ≤ T ≤ 10⁹ and t<sub>x</sub> = 0 when x = 0.</summary>
    internal static bool IsValid(int x, double recency, double age) =>
        x >= 0 && double.IsFinite(recency) && age >= 0 && age <= MaxTime && recency >= 0 && recency <= age && (x != 0 || recency == 0);

    /// <summary>Checks one customer's history.</summary>
    /// <param name="x">The repeat frequency.</param>
    /// <param name="recency">The recency t<sub>x</sub>.</param>
    /// <param name="age">The age T.</param>
    /// <param name="parameterName">The caller's argument holding the history; null when the history is the caller's
    /// three arguments frequency, recency and age, and the one at fault is named.</param>
    /// <param name="where">A prefix locating the history, such as "Customer #3: ".</param>
    internal static void Validate(int x, double recency, double age, string? parameterName, string where)
    {
        if (!IsValid(x, recency, age))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{where}invalid history x = {x}, t_x = {recency}, T = {age}: it needs x ≥ 0, 0 ≤ t_x ≤ T ≤ 10⁹ time units, and t_x = 0 when x = 0."),
                parameterName ?? (x < 0 ? "frequency" : !(age >= 0 && age <= MaxTime) ? "age" : "recency"));
        }
    }

    /// <summary>Merges identical histories into weighted rows, in the order of their first customer: an open-addressing
    /// hash table over (x, t<sub>x</sub>, T) whose slots hold the hash with the row, so that a probe reads a row's history
    /// (one cache line) only when the hashes match, and no allocation per customer.</summary>
    private sealed class Compressor
    {
        private Slot[] _slots; // Row = row + 1; 0 marks an empty slot
        private History[] _histories;
        private double[] _weight;
        private int _count;

        /// <summary>A compressor sized for <paramref name="expected"/> customers (4 to 2²⁰ up front; it grows past that).</summary>
        public Compressor(int expected = 256)
        {
            int rows = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(expected, 4, 1 << 20));
            _slots = new Slot[2 * rows];
            _histories = new History[rows];
            _weight = new double[rows];
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(int x, double recency, double age, double weight, int index, string? parameterName)
        {
            if (!IsValid(x, recency, age))
            {
                Validate(x, recency, age, parameterName, Where(index));
            }

            if (!double.IsFinite(weight) || weight < 0)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{Where(index)}weight {weight} must be finite and not negative."), parameterName ?? "weights");
            }

            if (weight == 0)
            {
                return;
            }

            // + 0.0 turns −0 into +0, so that the bit patterns hashed and compared identify equal values.
            var history = new History(x, recency + 0.0, age + 0.0);
            int hash = history.Hash();
            int mask = _slots.Length - 1;
            int position = hash & mask;
            while (_slots[position].Row != 0)
            {
                ref readonly var slot = ref _slots[position];
                if (slot.Hash == hash && _histories[slot.Row - 1].Equals(history))
                {
                    _weight[slot.Row - 1] += weight;
                    return;
                }

                position = (position + 1) & mask;
            }

            if (_count == _histories.Length)
            {
                Array.Resize(ref _histories, _count * 2);
                Array.Resize(ref _weight, _count * 2);
            }

            _histories[_count] = history;
            _weight[_count] = weight;
            _slots[position] = new Slot(hash, ++_count);
            if (_count * 2 > _slots.Length)
            {
                Rehash();
            }
        }

        public RepeatPurchaseData Build(TimeUnit unit, string weightsName = "weights")
        {
            if (_count == 0)
            {
                throw new ArgumentException("Every weight is 0; a model needs data.", weightsName);
            }

            double total = 0;
            var x = new int[_count];
            var recency = new double[_count];
            var age = new double[_count];
            for (int i = 0; i < _count; i++)
            {
                total += _weight[i];
                (x[i], recency[i], age[i]) = (_histories[i].X, _histories[i].Recency, _histories[i].Age);
            }

            // Each weight is finite, but their sum can overflow: the number of customers must be a finite double.
            return double.IsFinite(total)
                ? new(unit, x, recency, age, _weight[.._count])
                : throw new ArgumentException("The weights sum to more than the largest double; a model needs a finite number of customers.", weightsName);
        }

        private static string Where(int index) => string.Create(CultureInfo.InvariantCulture, $"Customer #{index}: ");

        private void Rehash()
        {
            var slots = new Slot[_slots.Length * 2];
            int mask = slots.Length - 1;
            for (int row = 0; row < _count; row++)
            {
                int hash = _histories[row].Hash();
                int position = hash & mask;
                while (slots[position].Row != 0)
                {
                    position = (position + 1) & mask;
                }

                slots[position] = new Slot(hash, row + 1);
            }

            _slots = slots;
        }

        private readonly record struct Slot(int Hash, int Row);

        private readonly record struct History(int X, double Recency, double Age)
        {
            public int Hash()
            {
                ulong h = ((ulong)(uint)X * 0x9E3779B97F4A7C15UL) ^ (ulong)BitConverter.DoubleToInt64Bits(Recency);
                h = (h * 0xBF58476D1CE4E5B9UL) ^ (ulong)BitConverter.DoubleToInt64Bits(Age);
                h = (h ^ (h >> 31)) * 0x94D049BB133111EBUL;
                return (int)(h >> 32);
            }
        }
    }
}
