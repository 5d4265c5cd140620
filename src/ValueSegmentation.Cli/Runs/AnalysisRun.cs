using ValueSegmentation.Analysis;
using ValueSegmentation.Cli.Input;
using ValueSegmentation.Cli.Settings;
using ValueSegmentation.Data;
using ValueSegmentation.Probabilistic;
using ValueSegmentation.Probabilistic.Validation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Cli.Runs;

/// <summary>
/// One run of the core's pipeline on a command's input, with what the tool adds around it: the holdout validation of
/// the fitted models when the settings split calibration and holdout, and the run on an earlier log for the migration.
/// Everything the console tables, the JSON summary and the HTML report show comes from here.
/// </summary>
internal sealed class AnalysisRun
{
    private AnalysisRun(LoadedInput input, CovariateReadResult? covariates, SegmentationResult result, ObservationWindow? window, LoadedInput? previousInput, HoldoutComparison? holdout, TrackingCurve? tracking, (double? Value, double? Loyalty)? quadrantCuts)
    {
        Input = input;
        Covariates = covariates;
        QuadrantCuts = quadrantCuts;
        Window = window;
        Result = result;
        PreviousInput = previousInput;
        Holdout = holdout;
        Tracking = tracking;
    }

    /// <summary>The input read.</summary>
    public LoadedInput Input { get; }

    /// <summary>The customers' covariates read (--covariates), or <see langword="null"/>.</summary>
    public CovariateReadResult? Covariates { get; }

    /// <summary>The file of the covariates' rejected rows, when there were any.</summary>
    public string? CovariateRejectsFile { get; private init; }

    /// <summary>The transaction model's fit to show: with covariates the fit of the baseline and the effects.</summary>
    public (ModelFit? Fit, string Description)? TransactionFit => Models switch
    {
        null => null,
        { TransactionCovariates: { } covariates } => (covariates.FitResult, covariates.ToString()),
        var models => (models.TransactionModel.FitResult, models.TransactionModel.ToString() ?? models.Name),
    };

    /// <summary>The spend model's fit to show, or <see langword="null"/> without a spend model.</summary>
    public (ModelFit? Fit, string Description)? SpendFit => Models switch
    {
        { SpendCovariates: { } covariates } => (covariates.FitResult, covariates.ToString()),
        { SpendModel: { } spend } => (spend.FitResult, spend.ToString() ?? "Gamma-Gamma"),
        _ => null,
    };

    /// <summary>The observation window: the summaries' (built here), or the settings' (summaries from an engine).</summary>
    public ObservationWindow? Window { get; }

    /// <summary>The fixed cuts of the quadrant strategy (each <see langword="null"/> for its median), or
    /// <see langword="null"/> when the strategy is another.</summary>
    public (double? Value, double? Loyalty)? QuadrantCuts { get; }

    /// <summary>The pipeline's result.</summary>
    public SegmentationResult Result { get; }

    /// <summary>The earlier log, when a migration was asked for.</summary>
    public LoadedInput? PreviousInput { get; }

    /// <summary>The fitted probabilistic models, if the value model is one.</summary>
    public FittedProbabilisticModels? Models => Result.ProbabilisticModels();

    /// <summary>The holdout comparison (expected against actual holdout purchases), when validation ran.</summary>
    public HoldoutComparison? Holdout { get; }

    /// <summary>The weekly tracking curve of repeat purchases, when validation ran on a log in memory.</summary>
    public TrackingCurve? Tracking { get; }

    /// <summary>Runs the pipeline (and the earlier run, and the validation).</summary>
    /// <param name="input">The log.</param>
    /// <param name="configuration">The settings.</param>
    /// <param name="previousInput">An earlier log, segmented first with the same settings (its own end, no holdout), to
    /// report who moved between segments; or <see langword="null"/>.</param>
    /// <param name="progress">Receives the pipeline's stages.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static AnalysisRun Execute(LoadedInput input, ToolConfiguration configuration, LoadedInput? previousInput, IProgress<SegmentationProgress>? progress, CancellationToken cancellationToken)
    {
        var covariates = InputLoader.Covariates(configuration);
        if (covariates is not null)
        {
            InputLoader.RequireCovariates(input, covariates);
            if (previousInput is not null)
            {
                InputLoader.RequireCovariates(previousInput, covariates);
            }
        }

        SegmentationResult? previous = null;
        if (previousInput is not null)
        {
            if (previousInput.Transactions is null)
            {
                throw new UsageException("An earlier snapshot (--previous, migrate) is segmented to its own latest day, which needs its transactions: use the memory engine.");
            }

            var earlier = PipelineFor(configuration, covariates?.Covariates).Configure(options => (options.ObservationEnd, options.CalibrationEnd) = (null, null)).Build();
            previous = Run(earlier, previousInput, null, progress, cancellationToken);
        }

        var result = Run(PipelineFor(configuration, covariates?.Covariates).Build(), input, previous, progress, cancellationToken);
        var models = result.ProbabilisticModels();
        HoldoutComparison? holdout = null;
        TrackingCurve? tracking = null;
        var window = result.Customers.Window ?? (configuration.Pipeline.ObservationEnd is { } end ? configuration.Window(end) : null);
        // The holdout checks take one model for every customer: with covariates each customer has their own, so they do
        // not run (the docs say so).
        if (models is { TransactionCovariates: null } && window is { HasHoldout: true })
        {
            holdout = HoldoutComparison.Evaluate(models.TransactionModel, result.Customers, models.SpendModel, new ValidationOptions { HoldoutLength = window.HoldoutLength });
            if (input.Transactions is { } transactions)
            {
                var weekly = RepeatPurchaseTracking.FromTransactions(transactions, window, stepDays: 7, configuration.Input.AfterEnd);
                tracking = TrackingCurve.Compute(models.TransactionModel, weekly);
            }
        }

        var settings = configuration.Pipeline;
        var cuts = settings.Strategy == SegmentationMethod.Quadrant ? (settings.ValueCut, settings.LoyaltyCut) : ((double?, double?)?)null;
        return new AnalysisRun(input, covariates, result, window, previousInput, holdout, tracking, cuts)
        {
            CovariateRejectsFile = covariates is { Report.RowsRejected: > 0 } ? InputLoader.CovariateRejectsPath(configuration.Input.CovariatesFile!) : null,
        };
    }

    /// <summary>The pipeline the settings describe: the dependency-injection package's mapping of the options (with the
    /// customers' covariates, when given), with the input's policy for transactions after the end.</summary>
    public static SegmentationPipelineBuilder PipelineFor(ToolConfiguration configuration, CustomerCovariates? covariates) =>
        configuration.Pipeline.ToPipelineBuilder(covariates).Configure(options => options.TransactionsAfterEnd = configuration.Input.AfterEnd);

    /// <summary>Runs a pipeline on an input: its transactions, or its summaries.</summary>
    public static SegmentationResult Run(SegmentationPipeline pipeline, LoadedInput input, SegmentationResult? previous, IProgress<SegmentationProgress>? progress, CancellationToken cancellationToken) =>
        input.Transactions is { } transactions
            ? pipeline.Run(transactions, previous, progress, cancellationToken)
            : pipeline.Run(input.Summaries!, previous, progress, cancellationToken);
}
