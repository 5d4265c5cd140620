using ValueSegmentation.Segmentation;

namespace ValueSegmentation;

/// <summary>The built-in segmentation strategies, by name, for <see cref="SegmentationOptions.Method"/>.</summary>
public enum SegmentationMethod
{
    /// <summary>Value tiers (<see cref="TieredStrategy"/>): by <see cref="SegmentationOptions.Shares"/> of customers
    /// (20/30/50 % by default) or by fixed <see cref="SegmentationOptions.Minimums"/>.</summary>
    Tiers = 0,

    /// <summary>The top k % (<see cref="PercentileStrategy"/>), cumulative <see cref="SegmentationOptions.Shares"/>
    /// (1 % and 20 % by default).</summary>
    Percentiles = 1,

    /// <summary>Pareto / ABC classes by cumulative share of value (<see cref="ParetoStrategy"/>),
    /// <see cref="SegmentationOptions.Shares"/> (80 % and 95 % by default).</summary>
    Pareto = 2,

    /// <summary>Value × loyalty quadrant (<see cref="QuadrantStrategy"/>), cut at the medians or at
    /// <see cref="SegmentationOptions.ValueCut"/> and <see cref="SegmentationOptions.LoyaltyCut"/>.</summary>
    Quadrant = 3,

    /// <summary>RFM scores by quintiles with the default named segments (<see cref="RfmStrategy"/>); the monetary axis is
    /// the value measure.</summary>
    Rfm = 4,
}
