using System.Globalization;
using ValueSegmentation.Probabilistic.Likelihoods;
using ValueSegmentation.Probabilistic.Numerics;
using ValueSegmentation.Transactions;

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
    private readonly CovariateFitResult _result;

    private CohortRetentionModel(IReadOnlyList<string> covariateNames, CovariateFitResult result, IReadOnlyList<RetentionCohort> cohorts)
    {
        CovariateNames = covariateNames;
        _result = result;
        Baseline = new ShiftedBetaGeometricParameters(result.Fit.Parameters[0], result.Fit.Parameters[1]);
        Cohorts = cohorts;
        CohortModels = [.. cohorts.Select(cohort => ModelFor(cohort.Covariates))];
    }

    /// <summary>The covariates' names, in the order of each cohort's values.</summary>
    public IReadOnlyList<string> CovariateNames { get; }

    /// <summary>α and β at covariates all 0.</summary>
    public ShiftedBetaGeometricParameters Baseline { get; }

    /// <summary>The effects estimated: each covariate's γ on α, then on β, with standard errors and intervals.</summary>
    public IReadOnlyList<CovariateEffect> Effects => _result.Effects;

    /// <summary>The fit: α, β, then γ_α and γ_β of each covariate estimated ("alpha:name", "beta:name"), with the
    /// log-likelihood summed over the cohorts and the convergence report.</summary>
    public ModelFit FitResult => _result.Fit;

    /// <summary>The test against the shared sBG (no covariates); <see langword="null"/> when no effect was estimated or
    /// a fit did not converge (a note says which).</summary>
    public LikelihoodRatioTest? LikelihoodRatio => _result.LikelihoodRatio;

    /// <summary>The cohorts fitted.</summary>
    public IReadOnlyList<RetentionCohort> Cohorts { get; }

    /// <summary>Each cohort's sBG, with its α_k and β_k: survival, retention, projections, DEL and DERL.</summary>
    public IReadOnlyList<ShiftedBetaGeometricModel> CohortModels { get; }

    /// <summary>What a user should read: covariates left out because they do not vary, collinear covariates, a missing
    /// test.</summary>
    public IReadOnlyList<string> Notes => _result.Notes;

    /// <summary>
    /// Fits the model by maximum likelihood.
    /// </summary>
    /// <param name="cohorts">The cohorts, each with as many covariate values as <paramref name="covariateNames"/>.</param>
    /// <param name="covariateNames">The covariates' names; empty (or <see langword="null"/>) for the shared sBG.</param>
    /// <param name="options">Fit options; the default start is α = β = 1 and every γ = 0, and starting values, when given,
    /// are α, β, then the γ_α and γ_β of the covariates that vary.</param>
    /// <returns>The fitted model; check <see cref="FitResult"/>'s convergence.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cohorts"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException">No cohorts, a cohort with another number of covariates than names, or another
    /// number of starting values than α, β and the effects estimated.</exception>
    public static CohortRetentionModel Fit(IReadOnlyList<RetentionCohort> cohorts, IReadOnlyList<string>? covariateNames = null, FitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cohorts);
        var names = covariateNames?.ToArray() ?? [];
        var copy = cohorts.ToArray();
        if (copy.Length == 0)
        {
            throw new ArgumentException("Give at least one cohort.", nameof(cohorts));
        }

        foreach (var cohort in copy)
        {
            ArgumentNullException.ThrowIfNull(cohort, nameof(cohorts));
            if (cohort.Covariates.Count != names.Length)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Cohort '{cohort.Name}' has {cohort.Covariates.Count} covariate values; the names are {names.Length} ({string.Join(", ", names)})."), nameof(cohorts));
            }
        }

        var groups = copy.Select(cohort => cohort.Counts).ToArray();
        double customers = copy.Sum(cohort => cohort.Counts[0]);
        int rows = copy.Sum(cohort => cohort.Counts.Length);
        int[] columns = [.. Enumerable.Range(0, names.Length)];
        var result = CovariateFitting.Fit(
            "sBG",
            ["alpha", "beta"],
            names,
            groups,
            [.. copy.Select(cohort => cohort.Values)],
            [new(0, 1, columns), new(1, 1, columns)],
            options,
            () => [1, 1],
            ShiftedBetaGeometricLikelihood.LogLikelihood,
            o => MaximumLikelihood.Fit("sBG", ["alpha", "beta"], o, () => [1, 1], CovariateFitting.Shared<double[]>(groups, ShiftedBetaGeometricLikelihood.LogLikelihood), customers, rows),
            customers,
            rows);
        return new CohortRetentionModel(names, result, copy);
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

        var p = _result.ParametersFor(2, covariates);
        return new ShiftedBetaGeometricModel(new ShiftedBetaGeometricParameters(p[0], p[1]));
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"sBG across {Cohorts.Count} cohorts, baseline {Baseline}" + string.Concat(Effects.Select(e => string.Create(CultureInfo.InvariantCulture, $"; γ[{e.Parameter}, {e.Covariate}] = {e.Estimate:G4}")));
}
