using System.Globalization;

namespace ValueSegmentation.Probabilistic;

/// <summary>
/// The outcome of a maximum-likelihood fit: the estimates, the log-likelihood, standard errors and the covariance
/// matrix from the Hessian, and a convergence report.
/// </summary>
/// <remarks>Immutable and thread-safe. A fit that did not converge still returns the best point found, with
/// <see cref="ConvergenceReport.Converged"/> false and the reason, and without standard errors; it never returns NaN.
/// Standard errors are given only for a converged fit.</remarks>
public sealed class ModelFit
{
    private readonly double[] _parameters;
    private readonly double[]? _standardErrors;
    private readonly double[,]? _covariance;

    internal ModelFit(string[] names, double[] parameters, double logLikelihood, double customers, double penalty, double[,]? covariance, ConvergenceReport convergence)
    {
        ParameterNames = names;
        _parameters = parameters;
        LogLikelihood = logLikelihood;
        Customers = customers;
        Penalty = penalty;
        _covariance = covariance;
        if (covariance is not null)
        {
            _standardErrors = new double[parameters.Length];
            for (int i = 0; i < parameters.Length; i++)
            {
                _standardErrors[i] = Math.Sqrt(covariance[i, i]);
            }
        }

        Convergence = convergence;
    }

    /// <summary>The parameters' names, in order (for example r, α, a, b).</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The estimates, in the order of <see cref="ParameterNames"/>.</summary>
    public IReadOnlyList<double> Parameters => _parameters;

    /// <summary>The log-likelihood at the estimates (natural logarithm, summed over customers, without the penalty);
    /// <see cref="double.MinValue"/> when it could not be evaluated even at the starting values.</summary>
    public double LogLikelihood { get; }

    /// <summary>The number of customers fitted (the sum of the weights).</summary>
    public double Customers { get; }

    /// <summary>The L2 penalty used.</summary>
    public double Penalty { get; }

    /// <summary>Standard errors of the estimates, the square roots of the covariance's diagonal; <see langword="null"/>
    /// when the fit did not converge: the Hessian is not negative definite at the estimates, the data do not determine a
    /// parameter, or the search stopped early (see <see cref="ConvergenceReport.Reason"/>).</summary>
    public IReadOnlyList<double>? StandardErrors => _standardErrors;

    /// <summary>Whether the covariance matrix is available.</summary>
    public bool HasCovariance => _covariance is not null;

    /// <summary>The convergence report.</summary>
    public ConvergenceReport Convergence { get; }

    /// <summary>An element of the covariance matrix of the estimates: the inverse of the negative Hessian of the
    /// (penalised) log-likelihood.</summary>
    /// <param name="row">A parameter index.</param>
    /// <param name="column">A parameter index.</param>
    /// <returns>The covariance.</returns>
    /// <exception cref="InvalidOperationException">The covariance is not available (<see cref="HasCovariance"/>).</exception>
    public double Covariance(int row, int column) =>
        _covariance is null
            ? throw new InvalidOperationException("The covariance is not available: " + Convergence.Reason)
            : _covariance[row, column];

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", ParameterNames.Select((n, i) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} = {_parameters[i]:G6}{(_standardErrors is null ? string.Empty : $" (se {_standardErrors[i]:G3})")}")))
        + string.Create(CultureInfo.InvariantCulture, $"; LL = {LogLikelihood:F2}; {Convergence}");
}
