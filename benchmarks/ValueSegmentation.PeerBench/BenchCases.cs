using System.Globalization;
using ValueSegmentation.Data;
using ValueSegmentation.Probabilistic;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.PeerBench;

/// <summary>How a check value is written in the JSON line.</summary>
internal enum CheckKind
{
    /// <summary>A floating-point number.</summary>
    Number,

    /// <summary>A whole number (a count).</summary>
    Integer,

    /// <summary>true or false.</summary>
    Boolean,
}

/// <summary>One named value of a case's check, compared by the driver with the peers' value of the same name.</summary>
internal readonly record struct CheckValue(string Name, double Value, CheckKind Kind = CheckKind.Number)
{
    public static CheckValue Count(string name, long value) => new(name, value, CheckKind.Integer);

    public static CheckValue Flag(string name, bool value) => new(name, value ? 1 : 0, CheckKind.Boolean);
}

/// <summary>
/// The cases of the side-by-side timing, with the names and check keys of lifetimes_bench.py (DS = cdnow | 100k | 1m).
/// <see cref="Create"/> loads a case's inputs and keeps them (the warm-up call pays for that), and returns the
/// function that is timed.
/// </summary>
internal sealed class BenchCases(IReadOnlyDictionary<string, string?> paths)
{
    /// <summary>The prediction horizon of <c>bgnbd_predict</c>, in weeks.</summary>
    private const double Horizon = 39;

    /// <summary>lifetimes' BG/NBD estimates on CDNOW (the parameters of <c>bgnbd_predict</c>; no fit).</summary>
    private static readonly BgNbdParameters CdnowBgNbd =
        new(0.24259292827982207, 4.4135322652718205, 0.7928859664406086, 2.4257523826255496);

    private readonly Dictionary<string, SummaryColumns> _columns = [];
    private readonly Dictionary<string, CustomerSummary[]> _summaries = [];
    private Transaction[]? _log;

    /// <summary>Loads the inputs of case <paramref name="name"/> and returns its timed body.</summary>
    /// <exception cref="ArgumentException">The case is unknown or its input file was not given.</exception>
    public Func<IReadOnlyList<CheckValue>> Create(string name)
    {
        int colon = name.IndexOf(':', StringComparison.Ordinal);
        string kind = colon < 0 ? name : name[..colon];
        string ds = colon < 0 ? "" : name[(colon + 1)..];
        switch (kind)
        {
            case "bgnbd_fit":
                {
                    var c = Columns(ds);
                    return () =>
                    {
                        var model = BgNbdModel.Fit(RepeatPurchaseData.FromColumns(c.Frequency, c.Recency, c.Age, TimeUnit.Weeks));
                        var p = model.Parameters;
                        return [new("r", p.R), new("alpha", p.Alpha), new("a", p.A), new("b", p.B), .. FitFacts(model.FitResult)];
                    };
                }

            case "pnbd_fit":
                {
                    var c = Columns(ds);
                    return () =>
                    {
                        var model = ParetoNbdModel.Fit(RepeatPurchaseData.FromColumns(c.Frequency, c.Recency, c.Age, TimeUnit.Weeks));
                        var p = model.Parameters;
                        return [new("r", p.R), new("alpha", p.Alpha), new("s", p.S), new("beta", p.Beta), .. FitFacts(model.FitResult)];
                    };
                }

            case "bgnbd_predict":
                {
                    var c = Columns(ds);
                    var model = new BgNbdModel(CdnowBgNbd, TimeUnit.Weeks);
                    return () =>
                    {
                        var (expected, alive) = Predict(model, c);
                        return [new("sum_expected", Sum(expected)), new("sum_alive", Sum(alive))];
                    };
                }

            // Library only (no peer has it): the same predictions through the span methods over CustomerSummary[]
            // (made once from the columns, untimed), to compare the two batch paths.
            case "bgnbd_predict_summaries":
                {
                    var customers = SummariesOf(ds);
                    var model = new BgNbdModel(CdnowBgNbd, TimeUnit.Weeks);
                    return () =>
                    {
                        var expected = new double[customers.Length];
                        var alive = new double[customers.Length];
                        model.ConditionalExpectedPurchases(Horizon, customers, expected);
                        model.ProbabilityAlive(customers, alive);
                        return [new("sum_expected", Sum(expected)), new("sum_alive", Sum(alive))];
                    };
                }

            case "load_csv":
                {
                    string path = PathOf(ds);
                    return () =>
                    {
                        var c = SummaryColumns.Read(path);
                        return [CheckValue.Count("n", c.Frequency.Length), new("sum_recency", Sum(c.Recency))];
                    };
                }

            case "summary_mem":
                {
                    _log ??= ReadLog(PathOf("txlog"));
                    var log = _log;
                    return () => SummaryCheck(BuildSummaries(log));
                }

            case "summary_csv":
                {
                    // The data package's reader: one pass over the file into the builder, the window ending on the day of
                    // the latest transaction as lifetimes' does; the log is time-ordered, which the builder is told.
                    string path = PathOf("txlog");
                    return () =>
                    {
                        using var reader = TransactionReader.OpenCsv(path);
                        return SummaryCheck(reader.Summarize(TimeUnit.Days, PurchasePeriod.Day, TransactionOrder.Chronological).Summaries);
                    };
                }

            default:
                throw new ArgumentException("unknown case " + name, nameof(name));
        }
    }

