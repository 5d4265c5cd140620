using System.Globalization;
using ValueSegmentation.Transactions;

namespace ValueSegmentation.Probabilistic.Covariates;

/// <summary>
/// One cohort of a contractual business: the customers acquired together and still active at the start of each
/// renewal period, with the cohort's covariates (its acquisition channel, region, price plan, ... as numbers).
/// </summary>
/// <remarks>Immutable and thread-safe; the survivor curve and the covariates are copied and checked.</remarks>
public sealed class RetentionCohort
{
    private readonly double[] _survivors;
    private readonly double[] _covariates;

    /// <summary>Creates a cohort.</summary>
    /// <param name="name">The cohort's name, for reports.</param>
    /// <param name="survivors">Customers active at the start of periods 0, 1, ..., n: the cohort size first, then
    /// non-increasing counts (at least two values).</param>
    /// <param name="covariates">The cohort's covariate values, in the order of the names given to the fit; empty or
    /// <see langword="null"/> for none. Categorical covariates enter as 0/1 columns
    /// (<see cref="CategoricalCovariate.OneHot"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="survivors"/> is null.</exception>
    /// <exception cref="ArgumentException">The survivor curve is not one (too short, negative, increasing, empty cohort),
    /// or a covariate is NaN or infinite.</exception>
    public RetentionCohort(string name, IReadOnlyList<double> survivors, IReadOnlyList<double>? covariates = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        _survivors = Likelihoods.SurvivorCurve.Check(survivors);
        _covariates = covariates?.ToArray() ?? [];
        for (int i = 0; i < _covariates.Length; i++)
        {
            if (!double.IsFinite(_covariates[i]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Cohort '{name}': covariate {i} is {_covariates[i]}; covariates must be finite numbers."), nameof(covariates));
            }
        }
    }

    /// <summary>The cohort's name.</summary>
    public string Name { get; }

    /// <summary>The survivor curve.</summary>
    public IReadOnlyList<double> Survivors => _survivors;

    /// <summary>The covariate values.</summary>
    public IReadOnlyList<double> Covariates => _covariates;

    /// <summary>The survivor curve, shared with the likelihood (never modified).</summary>
    internal double[] Counts => _survivors;

    /// <summary>The covariates, shared with the likelihood (never modified).</summary>
    internal double[] Values => _covariates;
}
