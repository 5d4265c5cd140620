using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using ValueSegmentation.Probabilistic.Numerics;

namespace ValueSegmentation.Probabilistic.Covariates;

/// <summary>The log-likelihood of one group's data at its own parameters, and its gradient with respect to them.</summary>
internal delegate double GroupLogLikelihood<in TData>(TData data, ReadOnlySpan<double> parameters, Span<double> gradient);

/// <summary>
/// A parameter of a model that covariates act on: parameter(z) = baseline × exp(<see cref="Sign"/> · Σ γ·z) over the
/// covariates in <see cref="Columns"/>, each with its own γ.
/// </summary>
/// <param name="Parameter">The parameter's index in the model's parameters.</param>
/// <param name="Sign">+1, or −1 for the scale of a gamma-distributed rate (so that exp(γ) is the factor on the mean rate).</param>
/// <param name="Columns">The covariates' column indexes.</param>
internal sealed record CovariateLink(int Parameter, int Sign, int[] Columns);

/// <summary>The fit of a model with covariates, and what goes with it.</summary>
internal sealed record CovariateFitResult(ModelFit Fit, ModelFit? WithoutCovariates, CovariateLink[] Links, CovariateEffect[] Effects, LikelihoodRatioTest? LikelihoodRatio, string[] Notes)
{
    /// <summary>The model's parameters for covariates z: the baseline, times exp(sign·γ'z) where a link acts.</summary>
    public double[] ParametersFor(int parameters, IReadOnlyList<double> z)
    {
        var own = Fit.Parameters.Take(parameters).ToArray();
        CovariateFitting.Apply(own, [.. Fit.Parameters], parameters, Links, [.. z], null);
        return own;
    }
}

/// <summary>
/// The one fitting path of every model with time-invariant covariates: the data are cut into groups of equal
/// covariates (each group's rows compressed by the model's own data type, so categorical covariates cost a handful of
/// calls of the model's likelihood), the log-likelihood is the sum of the groups' at their own parameters, and its
/// gradient follows by the chain rule: ∂LL/∂θ_p = Σ_g ∂LL_g/∂θ_p,g · θ_p,g/θ_p and ∂LL/∂γ = Σ_g ∂LL_g/∂θ_p,g · θ_p,g ·
/// sign · z_g. Covariates that take one value everywhere are left out with a note (their effect cannot be told from the
/// baseline); with none left the model's own fit is returned, so covariates all 0 reproduce it exactly.
/// </summary>
internal static class CovariateFitting
{
    /// <summary>Above this size a covariate is flagged as uncentred: the baseline at 0 is far from the data.</summary>
    private const double LargeCovariate = 50;

