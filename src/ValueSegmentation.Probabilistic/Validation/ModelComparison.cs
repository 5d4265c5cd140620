using System.Globalization;
using System.Text;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Validation;

/// <summary>
/// BG/NBD, MBG/NBD and Pareto/NBD (or any fitted transaction models) side by side on one calibration/holdout split:
/// log-likelihood, AIC and BIC on the calibration data, and the holdout questions a manager asks — how many purchases,
/// who is still active, who are the best customers — with the simple heuristics that Wübben &amp; Wangenheim (2008,
/// "Instant customer base analysis: managerial heuristics often 'get it right'", <em>Journal of Marketing</em> 72(3),
/// 82–93) found hard to beat as a baseline: the hiatus rule for activity, past frequency for the best customers, and the
/// past purchase rate for individual forecasts.
/// </summary>
/// <remarks>
/// <para>The heuristics' row: a customer is active when they bought within the last
/// <see cref="ValidationOptions.Hiatus"/> before the calibration end (T − t<sub>x</sub> ≤ hiatus); the best customers are
/// those with the most repeat purchases in calibration; a customer's holdout purchases are forecast as their calibration
/// rate, x / T × holdout length (0 for T = 0). A model earns its complexity on a base when it beats this row.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class ModelComparison
{
    private readonly ModelComparisonRow[] _rows;

    private ModelComparison(ModelComparisonRow[] rows, HoldoutComparison[] holdouts, int customers, double holdoutLength, TimeUnit timeUnit)
    {
        _rows = rows;
        Holdouts = holdouts;
        Customers = customers;
        HoldoutLength = holdoutLength;
        TimeUnit = timeUnit;
    }

    /// <summary>The models' rows, in the order given, then the heuristics' row.</summary>
    public IReadOnlyList<ModelComparisonRow> Rows => _rows;

    /// <summary>Each model's holdout comparison (per-customer forecasts, conditional expectations), in the order given.</summary>
    public IReadOnlyList<HoldoutComparison> Holdouts { get; }

    /// <summary>The customers compared.</summary>
    public int Customers { get; }

    /// <summary>The holdout length, in <see cref="TimeUnit"/>.</summary>
    public double HoldoutLength { get; }

    /// <summary>The time unit of the models and the data.</summary>
    public TimeUnit TimeUnit { get; }

    /// <summary>Fits BG/NBD, MBG/NBD and Pareto/NBD to the calibration period of <paramref name="customers"/> (in parallel)
    /// and compares them.</summary>
    /// <param name="customers">Summaries with a calibration/holdout split.</param>
    /// <param name="options">The holdout length, cut-offs and hiatus; <see langword="null"/> for the defaults.</param>
    /// <param name="fitOptions">Options of the three fits; <see langword="null"/> for the defaults.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException">The customers are empty, or have no holdout period and
    /// <see cref="ValidationOptions.HoldoutLength"/> is not given.</exception>
    public static ModelComparison Fit(CustomerSummaryCollection customers, ValidationOptions? options = null, FitOptions? fitOptions = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        if (options?.HoldoutLength is null && customers.Window is not { HasHoldout: true })
        {
            throw new ArgumentException("The customers have no holdout period: build them with an ObservationWindow that has a calibration end, or give ValidationOptions.HoldoutLength.", nameof(customers));
        }

        var data = RepeatPurchaseData.FromSummaries(customers);
        var fits = new Func<RepeatPurchaseModel>[]
        {
            () => BgNbdModel.Fit(data, fitOptions),
            () => MbgNbdModel.Fit(data, fitOptions),
            () => ParetoNbdModel.Fit(data, fitOptions),
        };
        var models = new RepeatPurchaseModel[fits.Length];
        ParallelChunks.Run(fits.Length, i => models[i] = fits[i]());
        return Compare(customers, models, options);
    }

    /// <summary>Compares fitted transaction models (and the heuristics) on the calibration/holdout split of
    /// <paramref name="customers"/>.</summary>
    /// <param name="customers">Summaries with a calibration/holdout split, in the models' time unit.</param>
    /// <param name="models">The models, fitted to the calibration period of <paramref name="customers"/> (or given).</param>
    /// <param name="options">The holdout length, cut-offs and hiatus; <see langword="null"/> for the defaults.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentNullException">An argument or a model is null.</exception>
    /// <exception cref="ArgumentException">There are no models or no customers, the models differ in time unit or are
    /// measured in another than the customers, or the customers have no holdout period and
    /// <see cref="ValidationOptions.HoldoutLength"/> is not given.</exception>
    public static ModelComparison Compare(CustomerSummaryCollection customers, IEnumerable<RepeatPurchaseModel> models, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(models);
        options ??= ValidationOptions.Default;
        var list = models.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("Give at least one model to compare.", nameof(models));
        }

        if (customers.Count == 0)
        {
            throw new ArgumentException("There are no customers to compare the models on.", nameof(customers));
        }

        for (int i = 0; i < list.Length; i++)
        {
            if (list[i] is null)
            {
                throw new ArgumentNullException(nameof(models), $"Model #{i} is null.");
            }

            if (list[i].TimeUnit != list[0].TimeUnit)
            {
                throw new ArgumentException($"Model #{i} ({list[i].Name}) is in {list[i].TimeUnit}, model #0 in {list[0].TimeUnit}; compare models fitted on the same data.", nameof(models));
            }
        }

        var unit = list[0].TimeUnit;
        double holdout = HoldoutComparison.HoldoutLengthOf(list[0], customers, options);
        var data = RepeatPurchaseData.FromSummaries(customers);
        var holdouts = new HoldoutComparison[list.Length];
        var rows = new ModelComparisonRow[list.Length + 1];
        int n = customers.Count;
        for (int i = 0; i < list.Length; i++)
        {
            var model = list[i];
            holdouts[i] = HoldoutComparison.Evaluate(model, customers, spend: null, options);
            double ll = model.LogLikelihood(data);
            int k = model.ParameterValues.Length;
            rows[i] = new ModelComparisonRow(
                model.Name,
                $"{model}",
                k,
                ll,
                (2 * k) - (2 * ll),
                (k * Math.Log(n)) - (2 * ll),
                model.FitResult?.Convergence.Converged,
                holdouts[i].Purchases,
                holdouts[i].Activity,
                holdouts[i].TopCustomers);
        }

        rows[^1] = Heuristics(customers, unit, holdout, options);
        return new ModelComparison(rows, holdouts, n, holdout, unit);
    }

    /// <summary>The comparison as a Markdown table: one row per model and the heuristics' row.</summary>
    /// <returns>The table, with a header line.</returns>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"| Model | k | LL | AIC | BIC | Holdout MAE | RMSE | Bias | r | Expected / actual | Active correct | Top {_rows[0].TopCustomers.Share:P0} hits |");
        text.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var row in _rows)
        {
            var e = row.Purchases;
            text.AppendLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {row.Name} | {row.ParameterCount?.ToString(CultureInfo.InvariantCulture) ?? "–"} | {Cell(row.LogLikelihood)} | {Cell(row.Aic)} | {Cell(row.Bic)} | {e.MeanAbsoluteError:F3} | {e.RootMeanSquaredError:F3} | {e.Bias:+0.000;-0.000;0.000} | {(e.Correlation is { } r ? r.ToString("F3", CultureInfo.InvariantCulture) : "–")} | {e.TotalPredicted:F0} / {e.TotalActual:F0} | {row.Activity.CorrectShare:P1} | {row.TopCustomers.HitRate:P1} |"));
        }

        return text.ToString();

        static string Cell(double? value) => value is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) : "–";
    }

    /// <inheritdoc />
    public override string ToString() => ToMarkdown();

    /// <summary>The heuristics' row: hiatus rule, past frequency, past rate.</summary>
    private static ModelComparisonRow Heuristics(CustomerSummaryCollection customers, TimeUnit unit, double holdout, ValidationOptions options)
    {
        var columns = HoldoutColumns.Of(customers);
        int n = customers.Count;
        double hiatus = options.HiatusIn(unit);
        var rate = new double[n];
        var frequency = new double[n];
        for (int i = 0; i < n; i++)
        {
            frequency[i] = columns.Frequency[i];
            rate[i] = columns.Age[i] > 0 ? columns.Frequency[i] / columns.Age[i] * holdout : 0;
        }

        string unitName = unit.ToString().ToLowerInvariant();
        string hiatusRule = string.Create(CultureInfo.InvariantCulture, $"bought within the last {hiatus:G4} {unitName}");
        var activity = ActivityClassification.Of(hiatusRule, n, i => columns.Age[i] - columns.Recency[i] <= hiatus, i => columns.Purchases[i] > 0);
        var top = TopCustomerSelection.Of("most repeat purchases in calibration", options.TopShare, frequency, columns.Purchases);
        var errors = ForecastErrors.Of(rate, Array.ConvertAll(columns.Purchases, p => (double)p));
        return new ModelComparisonRow(
            "Heuristics",
            $"hiatus rule ({hiatusRule}); past frequency for the best customers; past rate x / T for the forecast",
            null,
            null,
            null,
            null,
            null,
            errors,
            activity,
            top);
    }
}
