using System.Data.Common;
using System.Globalization;
using ValueSegmentation.Data.Internal;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Data;

/// <summary>
/// Reads customers' time-invariant covariates — an acquisition channel, a region, the value of the first basket — from a
/// CSV file or any <see cref="DbDataReader"/> into <see cref="CustomerCovariates"/>, for the probabilistic models with
/// covariates and for segmenting on a covariate. The source is a customer table (one row per customer) or a transaction
/// log with covariate columns: a customer on several rows must have the same values on each (they are time-invariant);
/// a row that disagrees with the customer's first is a bad row.
/// </summary>
/// <remarks>
/// <para>Numeric columns are parsed in the options' culture and must be finite; categorical columns become one 0/1 column
/// per level but the reference (<see cref="CovariateColumn.Categorical"/>), named "name=level", in the order the levels
/// first appear. Under <see cref="BadRowPolicy.Collect"/> bad rows are recorded and left out; the report says rows read =
/// used + rejected. The pseudonymiser of the options, when given, turns ids as the transaction reader does, so the
/// covariates match the summaries of a pseudonymised log.</para>
/// <para>Stateless and thread-safe: each call reads its own source.</para>
/// </remarks>
public static class CovariateTableReader
{
    /// <summary>Reads covariates from a CSV file (gzip-compressed when its name ends in .gz or its bytes say so).</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">The columns to read and how.</param>
    /// <param name="format">The file's layout; <see langword="null"/> for <see cref="CsvFormat.Default"/>.</param>
    /// <returns>The covariates and the report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty, or an option is out of range.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="DataReadException">A row is bad (fail fast), more rows are rejected than allowed, a column is
    /// missing or named twice, a reference level never occurs, or no row is left.</exception>
    public static CovariateReadResult ReadCsv(string path, CovariateReadOptions options, CsvFormat? format = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        using (var rows = SourceRows.OpenCsvFile(path, format ?? CsvFormat.Default, options))
        {
            return ReadRows(rows, options);
        }
    }

    /// <summary>Reads covariates from a database reader.</summary>
    /// <param name="reader">The reader, positioned before its first row; read to the end, not closed.</param>
    /// <param name="options">The columns to read and how.</param>
    /// <param name="sourceName">What to call the source in reports and errors; default "query".</param>
    /// <returns>The covariates and the report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="DataReadException">As for <see cref="ReadCsv"/>.</exception>
    public static CovariateReadResult Read(DbDataReader reader, CovariateReadOptions options, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return ReadRows(SourceRows.Over(reader, sourceName ?? "query", ownsReader: false, options), options);
    }

    private static CovariateReadResult ReadRows(SourceRows rows, CovariateReadOptions options)
    {
        var table = new Table(rows, options);
        rows.ReadEach(table.Add);
        return table.Build();
    }

    /// <summary>The customers read so far, with the line of each one's first row.</summary>
    private sealed class Table
    {
        private readonly SourceRows _rows;
        private readonly CovariateReadOptions _options;
        private readonly int _id;
        private readonly int[] _ordinals;
        private readonly string[] _names;
        private readonly Dictionary<string, (long Line, double[] Numbers, string?[] Levels)> _customers = new(StringComparer.Ordinal);
        private readonly List<string> _order = [];

