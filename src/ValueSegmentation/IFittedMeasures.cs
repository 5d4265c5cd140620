using ValueSegmentation.Segmentation;

namespace ValueSegmentation;

/// <summary>What an <see cref="IMeasureProvider"/> fitted in one run: its measures, and notes a user should read
/// (a fit that did not converge, customers valued by a fallback). The concrete type carries the fitted models
/// themselves, for a result to be inspected or saved.</summary>
/// <remarks>Implementations are immutable and thread-safe.</remarks>
public interface IFittedMeasures
{
    /// <summary>What was fitted, in words.</summary>
    string Name { get; }

    /// <summary>Notes on the fit for the user: non-convergence, exclusions, fallbacks. Empty when there is nothing to say.</summary>
    IReadOnlyList<string> Notes { get; }

    /// <summary>One of the provider's measures, fitted.</summary>
    /// <param name="name">One of <see cref="IMeasureProvider.MeasureNames"/>.</param>
    /// <returns>The measure.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not one of the provider's measures.</exception>
    CustomerMeasure GetMeasure(string name);
}
