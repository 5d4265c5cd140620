using ValueSegmentation.Probabilistic;

namespace ValueSegmentation;

/// <summary>
/// The configuration of <see cref="ProbabilisticPipelineExtensions.AddProbabilisticModels(SegmentationPipelineBuilder, ProbabilisticModelOptions?)"/> as plain values, bound from
/// a configuration file or command-line flags like <see cref="SegmentationOptions"/>: which transaction model to fit with
/// the Gamma-Gamma spend model, and the period, discount rate, horizon and margin of the lifetime value.
/// </summary>
/// <remarks>
/// <para>Defaults: BG/NBD and Gamma-Gamma fitted on each run's customers (or given by <see cref="TransactionParameters"/>
/// and <see cref="SpendParameters"/>), monthly periods discounted at 1 % a month (12.7 % a year), a 36-month horizon for the lifetime
/// value, a 12-month horizon for expected purchases, the margin 1 (the value of revenue), and repeat customers whose mean
/// spend is not positive valued at the population mean spend (<see cref="NonPositiveSpend.Exclude"/>; each run notes how
/// many).</para>
/// <para>A mutable options class, as the options pattern binds it; the extension copies and validates it when it is
/// called. Not thread-safe while being changed.</para>
/// </remarks>
public sealed class ProbabilisticModelOptions
{
    /// <summary>The transaction model; BG/NBD by default.</summary>
    public TransactionModelKind TransactionModel { get; set; } = TransactionModelKind.BgNbd;

    /// <summary>The period of the horizons and of the discount rate; months by default.</summary>
    public TimeUnit Period { get; set; } = TimeUnit.Months;

    /// <summary>The discount rate per <see cref="Period"/>; 0.01 by default.</summary>
    public double DiscountRate { get; set; } = 0.01;

    /// <summary>The lifetime value's horizon in periods; <see langword="null"/> for an infinite horizon; 36 by default.</summary>
    public int? HorizonPeriods { get; set; } = 36;

    /// <summary>The horizon of "expected-purchases", in periods; 12 by default.</summary>
    public double ExpectedPurchasesPeriods { get; set; } = 12;

    /// <summary>The profit margin on spend, in (0, 1]; 1 (revenue) by default.</summary>
    public double Margin { get; set; } = 1;

    /// <summary>What the spend model does with a repeat customer whose mean spend is not positive;
    /// <see cref="NonPositiveSpend.Exclude"/> by default.</summary>
    public NonPositiveSpend NonPositiveSpend { get; set; } = NonPositiveSpend.Exclude;

    /// <summary>The L2 penalty of the fits (<see cref="FitOptions.Penalty"/>); 0 by default.</summary>
    public double Penalty { get; set; }

    /// <summary>Known parameters of the transaction model, by name — "r", "alpha", "a", "b" for BG/NBD and MBG/NBD;
    /// "r", "alpha", "s", "beta" for Pareto/NBD — with α (and β) in the pipeline's time unit, for example published
    /// values; <see langword="null"/> (the default) to fit the model on each run's customers.</summary>
    public IDictionary<string, double>? TransactionParameters { get; set; }

    /// <summary>Known parameters of the Gamma-Gamma spend model, by name — "p", "q", "gamma" — in the log's currency;
    /// <see langword="null"/> (the default) to fit it on each run's repeat customers.</summary>
    public IDictionary<string, double>? SpendParameters { get; set; }

    /// <summary>With covariates (<see cref="ProbabilisticPipelineExtensions.AddProbabilisticModels(SegmentationPipelineBuilder, Transactions.CustomerCovariates, ProbabilisticModelOptions?)"/>),
    /// the covariates acting on the purchase rate; <see langword="null"/> (the default) for all of them, empty for none.</summary>
    public IList<string>? PurchaseCovariates { get; set; }

    /// <summary>With covariates, those acting on dropout; <see langword="null"/> (the default) for all, empty for none.</summary>
    public IList<string>? DropoutCovariates { get; set; }

    /// <summary>With covariates, those acting on the mean spend; <see langword="null"/> (the default) for all, empty for none.</summary>
    public IList<string>? SpendCovariates { get; set; }

    /// <summary>A copy of these options (the parameter dictionaries and covariate lists copied too).</summary>
    /// <returns>The copy.</returns>
    public ProbabilisticModelOptions Clone()
    {
        var copy = (ProbabilisticModelOptions)MemberwiseClone();
        copy.TransactionParameters = TransactionParameters?.ToDictionary(p => p.Key, p => p.Value);
        copy.SpendParameters = SpendParameters?.ToDictionary(p => p.Key, p => p.Value);
        copy.PurchaseCovariates = PurchaseCovariates?.ToList();
        copy.DropoutCovariates = DropoutCovariates?.ToList();
        copy.SpendCovariates = SpendCovariates?.ToList();
        return copy;
    }
}
