namespace ValueSegmentation;

/// <summary>The stages of a pipeline run, in order, as reported through <see cref="SegmentationProgress"/>.</summary>
public enum SegmentationStage
{
    /// <summary>Reading transactions into customer summaries (<see cref="SegmentationProgress.Items"/> counts transactions).</summary>
    Summarising = 0,

    /// <summary>Fitting the measure providers (models).</summary>
    FittingModels = 1,

    /// <summary>Evaluating the value and loyalty measures, once per customer.</summary>
    EvaluatingMeasures = 2,

    /// <summary>Fitting the strategy and assigning every customer.</summary>
    Segmenting = 3,

    /// <summary>The segment report, the concentration and the migration.</summary>
    Reporting = 4,

    /// <summary>The run is complete.</summary>
    Completed = 5,
}
