namespace ValueSegmentation.Probabilistic.Persistence;

// The shapes of the probabilistic package's saved documents (docs/services.md describes them); values are checked
// again when the models are rebuilt from them (ModelStates).
#pragma warning disable SA1402, SA1649 // the document shapes of one format, together in one file

/// <summary>A model: its kind, its time unit (transaction models), its parameters by name, and the fit that produced
/// them, if it was fitted.</summary>
internal sealed class ModelState
{
    public required string Model { get; init; }

    public TimeUnit? TimeUnit { get; init; }

    public required Dictionary<string, double> Parameters { get; init; }

    public NonPositiveSpend? NonPositiveSpend { get; init; }

    public FitState? Fit { get; init; }
}

internal sealed class FitState
{
    public required string[] ParameterNames { get; init; }

    public required double[] Estimates { get; init; }

    public required double LogLikelihood { get; init; }

    public required double Customers { get; init; }

    public required double Penalty { get; init; }

    /// <summary>Written for readers of the file; on load it must equal the square roots of the covariance's diagonal.</summary>
    public double[]? StandardErrors { get; init; }

    public double[][]? Covariance { get; init; }

    public required ConvergenceState Convergence { get; init; }
}

internal sealed class ConvergenceState
{
    public required bool Converged { get; init; }

    public required string Reason { get; init; }

    public required int Iterations { get; init; }

    public required int Evaluations { get; init; }

    public required double GradientNorm { get; init; }
}

internal sealed class ModelDocument : ISavedDocument
{
    public const string FormatName = "value-segmentation/model";

    public required string Format { get; init; }

    public required int FormatVersion { get; init; }

    public required ModelState Model { get; init; }

    public string? ContentSha256 { get; set; }
}

/// <summary>What <c>AddProbabilisticModels</c> fitted in a run: the models, the options the measures were built with,
/// and the run's notes.</summary>
internal sealed class ProbabilisticModelsState
{
    public required ProbabilisticModelOptions Options { get; init; }

    public required ModelState TransactionModel { get; init; }

    public ModelState? SpendModel { get; init; }

    public required string[] Notes { get; init; }

    public string? SpendUnavailable { get; init; }
}
