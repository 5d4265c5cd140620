using ValueSegmentation.Transactions;

namespace ValueSegmentation;

/// <summary>
/// A source of named measures that must first be fitted on the population: a probabilistic model and the measures it
/// defines (P(alive), expected purchases, lifetime value), say. Register one with
/// <see cref="SegmentationPipelineBuilder.AddMeasureProvider"/>; the pipeline fits it once per run, on the run's
/// customers, and the configuration then names its measures like any other.
/// </summary>
/// <remarks>Implementations are immutable and thread-safe: one pipeline may run on several threads at once, and each
/// run fits its own <see cref="IFittedMeasures"/>.</remarks>
public interface IMeasureProvider
{
    /// <summary>What the provider fits, in words (for example "BG/NBD + Gamma-Gamma").</summary>
    string Name { get; }

    /// <summary>The names of the measures it provides; names are compared without regard to case.</summary>
    IReadOnlyCollection<string> MeasureNames { get; }

    /// <summary>Fits the provider on a population.</summary>
    /// <param name="customers">The run's customers.</param>
    /// <param name="cancellationToken">Cancels a long fit.</param>
    /// <returns>The fitted measures, with notes on the fit (convergence, customers left out).</returns>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    IFittedMeasures Fit(CustomerSummaryCollection customers, CancellationToken cancellationToken);
}
