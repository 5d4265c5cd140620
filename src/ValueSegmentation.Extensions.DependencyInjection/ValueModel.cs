namespace ValueSegmentation.Extensions.DependencyInjection;

/// <summary>What <see cref="ValueSegmentationOptions.ValueModel"/> values customers by: the value axis of the segments.</summary>
public enum ValueModel
{
    /// <summary>Revenue in the observation period (measure "revenue").</summary>
    Revenue = 0,

    /// <summary>Revenue − cost of goods (measure "gross-profit").</summary>
    GrossProfit = 1,

    /// <summary>Revenue − cost of goods − cost to serve of <see cref="ValueSegmentationOptions.CostDrivers"/> (measure
    /// "profit").</summary>
    Profit = 2,

    /// <summary>The simple lifetime value AOV × purchases per year × <see cref="ValueSegmentationOptions.LifespanYears"/>
    /// × <see cref="ValueSegmentationOptions.Margin"/> (measure "simple-clv").</summary>
    SimpleLifetimeValue = 3,

    /// <summary>The margin/retention lifetime value m·Σ rᵗ/(1 + d)ᵗ with <see cref="ValueSegmentationOptions.RetentionRate"/>,
    /// <see cref="ValueSegmentationOptions.DiscountRate"/> per <see cref="ValueSegmentationOptions.DiscountPeriod"/> over
    /// <see cref="ValueSegmentationOptions.HorizonPeriods"/> (measure "retention-clv").</summary>
    RetentionLifetimeValue = 4,

    /// <summary>BG/NBD with Gamma-Gamma spend: the discounted expected profit of future purchases (measure "clv"), the
    /// models fitted on the data or given by <see cref="ValueSegmentationOptions.ModelParameters"/>.</summary>
    BgNbd = 5,

    /// <summary>MBG/NBD with Gamma-Gamma spend (measure "clv").</summary>
    MbgNbd = 6,

    /// <summary>Pareto/NBD with Gamma-Gamma spend (measure "clv").</summary>
    ParetoNbd = 7,
}
