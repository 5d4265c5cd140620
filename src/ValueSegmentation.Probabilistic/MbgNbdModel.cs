using System.Globalization;
using ValueSegmentation.Transactions;

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
public sealed class MbgNbdModel : RepeatPurchaseModel
{
    private const int Shift = 1;
    private static readonly string[] Names = ["r", "alpha", "a", "b"];

    /// <summary>Creates the model from known parameters.</summary>
    /// <param name="parameters">r, α, a, b.</param>
    /// <param name="timeUnit">The unit of α and of every time the model takes.</param>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> is a default value.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeUnit"/> is not defined.</exception>
    public MbgNbdModel(BgNbdParameters parameters, TimeUnit timeUnit)
        : this(parameters, timeUnit, null)
    {
    }

    private MbgNbdModel(BgNbdParameters parameters, TimeUnit timeUnit, ModelFit? fit)
        : base(timeUnit, fit) => Parameters = BgNbdParameters.Check(parameters);

    /// <summary>The parameters.</summary>
    public BgNbdParameters Parameters { get; }

    /// <summary>Fits the model by maximum likelihood (analytic gradients).</summary>
    /// <param name="data">The customers' histories.</param>
    /// <param name="options">Fit options; the default starting values are r = 1, α = the mean age, a = 1, b = 1.</param>
    /// <returns>The fitted model; check <see cref="ModelFit.Convergence"/> in <see cref="RepeatPurchaseModel.FitResult"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException"><see cref="FitOptions.InitialParameters"/> does not hold four values.</exception>
    public static MbgNbdModel Fit(RepeatPurchaseData data, FitOptions? options = null)
    {
        var fit = BgNbdParameters.Fit(data, options, Names, Shift, "MBG/NBD");
        return new MbgNbdModel(BgNbdParameters.From(fit), data.TimeUnit, fit);
    }

    /// <inheritdoc />
    public override double LogLikelihood(RepeatPurchaseData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireUnit(data.TimeUnit, nameof(data));
        return BetaGeometricNbd.LogLikelihood(data, Parameters.ToArray(), new double[4], Shift);
    }

    /// <summary>P(X(t) = x) = B(a, b + x + 1)/B(a, b) · NB(x) + B(a + 1, b + x)/B(a, b) · P(NB ≥ x): alive after all
    /// x + 1 purchases with exactly x repeat purchases by t, or gone right after the x-th repeat purchase (the first
    /// purchase when x = 0), which happened by t.</summary>
    /// <inheritdoc />
    public override double ProbabilityOfPurchases(int purchases, double t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(purchases);
        CheckHorizon(t);
        return BetaGeometricNbd.ProbabilityOfPurchases(Parameters, purchases, t, Shift);
    }

    /// <summary>E[X(t)] = b/(a − 1) · [1 − (α/(α + t))^r ₂F₁(r, b + 1; a + b; t/(α + t))].</summary>
    /// <inheritdoc />
    public override double ExpectedPurchases(double t)
    {
        CheckHorizon(t);
        return BetaGeometricNbd.ConditionalExpectedPurchases(Parameters, t, 0, 0, 0, Shift);
    }

    /// <inheritdoc />
    public override double ConditionalExpectedPurchases(double t, int frequency, double recency, double age)
    {
        CheckHorizon(t);
        RepeatPurchaseData.Validate(frequency, recency, age, nameof(frequency), string.Empty);
        return BetaGeometricNbd.ConditionalExpectedPurchases(Parameters, t, frequency, recency, age, Shift);
    }

    /// <summary>E[Y(t) | x, t<sub>x</sub>, T] for many customers; the part that depends on x and T only is computed once
    /// per distinct (x, T).</summary>
    /// <inheritdoc />
    public override void ConditionalExpectedPurchases(double t, ReadOnlySpan<CustomerSummary> customers, Span<double> destination)
    {
        CheckHorizon(t);
        CheckDestination(customers.Length, destination.Length, nameof(destination));
        BetaGeometricNbd.ConditionalExpectedPurchases(Parameters, t, customers, destination, Shift, TimeUnit);
    }

    /// <inheritdoc />
    public override double ProbabilityAlive(int frequency, double recency, double age)
    {
        RepeatPurchaseData.Validate(frequency, recency, age, nameof(frequency), string.Empty);
        return BetaGeometricNbd.ProbabilityAlive(Parameters, frequency, recency, age, Shift);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"MBG/NBD {Parameters} ({TimeUnit})");
}
