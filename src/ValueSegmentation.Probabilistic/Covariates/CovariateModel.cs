using System.Globalization;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Covariates;

/// <summary>
/// A model fitted with time-invariant covariates (<see cref="CovariateModels"/>): the baseline model of a customer whose
/// covariates are all 0, the covariates' effects with standard errors, the likelihood-ratio test against the model
/// without covariates, and <see cref="ModelFor(IReadOnlyList{double})"/>, the model of a customer with given covariates,
/// whose predictions (P(alive), expected purchases, expected spend, lifetime value) are that customer's.
/// </summary>
/// <typeparam name="TModel">The model: <see cref="RepeatPurchaseModel"/>, <see cref="GammaGammaModel"/> or
/// <see cref="BgBbModel"/>.</typeparam>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class CovariateModel<TModel>
    where TModel : class
{
    private readonly CovariateFitResult _result;
    private readonly int _parameters;
    private readonly Func<double[], ModelFit?, TModel> _create;

    internal CovariateModel(string model, IReadOnlyList<string> covariateNames, int parameters, CovariateFitResult result, Func<double[], ModelFit?, TModel> create)
    {
        Model = model;
        CovariateNames = covariateNames;
        _parameters = parameters;
        _result = result;
        _create = create;
        // The baseline carries a fit of its own parameters only: the model's own fit when no effect was estimated.
        Baseline = create([.. result.Fit.Parameters.Take(parameters)], result.Effects.Length == 0 ? result.Fit : null);
    }

    /// <summary>The model's name ("BG/NBD", "Gamma-Gamma", ...).</summary>
    public string Model { get; }

    /// <summary>The covariates' names, in the order <see cref="ModelFor(IReadOnlyList{double})"/> takes their values.</summary>
    public IReadOnlyList<string> CovariateNames { get; }

    /// <summary>The model of a customer whose covariates are all 0. Its own <c>FitResult</c> is the model's fit when no
    /// effect was estimated, and <see langword="null"/> otherwise: the fit of the baseline and the effects together, with
    /// their standard errors, is <see cref="FitResult"/>.</summary>
    public TModel Baseline { get; }

    /// <summary>The effects estimated, link by link (see each model in <see cref="CovariateModels"/>), with standard
    /// errors and intervals; empty when no covariate varies.</summary>
    public IReadOnlyList<CovariateEffect> Effects => _result.Effects;

    /// <summary>The fit: the model's parameters at covariates 0, then each effect ("parameter:covariate"), with the
    /// log-likelihood and the convergence report. Without effects, the model's own fit.</summary>
    public ModelFit FitResult => _result.Fit;

    /// <summary>The fit of the same model without covariates, with the same options; <see langword="null"/> when no
    /// effect was estimated (<see cref="FitResult"/> is then that fit).</summary>
    public ModelFit? FitWithoutCovariates => _result.WithoutCovariates;

    /// <summary>The test against the model without covariates; <see langword="null"/> when no effect was estimated or a
    /// fit did not converge (a note says which).</summary>
    public LikelihoodRatioTest? LikelihoodRatio => _result.LikelihoodRatio;

    /// <summary>What a user should read: covariates left out because they do not vary, collinear or uncentred
    /// covariates, a missing test.</summary>
    public IReadOnlyList<string> Notes => _result.Notes;

    /// <summary>The model of a customer with these covariates: each linked parameter is the baseline's times
    /// exp(sign · Σ γ·z).</summary>
    /// <param name="covariates">The values, in the order of <see cref="CovariateNames"/>.</param>
    /// <returns>The customer's model (without a fit of its own).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="covariates"/> is null.</exception>
    /// <exception cref="ArgumentException">Another number of values than covariates, or a value that is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A resulting parameter leaves the models' domain [10⁻¹⁰, 10¹⁵].</exception>
    public TModel ModelFor(IReadOnlyList<double> covariates)
    {
        ArgumentNullException.ThrowIfNull(covariates);
        if (covariates.Count != CovariateNames.Count || covariates.Any(value => !double.IsFinite(value)))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Give {CovariateNames.Count} finite covariate values ({string.Join(", ", CovariateNames)}); got {covariates.Count}: {string.Join(", ", covariates)}."), nameof(covariates));
        }

        return _create(_result.ParametersFor(_parameters, covariates), null);
    }

    /// <summary>The model of a customer, with the customer's covariates looked up by name (the columns may be in
    /// another order, and there may be more of them, than in the fit).</summary>
    /// <param name="covariates">Customers' covariates holding every name of <see cref="CovariateNames"/>.</param>
    /// <param name="customerId">The customer.</param>
    /// <returns>The customer's model.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A covariate of the fit is missing from <paramref name="covariates"/>.</exception>
    /// <exception cref="KeyNotFoundException">The customer has no covariates.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A resulting parameter leaves the models' domain.</exception>
    public TModel ModelFor(CustomerCovariates covariates, string customerId)
    {
        ArgumentNullException.ThrowIfNull(covariates);
        ArgumentNullException.ThrowIfNull(customerId);
        var values = covariates[customerId];
        var ordered = new double[CovariateNames.Count];
        for (int j = 0; j < ordered.Length; j++)
        {
            int index = covariates.IndexOf(CovariateNames[j]);
            ordered[j] = index >= 0 ? values[index] : throw new ArgumentException($"The covariates lack '{CovariateNames[j]}', which the model was fitted with.", nameof(covariates));
        }

        return ModelFor(ordered);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Model} with covariates, baseline {Baseline}" + string.Concat(Effects.Select(e => string.Create(CultureInfo.InvariantCulture, $"; γ[{e.Parameter}, {e.Covariate}] = {e.Estimate:G4}")));
}
