using System.Collections.ObjectModel;
using System.Globalization;
using ValueSegmentation.Segmentation;

namespace ValueSegmentation.Transactions;

/// <summary>
/// Time-invariant covariates of customers — facts fixed when a customer is acquired: the channel, the region, the value
/// of the first basket — as a name per column and, for each customer id, one finite value per column (a 0/1 column per
/// level of a categorical covariate, see <see cref="CategoricalCovariate.OneHot"/>). The probabilistic models with
/// covariates look each customer up here by <see cref="CustomerSummary.CustomerId"/>; <see cref="Measure"/> makes a
/// covariate an axis to segment on; the data package reads them from a file or a query.
/// </summary>
/// <remarks>
/// <para>Centre and scale continuous covariates (subtract the mean, divide by the standard deviation, or take the
/// logarithm of an amount): the models' baseline is the customer with every covariate 0, and each effect is searched
/// within |γ| ≤ 50, so a raw calendar year or an amount in cents makes the baseline meaningless and the search
/// ill-conditioned. <see cref="Standardized"/> does it.</para>
/// <para>Immutable and thread-safe; the values are copied.</para>
/// </remarks>
public sealed class CustomerCovariates
{
    private readonly Dictionary<string, ReadOnlyCollection<double>> _values;

    /// <summary>Creates the covariates.</summary>
    /// <param name="names">The columns' names, distinct.</param>
    /// <param name="values">Each customer's id and values, one per name.</param>
    /// <exception cref="ArgumentNullException">An argument, a name, an id or a value list is null.</exception>
    /// <exception cref="ArgumentException">No names, a name repeated, a customer repeated, a customer with another number
    /// of values than names, or a value that is not finite (the message names the customer and the column).</exception>
    public CustomerCovariates(IReadOnlyList<string> names, IEnumerable<KeyValuePair<string, IReadOnlyList<double>>> values)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(values);
        Names = CheckNames(names, nameof(names));
        _values = new Dictionary<string, ReadOnlyCollection<double>>(StringComparer.Ordinal);
        foreach (var (id, row) in values)
        {
            ArgumentNullException.ThrowIfNull(id, nameof(values));
            ArgumentNullException.ThrowIfNull(row, nameof(values));
            if (row.Count != Names.Count)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Customer '{id}' has {row.Count} covariate values; the names are {Names.Count} ({string.Join(", ", Names)})."), nameof(values));
            }

