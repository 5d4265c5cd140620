using System.Globalization;
using MathNet.Numerics.LinearAlgebra;

namespace ValueSegmentation.Probabilistic.Numerics;

/// <summary>A log-likelihood summed over customers and its gradient with respect to the (natural) parameters.</summary>
/// <param name="parameters">The parameters: the positive ones first, then any free ones (covariate effects).</param>
/// <param name="gradient">Where to write ∂LL/∂θ.</param>
/// <returns>The log-likelihood, or a non-finite value where it cannot be evaluated.</returns>
internal delegate double LogLikelihoodFunction(ReadOnlySpan<double> parameters, Span<double> gradient);

/// <summary>
/// Maximum likelihood over positive parameters and, after them, free real ones (covariate effects): BFGS on the
/// logarithms of the positive parameters and on the free ones as they are, with a backtracking
/// (Armijo) line search that treats a non-finite log-likelihood as a failed step, then standard errors from a
/// central-difference Hessian of the analytic gradient.
/// </summary>
internal static class MaximumLikelihood
{
    private const double UnitRoundoff = 1.1102230246251565e-16; // 2⁻⁵³

    private const double MaxStep = 5; // in log-parameters: a factor e⁵ at most per iteration

    /// <summary>The one fitting path of every model: the starting values of the options or the model's own, checked
    /// against the number of parameters, then <see cref="Maximize"/>.</summary>
    /// <param name="model">The model's name, for messages.</param>
    /// <param name="names">The parameters' names.</param>
    /// <param name="options">The fit options; <see langword="null"/> for <see cref="FitOptions.Default"/>.</param>
    /// <param name="defaultStart">The model's own starting values, computed only when the options give none.</param>
    /// <param name="logLikelihood">The log-likelihood and its gradient.</param>
    /// <param name="customers">The number of customers (the sum of the weights).</param>
    /// <param name="rows">The number of terms the log-likelihood sums (the data's distinct rows), which sets the level
    /// below which changes of the sum are rounding noise.</param>
    /// <exception cref="ArgumentException">The options give another number of starting values.</exception>
    /// <param name="positive">How many of the parameters, first in order, are positive (searched on their logarithms);
    /// the rest are free real numbers (covariate effects, searched as they are). All by default.</param>
    public static ModelFit Fit(string model, string[] names, FitOptions? options, Func<double[]> defaultStart, LogLikelihoodFunction logLikelihood, double customers, int rows, int? positive = null)
    {
        options ??= FitOptions.Default;
        double[] start = options.InitialParameters?.ToArray() ?? defaultStart();
        if (start.Length != names.Length)
        {
            throw new ArgumentException($"{model} has {names.Length} parameters ({string.Join(", ", names)}); {start.Length} starting values were given.", nameof(options));
        }

        return Maximize(names, logLikelihood, start, options, customers, rows, positive ?? names.Length);
    }

    /// <summary>The relative rounding level of a sum of <paramref name="rows"/> terms: about ε√n for the random walk of
    /// the rounding errors, times 4 for the few operations per term, and never below 10⁻¹⁴. A step promising less than
    /// this fraction of the log-likelihood cannot be told from noise, so the search stops there instead of halving the
    /// step against the rounding floor (on 402,701 rows that was 70 of 95 evaluations).</summary>
    internal static double RoundingLevel(int rows) => Math.Max(1e-14, 4 * UnitRoundoff * Math.Sqrt(Math.Max(rows, 1)));