    /// <summary>Fits a model with covariates.</summary>
    /// <param name="model">The model's name, for messages.</param>
    /// <param name="parameterNames">The model's own parameters' names.</param>
    /// <param name="covariateNames">The covariates' names.</param>
    /// <param name="groups">Each group's data.</param>
    /// <param name="covariates">Each group's covariate values (all columns).</param>
    /// <param name="links">The parameters covariates may act on, with the columns each may use.</param>
    /// <param name="options">The user's options: starting values, when given, are the model's parameters then the
    /// effects estimated, link by link. The L2 penalty, when given, acts on the effects too.</param>
    /// <param name="start">The model's own starting values, for the effects' search when the fit without covariates did
    /// not converge.</param>
    /// <param name="logLikelihood">A group's log-likelihood.</param>
    /// <param name="withoutCovariates">The model's own fit on all the data, with the options it is given.</param>
    /// <param name="customers">The number of customers.</param>
    /// <param name="rows">The number of rows the log-likelihood sums.</param>
    public static CovariateFitResult Fit<TData>(
        string model,
        string[] parameterNames,
        IReadOnlyList<string> covariateNames,
        TData[] groups,
        double[][] covariates,
        CovariateLink[] links,
        FitOptions? options,
        Func<double[]> start,
        GroupLogLikelihood<TData> logLikelihood,
        Func<FitOptions?, ModelFit> withoutCovariates,
        double customers,
        int rows)
    {
        int k = parameterNames.Length;
        var notes = new List<string>();
        var varying = new bool[covariateNames.Count];
        for (int j = 0; j < covariateNames.Count; j++)
        {
            double first = covariates[0][j];
            varying[j] = covariates.Any(z => z[j] != first);
            double largest = covariates.Max(z => Math.Abs(z[j]));
            if (!links.Any(link => link.Columns.Contains(j)))
            {
                continue; // a column no process uses: nothing to say about it
            }

            if (!varying[j])
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"Covariate '{covariateNames[j]}' is {first:G} throughout the data: its effect cannot be told from the baseline, so it is left out (γ = 0)."));
            }
            else if (largest > LargeCovariate)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"Covariate '{covariateNames[j]}' reaches {largest:G4}: the baseline is the customer at 0, far from the data; centre and scale it (CustomerCovariates.Standardized) for a meaningful baseline and a well-conditioned fit."));
            }
        }

        var used = links.Select(link => link with { Columns = [.. link.Columns.Where(j => varying[j])] }).ToArray();
        int effects = used.Sum(link => link.Columns.Length);
        var fitOptions = options;
        if (options?.InitialParameters is { } given && given.Count != k + effects)
        {
            throw new ArgumentException($"{model} with these covariates has {k + effects} parameters ({string.Join(", ", Names(parameterNames, covariateNames, used))}); {given.Count} starting values were given.", nameof(options));
        }

        var ownOptions = options?.InitialParameters is { } initial ? With(options, [.. initial.Take(k)]) : options;
        if (effects == 0)
        {
            var own = withoutCovariates(ownOptions);
            return new CovariateFitResult(own, null, used, [], null, [.. notes]);
        }

        notes.AddRange(Collinearity(covariateNames, covariates, used));

        // The model without covariates first: its estimates with every effect 0 start the search, which can then only
        // climb from the nested model's likelihood (and needs fewer steps than from the model's own start).
        var without = withoutCovariates(ownOptions);
        var fit = MaximumLikelihood.Fit(
            model + " with covariates",
            Names(parameterNames, covariateNames, used),
            fitOptions,
            () => [.. without.Convergence.Converged ? without.Parameters : start(), .. new double[effects]],
            (theta, gradient) => LogLikelihood(groups, covariates, k, used, logLikelihood, theta, gradient),
            customers,
            rows,
            positive: k);
        if (fit.LogLikelihood < without.LogLikelihood - (1e-9 * Math.Max(1, Math.Abs(without.LogLikelihood))))
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"The fit with covariates ({fit.LogLikelihood:F3}) is below the fit without them ({without.LogLikelihood:F3}), which it contains: it stopped short of the maximum; give other starting values."));
        }

        var effectList = new List<CovariateEffect>();
        int offset = k;
        foreach (var link in used)
        {
            foreach (int j in link.Columns)
            {
                effectList.Add(new CovariateEffect(covariateNames[j], parameterNames[link.Parameter], fit.Parameters[offset], fit.StandardErrors?[offset], link.Sign));
                offset++;
            }
        }

        var test = LikelihoodRatioTest.Between(fit, without, effects);
        if (test is null)
        {
            notes.Add($"No likelihood-ratio test: the fit {(fit.Convergence.Converged ? "without" : "with")} covariates did not converge ({(fit.Convergence.Converged ? without : fit).Convergence.Reason}).");
        }

        return new CovariateFitResult(fit, without, used, [.. effectList], test, [.. notes]);
    }

    /// <summary>The key of a vector of covariate values in some columns: equal for equal values (−0 and 0 are one value).</summary>
    internal static string Key(IReadOnlyList<double> values, int[] columns) =>
        string.Join(';', columns.Select(j => BitConverter.DoubleToInt64Bits(values[j] == 0 ? 0 : values[j])));

    /// <summary>Multiplies the linked parameters in <paramref name="own"/> by exp(sign·γ'z), with γ read from
    /// <paramref name="theta"/> after the first <paramref name="parameters"/>; the factors go to
    /// <paramref name="factors"/> when given.</summary>
    internal static void Apply(Span<double> own, ReadOnlySpan<double> theta, int parameters, CovariateLink[] links, ReadOnlySpan<double> z, Span<double> factors)
    {
        int offset = parameters;
        foreach (var link in links)
        {
            double linear = 0;
            foreach (int j in link.Columns)
            {
                linear += theta[offset++] * z[j];
            }

            double factor = Math.Exp(link.Sign * linear);
            own[link.Parameter] *= factor;
            if (!factors.IsEmpty)
            {
                factors[link.Parameter] *= factor; // arrives filled with 1
            }
        }
    }

    /// <summary>The parameters' names: the model's, then "parameter:covariate" link by link.</summary>
    private static string[] Names(string[] parameterNames, IReadOnlyList<string> covariateNames, CovariateLink[] links) =>
        [.. parameterNames, .. links.SelectMany(link => link.Columns.Select(j => parameterNames[link.Parameter] + ":" + covariateNames[j]))];

    private static FitOptions With(FitOptions options, double[] initial) => new()
    {
        MaxIterations = options.MaxIterations,
        GradientTolerance = options.GradientTolerance,
        Penalty = options.Penalty,
        InitialParameters = initial,
    };

    /// <summary>A note when the covariates a link uses are collinear with each other or with the baseline (the smallest
    /// eigenvalue of their correlation matrix, with a constant, below 10⁻¹⁰): their effects are then not identified and
    /// the fit has no standard errors.</summary>
    private static IEnumerable<string> Collinearity(IReadOnlyList<string> covariateNames, double[][] covariates, CovariateLink[] links)
    {
        foreach (var columns in links.Select(link => link.Columns).Where(columns => columns.Length > 1).DistinctBy(columns => string.Join(",", columns)))
        {
            int m = columns.Length;
            var means = columns.Select(j => covariates.Average(z => z[j])).ToArray();
            var gram = Matrix<double>.Build.Dense(m, m);
            foreach (var z in covariates)
            {
                for (int a = 0; a < m; a++)
                {
                    for (int b = 0; b < m; b++)
                    {
                        gram[a, b] += (z[columns[a]] - means[a]) * (z[columns[b]] - means[b]);
                    }
                }
            }

            var scale = Vector<double>.Build.Dense(m, a => 1 / Math.Sqrt(gram[a, a]));
            var correlation = Matrix<double>.Build.Dense(m, m, (a, b) => gram[a, b] * scale[a] * scale[b]);
            double smallest = correlation.Evd(Symmetricity.Symmetric).EigenValues.Min(value => value.Real);
            if (smallest < 1e-10)
            {
                yield return $"The covariates {string.Join(", ", columns.Select(j => covariateNames[j]))} are collinear (one is a linear combination of the others, as a full set of one-hot columns is of the baseline): their effects are not identified, so the fit has no standard errors; drop one.";
            }
        }
    }

    /// <summary>The log-likelihood of the groups at one set of parameters (no covariates): the model fitted jointly.</summary>
    internal static LogLikelihoodFunction Shared<TData>(TData[] groups, GroupLogLikelihood<TData> logLikelihood) =>
        (theta, gradient) => LogLikelihood(groups, [.. groups.Select(_ => Array.Empty<double>())], theta.Length, [], logLikelihood, theta, gradient);

    /// <summary>Σ over groups of the model's log-likelihood at the group's parameters, and its gradient by the chain rule.</summary>
    internal static double LogLikelihood<TData>(TData[] groups, double[][] covariates, int k, CovariateLink[] links, GroupLogLikelihood<TData> logLikelihood, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        var parameters = theta.ToArray();
        return RowSum.Run(groups.Length, gradient, (start, end, total) =>
        {
            Span<double> own = stackalloc double[k];
            Span<double> factors = stackalloc double[k];
            Span<double> groupGradient = stackalloc double[k];
            double sum = 0;
            for (int g = start; g < end; g++)
            {
                var z = covariates[g];
                parameters.AsSpan(0, k).CopyTo(own);
                factors.Fill(1);
                Apply(own, parameters, k, links, z, factors);
                foreach (double value in own)
                {
                    if (!ModelParameter.Contains(value))
                    {
                        return double.NaN; // a group's parameters outside the models' domain: not a point to step to
                    }
                }

                sum += logLikelihood(groups[g], own, groupGradient);
                for (int p = 0; p < k; p++)
                {
                    total[p] += groupGradient[p] * factors[p];
                }

                int offset = k;
                foreach (var link in links)
                {
                    double slope = groupGradient[link.Parameter] * own[link.Parameter] * link.Sign;
                    foreach (int j in link.Columns)
                    {
                        total[offset++] += slope * z[j];
                    }
                }
            }

            return sum;
        });
    }
}
