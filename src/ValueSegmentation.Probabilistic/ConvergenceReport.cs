using System.Globalization;

namespace ValueSegmentation.Probabilistic;

/// <summary>How a fit ended.</summary>
/// <param name="Converged">Whether the fit found a maximum-likelihood estimate: the gradient fell below the tolerance (or
/// no further increase was possible at double precision with a small gradient), the Hessian is negative definite there,
/// and the data determine every parameter (the standard error of each parameter's logarithm is at most 5). False when
/// the search stopped early, when the likelihood is flat, and when the maximum lies at the boundary of the parameter
/// space (a parameter running off to 0 or ∞, as when purchases show no heterogeneity): there the estimate does not
/// exist, and the parameters returned are only where the search stopped.</param>
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