    public static ModelFit Maximize(string[] names, LogLikelihoodFunction logLikelihood, double[] start, FitOptions options, double customers, int rows, int positive)
    {
        int k = names.Length;
        double noise = RoundingLevel(rows);
        double penalty = options.Penalty;
        double scale = 1 / customers;
        int evaluations = 0;
        var theta = new double[k];
        var naturalGradient = new double[k];

        // The objective: minus the penalised mean log-likelihood, as a function of u = ln θ (θ = u for free parameters).
        double Objective(double[] u, double[] gradient)
        {
            evaluations++;
            for (int i = 0; i < k; i++)
            {
                theta[i] = i < positive ? Math.Exp(u[i]) : u[i];
            }

            double ll = Evaluate(logLikelihood, theta, naturalGradient, positive);
            double value = -ll * scale;
            for (int i = 0; i < k; i++)
            {
                value += penalty * theta[i] * theta[i];
                gradient[i] = (-naturalGradient[i] * scale + (2 * penalty * theta[i])) * (i < positive ? theta[i] : 1);
                if (!double.IsFinite(gradient[i]))
                {
                    return double.NaN;
                }
            }

            return value;
        }

        var x = start.Select((value, i) => i < positive ? Math.Log(value) : value).ToArray();
        var g = new double[k];
        double f = Objective(x, g);
        if (!double.IsFinite(f))
        {
            return Failed(names, start, customers, "the log-likelihood is not finite at the starting values; give others in FitOptions.InitialParameters", evaluations);
        }

        var h = Identity(k);
        var direction = new double[k];
        var next = new double[k];
        var nextGradient = new double[k];
        string reason = "the iteration limit was reached";
        bool converged = false;
        int iteration = 0, stalled = 0;
        for (; iteration < options.MaxIterations; iteration++)
        {
            if (MaxAbs(g) < options.GradientTolerance)
            {
                converged = true;
                reason = "the gradient is below the tolerance";
                break;
            }

            Multiply(h, g, direction, -1);
            double slope = Dot(g, direction);
            if (!(slope < 0))
            {
                h = Identity(k); // lost curvature information: restart along steepest descent
                Multiply(h, g, direction, -1);
                slope = Dot(g, direction);
            }

            if (-slope <= noise * Math.Abs(f))
            {
                // The best decrease this direction promises is below the rounding noise of the log-likelihood.
                converged = MaxAbs(g) < Math.Sqrt(options.GradientTolerance);
                reason = converged
                    ? "no further decrease is possible at double precision; the gradient is small"
                    : "the predicted decrease is below double precision while the gradient is not small (the likelihood may be flat)";
                break;
            }

            double step = Math.Min(1, MaxStep / MaxAbs(direction));
            double nextValue = double.NaN;
            int halvings = 0;
            while (step * -slope > noise * Math.Abs(f) && halvings++ < 40)
            {
                for (int i = 0; i < k; i++)
                {
                    next[i] = x[i] + (step * direction[i]);
                }

                nextValue = Objective(next, nextGradient);
                if (double.IsFinite(nextValue) && nextValue <= f + (1e-4 * step * slope))
                {
                    break;
                }

                step /= 2;
            }

            if (!(step * -slope > noise * Math.Abs(f)) || halvings > 40)
            {
                // No decrease along the direction: at the precision of a double this is the optimum when the
                // gradient is small, and a failure otherwise.
                converged = MaxAbs(g) < Math.Sqrt(options.GradientTolerance);
                reason = converged
                    ? "no further decrease is possible at double precision; the gradient is small"
                    : "the line search found no decrease (the likelihood may be flat or not finite nearby)";
                break;
            }

            // BFGS update of the inverse Hessian approximation.
            var s = new double[k];
            var y = new double[k];
            for (int i = 0; i < k; i++)
            {
                s[i] = next[i] - x[i];
                y[i] = nextGradient[i] - g[i];
            }

            double sy = Dot(s, y);
            if (sy > 1e-12 * Math.Sqrt(Dot(s, s) * Dot(y, y)))
            {
                Update(h, s, y, sy);
            }

            Array.Copy(next, x, k);
            Array.Copy(nextGradient, g, k);
            stalled = f - nextValue <= noise * 0.1 * Math.Abs(f) ? stalled + 1 : 0;
            f = nextValue;
            if (stalled >= 5 && MaxAbs(g) < Math.Sqrt(options.GradientTolerance))
            {
                // Three steps whose decrease is a tenth of the rounding level: the optimum at double precision.
                converged = true;
                reason = "the log-likelihood no longer changes at double precision; the gradient is small";
                iteration++;
                break;
            }
        }

        var estimate = x.Select((value, i) => i < positive ? Math.Exp(value) : value).ToArray();
        double logLikelihoodAtEstimate = Evaluate(logLikelihood, estimate, naturalGradient, positive);
        var covariance = Covariance(logLikelihood, estimate, penalty, customers, positive, out string? covarianceProblem);
        covarianceProblem ??= Unidentified(names, estimate, covariance!, positive);
        if (covarianceProblem is not null)
        {
            // No strict, well-determined maximum: the estimates are where the search stopped, not an MLE with standard
            // errors. Typically the likelihood still rises towards the boundary of the parameter space (a shape
            // parameter running off to 0 or ∞, as when the purchases show no heterogeneity), where the MLE does not exist.
            converged = false;
            reason += "; " + covarianceProblem;
        }

        if (!converged)
        {
            covariance = null; // standard errors at a point that is not a maximum would mislead
        }

        return new ModelFit(names, estimate, logLikelihoodAtEstimate, customers, penalty, covariance, new ConvergenceReport(converged, reason, iteration, evaluations, MaxAbs(g)));
    }

