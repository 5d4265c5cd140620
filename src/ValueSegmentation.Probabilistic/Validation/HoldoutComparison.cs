using System.Globalization;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Validation;

/// <summary>
/// A fitted transaction model's holdout forecasts against what the customers did: per customer, expected against actual
/// holdout purchases (and revenue, with a spend model); the error measures across customers; how well P(alive) told the
/// customers who bought again from those who did not; how well the forecasts picked the best customers; and the
/// conditional expectations by calibration frequency of Fader, Hardie &amp; Lee (2005, <em>Marketing Science</em> 24(2),
/// Figure 4).
/// </summary>
/// <remarks>
/// <para>Fit the model on the calibration period of summaries built with a calibration/holdout split
/// (<see cref="ObservationWindow"/> with a calibration end), then evaluate it on the same summaries: their recency and
/// age are measured to the calibration end and <see cref="CustomerSummary.HoldoutPurchaseCount"/> holds what happened
/// next. The forecast of a customer is E[Y(t) | x, t<sub>x</sub>, T] with t the holdout length.</para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class HoldoutComparison
{
    private readonly HoldoutPrediction[] _predictions;

    private HoldoutComparison(RepeatPurchaseModel model, GammaGammaModel? spend, double holdoutLength, HoldoutPrediction[] predictions, ForecastErrors purchases, ForecastErrors? revenue, ActivityClassification activity, TopCustomerSelection topCustomers)
    {
        Model = model;
        SpendModel = spend;
        HoldoutLength = holdoutLength;
        _predictions = predictions;
        Purchases = purchases;
        Revenue = revenue;
        Activity = activity;
        TopCustomers = topCustomers;
    }

    /// <summary>The transaction model evaluated.</summary>
    public RepeatPurchaseModel Model { get; }

    /// <summary>The spend model, when revenue was forecast too.</summary>
    public GammaGammaModel? SpendModel { get; }

    /// <summary>The holdout length t, in the model's time unit.</summary>
    public double HoldoutLength { get; }

    /// <summary>Every customer's forecast and outcome, in the order of the summaries.</summary>
    public IReadOnlyList<HoldoutPrediction> Predictions => _predictions;

    /// <summary>Expected against actual holdout purchases.</summary>
    public ForecastErrors Purchases { get; }

    /// <summary>Expected against actual holdout revenue; <see langword="null"/> without a spend model.</summary>
    public ForecastErrors? Revenue { get; }

    /// <summary>P(alive) ≥ <see cref="ValidationOptions.ActiveThreshold"/> at the end of calibration against buying again in
    /// the holdout.</summary>
    public ActivityClassification Activity { get; }

    /// <summary>The top <see cref="ValidationOptions.TopShare"/> of customers by expected holdout purchases against their
    /// actual holdout purchases.</summary>
    public TopCustomerSelection TopCustomers { get; }

    /// <summary>Compares a model's holdout forecasts with the holdout purchases of the summaries it was fitted on.</summary>
    /// <param name="model">The fitted transaction model.</param>
    /// <param name="customers">The summaries, in the model's time unit, with their holdout purchases.</param>
    /// <param name="spend">A spend model, to forecast holdout revenue too; <see langword="null"/> for purchases only.</param>
    /// <param name="options">The holdout length and cut-offs; <see langword="null"/> for <see cref="ValidationOptions.Default"/>.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException">The customers have no holdout period (no window with a calibration end) and
    /// <see cref="ValidationOptions.HoldoutLength"/> is not given, or they are measured in another time unit.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The spend model rejects a customer's mean spend.</exception>
    public static HoldoutComparison Evaluate(RepeatPurchaseModel model, CustomerSummaryCollection customers, GammaGammaModel? spend = null, ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(customers);
        options ??= ValidationOptions.Default;
        double holdout = HoldoutLengthOf(model, customers, options);
        var columns = HoldoutColumns.Of(customers);
        int n = customers.Count;
        var predicted = new double[n];
        var alive = new double[n];
        model.Predict(holdout, customers, predicted, alive);
        double[]? revenue = null;
        if (spend is not null)
        {
            revenue = new double[n];
            spend.ConditionalExpectedSpend(customers, revenue);
            for (int i = 0; i < n; i++)
            {
                revenue[i] *= predicted[i];
            }
        }

        var predictions = new HoldoutPrediction[n];
        for (int i = 0; i < n; i++)
        {
            predictions[i] = new HoldoutPrediction(customers.CustomerIdAt(i), columns.Frequency[i], columns.Recency[i], columns.Age[i], alive[i], predicted[i], columns.Purchases[i], revenue?[i], columns.Revenue[i]);
        }

        double threshold = options.ActiveThreshold;
        var purchases = columns.Purchases;
        return new HoldoutComparison(
            model,
            spend,
            holdout,
            predictions,
            ForecastErrors.Of(predicted, Array.ConvertAll(purchases, p => (double)p)),
            revenue is null ? null : ForecastErrors.Of(revenue, columns.Revenue),
            ActivityClassification.Of(string.Create(CultureInfo.InvariantCulture, $"{model.Name} P(alive) ≥ {threshold:G4}"), n, i => alive[i] >= threshold, i => purchases[i] > 0),
            TopCustomerSelection.Of($"{model.Name} expected holdout purchases", options.TopShare, predicted, purchases));
    }

    /// <summary>
    /// The conditional expectations by calibration frequency (Fader, Hardie &amp; Lee 2005, Figure 4): for x = 0, 1, …,
    /// <paramref name="openFrom"/> − 1 and for x ≥ <paramref name="openFrom"/>, the customers' mean actual and mean
    /// expected holdout purchases. Frequencies without customers are left out.
    /// </summary>
    /// <param name="openFrom">The frequency from which customers form one open-ended group: 7 in the paper (the default).</param>
    /// <returns>The groups, by frequency.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="openFrom"/> is not positive.</exception>
    public IReadOnlyList<FrequencyGroup> ByCalibrationFrequency(int openFrom = 7)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(openFrom);
        openFrom = Math.Min(openFrom, _predictions.Length == 0 ? 1 : Math.Max(1, _predictions.Max(p => p.Frequency)));
        var customers = new int[openFrom + 1];
        var actual = new double[openFrom + 1];
        var predicted = new double[openFrom + 1];
        foreach (var p in _predictions)
        {
            int group = Math.Min(p.Frequency, openFrom);
            customers[group]++;
            actual[group] += p.ActualPurchases;
            predicted[group] += p.PredictedPurchases;
        }

        var groups = new List<FrequencyGroup>(openFrom + 1);
        for (int x = 0; x <= openFrom; x++)
        {
            if (customers[x] > 0)
            {
                groups.Add(new FrequencyGroup(x, x == openFrom, customers[x], actual[x] / customers[x], predicted[x] / customers[x]));
            }
        }

        return groups;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Model.Name} over a holdout of {HoldoutLength:G4} {Model.TimeUnit.ToString().ToLowerInvariant()}: purchases {Purchases}; {Activity}; {TopCustomers}");

    /// <summary>The holdout length in the model's unit: the option, or the customers' window's.</summary>
    internal static double HoldoutLengthOf(RepeatPurchaseModel model, CustomerSummaryCollection customers, ValidationOptions options)
    {
        if (options.HoldoutLength is { } given)
        {
            return given;
        }

        if (customers.Window is { HasHoldout: true } window)
        {
            return window.TimeUnit.ConvertTo(window.HoldoutLength, model.TimeUnit);
        }

        throw new ArgumentException("The customers have no holdout period: build them with an ObservationWindow that has a calibration end, or give ValidationOptions.HoldoutLength.", nameof(customers));
    }
}
