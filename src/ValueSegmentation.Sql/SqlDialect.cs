using System.Globalization;

namespace ValueSegmentation.Sql;

/// <summary>
/// The SQL dialect of an engine: how it quotes names, truncates a date to its week or month, counts days between two
/// dates, and names a double. The library's SQL is written once and spelt per dialect.
/// </summary>
/// <remarks>Immutable and thread-safe; the instances are the static properties.</remarks>
public sealed class SqlDialect
{
    private readonly char _open;
    private readonly char _close;
    private readonly Func<string, string, string> _truncate;
    private readonly Func<string, string, string> _daysBetween;
    private readonly Func<string, string, string> _firstBy;
    private readonly Func<string, string, string>? _approximateQuantile;

    private SqlDialect(
        string name,
        char open,
        char close,
        string doubleType,
        Func<string, string, string> truncate,
        Func<string, string, string> daysBetween,
        Func<string, string, string> firstBy,
        Func<string, string, string>? approximateQuantile)
    {
        Name = name;
        _open = open;
        _close = close;
        DoubleType = doubleType;
        _truncate = truncate;
        _daysBetween = daysBetween;
        _firstBy = firstBy;
        _approximateQuantile = approximateQuantile;
    }

    /// <summary>DuckDB (the embedded engine for files larger than memory).</summary>
    public static SqlDialect DuckDb { get; } = new("DuckDB", '"', '"', "DOUBLE", (unit, d) => $"CAST(date_trunc('{unit}', {d}) AS DATE)", (a, b) => $"date_diff('day', {a}, {b})", (v, o) => $"arg_min({v}, {o})", (v, q) => $"approx_quantile({v}, {q})");

    /// <summary>PostgreSQL.</summary>
    public static SqlDialect PostgreSql { get; } = new("PostgreSQL", '"', '"', "DOUBLE PRECISION", (unit, d) => $"CAST(date_trunc('{unit}', {d}) AS DATE)", (a, b) => $"({b} - {a})", (v, o) => $"(ARRAY_AGG({v} ORDER BY {o}))[1]", null);

    /// <summary>Spark SQL, as Databricks runs it.</summary>
    public static SqlDialect SparkSql { get; } = new("Spark SQL", '`', '`', "DOUBLE", (unit, d) => $"CAST(date_trunc('{unit.ToUpperInvariant()}', {d}) AS DATE)", (a, b) => $"datediff({b}, {a})", (v, o) => $"min_by({v}, {o})", (v, q) => $"percentile_approx({v}, {q})");

    /// <summary>Snowflake (weeks start on Monday with the default WEEK_START = 0).</summary>
    public static SqlDialect Snowflake { get; } = new("Snowflake", '"', '"', "DOUBLE", (unit, d) => $"CAST(DATE_TRUNC('{unit.ToUpperInvariant()}', {d}) AS DATE)", (a, b) => $"DATEDIFF(day, {a}, {b})", (v, o) => $"MIN_BY({v}, {o})", (v, q) => $"APPROX_PERCENTILE({v}, {q})");

    /// <summary>Google BigQuery (ISO weeks, which start on Monday).</summary>
    public static SqlDialect BigQuery { get; } = new("BigQuery", '`', '`', "FLOAT64", (unit, d) => $"DATE_TRUNC({d}, {(unit == "week" ? "ISOWEEK" : unit.ToUpperInvariant())})", (a, b) => $"DATE_DIFF({b}, {a}, DAY)", (v, o) => $"ARRAY_AGG({v} ORDER BY {o} LIMIT 1)[OFFSET(0)]", (v, q) => $"APPROX_QUANTILES({v}, 10000)[OFFSET(CAST(ROUND({q} * 10000) AS INT64))]");

    /// <summary>The engine, in words.</summary>
    public string Name { get; }

    /// <summary>The name of the double-precision type.</summary>
    internal string DoubleType { get; }

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>A table's name quoted as an identifier; a dotted name ("sales.orders") is quoted part by part.</summary>
    internal string Quote(string name) => string.Join('.', name.Split('.').Select(QuoteColumn));

    /// <summary>A column's name quoted as one identifier (a dot in it is part of the name).</summary>
    internal string QuoteColumn(string name) => $"{_open}{name.Replace(_close.ToString(), new string(_close, 2), StringComparison.Ordinal)}{_close}";

    /// <summary>A date literal.</summary>
    internal static string Date(DateOnly date) => "DATE '" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'";

    /// <summary>A double literal that reads back as the same double.</summary>
    internal static string Number(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    /// <summary>The first day of the purchase period of a date: the day, its week (from Monday) or its month.</summary>
    internal string PeriodStart(string date, PurchasePeriod period) => period switch
    {
        PurchasePeriod.Day => date,
        PurchasePeriod.Week => _truncate("week", date),
        _ => _truncate("month", date),
    };

    /// <summary>The whole days from one date to another, as an integer expression.</summary>
    internal string DaysBetween(string from, string to) => _daysBetween(from, to);

    /// <summary>The aggregate giving the value of the row where <paramref name="order"/> is smallest (unique per group).</summary>
    internal string FirstBy(string value, string order) => _firstBy(value, order);

    /// <summary>Whether the engine has an approximate-quantile aggregate (all but PostgreSQL).</summary>
    internal bool HasApproximateQuantile => _approximateQuantile is not null;

    /// <summary>The engine's approximate-quantile aggregate of a value at a probability, or <see langword="null"/> when
    /// it has none (PostgreSQL).</summary>
    internal string? ApproximateQuantile(string value, double probability) => _approximateQuantile?.Invoke(value, Number(probability));
}
