using ValueSegmentation.Probabilistic;

namespace ValueSegmentation;

/// <summary>The transaction models <see cref="ProbabilisticPipelineExtensions.AddProbabilisticModels(SegmentationPipelineBuilder, ProbabilisticModelOptions?)"/> can fit, by name.</summary>
public enum TransactionModelKind
{
    /// <summary>BG/NBD (<see cref="BgNbdModel"/>): a customer without a repeat purchase is certainly alive.</summary>
    BgNbd = 0,

    /// <summary>MBG/NBD (<see cref="MbgNbdModel"/>): a customer may drop out right after the first purchase.</summary>
    MbgNbd = 1,

    /// <summary>Pareto/NBD (<see cref="ParetoNbdModel"/>): exponential lifetimes.</summary>
    ParetoNbd = 2,
}
