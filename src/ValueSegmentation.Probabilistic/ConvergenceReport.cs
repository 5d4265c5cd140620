using System.Globalization;

namespace ValueSegmentation.Probabilistic;

/// <summary>How a fit ended.</summary>
/// <param name="Converged">Whether the gradient fell below the tolerance.</param>
/// <param name="Reason">Why the fit stopped, in words.</param>
/// <param name="Iterations">Quasi-Newton iterations made.</param>
/// <param name="Evaluations">Log-likelihood evaluations made.</param>
/// <param name="GradientNorm">The largest component of the final gradient of the mean log-likelihood per customer
/// with respect to the log-parameters.</param>
/// <remarks>An immutable value, safe to share between threads.</remarks>
public readonly record struct ConvergenceReport(bool Converged, string Reason, int Iterations, int Evaluations, double GradientNorm)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{(Converged ? "converged" : "did not converge")} after {Iterations} iterations ({Reason}; gradient {GradientNorm:G2})");
}
