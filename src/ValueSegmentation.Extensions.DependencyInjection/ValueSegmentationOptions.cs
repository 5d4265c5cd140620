using System.Globalization;
using ValueSegmentation.Lifetime;
using ValueSegmentation.Metrics;
using ValueSegmentation.Segmentation;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Extensions.DependencyInjection;

/// <summary>
/// The settings of a value segmentation as a configuration file holds them — time unit, purchase period, value model
/// and its parameters (or a fit), discount rate and its period, horizon, margin, cost drivers, strategy with its shares
/// or cut points and segment names — and the one mapping of those settings onto the core's pipeline
/// (<see cref="ToPipelineBuilder()"/>), shared by code, configuration files and command-line front ends.
/// </summary>
/// <remarks>
/// <para>Bound from the "ValueSegmentation" section by <c>services.AddValueSegmentation(configuration)</c> (keys are the
/// property names, docs/services.md lists them with their defaults), validated at start by
/// <see cref="ValueSegmentationOptionsValidator"/> and by building the pipeline: a bad setting fails the host's start
/// with a message naming the setting, its value and what is allowed.</para>
/// <para>A mutable options class, as the options pattern binds it; not thread-safe while it is being changed. The
/// pipeline and the scorer built from it copy what they need.</para>
/// </remarks>
public sealed class ValueSegmentationOptions
{
    /// <summary>"ValueSegmentation": the configuration section the settings are read from by default.</summary>
    public const string SectionName = "ValueSegmentation";

    /// <summary>The unit of recency, age and the models' rates; weeks by default.</summary>
    [DefinedValue]
    public TimeUnit TimeUnit { get; set; } = TimeUnit.Weeks;

    /// <summary>The period within which a customer's transactions count as one purchase; a day by default.</summary>
    [DefinedValue]
    public PurchasePeriod PurchasePeriod { get; set; } = PurchasePeriod.Day;

    /// <summary>The end of observation when the models are fitted from data; <see langword="null"/> (the default) for the
    /// day of the latest transaction.</summary>
    public DateTimeOffset? ObservationEnd { get; set; }

    /// <summary>An optional end of the calibration period (purchases after it are kept apart as holdout).</summary>
    public DateTimeOffset? CalibrationEnd { get; set; }

    /// <summary>What customers are valued by: the value axis of the segments; revenue by default.</summary>
    [DefinedValue]
    public ValueModel ValueModel { get; set; } = ValueModel.Revenue;

    /// <summary>Known parameters of the transaction model of a probabilistic <see cref="ValueModel"/>, by name ("r",
    /// "alpha", "a", "b"; "r", "alpha", "s", "beta" for Pareto/NBD), in <see cref="TimeUnit"/>; <see langword="null"/>
    /// (the default) to fit the model on the data.</summary>
    public IDictionary<string, double>? ModelParameters { get; set; }

    /// <summary>Known parameters of the Gamma-Gamma spend model ("p", "q", "gamma"); <see langword="null"/> (the default)
    /// to fit it on the data.</summary>
    public IDictionary<string, double>? SpendParameters { get; set; }

    /// <summary>With customers' covariates (<see cref="ToPipelineBuilder(CustomerCovariates?)"/>), those acting on the purchase
    /// rate of the probabilistic model; <see langword="null"/> (the default) for all of them, empty for none (in a
    /// configuration file, the empty string: an empty JSON array is dropped by the configuration system).</summary>
    public IList<string>? PurchaseCovariates { get; set; }

    /// <summary>With covariates, those acting on dropout; <see langword="null"/> (the default) for all, empty for none.</summary>
    public IList<string>? DropoutCovariates { get; set; }

    /// <summary>With covariates, those acting on the mean spend; <see langword="null"/> (the default) for all, empty for none.</summary>
    public IList<string>? SpendCovariates { get; set; }

    /// <summary>The share of the value that is profit, in (0, 1]: applied to spend (probabilistic models), to the average
    /// order value (simple lifetime value) or to gross profit (retention lifetime value); 1 by default.</summary>
    [SettingRange(0, 1, MinimumIsExclusive = true)]
    public double Margin { get; set; } = 1;

