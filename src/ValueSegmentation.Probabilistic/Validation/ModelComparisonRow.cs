namespace ValueSegmentation.Probabilistic.Validation;

/// <summary>One row of a <see cref="ModelComparison"/>: a fitted model's fit to the calibration data and its holdout
/// performance, or the managerial heuristics' holdout performance (without the fit columns).</summary>
/// <param name="Name">"BG/NBD", "MBG/NBD", "Pareto/NBD", or "Heuristics".</param>
/// <param name="Description">What the row is: the model and its parameters, or the heuristics' rules.</param>
/// <param name="ParameterCount">k, the number of estimated parameters; <see langword="null"/> for the heuristics.</param>
/// <param name="LogLikelihood">The log-likelihood of the calibration data; <see langword="null"/> for the heuristics.</param>
/// <param name="Aic">Akaike's criterion, 2k − 2 LL (lower is better); <see langword="null"/> for the heuristics.</param>
/// <param name="Bic">Schwarz's criterion, k ln n − 2 LL with n customers (lower is better); <see langword="null"/> for the
/// heuristics.</param>
/// <param name="Converged">Whether the fit converged; <see langword="null"/> for given parameters and for the heuristics.</param>
/// <param name="Purchases">Expected (or, for the heuristics, past-rate) against actual holdout purchases per customer.</param>
/// <param name="Activity">Telling who buys again in the holdout: P(alive) ≥ the threshold, or the hiatus rule.</param>
/// <param name="TopCustomers">Picking the best customers of the holdout: by expected purchases, or by past frequency.</param>
/// <remarks>An immutable value, safe to share between threads.</remarks>
public readonly record struct ModelComparisonRow(
    string Name,
    string Description,
    int? ParameterCount,
    double? LogLikelihood,
    double? Aic,
    double? Bic,
    bool? Converged,
    ForecastErrors Purchases,
    ActivityClassification Activity,
    TopCustomerSelection TopCustomers);
