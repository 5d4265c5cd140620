using System.Text.Json;
using ValueSegmentation.Lifetime;
using ValueSegmentation.Probabilistic;
using ValueSegmentation.Probabilistic.Covariates;
using ValueSegmentation.Probabilistic.Persistence;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation;

/// <summary>
/// Plugs the probabilistic models into the pipeline: <c>builder.AddProbabilisticModels()</c> fits a transaction model
/// (BG/NBD, MBG/NBD or Pareto/NBD) and the Gamma-Gamma spend model on each run's customers, and adds the measures
/// "clv", "p-alive", "expected-purchases" and "expected-spend" (<see cref="ProbabilisticMeasureNames"/>) for the options
/// to segment on.
/// </summary>
/// <remarks>The extension methods live in the pipeline's namespace, so one <c>using ValueSegmentation;</c> finds them. They
/// are pure functions of their arguments, safe to call from any thread (a builder itself is single-threaded).</remarks>
public static class ProbabilisticPipelineExtensions
{
    /// <summary>Adds the probabilistic models to a pipeline.</summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="options">The models' options (copied); <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <exception cref="InvalidOptionException">An option is out of range, or names covariates (which need the other
    /// overload); the exception names it.</exception>
    /// <exception cref="ArgumentException">The probabilistic measures are already added.</exception>
    public static SegmentationPipelineBuilder AddProbabilisticModels(this SegmentationPipelineBuilder builder, ProbabilisticModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var validated = Validated((options ?? new ProbabilisticModelOptions()).Clone());
        foreach (var (list, option) in new[] { (validated.PurchaseCovariates, nameof(validated.PurchaseCovariates)), (validated.DropoutCovariates, nameof(validated.DropoutCovariates)), (validated.SpendCovariates, nameof(validated.SpendCovariates)) })
        {
            Check(list is null or { Count: 0 }, option, string.Join(", ", list ?? []), "covariates are named but none are given: add the models with AddProbabilisticModels(covariates, options)");
        }

        return builder.AddMeasureProvider(new Provider(validated, null));
    }

    /// <summary>
    /// Adds the probabilistic models with time-invariant covariates to a pipeline: each run fits the transaction and
    /// spend models with the covariates (<see cref="CovariateModels"/>; which act on which process the options say), and
    /// the measures "clv", "p-alive", "expected-purchases" and "expected-spend" are each customer's under the models of
    /// their own covariates. Every customer of a run must have covariates.
    /// </summary>
    /// <param name="builder">The pipeline builder.</param>
    /// <param name="covariates">The customers' covariates (read by the data package's <c>CovariateTableReader</c>, for one).</param>
    /// <param name="options">The models' options (copied); <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="covariates"/> is null.</exception>
    /// <exception cref="InvalidOptionException">An option is out of range, names a covariate that is not a column, or
    /// gives known parameters (a model with covariates is fitted).</exception>
    /// <exception cref="ArgumentException">The probabilistic measures are already added.</exception>
    public static SegmentationPipelineBuilder AddProbabilisticModels(this SegmentationPipelineBuilder builder, CustomerCovariates covariates, ProbabilisticModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(covariates);
        var validated = Validated((options ?? new ProbabilisticModelOptions()).Clone());
        Check(validated.TransactionParameters is null, nameof(validated.TransactionParameters), "(given)", "known parameters cannot be combined with covariates: the models with covariates are fitted on each run");
        Check(validated.SpendParameters is null, nameof(validated.SpendParameters), "(given)", "known parameters cannot be combined with covariates: the models with covariates are fitted on each run");
        foreach (var (list, option) in new[] { (validated.PurchaseCovariates, nameof(validated.PurchaseCovariates)), (validated.DropoutCovariates, nameof(validated.DropoutCovariates)), (validated.SpendCovariates, nameof(validated.SpendCovariates)) })
        {
            foreach (string name in list ?? [])
            {
                Check(covariates.Names.Contains(name, StringComparer.Ordinal), option, name, $"not a covariate; the covariates are {string.Join(", ", covariates.Names)}");
            }
        }

        return builder.AddMeasureProvider(new Provider(validated, covariates));
    }