    /// <summary>The inverse of the negative Hessian of the penalised log-likelihood, by central differences of the
    /// analytic gradient (relative step 10⁻⁵; for a free parameter 10⁻⁵ of its size, at least 10⁻⁵), or null when it is
    /// not positive definite.</summary>
    private static double[,]? Covariance(LogLikelihoodFunction logLikelihood, double[] estimate, double penalty, double customers, int positive, out string? problem)
    {
        int k = estimate.Length;
        var hessian = Matrix<double>.Build.Dense(k, k);
        var shifted = (double[])estimate.Clone();
        var plus = new double[k];
        var minus = new double[k];
        for (int j = 0; j < k; j++)
        {
            double step = 1e-5 * (j < positive ? estimate[j] : Math.Max(1, Math.Abs(estimate[j])));
            shifted[j] = estimate[j] + step;
            double up = Evaluate(logLikelihood, shifted, plus, positive);
            shifted[j] = estimate[j] - step;
            double down = Evaluate(logLikelihood, shifted, minus, positive);
            shifted[j] = estimate[j];
            if (!double.IsFinite(up) || !double.IsFinite(down))
            {
                problem = "the Hessian could not be evaluated at the estimates, so there are no standard errors";
                return null;
            }

            for (int i = 0; i < k; i++)
            {
                hessian[i, j] = (plus[i] - minus[i]) / (2 * step);
            }

            hessian[j, j] -= 2 * penalty * customers;
        }

        var negative = (hessian + hessian.Transpose()) * -0.5;
        try
        {
            var inverse = negative.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(k));
            var result = inverse.ToArray();
            foreach (double v in result)
            {
                if (!double.IsFinite(v))
                {
                    problem = "the Hessian is singular at the estimates, so there are no standard errors";
                    return null;
                }
            }

            problem = null;
            return result;
        }
        catch (ArgumentException)
        {
            problem = "the Hessian is not negative definite at the estimates: not a strict maximum (the likelihood may still rise towards the boundary of the parameter space, where the maximum-likelihood estimate does not exist, as when the data show no heterogeneity), so there are no standard errors";
            return null;
        }
    }

    /// <summary>The largest standard error of a log-parameter that still counts as determined by the data: e⁵ ≈ 150, so
    /// a 95 % interval spanning more than a factor of about 3·10⁸ means the data do not pin the parameter down.</summary>
    private const double MaxLogStandardError = 5;

    /// <summary>The largest free parameter (a covariate effect on a log scale): e⁵⁰ ≈ 5·10²¹ is as large a factor as a
    /// covariate can put on a parameter before the products leave the models' domain.</summary>
    internal const double MaxFree = 50;

    /// <summary>The log-likelihood, or NaN where it cannot be evaluated (an intermediate quantity overflows) or where a
    /// parameter is outside the models' domain (<see cref="ModelParameter"/>; a free parameter beyond ±<see cref="MaxFree"/>):
    /// the search treats such a point as a failed step, as it does an infinite one, and so never leaves the domain.</summary>
    private static double Evaluate(LogLikelihoodFunction logLikelihood, ReadOnlySpan<double> parameters, Span<double> gradient, int positive)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            if (i < positive ? !ModelParameter.Contains(parameters[i]) : !(Math.Abs(parameters[i]) <= MaxFree))
            {
                return double.NaN; // outside the models' documented domain: the search stays inside it
            }
        }

        try
        {
            return logLikelihood(parameters, gradient);
        }
        catch (Exception e) when (e is ArithmeticException or ArgumentOutOfRangeException { ParamName: "z" })
        {
            return double.NaN; // an overflow, or a ₂F₁ the numerics refuse to compute there: not a point to step to
        }
    }

    /// <summary>Why the estimates are not determined by the data (a log-parameter's standard error above
    /// <see cref="MaxLogStandardError"/>), or null when they are.</summary>
    private static string? Unidentified(string[] names, double[] estimate, double[,] covariance, int positive)
    {
        var loose = new List<string>();
        for (int i = 0; i < estimate.Length; i++)
        {
            // A free parameter is an effect on a log scale already: its own standard error is the one to bound, and
            // its scale is the covariate's, so only an interval wider than the search's box (±MaxFree) says the data do
            // not determine it.
            double logStandardError = Math.Sqrt(covariance[i, i]) / (i < positive ? estimate[i] : 1);
            if (!(logStandardError <= (i < positive ? MaxLogStandardError : MaxFree)))
            {
                string what = i < positive ? "standard error of its logarithm" : "standard error";
                loose.Add(string.Create(CultureInfo.InvariantCulture, $"{names[i]} ({what} {logStandardError:G3})"));
            }
        }

        return loose.Count == 0
            ? null
            : $"the data do not determine {string.Join(", ", loose)}: the likelihood is nearly flat there (a boundary solution), so there are no standard errors";
    }

    private static ModelFit Failed(string[] names, double[] start, double customers, string reason, int evaluations) =>
        new(names, start, double.MinValue, customers, 0, null, new ConvergenceReport(false, reason, 0, evaluations, double.MaxValue));

    private static double[,] Identity(int k)
    {
        var m = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            m[i, i] = 1;
        }

        return m;
    }

    private static void Multiply(double[,] m, double[] v, double[] result, double factor)
    {
        int k = v.Length;
        for (int i = 0; i < k; i++)
        {
            double sum = 0;
            for (int j = 0; j < k; j++)
            {
                sum += m[i, j] * v[j];
            }

            result[i] = factor * sum;
        }
    }

    /// <summary>H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1/(yᵀs).</summary>
    private static void Update(double[,] h, double[] s, double[] y, double sy)
    {
        int k = s.Length;
        double rho = 1 / sy;
        var hy = new double[k];
        Multiply(h, y, hy, 1);
        double yhy = Dot(y, hy);
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                h[i, j] += (-rho * ((hy[i] * s[j]) + (s[i] * hy[j]))) + ((rho * rho * yhy) + rho) * s[i] * s[j];
            }
        }
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static double MaxAbs(double[] v)
    {
        double max = 0;
        foreach (double x in v)
        {
            max = Math.Max(max, Math.Abs(x));
        }

        return max;
    }
}
