using System.Globalization;
using MathNet.Numerics;
using ValueSegmentation.Probabilistic.Likelihoods;
using ValueSegmentation.Probabilistic.Numerics;

namespace ValueSegmentation.Probabilistic.Covariates;

/// <summary>
/// The shifted-beta-geometric model fitted jointly to several cohorts, with time-invariant covariates per cohort:
/// cohort k has α_k = α·exp(γ_α·z_k) and β_k = β·exp(γ_β·z_k), where z_k are its covariates and α, β the baseline
/// at z = 0. Without covariates the cohorts share one α and β; with a 0/1 column per cohort but one
/// (<see cref="CategoricalCovariate.OneHot"/>) each cohort has its own, exactly as if fitted alone.
/// </summary>
/// <remarks>
/// <para>The link is log-linear in both parameters of the Beta distribution of the churn probability, the form Fader
/// &amp; Hardie (2007), "Incorporating Time-Invariant Covariates into the Pareto/NBD and BG/NBD Models", give the
/// scale parameters of those models; here it acts on α and β of the sBG (Fader &amp; Hardie 2007, J. Interactive
/// Marketing 21(1)). The log-likelihood is the sum of the cohorts' sBG log-likelihoods (eq. 5), maximised with the
/// analytic gradient; the standard errors of α, β and the γ come from the inverse Hessian, and the likelihood-ratio
/// test compares the fit with the shared sBG. A covariate that takes one value in every cohort cannot be told from
/// the baseline: it is left out (its γ is 0) and a note says so. Immutable and thread-safe.</para>
/// </remarks>
public sealed class CohortRetentionModel
{
    private readonly double[] _gammaAlpha;
    private readonly double[] _gammaBeta;
    private readonly int[] _estimated;

    private CohortRetentionModel(IReadOnlyList<string> covariateNames, int[] estimated, ModelFit fit, ModelFit? shared, IReadOnlyList<RetentionCohort> cohorts, IReadOnlyList<string> notes)
    {
        CovariateNames = covariateNames;
        _estimated = estimated;
        FitResult = fit;
        int m = estimated.Length;
        Baseline = new ShiftedBetaGeometricParameters(fit.Parameters[0], fit.Parameters[1]);
        _gammaAlpha = new double[covariateNames.Count];
        _gammaBeta = new double[covariateNames.Count];
        var effects = new List<CovariateEffect>();
        for (int j = 0; j < m; j++)
        {
            _gammaAlpha[estimated[j]] = fit.Parameters[2 + j];
            _gammaBeta[estimated[j]] = fit.Parameters[2 + m + j];
        }

        foreach (var (parameter, offset) in new[] { ("alpha", 2), ("beta", 2 + m) })
        {
            for (int j = 0; j < m; j++)
            {
                effects.Add(new CovariateEffect(covariateNames[estimated[j]], parameter, fit.Parameters[offset + j], fit.StandardErrors?[offset + j]));
            }
        }

        Effects = effects;
        Cohorts = cohorts;
        CohortModels = [.. cohorts.Select(cohort => ModelFor(cohort.Covariates))];
        Notes = notes;
        if (m > 0 && shared is not null)
        {
            double statistic = Math.Max(0, 2 * (fit.LogLikelihood - shared.LogLikelihood));
            // The upper tail of χ²(2m) as the regularised upper incomplete gamma, accurate where 1 − CDF would round to 0.
            LikelihoodRatio = new LikelihoodRatioTest(statistic, 2 * m, SpecialFunctions.GammaUpperRegularized(m, statistic / 2));
        }
    }

    /// <summary>The covariates' names, in the order of each cohort's values.</summary>
    public IReadOnlyList<string> CovariateNames { get; }

    /// <summary>α and β at covariates all 0.</summary>
    public ShiftedBetaGeometricParameters Baseline { get; }

    /// <summary>The effects estimated: each covariate's γ on α, then on β, with standard errors and intervals.</summary>
    public IReadOnlyList<CovariateEffect> Effects { get; }

    /// <summary>The fit: α, β, then γ_α and γ_β of each covariate estimated ("alpha:name", "beta:name"), with the
    /// log-likelihood summed over the cohorts and the convergence report.</summary>
    public ModelFit FitResult { get; }

    /// <summary>The test against the shared sBG (no covariates); <see langword="null"/> when no effect was estimated.</summary>
    public LikelihoodRatioTest? LikelihoodRatio { get; }

    /// <summary>The cohorts fitted.</summary>
    public IReadOnlyList<RetentionCohort> Cohorts { get; }

    /// <summary>Each cohort's sBG, with its α_k and β_k: survival, retention, projections, DEL and DERL.</summary>
    public IReadOnlyList<ShiftedBetaGeometricModel> CohortModels { get; }

    /// <summary>What a user should read: covariates left out because they do not vary.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>
    /// Fits the model by maximum likelihood.
    /// </summary>
    /// <param name="cohorts">The cohorts, each with as many covariate values as <paramref name="covariateNames"/>.</param>
    /// <param name="covariateNames">The covariates' names; empty (or <see langword="null"/>) for the shared sBG.</param>
    /// <param name="options">Fit options; the default start is α = β = 1 and every γ = 0, and starting values, when given,
    /// are α, β, then the γ_α and γ_β of the covariates that vary.</param>
    /// <returns>The fitted model; check <see cref="FitResult"/>'s convergence.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cohorts"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException">No cohorts, or a cohort with another number of covariates than names.</exception>
    public static CohortRetentionModel Fit(IReadOnlyList<RetentionCohort> cohorts, IReadOnlyList<string>? covariateNames = null, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cohorts);
        var names = covariateNames?.ToArray() ?? [];
        if (cohorts.Count == 0)
        {
            throw new ArgumentException("Give at least one cohort.", nameof(cohorts));
        }

