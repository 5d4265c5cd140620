using System.Globalization;

namespace ValueSegmentation.Probabilistic;

/// <summary>
/// The BG/NBD model of Fader, Hardie &amp; Lee (2005), "'Counting Your Customers' the Easy Way: An Alternative to
/// the Pareto/NBD Model", <em>Marketing Science</em> 24(2), 275–284: while active, a customer buys at a Poisson
/// rate λ ~ Gamma(r, α); after each purchase they become inactive with probability p ~ Beta(a, b).
/// </summary>
/// <remarks>
/// <para>All times (recency, age, horizons) are in <see cref="RepeatPurchaseModel.TimeUnit"/>, the unit of the data
/// the model was fitted on; α is in that unit too. Create the model from a fit (<see cref="Fit"/>) or from known
/// parameters (for example published ones).</para>
/// <para>Numerics: the likelihood (eq. 6) is evaluated in log space. The expectations (eq. 9 and 10) use the Euler
/// transformation (1 − z)^(r+x) ₂F₁(r + x, b + x; a + b + x − 1; z) = (1 − z)^(a−1) ₂F₁(a + b − 1 − r, a − 1;
/// a + b + x − 1; z) in a form without the removable singularities at a = 1 and a + b + x = 1, or, when r is large
/// enough to make that series alternate, the untransformed series of positive terms; both are summed with a
/// running scale, and the connection formula in 1 − z takes over near z = 1. Each form estimates its own rounding
/// error; where the series form cancels, the direct form with the general ₂F₁ is tried, and where neither reaches an
/// estimated 10⁻⁸ the expectation is refused with an <see cref="ArgumentOutOfRangeException"/> naming the horizon rather
/// than a wrong number returned. docs/probabilistic-models.md gives the accuracy measured against mpmath per region
/// (10⁻¹¹ for parameters in [10⁻², 10²], 5·10⁻⁹ from 10⁻³ to 10⁴). Immutable and thread-safe.</para>
/// </remarks>
public sealed class BgNbdModel : BetaGeometricModel
{
    private const int Shift = 0;

    /// <summary>Creates the model from known parameters.</summary>
    /// <param name="parameters">r, α, a, b.</param>
    /// <param name="timeUnit">The unit of α and of every time the model takes.</param>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is a default value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeUnit"/> is not defined.</exception>
    public BgNbdModel(BgNbdParameters parameters, TimeUnit timeUnit)
        : this(parameters, timeUnit, null)
    {
    }

    internal BgNbdModel(BgNbdParameters parameters, TimeUnit timeUnit, ModelFit? fit)
        : base(parameters, timeUnit, fit, Shift)
    {
    }

    /// <summary>Fits the model by maximum likelihood (eq. 6 of the paper, with analytic gradients).</summary>
    /// <param name="data">The customers' histories.</param>
    /// <param name="options">Fit options; <see langword="null"/> for <see cref="FitOptions.Default"/>. The default
    /// starting values are r = 1, α = the mean age, a = 1, b = 1.</param>
    /// <returns>The fitted model; check <see cref="ModelFit.Convergence"/> in <see cref="RepeatPurchaseModel.FitResult"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException"><see cref="FitOptions.InitialParameters"/> does not hold four values.</exception>
    public static BgNbdModel Fit(RepeatPurchaseData data, FitOptions? options = null)
    {
        var fit = BgNbdParameters.Fit(data, options, Shift, "BG/NBD");
        return new BgNbdModel(BgNbdParameters.From(fit), data.TimeUnit, fit);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} {Parameters} ({TimeUnit})");

    /// <inheritdoc />
    internal override string Name => "BG/NBD";

    /// <inheritdoc />
    internal override RepeatPurchaseModel FitTo(RepeatPurchaseData data, FitOptions? options) => Fit(data, options);

    /// <inheritdoc />
    internal override RepeatPurchaseModel WithParameters(ReadOnlySpan<double> values) =>
        new BgNbdModel(new BgNbdParameters(values[0], values[1], values[2], values[3]), TimeUnit);
}