    /// <summary>The discount rate per <see cref="DiscountPeriod"/> of the lifetime values; 0.01 by default.</summary>
    [SettingRange(-1, 100, MinimumIsExclusive = true)]
    public double DiscountRate { get; set; } = 0.01;

    /// <summary>The period of <see cref="DiscountRate"/>, <see cref="HorizonPeriods"/> and
    /// <see cref="ExpectedPurchasesPeriods"/>; months by default.</summary>
    [DefinedValue]
    public TimeUnit DiscountPeriod { get; set; } = TimeUnit.Months;

    /// <summary>The horizon of the lifetime values in <see cref="DiscountPeriod"/>s; <see langword="null"/> for an
    /// infinite horizon (which needs a positive discount rate); 36 by default.</summary>
    [SettingRange(0, 12_000)]
    public int? HorizonPeriods { get; set; } = 36;

    /// <summary>The horizon of the "expected-purchases" measure in <see cref="DiscountPeriod"/>s; 12 by default.</summary>
    [SettingRange(0, 12_000)]
    public double ExpectedPurchasesPeriods { get; set; } = 12;

    /// <summary>The expected lifespan of the simple lifetime value, in years; 3 by default.</summary>
    [SettingRange(0, 1_000, MinimumIsExclusive = true)]
    public double LifespanYears { get; set; } = 3;

    /// <summary>The retention rate per <see cref="DiscountPeriod"/> of the retention lifetime value, in [0, 1]; 0.8 by
    /// default.</summary>
    [SettingRange(0, 1)]
    public double RetentionRate { get; set; } = 0.8;

    /// <summary>Cost to serve per unit of "orders" and "years" (see <see cref="SegmentationOptions.CostDrivers"/>);
    /// <see langword="null"/> for none.</summary>
    public IDictionary<string, double>? CostDrivers { get; set; }

    /// <summary>The segmentation strategy; value tiers by default.</summary>
    [DefinedValue]
    public SegmentationMethod Strategy { get; set; } = SegmentationMethod.Tiers;

    /// <summary>The loyalty measure by name ("frequency", "p-alive", "expected-purchases", ...): the quadrant's second axis
    /// and a column of the report; <see langword="null"/> for "p-alive" with a probabilistic model and "frequency"
    /// otherwise (quadrant only).</summary>
    public string? Loyalty { get; set; }

    /// <summary>The strategy's shares (tier shares from the top, percentiles' cumulative shares, Pareto classes'
    /// cumulative value shares); <see langword="null"/> for the strategy's default.</summary>
    public IList<double>? Shares { get; set; }

    /// <summary>Fixed tier minimums from the top, strictly decreasing, instead of <see cref="Shares"/> (tiers only).</summary>
    public IList<double>? Minimums { get; set; }

    /// <summary>A fixed cut on the quadrant's value axis; <see langword="null"/> for the median.</summary>
    public double? ValueCut { get; set; }

    /// <summary>A fixed cut on the quadrant's loyalty axis; <see langword="null"/> for the median.</summary>
    public double? LoyaltyCut { get; set; }

    /// <summary>The segments' names from the top (tier names, for example), replacing the strategy's defaults.</summary>
    public IList<string>? SegmentNames { get; set; }

    /// <summary>The segments' treatments, in the order of <see cref="SegmentNames"/>.</summary>
    public IList<string>? SegmentTreatments { get; set; }

    /// <summary>A saved snapshot (<see cref="SegmentationSnapshot.ToJson"/>) the scorer loads when it is created;
    /// <see langword="null"/> (the default) to start without one (then load or refit it in code).</summary>
    public string? SnapshotPath { get; set; }

    /// <summary>Whether the scorer reloads <see cref="SnapshotPath"/> when the file changes (write the new file next to
    /// it and rename it over the old one, so the scorer never reads half a file); <see langword="true"/> by default.</summary>
    public bool WatchSnapshot { get; set; } = true;

    /// <summary>The name of the value measure <see cref="ValueModel"/> stands for in the pipeline.</summary>
    internal string ValueMeasure => ValueModel switch
    {
        ValueModel.Revenue => MeasureNames.Revenue,
        ValueModel.GrossProfit => MeasureNames.GrossProfit,
        ValueModel.Profit => MeasureNames.Profit,
        ValueModel.SimpleLifetimeValue => SimpleLifetimeValueMeasure,
        ValueModel.RetentionLifetimeValue => RetentionLifetimeValueMeasure,
        _ => ProbabilisticMeasureNames.LifetimeValue,
    };

