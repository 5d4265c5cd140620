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
/// running scale, and the connection formula in 1 − z takes over where they would need more than 5·10⁶ terms. Every
/// prediction is finite for finite valid input (see docs/probabilistic-models.md for the accuracy in extreme
/// corners). Immutable and thread-safe.</para>
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

    private BgNbdModel(BgNbdParameters parameters, TimeUnit timeUnit, ModelFit? fit)
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
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"BG/NBD {Parameters} ({TimeUnit})");
}