            for (int j = 0; j < row.Count; j++)
            {
                if (!double.IsFinite(row[j]))
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Customer '{id}' has {row[j]} for covariate '{Names[j]}'; covariates must be finite numbers."), nameof(values));
                }
            }

            if (!_values.TryAdd(id, Array.AsReadOnly(row.ToArray())))
            {
                throw new ArgumentException($"Customer '{id}' is given more than once.", nameof(values));
            }
        }
    }

    private CustomerCovariates(IReadOnlyList<string> names, Dictionary<string, double[]> values)
    {
        Names = names;
        _values = values.ToDictionary(pair => pair.Key, pair => Array.AsReadOnly(pair.Value), StringComparer.Ordinal);
    }

    /// <summary>The columns' names.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The number of customers with covariates.</summary>
    public int Count => _values.Count;

    /// <summary>The customers' ids.</summary>
    public IEnumerable<string> CustomerIds => _values.Keys;

    /// <summary>A customer's values, in the order of <see cref="Names"/>.</summary>
    /// <param name="customerId">The customer's id.</param>
    /// <returns>The values.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customerId"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">The customer has no covariates here.</exception>
    public IReadOnlyList<double> this[string customerId]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(customerId);
            return _values.TryGetValue(customerId, out var row)
                ? row
                : throw new KeyNotFoundException($"Customer '{customerId}' has no covariates (covariates are given for {Count:N0} customers: {string.Join(", ", Names)}).");
        }
    }

    /// <summary>Whether a customer has covariates here.</summary>
    /// <param name="customerId">The customer's id.</param>
    /// <returns><see langword="true"/> when the customer has values.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customerId"/> is null.</exception>
    public bool Contains(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        return _values.ContainsKey(customerId);
    }

    /// <summary>A covariate as a measure (an axis): each customer's value of the column, so that a strategy can segment
    /// on it, a report can show it, or a pipeline can take it with <c>AddMeasure</c>.</summary>
    /// <param name="name">The column.</param>
    /// <returns>The measure, named after the column; evaluating it for a customer without covariates throws
    /// <see cref="KeyNotFoundException"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a column.</exception>
    public CustomerMeasure Measure(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        int column = IndexOf(name, nameof(name));
        return new CustomerMeasure(name, customer => this[customer.CustomerId][column]);
    }

    /// <summary>Some of the columns, in the order given.</summary>
    /// <param name="names">The columns to keep.</param>
    /// <returns>The covariates with those columns only.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="names"/> is null.</exception>
    /// <exception cref="ArgumentException">A name is not a column, or is repeated.</exception>
    public CustomerCovariates Select(params IReadOnlyList<string> names)
    {
        var kept = CheckNames(names, nameof(names));
        var indexes = kept.Select(name => IndexOf(name, nameof(names))).ToArray();
        var values = _values.ToDictionary(pair => pair.Key, pair => indexes.Select(j => pair.Value[j]).ToArray(), StringComparer.Ordinal);
        return new CustomerCovariates(kept, values);
    }

    /// <summary>
    /// The covariates with some columns standardised: each minus its mean over the customers here, divided by its
    /// (population) standard deviation, so that 0 is the average customer and a unit is one standard deviation. A column
    /// that does not vary becomes 0. The others are kept as they are (0/1 columns of a categorical covariate read best
    /// unscaled).
    /// </summary>
    /// <param name="names">The columns to standardise; none for every column.</param>
    /// <returns>The standardised covariates.</returns>
    /// <exception cref="ArgumentException">A name is not a column.</exception>
    public CustomerCovariates Standardized(params IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var columns = names.Count == 0 ? Enumerable.Range(0, Names.Count).ToArray() : names.Select(name => IndexOf(name, nameof(names))).Distinct().ToArray();
        var values = _values.ToDictionary(pair => pair.Key, pair => pair.Value.ToArray(), StringComparer.Ordinal);
        foreach (int j in columns)
        {
            double mean = 0, squares = 0;
            int n = 0;
            foreach (var row in _values.Values)
            {
                // Welford's update: no cancellation for columns with a large mean.
                n++;
                double delta = row[j] - mean;
                mean += delta / n;
                squares += delta * (row[j] - mean);
            }

            double deviation = n > 0 ? Math.Sqrt(squares / n) : 0;
            foreach (var row in values.Values)
            {
                row[j] = deviation > 0 ? (row[j] - mean) / deviation : 0;
            }
        }

        return new CustomerCovariates(Names, values);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Count:N0} customers × {Names.Count} covariates ({string.Join(", ", Names)})");

    /// <summary>The position of a column among <see cref="Names"/>.</summary>
    /// <param name="name">The column's name (compared ordinally).</param>
    /// <returns>Its zero-based index, or −1 when there is no such column.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public int IndexOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Array.IndexOf((string[])Names, name);
    }

    private int IndexOf(string name, string parameterName)
    {
        int index = IndexOf(name);
        return index >= 0 ? index : throw new ArgumentException($"'{name}' is not a covariate; the covariates are {string.Join(", ", Names)}.", parameterName);
    }

    private static string[] CheckNames(IReadOnlyList<string> names, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(names, parameterName);
        var copy = names.ToArray();
        if (copy.Length == 0)
        {
            throw new ArgumentException("Give at least one covariate name.", parameterName);
        }

        foreach (string name in copy)
        {
            ArgumentNullException.ThrowIfNull(name, parameterName);
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException("A covariate name is empty.", parameterName);
            }
        }

        var repeated = copy.GroupBy(name => name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        return repeated is null ? copy : throw new ArgumentException($"The covariate '{repeated.Key}' is named more than once.", parameterName);
    }
}