    /// <summary>The probabilistic models a pipeline run fitted, if it fitted any.</summary>
    /// <param name="result">The run's result.</param>
    /// <returns>The models, or <see langword="null"/> when the pipeline had no probabilistic models.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static FittedProbabilisticModels? ProbabilisticModels(this SegmentationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.FittedMeasures.OfType<FittedProbabilisticModels>().FirstOrDefault();
    }

    private static ProbabilisticModelOptions Validated(ProbabilisticModelOptions options)
    {
        Check(Enum.IsDefined(options.TransactionModel), nameof(options.TransactionModel), options.TransactionModel, "not a defined value");
        Check(Enum.IsDefined(options.Period), nameof(options.Period), options.Period, "not a defined value");
        Check(Enum.IsDefined(options.NonPositiveSpend), nameof(options.NonPositiveSpend), options.NonPositiveSpend, "not a defined value");
        Check(options.Margin is > 0 and <= 1, nameof(options.Margin), options.Margin, "the margin must be in (0, 1]");
        Check(double.IsFinite(options.ExpectedPurchasesPeriods) && options.ExpectedPurchasesPeriods >= 0, nameof(options.ExpectedPurchasesPeriods), options.ExpectedPurchasesPeriods, "must be finite and not negative");
        Check(double.IsFinite(options.Penalty) && options.Penalty >= 0, nameof(options.Penalty), options.Penalty, "must be finite and not negative");
        Check(options.HorizonPeriods is null or >= 0, nameof(options.HorizonPeriods), options.HorizonPeriods, "must not be negative");
        _ = GivenTransactionModel(options, TimeUnit.Weeks);
        _ = GivenSpendModel(options);
        try
        {
            // The lifetime value checks the rate against the horizon (an infinite horizon needs a positive rate).
            var standIn = new BgNbdModel(new BgNbdParameters(1, 1, 1, 1), TimeUnit.Weeks);
            _ = new ProbabilisticLifetimeValue(standIn, new GammaGammaModel(new GammaGammaParameters(1, 2, 1)), options.Period, options.DiscountRate, options.HorizonPeriods, options.Margin);
        }
        catch (ArgumentOutOfRangeException invalid)
        {
            throw new InvalidOptionException($"{nameof(ProbabilisticModelOptions)}.{nameof(options.DiscountRate)}", invalid.Message, invalid);
        }

        return options;
    }

    /// <summary>The transaction model of <see cref="ProbabilisticModelOptions.TransactionParameters"/>, or
    /// <see langword="null"/> when it is to be fitted.</summary>
    /// <exception cref="InvalidOptionException">A parameter is missing, unknown or out of the models' domain.</exception>
    private static RepeatPurchaseModel? GivenTransactionModel(ProbabilisticModelOptions options, TimeUnit unit)
    {
        if (options.TransactionParameters is not { } given)
        {
            return null;
        }

        var p = Parameters(given, ModelStates.ParameterNames(ModelStates.NameOf(options.TransactionModel))!, nameof(options.TransactionParameters));
        return Given<RepeatPurchaseModel>(nameof(options.TransactionParameters), () => options.TransactionModel switch
        {
            TransactionModelKind.BgNbd => new BgNbdModel(new BgNbdParameters(p[0], p[1], p[2], p[3]), unit),
            TransactionModelKind.MbgNbd => new MbgNbdModel(new BgNbdParameters(p[0], p[1], p[2], p[3]), unit),
            _ => new ParetoNbdModel(new ParetoNbdParameters(p[0], p[1], p[2], p[3]), unit),
        });
    }

    /// <summary>The spend model of <see cref="ProbabilisticModelOptions.SpendParameters"/>, or <see langword="null"/>
    /// when it is to be fitted.</summary>
    /// <exception cref="InvalidOptionException">A parameter is missing, unknown or out of the models' domain.</exception>
    private static GammaGammaModel? GivenSpendModel(ProbabilisticModelOptions options)
    {
        if (options.SpendParameters is not { } given)
        {
            return null;
        }

        var p = Parameters(given, ModelStates.ParameterNames(ModelStates.GammaGamma)!, nameof(options.SpendParameters));
        return Given(nameof(options.SpendParameters), () => new GammaGammaModel(new GammaGammaParameters(p[0], p[1], p[2]), options.NonPositiveSpend));
    }

    private static double[] Parameters(IDictionary<string, double> given, string[] names, string option)
    {
        var values = new double[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            // Names are compared without regard to case, whatever the dictionary's comparer.
            var matches = given.Where(p => string.Equals(p.Key, names[i], StringComparison.OrdinalIgnoreCase)).ToList();
            Check(matches.Count > 0, $"{option}:{names[i]}", "(missing)", $"the model's parameters are {string.Join(", ", names)}");
            Check(matches.Count == 1, $"{option}:{names[i]}", string.Join(", ", matches.Select(p => p.Key)), "the parameter is given more than once");
            values[i] = matches[0].Value;
        }

        foreach (string name in given.Keys)
        {
            Check(names.Contains(name, StringComparer.OrdinalIgnoreCase), $"{option}:{name}", given[name], $"not a parameter of the model, whose parameters are {string.Join(", ", names)}");
        }

        return values;
    }

    private static T Given<T>(string option, Func<T> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentOutOfRangeException invalid)
        {
            throw new InvalidOptionException($"{nameof(ProbabilisticModelOptions)}.{option}:{invalid.ParamName}", $"{invalid.ActualValue} is invalid: {invalid.Message}", invalid);
        }
    }

    private static void Check<T>(bool valid, string option, T value, string why)
    {
        if (!valid)
        {
            throw new InvalidOptionException($"{nameof(ProbabilisticModelOptions)}.{option}", $"{value} is invalid: {why}.");
        }
    }

    /// <summary>Fits the models on each run's customers.</summary>
    private sealed class Provider(ProbabilisticModelOptions options, CustomerCovariates? covariates) : IPersistentMeasureProvider
    {
        public string StateKind => "value-segmentation/probabilistic-models";

        public int StateVersion => 1;

        public string Name => options.TransactionModel + " + Gamma-Gamma";

        public IReadOnlyCollection<string> MeasureNames { get; } = ProbabilisticMeasureNames.All;

        public IFittedMeasures Fit(CustomerSummaryCollection customers, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(customers);
            var notes = new List<string>();
            var fitOptions = new FitOptions { Penalty = options.Penalty };
            if (covariates is not null)
            {
                return FitWithCovariates(customers, covariates, fitOptions, cancellationToken);
            }

            var data = RepeatPurchaseData.FromSummaries(customers);
            cancellationToken.ThrowIfCancellationRequested();
            RepeatPurchaseModel transactions = GivenTransactionModel(options, data.TimeUnit) ?? options.TransactionModel switch
            {
                TransactionModelKind.BgNbd => BgNbdModel.Fit(data, fitOptions),
                TransactionModelKind.MbgNbd => MbgNbdModel.Fit(data, fitOptions),
                _ => ParetoNbdModel.Fit(data, fitOptions),
            };
            if (transactions.FitResult is { Convergence.Converged: false } fit)
            {
                notes.Add($"the {options.TransactionModel} fit did not converge: {fit.Convergence.Reason}.");
            }

            cancellationToken.ThrowIfCancellationRequested();
            GammaGammaModel? spend = GivenSpendModel(options);
            string? spendUnavailable = null;
            if (spend is null && customers.Any(c => c.Frequency > 0 && c.MonetaryValue > 0))
            {
                var spendData = SpendData.FromSummaries(customers, options.NonPositiveSpend);
                spend = GammaGammaModel.Fit(spendData, fitOptions);
                if (spend.FitResult is { Convergence.Converged: false } spendFit)
                {
                    notes.Add($"the Gamma-Gamma fit did not converge: {spendFit.Convergence.Reason}.");
                }

                NoteExcluded(spendData.ExcludedCustomers, spend, notes);

            }
            else if (spend is null)
            {
                spendUnavailable = "no customer has a repeat purchase with positive spend.";
                notes.Add("no spend model: " + spendUnavailable);
            }

            return Fitted(options, transactions, spend, notes, spendUnavailable);
        }

        /// <summary>The models with covariates, and each customer's measures under the models of their covariates.</summary>
        private FittedProbabilisticModels FitWithCovariates(CustomerSummaryCollection customers, CustomerCovariates table, FitOptions fitOptions, CancellationToken cancellationToken)
        {
            var notes = new List<string>();
            var transactions = CovariateModels.FitTransactions(options.TransactionModel, customers, table, options.PurchaseCovariates?.ToList(), options.DropoutCovariates?.ToList(), fitOptions);
            Describe(transactions, notes);
            cancellationToken.ThrowIfCancellationRequested();
            CovariateModel<GammaGammaModel>? spend = null;
            string? spendUnavailable = null;
            if (customers.Any(c => c.Frequency > 0 && c.MonetaryValue > 0))
            {
                var spendTable = options.SpendCovariates is { } names ? (names.Count > 0 ? table.Select([.. names]) : null) : table;
                spend = spendTable is null
                    ? null
                    : CovariateModels.FitSpend(customers, spendTable, options.NonPositiveSpend, fitOptions);
                if (spend is not null)
                {
                    Describe(spend, notes);
                }
                else
                {
                    // No spend covariates: the plain Gamma-Gamma, wrapped so that every customer has the same spend model.
                    var plain = GammaGammaModel.Fit(SpendData.FromSummaries(customers, options.NonPositiveSpend), fitOptions);
                    if (plain.FitResult is { Convergence.Converged: false } plainFit)
                    {
                        notes.Add($"the Gamma-Gamma fit did not converge: {plainFit.Convergence.Reason}.");
                    }

                    spend = CovariateModels.WithoutCovariates(plain);
                }

                NoteExcluded(customers.Count(c => c.Frequency > 0 && c.MonetaryValue <= 0), spend.Baseline, notes);
            }
            else
            {
                spendUnavailable = "no customer has a repeat purchase with positive spend.";
                notes.Add("no spend model: " + spendUnavailable);
            }

            return FittedWithCovariates(options, table, transactions, spend, notes, spendUnavailable);
        }

        public void WriteState(IFittedMeasures fitted, Utf8JsonWriter writer)
        {
            ArgumentNullException.ThrowIfNull(writer);
            if (fitted is not FittedProbabilisticModels models)
            {
                throw new ArgumentException($"{fitted?.GetType().Name ?? "null"} was not fitted by AddProbabilisticModels.", nameof(fitted));
            }

            if (models.TransactionCovariates is not null)
            {
                throw new NotSupportedException("Models fitted with covariates cannot be saved in a snapshot yet: refit them on the covariates, or save the pipeline without covariates.");
            }

            JsonSerializer.Serialize(
                writer,
                new ProbabilisticModelsState
                {
                    Options = models.Options,
                    TransactionModel = ModelStates.ToState(models.TransactionModel),
                    SpendModel = models.SpendModel is null ? null : ModelStates.ToState(models.SpendModel),
                    Notes = [.. models.Notes],
                    SpendUnavailable = models.SpendUnavailable,
                },
                ProbabilisticJsonContext.Default.ProbabilisticModelsState);
        }

        public IFittedMeasures ReadState(JsonElement state, SegmentationOptions snapshotOptions)
        {
            ArgumentNullException.ThrowIfNull(snapshotOptions);
            const string Path = "$.fittedMeasures[].state";
            ProbabilisticModelsState saved;
            try
            {
                saved = state.Deserialize(ProbabilisticJsonContext.Default.ProbabilisticModelsState)
                    ?? throw new SavedStateException("The saved probabilistic models are the JSON value null.", Path);
            }
            catch (JsonException invalid)
            {
                throw new SavedStateException($"The saved probabilistic models cannot be read at {Path}{invalid.Path?.TrimStart('$')}: {ExceptionText.WithoutParameter(invalid)}", Path + invalid.Path?.TrimStart('$'), invalid);
            }

            var options = SavedDocuments.Restore(() => Validated(saved.Options.Clone()), "probabilistic models", Path + ".options");
            var transactions = ModelStates.FromState(saved.TransactionModel, Path + ".transactionModel") as RepeatPurchaseModel
                ?? throw new SavedStateException($"The saved transaction model is a \"{saved.TransactionModel.Model}\", not BG/NBD, MBG/NBD or Pareto/NBD.", Path + ".transactionModel.model");
            SavedDocuments.Require(
                string.Equals(saved.TransactionModel.Model, ModelStates.NameOf(options.TransactionModel), StringComparison.Ordinal),
                "probabilistic models",
                Path + ".transactionModel.model",
                $"the saved options name the transaction model {options.TransactionModel}, but the saved model is a \"{saved.TransactionModel.Model}\".");
            SavedDocuments.Require(
                transactions.TimeUnit == snapshotOptions.TimeUnit,
                "probabilistic models",
                Path + ".transactionModel.timeUnit",
                $"the transaction model is in {transactions.TimeUnit}, the snapshot's customers in {snapshotOptions.TimeUnit}.");
            GammaGammaModel? spend = null;
            if (saved.SpendModel is { } spendState)
            {
                spend = ModelStates.FromState(spendState, Path + ".spendModel") as GammaGammaModel
                    ?? throw new SavedStateException($"The saved spend model is a \"{spendState.Model}\", not Gamma-Gamma.", Path + ".spendModel.model");
                SavedDocuments.Require(
                    spend.NonPositiveSpend == options.NonPositiveSpend,
                    "probabilistic models",
                    Path + ".spendModel.nonPositiveSpend",
                    $"the spend model's policy is {spend.NonPositiveSpend}, the saved options' {options.NonPositiveSpend}.");
            }

            SavedDocuments.Require(
                (spend is null) != (saved.SpendUnavailable is null),
                "probabilistic models",
                Path + ".spendUnavailable",
                "the models either have a spend model or say why not (spendUnavailable), not both or neither.");
            return Fitted(options, transactions, spend, saved.Notes, saved.SpendUnavailable);
        }

        /// <summary>The note on repeat customers left out of the spend fit (mean spend 0 or less), when there are any.</summary>
        private static void NoteExcluded(int excluded, GammaGammaModel spend, List<string> notes)
        {
            if (excluded > 0)
            {
                string mean = spend.Parameters.Q > 1 ? Invariant.Amount(spend.PopulationMeanSpend, string.Empty) : "infinite";
                notes.Add($"{excluded:N0} repeat customer(s) with a mean spend of 0 or less are left out of the spend fit and valued at the population mean spend ({mean}{(spend.FitResult is null ? " for the baseline customer" : string.Empty)}).");
            }
        }

        /// <summary>What a user should read of a fit with covariates: its convergence, the test and the notes.</summary>
        private static void Describe<TModel>(CovariateModel<TModel> model, List<string> notes)
            where TModel : class
        {
            if (!model.FitResult.Convergence.Converged)
            {
                notes.Add($"the {model.Model} fit with covariates did not converge: {model.FitResult.Convergence.Reason}.");
            }

            if (model.LikelihoodRatio is { } test)
            {
                notes.Add(FormattableString.Invariant($"{model.Model} covariates: likelihood ratio {test.Statistic:F1} on {test.DegreesOfFreedom} degree(s) of freedom, p = {test.PValue:G3}."));
            }

            notes.AddRange(model.Notes.Select(note => $"{model.Model}: {note}"));
        }

        /// <summary>The measures of models with covariates: each customer's under the models of their covariates.</summary>
        private static FittedProbabilisticModels FittedWithCovariates(ProbabilisticModelOptions options, CustomerCovariates table, CovariateModel<RepeatPurchaseModel> transactions, CovariateModel<GammaGammaModel>? spend, IReadOnlyList<string> notes, string? spendUnavailable)
        {
            CustomerMeasure PerCustomer(string name, IReadOnlyList<string> used, Func<string, ICustomerValueModel> create) =>
                new(name, new PerCovariateValue(new PerCovariateModels<ICustomerValueModel>(table, used, create)));
            var unit = transactions.Baseline.TimeUnit;
            double horizon = options.Period.ConvertTo(options.ExpectedPurchasesPeriods, unit);
            var measures = new Dictionary<string, CustomerMeasure>(StringComparer.OrdinalIgnoreCase)
            {
                [ProbabilisticMeasureNames.ProbabilityAlive] = PerCustomer("P(alive) given the covariates", transactions.CovariateNames, id => CustomerMeasure.ProbabilityAlive(transactions.ModelFor(table, id))),
                [ProbabilisticMeasureNames.ExpectedPurchases] = PerCustomer(FormattableString.Invariant($"expected purchases in {horizon:G6} {unit} given the covariates"), transactions.CovariateNames, id => CustomerMeasure.ExpectedPurchases(transactions.ModelFor(table, id), horizon)),
            };
            ProbabilisticLifetimeValue? baselineValue = null;
            CovariateLifetimeValue? lifetimeValue = null;
            if (spend is not null)
            {
                baselineValue = new ProbabilisticLifetimeValue(transactions.Baseline, spend.Baseline, options.Period, options.DiscountRate, options.HorizonPeriods, options.Margin);
                lifetimeValue = new CovariateLifetimeValue(transactions, spend, table, options.Period, options.DiscountRate, options.HorizonPeriods, options.Margin);
                measures[ProbabilisticMeasureNames.ExpectedSpend] = PerCustomer("expected spend per purchase given the covariates", spend.CovariateNames, id => CustomerMeasure.ExpectedSpend(spend.ModelFor(table, id)));
                measures[ProbabilisticMeasureNames.LifetimeValue] = new CustomerMeasure(baselineValue.ShortName + " given the covariates", lifetimeValue);
            }

            return new FittedProbabilisticModels(options, transactions.Baseline, spend?.Baseline, baselineValue, measures, notes, spendUnavailable)
            {
                TransactionCovariates = transactions,
                SpendCovariates = spend,
                CovariateLifetimeValue = lifetimeValue,
            };
        }

        /// <summary>The measures of fitted models, built with the options: fitted in a run, or loaded from a snapshot.</summary>
        private static FittedProbabilisticModels Fitted(ProbabilisticModelOptions options, RepeatPurchaseModel transactions, GammaGammaModel? spend, IReadOnlyList<string> notes, string? spendUnavailable)
        {
            var measures = new Dictionary<string, CustomerMeasure>(StringComparer.OrdinalIgnoreCase)
            {
                [ProbabilisticMeasureNames.ProbabilityAlive] = CustomerMeasure.ProbabilityAlive(transactions),
                [ProbabilisticMeasureNames.ExpectedPurchases] = CustomerMeasure.ExpectedPurchases(transactions, options.Period.ConvertTo(options.ExpectedPurchasesPeriods, transactions.TimeUnit)),
            };
            ProbabilisticLifetimeValue? lifetimeValue = null;
            if (spend is not null)
            {
                lifetimeValue = new ProbabilisticLifetimeValue(transactions, spend, options.Period, options.DiscountRate, options.HorizonPeriods, options.Margin);
                measures[ProbabilisticMeasureNames.ExpectedSpend] = CustomerMeasure.ExpectedSpend(spend);
                measures[ProbabilisticMeasureNames.LifetimeValue] = CustomerMeasure.LifetimeValue(lifetimeValue);
            }

            return new FittedProbabilisticModels(options, transactions, spend, lifetimeValue, measures, notes, spendUnavailable);
        }
    }
}
