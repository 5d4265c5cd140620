using ValueSegmentation.Probabilistic;
using ValueSegmentation.Probabilistic.Covariates;
using ValueSegmentation.Segmentation;

namespace ValueSegmentation;

/// <summary>
/// What <see cref="ProbabilisticPipelineExtensions.AddProbabilisticModels(SegmentationPipelineBuilder, ProbabilisticModelOptions?)"/> fitted in one pipeline run: the transaction
/// model, the spend model, the lifetime value built on them, and the measures the pipeline can segment on. Find it in
/// <see cref="SegmentationResult.FittedMeasures"/>, or with <see cref="ProbabilisticPipelineExtensions.ProbabilisticModels"/>.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class FittedProbabilisticModels : IFittedMeasures
{
    private readonly Dictionary<string, CustomerMeasure> _measures;

    internal FittedProbabilisticModels(ProbabilisticModelOptions options, RepeatPurchaseModel transactions, GammaGammaModel? spend, ProbabilisticLifetimeValue? lifetimeValue, Dictionary<string, CustomerMeasure> measures, IReadOnlyList<string> notes, string? spendUnavailable)
    {
        Options = options;
        TransactionModel = transactions;
        SpendModel = spend;
        LifetimeValue = lifetimeValue;
        _measures = measures;
        Notes = notes;
        SpendUnavailable = spendUnavailable;
    }

    /// <inheritdoc />
    public string Name => SpendModel is null ? TransactionName : TransactionName + " + Gamma-Gamma";

    /// <summary>The fitted transaction model (its <see cref="RepeatPurchaseModel.FitResult"/> says whether it converged);
    /// with covariates, the baseline of <see cref="TransactionCovariates"/>.</summary>
    public RepeatPurchaseModel TransactionModel { get; }

    /// <summary>The fitted spend model; <see langword="null"/> when no customer had a repeat purchase with positive spend.</summary>
    public GammaGammaModel? SpendModel { get; }

    /// <summary>The lifetime value; <see langword="null"/> without a spend model. With covariates, the baseline
    /// customer's (covariates all 0); the "clv" measure is each customer's, <see cref="CovariateLifetimeValue"/>.</summary>
    public ProbabilisticLifetimeValue? LifetimeValue { get; }

    /// <summary>With covariates, the transaction model with its effects, standard errors and test
    /// (<see cref="TransactionModel"/> is its baseline); <see langword="null"/> without covariates.</summary>
    public CovariateModel<RepeatPurchaseModel>? TransactionCovariates { get; init; }

    /// <summary>With covariates, the spend model with its effects (without spend covariates, one model for every
    /// customer); <see langword="null"/> without covariates or without a spend model.</summary>
    public CovariateModel<GammaGammaModel>? SpendCovariates { get; init; }

    /// <summary>With covariates, each customer's lifetime value under the models of their covariates (the "clv"
    /// measure); <see langword="null"/> without covariates or without a spend model.</summary>
    public CovariateLifetimeValue? CovariateLifetimeValue { get; init; }

    /// <inheritdoc />
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Why there is no spend model, or <see langword="null"/>.</summary>
    internal string? SpendUnavailable { get; }

    /// <summary>The options the models were fitted and the measures built with (a copy nobody changes).</summary>
    internal ProbabilisticModelOptions Options { get; }

    private string TransactionName => TransactionModel switch
    {
        BgNbdModel => "BG/NBD",
        MbgNbdModel => "MBG/NBD",
        _ => "Pareto/NBD",
    };

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The measure needs the spend model, which could not be fitted.</exception>
    public CustomerMeasure GetMeasure(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_measures.TryGetValue(name, out var measure))
        {
            return measure;
        }

        if (ProbabilisticMeasureNames.All.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The measure '{name}' needs the Gamma-Gamma spend model, which was not fitted: {SpendUnavailable}");
        }

        throw new ArgumentException($"'{name}' is not one of the probabilistic measures ({string.Join(", ", ProbabilisticMeasureNames.All)}).", nameof(name));
    }
}