    /// <summary>
    /// The predictions of <c>bgnbd_predict</c>: E[Y(39) | x, t_x, T] and P(alive) for every customer, through the
    /// fastest public batch path the library offers: the model's columnar <c>Predict</c> over the frequency, recency
    /// and age columns (both values in one pass, the (x, T) terms once per distinct (x, T), on every core), into new
    /// arrays as lifetimes returns new arrays. The one place to change when the batch API changes.
    /// </summary>
    private static (double[] Expected, double[] Alive) Predict(BgNbdModel model, SummaryColumns columns)
    {
        var expected = new double[columns.Frequency.Length];
        var alive = new double[columns.Frequency.Length];
        model.Predict(Horizon, columns.Frequency, columns.Recency, columns.Age, expected, alive);
        return (expected, alive);
    }

    /// <summary>
    /// Summary building as lifetimes' <c>summary_data_from_transaction_data(freq='D')</c> does it: the observation
    /// ends on the day of the latest transaction (found here, inside the timing, as lifetimes takes the maximum
    /// date), purchases are calendar days, recency and T are in days, and the monetary value is the mean of the
    /// repeat purchase days' totals.
    /// </summary>
    private static CustomerSummaryCollection BuildSummaries(Transaction[] log)
    {
        long endTicks = long.MinValue;
        var end = default(DateTimeOffset);
        foreach (ref readonly var t in log.AsSpan())
        {
            if (t.Timestamp.UtcTicks > endTicks)
            {
                endTicks = t.Timestamp.UtcTicks;
                end = t.Timestamp;
            }
        }

        if (endTicks == long.MinValue)
        {
            throw new InvalidOperationException("the transaction log is empty");
        }

        var builder = new CustomerSummaryBuilder(new ObservationWindow(end, TimeUnit.Days, PurchasePeriod.Day));
        builder.AddRange(log.AsSpan());
        return builder.Build();
    }

    /// <summary>The whole log in memory (the input of <c>summary_mem</c>, read untimed through the data package).</summary>
    private static Transaction[] ReadLog(string path)
    {
        using var reader = TransactionReader.OpenCsv(path);
        return [.. reader.ReadAll()];
    }

    private static List<CheckValue> SummaryCheck(CustomerSummaryCollection summaries)
    {
        // The columns' sums, read as a caller reads a population kept as columns (no summary object per customer).
        double frequency = Total(summaries, SummaryColumn.Frequency), recency = Total(summaries, SummaryColumn.Recency);
        double age = Total(summaries, SummaryColumn.Age), monetary = Total(summaries, SummaryColumn.MonetaryValue);

        return
        [
            CheckValue.Count("customers", summaries.Count), new("sum_frequency", frequency), new("sum_recency", recency),
            new("sum_T", age), new("sum_monetary_value", monetary),
        ];
    }

    private static double Total(CustomerSummaryCollection summaries, SummaryColumn column)
    {
        Span<double> block = stackalloc double[1024];
        double total = 0;
        for (int start = 0; start < summaries.Count; start += block.Length)
        {
            var part = block[..Math.Min(block.Length, summaries.Count - start)];
            summaries.CopyColumn(column, start, part);
            foreach (double value in part)
            {
                total += value;
            }
        }

        return total;
    }

    private static IEnumerable<CheckValue> FitFacts(ModelFit? fit) =>
        fit is null
            ? []
            : [new("loglik_weeks", fit.LogLikelihood), CheckValue.Flag("converged", fit.Convergence.Converged), CheckValue.Count("iterations", fit.Convergence.Iterations)];

    private static double Sum(double[] values)
    {
        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }

        return sum;
    }

    private SummaryColumns Columns(string ds)
    {
        if (!_columns.TryGetValue(ds, out var c))
        {
            c = SummaryColumns.Read(PathOf(ds));
            _columns[ds] = c;
        }

        return c;
    }

    /// <summary>A summary per customer from the summary file's numbers, in weeks (made once per data set, untimed).</summary>
    private CustomerSummary[] SummariesOf(string ds)
    {
        if (!_summaries.TryGetValue(ds, out var summaries))
        {
            var c = Columns(ds);
            summaries = new CustomerSummary[c.Frequency.Length];
            for (int i = 0; i < summaries.Length; i++)
            {
                summaries[i] = CustomerSummary.FromNumbers(
                    i.ToString(CultureInfo.InvariantCulture), c.Frequency[i], c.Recency[i], c.Age[i], TimeUnit.Weeks);
            }

            _summaries[ds] = summaries;
        }

        return summaries;
    }

    private string PathOf(string key)
    {
        if (!paths.TryGetValue(key, out string? path))
        {
            throw new ArgumentException($"unknown data set '{key}' (cdnow, 100k, 1m)", nameof(key));
        }

        return path ?? throw new ArgumentException($"no file given for '{key}' (--cdnow, --syn100k, --syn1m, --txlog)", nameof(key));
    }
}