        public Table(SourceRows rows, CovariateReadOptions options)
        {
            _rows = rows;
            _options = options;
            var resolver = rows.Columns;
            _id = resolver.Required(options.CustomerId, TransactionColumns.CustomerIdNames, 0, "customer id", "CovariateReadOptions.CustomerId");
            _ordinals = [.. options.Covariates.Select(column => resolver.Optional(column.Column, [], -1, "CovariateReadOptions.Covariates"))];
            _names = [.. options.Covariates.Select((column, j) => column.Name ?? resolver.NameOf(_ordinals[j]) ?? string.Create(CultureInfo.InvariantCulture, $"column {_ordinals[j] + 1}"))];
            var repeated = _names.GroupBy(name => name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
            if (repeated is not null)
            {
                throw new ArgumentException($"Two covariates are named '{repeated.Key}'; give one a name of its own (CovariateColumn's name).", nameof(options));
            }
        }

        /// <summary>The current row: a new customer, a repeat that agrees, or a rejected row.</summary>
        public void Add()
        {
            if (!_rows.HasAllFields() || Id() is not { } id)
            {
                return;
            }

            int k = _ordinals.Length;
            var numbers = new double[k];
            var levels = new string?[k];
            for (int j = 0; j < k; j++)
            {
                if (!(_options.Covariates[j].IsCategorical ? Level(j, out levels[j]) : Number(j, out numbers[j])))
                {
                    return;
                }
            }

            if (_customers.TryGetValue(id, out var first))
            {
                for (int j = 0; j < k; j++)
                {
                    bool same = _options.Covariates[j].IsCategorical ? string.Equals(levels[j], first.Levels[j], StringComparison.Ordinal) : numbers[j] == first.Numbers[j];
                    if (!same)
                    {
                        string before = _options.Covariates[j].IsCategorical ? $"'{first.Levels[j]}'" : first.Numbers[j].ToString("R", CultureInfo.InvariantCulture);
                        _rows.Reject(_ordinals[j], _rows.Raw(_ordinals[j]), string.Create(CultureInfo.InvariantCulture, $"Customer '{id}' has another value of covariate '{_names[j]}' than on line {first.Line} ({before}); covariates are time-invariant."));
                        return;
                    }
                }
            }
            else
            {
                _customers.Add(id, (_rows.Line, numbers, levels));
                _order.Add(id);
            }

            _rows.Used();
        }

        public CovariateReadResult Build()
        {
            if (_order.Count == 0)
            {
                throw new DataReadException(_rows.SourceName, 0, 0, null, null, "No customer's covariates were read: the source has no good row.", "reader");
            }

            // Each categorical column's levels in order of first appearance, the reference checked and left out.
            var names = new List<string>();
            var layout = new List<(int Column, string? Level)>();
            for (int j = 0; j < _ordinals.Length; j++)
            {
                var column = _options.Covariates[j];
                if (!column.IsCategorical)
                {
                    names.Add(_names[j]);
                    layout.Add((j, null));
                    continue;
                }

                var levels = _order.Select(id => _customers[id].Levels[j]!).Distinct(StringComparer.Ordinal).ToList();
                if (!levels.Remove(column.Reference!))
                {
                    throw new DataReadException(_rows.SourceName, 0, _ordinals[j] + 1, _rows.Columns.NameOf(_ordinals[j]), column.Reference, $"The reference level '{column.Reference}' of covariate '{_names[j]}' never occurs; its levels are {string.Join(", ", levels.Select(level => $"'{level}'"))}.", "options");
                }

                foreach (string level in levels)
                {
                    names.Add($"{_names[j]}={level}");
                    layout.Add((j, level));
                }
            }

            var values = _order.Select(id =>
            {
                var (_, numbers, levels) = _customers[id];
                IReadOnlyList<double> row = [.. layout.Select(cell => cell.Level is null ? numbers[cell.Column] : string.Equals(levels[cell.Column], cell.Level, StringComparison.Ordinal) ? 1.0 : 0.0)];
                return KeyValuePair.Create(id, row);
            });
            var covariates = names.Count > 0
                ? new CustomerCovariates(names, values)
                : throw new DataReadException(_rows.SourceName, 0, 0, null, null, "Every covariate is categorical with a single level (the reference): there is nothing to read.", "options");
            return new CovariateReadResult(covariates, _rows.Report);
        }

        private string? Id() => _rows.CustomerId(_id);

        private bool Number(int j, out double value) => _rows.Number(_ordinals[j], $"covariate '{_names[j]}'", out value);

        private bool Level(int j, out string? level)
        {
            int ordinal = _ordinals[j];
            level = _rows.Trimmed(ordinal);
            if (string.IsNullOrEmpty(level))
            {
                _rows.Reject(ordinal, _rows.Raw(ordinal), $"The covariate '{_names[j]}' is empty; a category needs a level.");
                return false;
            }

            return true;
        }
    }
}
