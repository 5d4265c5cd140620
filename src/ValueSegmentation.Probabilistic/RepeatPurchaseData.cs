using System.Globalization;
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

    private RepeatPurchaseData(TimeUnit timeUnit, int[] frequency, double[] recency, double[] age, double[] weight)
    {
        TimeUnit = timeUnit;
        _frequency = frequency;
        _recency = recency;
        _age = age;
        _weight = weight;
        CustomerCount = weight.Sum();
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
        var builder = new Compressor();
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

        var builder = new Compressor();
        for (int i = 0; i < frequency.Count; i++)
        {
            builder.Add(frequency[i], recency[i], age[i], weights?[i] ?? 1, i, parameterName: null);
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
    /// hash table over (x, t<sub>x</sub>, T) into growing columns, with no allocation per customer.</summary>
    private sealed class Compressor
    {
        private int[] _slots = new int[1024]; // row + 1; 0 marks an empty slot
        private int[] _x = new int[256];
        private double[] _recency = new double[256];
        private double[] _age = new double[256];
        private double[] _weight = new double[256];
        private int _count;

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
            recency += 0.0;
            age += 0.0;
            int mask = _slots.Length - 1;
            int slot = Hash(x, recency, age) & mask;
            while (_slots[slot] is int occupant and > 0)
            {
                int row = occupant - 1;
                if (_x[row] == x && _recency[row] == recency && _age[row] == age)
                {
                    _weight[row] += weight;
                    return;
                }

                slot = (slot + 1) & mask;
            }

            if (_count == _x.Length)
            {
                int capacity = _count * 2;
                Array.Resize(ref _x, capacity);
                Array.Resize(ref _recency, capacity);
                Array.Resize(ref _age, capacity);
                Array.Resize(ref _weight, capacity);
            }

            _x[_count] = x;
            _recency[_count] = recency;
            _age[_count] = age;
            _weight[_count] = weight;
            _slots[slot] = ++_count;
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
            for (int i = 0; i < _count; i++)
            {
                total += _weight[i];
            }

            // Each weight is finite, but their sum can overflow: the number of customers must be a finite double.
            return double.IsFinite(total)
                ? new(unit, _x[.._count], _recency[.._count], _age[.._count], _weight[.._count])
                : throw new ArgumentException("The weights sum to more than the largest double; a model needs a finite number of customers.", weightsName);
        }

        private static string Where(int index) => string.Create(CultureInfo.InvariantCulture, $"Customer #{index}: ");

        private static int Hash(int x, double recency, double age)
        {
            ulong h = ((ulong)(uint)x * 0x9E3779B97F4A7C15UL) ^ (ulong)BitConverter.DoubleToInt64Bits(recency);
            h = (h * 0xBF58476D1CE4E5B9UL) ^ (ulong)BitConverter.DoubleToInt64Bits(age);
            h = (h ^ (h >> 31)) * 0x94D049BB133111EBUL;
            return (int)(h >> 33);
        }

        private void Rehash()
        {
            var slots = new int[_slots.Length * 2];
            int mask = slots.Length - 1;
            for (int row = 0; row < _count; row++)
            {
                int slot = Hash(_x[row], _recency[row], _age[row]) & mask;
                while (slots[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }

                slots[slot] = row + 1;
            }

            _slots = slots;
        }
    }
}
