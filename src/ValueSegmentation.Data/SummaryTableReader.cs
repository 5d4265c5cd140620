using System.Data.Common;
using System.Runtime.InteropServices;
using ValueSegmentation.Data.Internal;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Data;

/// <summary>
/// Reads a summary table — one row per customer with frequency, recency, T and optionally monetary value, revenue, cost
/// and holdout purchases, as lifetimes, CLVTools or a warehouse compute them — from a CSV file or any
/// <see cref="DbDataReader"/>, into a <see cref="CustomerSummaryCollection"/> kept as columns.
/// </summary>
/// <remarks>
/// <para>Each row is checked as <see cref="CustomerSummary.FromNumbers"/> checks it (frequency a whole number, recency
/// at most T, and so on); a customer on two rows is a bad row. An optional column, once present, needs a value on every
/// row, except the cost, whose empty cells mean no recorded cost; without a monetary value column every customer's is 0. Under <see cref="BadRowPolicy.Collect"/> bad rows are
/// recorded and left out; the report says rows read = used + rejected.</para>
/// <para>Stateless and thread-safe: each call reads its own source.</para>
/// </remarks>
public static class SummaryTableReader
{
    /// <summary>Reads a summary table from a CSV file (gzip-compressed when its name ends in .gz or its bytes say so).</summary>
    /// <param name="path">The file.</param>
    /// <param name="timeUnit">The unit of recency and T in the file (lifetimes writes days by default, CLVTools weeks).</param>
    /// <param name="options">How to map and check the rows; <see langword="null"/> for the defaults.</param>
    /// <param name="format">The file's layout; <see langword="null"/> for <see cref="CsvFormat.Default"/>.</param>
    /// <returns>The summaries, in the order of the rows, and the report.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty, or an option is out of range.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="DataReadException">A row is bad (fail fast), more rows are rejected than allowed, or a needed
    /// column is missing or named twice.</exception>
    public static SummaryReadResult ReadCsv(string path, TimeUnit timeUnit, SummaryReadOptions? options = null, CsvFormat? format = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= SummaryReadOptions.Default;
        options.Validate();
        using (var rows = SourceRows.OpenCsvFile(path, format ?? CsvFormat.Default, options))
        {
            return ReadRows(rows, options, timeUnit);
        }
    }

    /// <summary>Reads a summary table from a database reader, synchronously.</summary>
    /// <param name="reader">The reader, positioned before its first row.</param>
    /// <param name="timeUnit">The unit of recency and T.</param>
    /// <param name="options">How to map and check the rows; <see langword="null"/> for the defaults.</param>
    /// <param name="sourceName">What to call the source in reports and errors; default "query".</param>
    /// <returns>The summaries, in the order of the rows, and the report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="DataReadException">A row is bad (fail fast), more rows are rejected than allowed, or a needed
    /// column is missing or named twice.</exception>
    public static SummaryReadResult Read(DbDataReader reader, TimeUnit timeUnit, SummaryReadOptions? options = null, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= SummaryReadOptions.Default;
        options.Validate();
        return ReadRows(SourceRows.Over(reader, sourceName ?? "query", ownsReader: false, options), options, timeUnit);
    }

    /// <summary>Reads a summary table from a database reader.</summary>
    /// <param name="reader">The reader, positioned before its first row.</param>
    /// <param name="timeUnit">The unit of recency and T.</param>
    /// <param name="options">How to map and check the rows; <see langword="null"/> for the defaults.</param>
    /// <param name="sourceName">What to call the source in reports and errors; default "query".</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The summaries, in the order of the rows, and the report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="DataReadException">A row is bad (fail fast), more rows are rejected than allowed, or a needed
    /// column is missing or named twice.</exception>
    /// <exception cref="OperationCanceledException">The read was cancelled.</exception>
    public static async Task<SummaryReadResult> ReadAsync(DbDataReader reader, TimeUnit timeUnit, SummaryReadOptions? options = null, string? sourceName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= SummaryReadOptions.Default;
        options.Validate();
        var rows = SourceRows.Over(reader, sourceName ?? "query", ownsReader: false, options);
        var table = new Table(rows, options, timeUnit);
        rows.Start();
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            table.Add();
        }

