using System.Globalization;

namespace ValueSegmentation.Probabilistic;

/// <summary>
/// The MBG/NBD model of Batislam, Denizel &amp; Filiztekin (2007), "Empirical validation and comparison of models for
/// customer base analysis", <em>International Journal of Research in Marketing</em> 24(3), 201–209: BG/NBD in which
/// a customer may also drop out right after the first purchase, so a customer without repeat purchases is not
/// certainly alive.
/// </summary>
/// <remarks>
/// <para>Likelihood (their eq. 4): B(a, b + x + 1)/B(a, b) · Γ(r + x)α^r/(Γ(r)(α + T)^(r+x)) + B(a + 1, b + x)/B(a, b) ·
/// Γ(r + x)α^r/(Γ(r)(α + t<sub>x</sub>)^(r+x)) for every x. P(alive) = 1/(1 + a/(b + x) · ((α + T)/(α + t<sub>x</sub>))^(r+x));
/// E[Y(t) | x, t<sub>x</sub>, T] = (a + b + x)/(a − 1) · [1 − ((α + T)/(α + T + t))^(r+x) ₂F₁(r + x, b + x + 1; a + b + x;
/// t/(α + T + t))] · P(alive). These are BG/NBD's expressions with b + x shifted to b + x + 1, and share its numerics
/// (<see cref="BgNbdModel"/>). The parameters have the same meaning as BG/NBD's. Immutable and thread-safe.</para>
/// </remarks>
public sealed class MbgNbdModel : BetaGeometricModel
{
    private const int Shift = 1;

    /// <summary>Creates the model from known parameters.</summary>
    /// <param name="parameters">r, α, a, b.</param>
    /// <param name="timeUnit">The unit of α and of every time the model takes.</param>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is a default value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeUnit"/> is not defined.</exception>
    public MbgNbdModel(BgNbdParameters parameters, TimeUnit timeUnit)
        : this(parameters, timeUnit, null)
    {
    }

    internal MbgNbdModel(BgNbdParameters parameters, TimeUnit timeUnit, ModelFit? fit)
        : base(parameters, timeUnit, fit, Shift)
    {
    }

    /// <summary>Fits the model by maximum likelihood (their eq. 4, with analytic gradients).</summary>
    /// <param name="data">The customers' histories.</param>
    /// <param name="options">Fit options; <see langword="null"/> for <see cref="FitOptions.Default"/>. The default
    /// starting values are r = 1, α = the mean age, a = 1, b = 1.</param>
    /// <returns>The fitted model; check <see cref="ModelFit.Convergence"/> in <see cref="RepeatPurchaseModel.FitResult"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException"><see cref="FitOptions.InitialParameters"/> does not hold four values.</exception>
    public static MbgNbdModel Fit(RepeatPurchaseData data, FitOptions? options = null)
    {
        var fit = BgNbdParameters.Fit(data, options, Shift, "MBG/NBD");
        return new MbgNbdModel(BgNbdParameters.From(fit), data.TimeUnit, fit);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} {Parameters} ({TimeUnit})");

    /// <inheritdoc />
    internal override string Name => "MBG/NBD";

    /// <inheritdoc />
    internal override RepeatPurchaseModel FitTo(RepeatPurchaseData data, FitOptions? options) => Fit(data, options);

    /// <inheritdoc />
    internal override RepeatPurchaseModel WithParameters(ReadOnlySpan<double> values) =>
        new MbgNbdModel(new BgNbdParameters(values[0], values[1], values[2], values[3]), TimeUnit);
}