        foreach (var cohort in cohorts)
        {
            ArgumentNullException.ThrowIfNull(cohort, nameof(cohorts));
            if (cohort.Covariates.Count != names.Length)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Cohort '{cohort.Name}' has {cohort.Covariates.Count} covariate values; the names are {names.Length} ({string.Join(", ", names)})."), nameof(cohorts));
            }
        }

        var notes = new List<string>();
        var estimated = new List<int>();
        for (int j = 0; j < names.Length; j++)
        {
            double first = cohorts[0].Values[j];
            if (cohorts.All(cohort => cohort.Values[j] == first))
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"Covariate '{names[j]}' is {first:G} in every cohort: its effect cannot be told from the baseline, so it is left out (γ = 0)."));
            }
            else
            {
                estimated.Add(j);
            }
        }

        var columns = estimated.ToArray();
        double customers = cohorts.Sum(cohort => cohort.Counts[0]);
        int rows = cohorts.Sum(cohort => cohort.Counts.Length);
        string[] parameterNames = ["alpha", "beta", .. columns.Select(j => "alpha:" + names[j]), .. columns.Select(j => "beta:" + names[j])];
        var fit = MaximumLikelihood.Fit(
            "sBG with covariates",
            parameterNames,
            options,
            () => [1, 1, .. new double[2 * columns.Length]],
            (theta, gradient) => LogLikelihood(cohorts, columns, theta, gradient),
            customers,
            rows,
            positive: 2);
        var shared = columns.Length == 0
            ? null
            : MaximumLikelihood.Fit("sBG", ["alpha", "beta"], null, () => [1, 1], (theta, gradient) => LogLikelihood(cohorts, [], theta, gradient), customers, rows);
        return new CohortRetentionModel(names, columns, fit, shared, cohorts, notes);
    }

    /// <summary>The sBG of a cohort with these covariate values: α·exp(γ_α·z), β·exp(γ_β·z).</summary>
    /// <param name="covariates">The values, in the order of <see cref="CovariateNames"/>.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="covariates"/> is null.</exception>
    /// <exception cref="ArgumentException">Another number of values than covariates, or a value that is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The resulting α or β leaves the models' domain [10⁻¹⁰, 10¹⁵].</exception>
    public ShiftedBetaGeometricModel ModelFor(IReadOnlyList<double> covariates)
    {
        ArgumentNullException.ThrowIfNull(covariates);
        if (covariates.Count != CovariateNames.Count || covariates.Any(value => !double.IsFinite(value)))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Give {CovariateNames.Count} finite covariate values ({string.Join(", ", CovariateNames)})."), nameof(covariates));
        }

        double linearAlpha = 0, linearBeta = 0;
        for (int j = 0; j < covariates.Count; j++)
        {
            linearAlpha += _gammaAlpha[j] * covariates[j];
            linearBeta += _gammaBeta[j] * covariates[j];
        }

        return new ShiftedBetaGeometricModel(new ShiftedBetaGeometricParameters(Baseline.Alpha * Math.Exp(linearAlpha), Baseline.Beta * Math.Exp(linearBeta)));
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"sBG across {Cohorts.Count} cohorts, baseline {Baseline}" + string.Concat(Effects.Select(e => string.Create(CultureInfo.InvariantCulture, $"; γ[{e.Parameter}, {e.Covariate}] = {e.Estimate:G4}")));

    /// <summary>Σ over cohorts of the sBG log-likelihood at α_k = α·exp(γ_α·z_k), β_k = β·exp(γ_β·z_k), and its gradient
    /// by the chain rule: ∂/∂α = Σ ∂LL_k/∂α_k · α_k/α, ∂/∂γ_α,j = Σ ∂LL_k/∂α_k · α_k · z_kj (and alike for β).</summary>
    private static double LogLikelihood(IReadOnlyList<RetentionCohort> cohorts, int[] columns, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        int m = columns.Length;
        double alpha = theta[0], beta = theta[1];
        gradient.Clear();
        Span<double> parameters = stackalloc double[2];
        Span<double> cohortGradient = stackalloc double[2];
        double sum = 0;
        foreach (var cohort in cohorts)
        {
            double linearAlpha = 0, linearBeta = 0;
            for (int j = 0; j < m; j++)
            {
                linearAlpha += theta[2 + j] * cohort.Values[columns[j]];
                linearBeta += theta[2 + m + j] * cohort.Values[columns[j]];
            }

            double a = alpha * Math.Exp(linearAlpha), b = beta * Math.Exp(linearBeta);
            if (!ModelParameter.Contains(a) || !ModelParameter.Contains(b))
            {
                return double.NaN; // a cohort's parameters outside the models' domain: not a point to step to
            }

            parameters[0] = a;
            parameters[1] = b;
            sum += ShiftedBetaGeometricLikelihood.LogLikelihood(cohort.Counts, parameters, cohortGradient);
            gradient[0] += cohortGradient[0] * a / alpha;
            gradient[1] += cohortGradient[1] * b / beta;
            for (int j = 0; j < m; j++)
            {
                double z = cohort.Values[columns[j]];
                gradient[2 + j] += cohortGradient[0] * a * z;
                gradient[2 + m + j] += cohortGradient[1] * b * z;
            }
        }

        return sum;
    }
}