        return table.Build();
    }

    private static SummaryReadResult ReadRows(SourceRows rows, SummaryReadOptions options, TimeUnit timeUnit)
    {
        var table = new Table(rows, options, timeUnit);
        rows.ReadEach(table.Add);
        return table.Build();
    }

    /// <summary>The rows read so far, as columns.</summary>
    private sealed class Table
    {
        private readonly SourceRows _rows;
        private readonly SummaryReadOptions _options;
        private readonly TimeUnit _timeUnit;
        private readonly int _id, _frequency, _recency, _age, _monetary, _revenue, _cost, _holdoutPurchases, _holdoutRevenue;
        private readonly Dictionary<string, long> _lines = new(StringComparer.Ordinal);
        private readonly List<string> _ids = [];
        private readonly List<int> _frequencies = [];
        private readonly List<double> _recencies = [], _ages = [], _monetaryValues = [], _revenues = [], _costs = [], _holdoutRevenues = [];
        private readonly List<int> _holdoutPurchaseCounts = [];
        private bool _someCostsUnknown; // a cost column with empty cells: those customers have no cost

        public Table(SourceRows rows, SummaryReadOptions options, TimeUnit timeUnit)
        {
            if (!Enum.IsDefined(timeUnit))
            {
                throw new ArgumentOutOfRangeException(nameof(timeUnit), timeUnit, "Not a defined TimeUnit.");
            }

            _rows = rows;
            _options = options;
            _timeUnit = timeUnit;
            var columns = options.Columns;
            var resolver = rows.Columns;
            _id = resolver.Required(columns.CustomerId, SummaryTableColumns.CustomerIdNames, 0, "customer id", "SummaryTableColumns.CustomerId");
            _frequency = resolver.Required(columns.Frequency, SummaryTableColumns.FrequencyNames, 1, "frequency", "SummaryTableColumns.Frequency");
            _recency = resolver.Required(columns.Recency, SummaryTableColumns.RecencyNames, 2, "recency", "SummaryTableColumns.Recency");
            _age = resolver.Required(columns.Age, SummaryTableColumns.AgeNames, 3, "age (T)", "SummaryTableColumns.Age");
            _monetary = resolver.Optional(columns.MonetaryValue, SummaryTableColumns.MonetaryValueNames, 4, "SummaryTableColumns.MonetaryValue");
            _revenue = resolver.Optional(columns.Revenue, SummaryTableColumns.RevenueNames, -1, "SummaryTableColumns.Revenue");
            _cost = resolver.Optional(columns.CostOfGoods, SummaryTableColumns.CostOfGoodsNames, -1, "SummaryTableColumns.CostOfGoods");
            _holdoutPurchases = resolver.Optional(columns.HoldoutPurchases, SummaryTableColumns.HoldoutPurchasesNames, -1, "SummaryTableColumns.HoldoutPurchases");
            _holdoutRevenue = resolver.Optional(columns.HoldoutRevenue, SummaryTableColumns.HoldoutRevenueNames, -1, "SummaryTableColumns.HoldoutRevenue");
        }

        /// <summary>The current row: kept, or rejected.</summary>
        public void Add()
        {
            if (!_rows.HasAllFields() || Id() is not { } id)
            {
                return;
            }

            if (!Count(_frequency, "frequency", out int frequency)
                || !Number(_recency, "recency", out double recency)
                || !Number(_age, "age (T)", out double age)
                || !Optional(_monetary, "monetary value", out double monetary)
                || !Optional(_revenue, "revenue", out double revenue)
                || !OptionalCost(out double? cost)
                || !OptionalCount(_holdoutPurchases, "holdout purchases", out int holdoutPurchases)
                || !Optional(_holdoutRevenue, "holdout revenue", out double holdoutRevenue))
            {
                return;
            }

            if (_lines.TryGetValue(id, out long first))
            {
                _rows.Reject(_id, _options.Pseudonymizer is null ? _rows.Raw(_id) : id, $"The customer appears twice (first on line {first}); a summary table has one row per customer.");
                return;
            }

            try
            {
                _ = CustomerSummary.FromNumbers(
                    id, frequency, recency, age, _timeUnit, monetary, _revenue >= 0 ? revenue : null, cost, holdoutPurchases, holdoutRevenue);
            }
            catch (ArgumentException invalid)
            {
                int ordinal = invalid.ParamName switch
                {
                    "frequency" => _frequency,
                    "recency" => _recency,
                    "age" => _age,
                    "monetaryValue" => _monetary,
                    "revenue" => _revenue,
                    "costOfGoods" => _cost,
                    "holdoutPurchases" => _holdoutPurchases,
                    "holdoutRevenue" => _holdoutRevenue,
                    _ => -1,
                };
                _rows.Reject(ordinal, _rows.Raw(ordinal), invalid.Message);
                return;
            }

            _lines.Add(id, _rows.Line);
            _ids.Add(id);
            _frequencies.Add(frequency);
            _recencies.Add(recency);
            _ages.Add(age);
            _monetaryValues.Add(monetary);
            _revenues.Add(revenue);
            _costs.Add(cost ?? double.NaN);
            _someCostsUnknown |= cost is null && _cost >= 0;
            _holdoutPurchaseCounts.Add(holdoutPurchases);
            _holdoutRevenues.Add(holdoutRevenue);
            _rows.Used();
        }

        public SummaryReadResult Build()
        {
            var revenues = _revenue >= 0 ? CollectionsMarshal.AsSpan(_revenues) : default;
            if (_someCostsUnknown)
            {
                // The bulk form takes a cost for every customer or for none: a table that mixes them is read row by row.
                var summaries = new CustomerSummary[_ids.Count];
                for (int i = 0; i < summaries.Length; i++)
                {
                    summaries[i] = CustomerSummary.FromNumbers(
                        _ids[i], _frequencies[i], _recencies[i], _ages[i], _timeUnit, _monetaryValues[i], _revenue >= 0 ? _revenues[i] : null,
                        double.IsNaN(_costs[i]) ? null : _costs[i], _holdoutPurchaseCounts[i], _holdoutRevenues[i]);
                }

                return Result(new CustomerSummaryCollection(summaries));
            }

            var collection = CustomerSummaryCollection.FromNumbers(
                _ids,
                CollectionsMarshal.AsSpan(_frequencies),
                CollectionsMarshal.AsSpan(_recencies),
                CollectionsMarshal.AsSpan(_ages),
                _timeUnit,
                CollectionsMarshal.AsSpan(_monetaryValues),
                revenues,
                _cost >= 0 ? CollectionsMarshal.AsSpan(_costs) : default,
                CollectionsMarshal.AsSpan(_holdoutPurchaseCounts),
                CollectionsMarshal.AsSpan(_holdoutRevenues));
            return Result(collection);
        }

        private SummaryReadResult Result(CustomerSummaryCollection summaries) =>
            new(summaries, _rows.Report, QualityProfiler.Customers(summaries, _options.Quality));

        /// <summary>The optional cost: none without a cost column or in an empty cell.</summary>
        private bool OptionalCost(out double? cost)
        {
            cost = null;
            if (_cost < 0 || _rows.IsNull(_cost) || (_rows.IsText(_cost) && _rows.Text(_cost).Trim().IsEmpty))
            {
                return true;
            }

            if (!Number(_cost, "cost of goods", out double value))
            {
                return false;
            }

            cost = value;
            return true;
        }

        private string? Id() => _rows.CustomerId(_id);

        private bool Number(int ordinal, string field, out double value) => _rows.Number(ordinal, field, out value);

        private bool Optional(int ordinal, string field, out double value)
        {
            value = 0;
            return ordinal < 0 || Number(ordinal, field, out value);
        }

        /// <summary>A count written as a whole number (lifetimes writes "2.0").</summary>
        private bool Count(int ordinal, string field, out int count)
        {
            count = 0;
            if (!Number(ordinal, field, out double value))
            {
                return false;
            }

            if (value != Math.Floor(value) || value < 0 || value > int.MaxValue)
            {
                _rows.Reject(ordinal, _rows.Raw(ordinal), $"The {field} must be a whole number from 0 to {int.MaxValue}.");
                return false;
            }

            count = (int)value;
            return true;
        }

        private bool OptionalCount(int ordinal, string field, out int count)
        {
            count = 0;
            return ordinal < 0 || Count(ordinal, field, out count);
        }
    }
}
