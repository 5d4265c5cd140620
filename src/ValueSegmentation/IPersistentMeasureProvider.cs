using System.Text.Json;

namespace ValueSegmentation;

/// <summary>
/// A measure provider whose fitted measures can be saved in a <see cref="SegmentationSnapshot"/> and loaded back, so a
/// service assigns customers with the models a nightly job fitted without fitting them again. The probabilistic
/// package's <c>AddProbabilisticModels</c> adds one.
/// </summary>
/// <remarks>Implementations are immutable and thread-safe, and write their state as a self-contained JSON value: the
/// state alone, without the provider's options, rebuilds the same measures (a loaded snapshot values customers exactly
/// as the run that saved it).</remarks>
public interface IPersistentMeasureProvider : IMeasureProvider
{
    /// <summary>The kind of state the provider writes, for example "value-segmentation/probabilistic-models"; a snapshot
    /// is loaded through a pipeline with a provider of the same kind.</summary>
    string StateKind { get; }

    /// <summary>The version of the state's form this provider writes and the newest it reads (1 for the first); a
    /// snapshot whose state is of a newer version is refused with a message saying so.</summary>
    int StateVersion { get; }

    /// <summary>Writes what this provider fitted as one JSON value.</summary>
    /// <param name="fitted">What <see cref="IMeasureProvider.Fit"/> of a provider of this kind returned.</param>
    /// <param name="writer">The writer, positioned where the value goes.</param>
    /// <exception cref="ArgumentException"><paramref name="fitted"/> was not fitted by a provider of this kind.</exception>
    void WriteState(IFittedMeasures fitted, Utf8JsonWriter writer);

    /// <summary>Rebuilds the fitted measures from a value <see cref="WriteState"/> wrote, checking every value, and that
    /// they agree with the options of the snapshot that holds them (its time unit, for example).</summary>
    /// <param name="state">The value.</param>
    /// <param name="snapshotOptions">The options of the run that saved the snapshot.</param>
    /// <returns>The fitted measures.</returns>
    /// <exception cref="SavedStateException">The value is not a valid state of this kind, or does not agree with the
    /// snapshot's options.</exception>
    IFittedMeasures ReadState(JsonElement state, SegmentationOptions snapshotOptions);
}