    private const string SimpleLifetimeValueMeasure = "simple-clv";

    private const string RetentionLifetimeValueMeasure = "retention-clv";

    /// <summary>What <see cref="ValueSegmentationConfiguration"/> could not read into these options, to be reported by
    /// validation with the other bad settings (empty when the options were set in code).</summary>
    internal List<string> BindingErrors { get; } = [];

    private bool IsProbabilistic => ValueModel is ValueModel.BgNbd or ValueModel.MbgNbd or ValueModel.ParetoNbd;

    /// <summary>
    /// The pipeline these settings describe: the core's <see cref="SegmentationPipelineBuilder"/> with the options mapped
    /// onto it, the lifetime value model of <see cref="ValueModel"/> added as a measure (the probabilistic models with
    /// <c>AddProbabilisticModels</c>), ready to <see cref="SegmentationPipelineBuilder.Build"/> or to extend.
    /// </summary>
    /// <returns>A new builder.</returns>
    /// <exception cref="InvalidOptionException">A setting is invalid; the exception names it and its value.</exception>
    public SegmentationPipelineBuilder ToPipelineBuilder() => ToPipelineBuilder(null, refuseCovariateSettingsAlone: true);

    /// <summary>
    /// The pipeline these settings describe, as <see cref="ToPipelineBuilder()"/>, with the customers' covariates: the
    /// probabilistic value model is fitted with them (<see cref="PurchaseCovariates"/>, <see cref="DropoutCovariates"/>
    /// and <see cref="SpendCovariates"/> say which act on which process) and values each customer under the models of
    /// their own covariates.
    /// </summary>
    /// <param name="covariates">The customers' covariates (the data package's <c>CovariateTableReader</c> reads them), or
    /// <see langword="null"/> for none.</param>
    /// <returns>A new builder.</returns>
    /// <exception cref="InvalidOptionException">A setting is invalid, covariates are given for a value model that is not
    /// probabilistic, or a covariate setting names a covariate that is not given; the exception names the setting.</exception>
    public SegmentationPipelineBuilder ToPipelineBuilder(CustomerCovariates? covariates) => ToPipelineBuilder(covariates, refuseCovariateSettingsAlone: true);

