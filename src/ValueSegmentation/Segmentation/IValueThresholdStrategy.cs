namespace ValueSegmentation.Segmentation;

/// <summary>
/// A strategy whose segments are thresholds on one measure, so that fitting and assigning a population can share one
/// evaluation of the measure (<see cref="SegmentedCustomers.FitAndAssign"/>).
/// </summary>
internal interface IValueThresholdStrategy
{
    /// <summary>The measure the thresholds apply to.</summary>
    CustomerMeasure Measure { get; }

    /// <summary>Fits the thresholds on the population's values, in any order; the array may be reordered.</summary>
    /// <exception cref="ArgumentException">The strategy needs data and the array is empty (named "population").</exception>
    ThresholdSegmenter FitValues(double[] scratch);
}