    /// <summary>The pipeline; with <paramref name="refuseCovariateSettingsAlone"/> false and no covariates, the covariate
    /// settings are left out instead of refused: start-up validation and the scorer (which assigns with a snapshot) accept
    /// settings meant for runs given covariates in code.</summary>
    internal SegmentationPipelineBuilder ToPipelineBuilder(CustomerCovariates? covariates, bool refuseCovariateSettingsAlone)
    {
        if (!IsProbabilistic && (covariates is not null || PurchaseCovariates is not null || DropoutCovariates is not null || SpendCovariates is not null))
        {
            string setting = PurchaseCovariates is not null ? nameof(PurchaseCovariates) : DropoutCovariates is not null ? nameof(DropoutCovariates) : SpendCovariates is not null ? nameof(SpendCovariates) : nameof(ValueModel);
            throw new InvalidOptionException($"{SectionName}:{setting}", $"covariates are for the probabilistic models, but the value model {ValueModel} has none; set {nameof(ValueModel)} to BgNbd, MbgNbd or ParetoNbd.");
        }


        var builder = new SegmentationPipelineBuilder(new SegmentationOptions
        {
            ObservationEnd = ObservationEnd,
            CalibrationEnd = CalibrationEnd,
            TimeUnit = TimeUnit,
            PurchasePeriod = PurchasePeriod,
            ValueMeasure = ValueMeasure,
            LoyaltyMeasure = Loyalty ?? (IsProbabilistic && Strategy == SegmentationMethod.Quadrant ? ProbabilisticMeasureNames.ProbabilityAlive : null),
            Method = Strategy,
            Shares = Shares?.ToList(),
            Minimums = Minimums?.ToList(),
            ValueCut = ValueCut,
            LoyaltyCut = LoyaltyCut,
            SegmentNames = SegmentNames?.ToList(),
            SegmentTreatments = SegmentTreatments?.ToList(),
            CostDrivers = CostDrivers?.ToDictionary(driver => driver.Key, driver => driver.Value),
        });
        switch (ValueModel)
        {
            case ValueModel.SimpleLifetimeValue:
                var simple = Setting(() => new SimpleLifetimeValueModel(LifespanYears, Margin));
                builder.AddMeasure(SimpleLifetimeValueMeasure, new CustomerMeasure(string.Create(CultureInfo.InvariantCulture, $"simple CLV ({LifespanYears:R} years, margin {Margin:R})"), simple));
                break;
            case ValueModel.RetentionLifetimeValue:
                var period = DiscountPeriod;
                double margin = Margin;
                var retention = Setting(() => new RetentionLifetimeValueModel(
                    RetentionRate,
                    DiscountRate,
                    period,
                    MarginTiming.EndOfPeriod,
                    HorizonPeriods,
                    c => margin * (c.Revenue - c.CostOfGoods) / c.PurchaseCount * PurchaseFrequency.ForCustomer(c, period)));
                string horizon = HorizonPeriods is { } h ? string.Create(CultureInfo.InvariantCulture, $"{h} {period.ToString().ToLowerInvariant()}") : "no horizon";
                builder.AddMeasure(
                    RetentionLifetimeValueMeasure,
                    new CustomerMeasure(string.Create(CultureInfo.InvariantCulture, $"retention CLV (r = {RetentionRate:R}, d = {DiscountRate:R} per {period.ToString().ToLowerInvariant()}, {horizon}, margin {Margin:R})"), retention));
                break;
            case ValueModel.BgNbd or ValueModel.MbgNbd or ValueModel.ParetoNbd:
                var probabilistic = new ProbabilisticModelOptions
                {
                    TransactionModel = ValueModel switch
                    {
                        ValueModel.BgNbd => TransactionModelKind.BgNbd,
                        ValueModel.MbgNbd => TransactionModelKind.MbgNbd,
                        _ => TransactionModelKind.ParetoNbd,
                    },
                    Period = DiscountPeriod,
                    DiscountRate = DiscountRate,
                    HorizonPeriods = HorizonPeriods,
                    ExpectedPurchasesPeriods = ExpectedPurchasesPeriods,
                    Margin = Margin,
                    NonPositiveSpend = Probabilistic.NonPositiveSpend.Exclude,
                    TransactionParameters = ModelParameters,
                    SpendParameters = SpendParameters,
                    PurchaseCovariates = covariates is null && !refuseCovariateSettingsAlone ? null : PurchaseCovariates?.ToList(),
                    DropoutCovariates = covariates is null && !refuseCovariateSettingsAlone ? null : DropoutCovariates?.ToList(),
                    SpendCovariates = covariates is null && !refuseCovariateSettingsAlone ? null : SpendCovariates?.ToList(),
                };
                _ = covariates is null ? builder.AddProbabilisticModels(probabilistic) : builder.AddProbabilisticModels(covariates, probabilistic);
                break;
            default:
                if (ModelParameters is not null || SpendParameters is not null)
                {
                    throw new InvalidOptionException(
                        $"{SectionName}:{(ModelParameters is not null ? nameof(ModelParameters) : nameof(SpendParameters))}",
                        $"model parameters are given but the value model {ValueModel} has no probabilistic model; set {nameof(ValueModel)} to BgNbd, MbgNbd or ParetoNbd.");
                }

                break;
        }

        return builder;
    }

    /// <summary>A closed-form lifetime value model of the settings, whose argument checks name the setting they came from.</summary>
    private static T Setting<T>(Func<T> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentOutOfRangeException invalid)
        {
            string setting = invalid.ParamName switch
            {
                "expectedLifespanYears" or "lifespanYears" => nameof(LifespanYears),
                "grossMargin" => nameof(Margin),
                "retentionRate" => nameof(RetentionRate),
                "discountRate" => nameof(DiscountRate),
                "horizonPeriods" => nameof(HorizonPeriods),
                "period" => nameof(DiscountPeriod),
                _ => invalid.ParamName ?? nameof(ValueModel),
            };
            throw new InvalidOptionException($"{SectionName}:{setting}", $"{invalid.ActualValue} is invalid with these settings: {invalid.Message.Split(Environment.NewLine)[0]}", invalid);
        }
    }
}
