using System.Collections.Concurrent;
using ValueSegmentation.Probabilistic.Likelihoods;

namespace ValueSegmentation.Probabilistic;

/// <summary>
/// The beta-geometric/NBD family: BG/NBD (<see cref="BgNbdModel"/>) and MBG/NBD (<see cref="MbgNbdModel"/>), which
/// share their parameters — purchase rate λ ~ Gamma(r, α), drop-out probability p ~ Beta(a, b) — and their
/// mathematics; MBG/NBD also lets a customer drop out right after the first purchase, which shifts b + x to b + x + 1.
/// </summary>
/// <remarks>Immutable and thread-safe (it keeps, per repeat frequency, the gamma functions of the long-horizon expansion
/// once computed). Only this library derives from it.</remarks>
public abstract class BetaGeometricModel : RepeatPurchaseModel
{
    private readonly int _shift;
    private readonly ConcurrentDictionary<int, ConnectionExpansion?> _expansions = new();

    private protected BetaGeometricModel(BgNbdParameters parameters, TimeUnit timeUnit, ModelFit? fit, int shift)
        : base(timeUnit, fit)
    {
        Parameters = BgNbdParameters.Check(parameters);
        _shift = shift;
    }

    /// <summary>The parameters r, α, a, b.</summary>
    public BgNbdParameters Parameters { get; }

    /// <inheritdoc />
    public override double LogLikelihood(RepeatPurchaseData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        RequireUnit(data.TimeUnit, nameof(data));
        return BetaGeometricNbd.LogLikelihood(data, Parameters.ToArray(), new double[4], _shift);
    }

    /// <summary>P(X(t) = x): alive after every purchase with exactly x repeat purchases by t, or gone right after the x-th
    /// (BG/NBD eq. 8; for MBG/NBD B(a, b + x + 1)/B(a, b) · NB(x) + B(a + 1, b + x)/B(a, b) · P(NB ≥ x)).</summary>
    /// <inheritdoc />
    public override double ProbabilityOfPurchases(int purchases, double t)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(purchases);
        CheckHorizon(t);
        return BetaGeometricNbd.ProbabilityOfPurchases(Parameters, purchases, t, _shift);
    }

    /// <summary>E[X(t)] (BG/NBD eq. 9: (a + b − 1)/(a − 1) · [1 − (α/(α + t))^r ₂F₁(r, b; a + b − 1; t/(α + t))]; for
    /// MBG/NBD b/(a − 1) · [1 − (α/(α + t))^r ₂F₁(r, b + 1; a + b; t/(α + t))]).</summary>
    /// <inheritdoc />
    public override double ExpectedPurchases(double t)
    {
        CheckHorizon(t);
        return BetaGeometricNbd.ConditionalExpectedPurchases(Parameters, t, 0, 0, 0, _shift);
    }

    /// <summary>E[Y(t) | alive, x, T]: the bracket of BG/NBD eq. 10, (a + b + x − 1)/(a − 1) · [1 − ((α + T)/(α + T + t))^(r+x)
    /// ₂F₁(r + x, b + x; a + b + x − 1; t/(α + T + t))], with b + x → b + x + 1 for MBG/NBD.</summary>
    internal override double ExpectedPurchasesIfAlive(double t, int frequency, double age)
    {
        var (r, alpha, a, b) = Parameters;
        double logOneMinusZ = -Accurate.Log1P(t / (alpha + age));
        var expansion = logOneMinusZ < BetaGeometricNbd.ConnectionThreshold
            ? _expansions.GetOrAdd(frequency, static (x, shape) => ConnectionExpansion.Create(shape.R, shape.A, shape.B, x), (R: r, A: a, B: b + _shift))
            : null;
        return BetaGeometricNbd.Bracket(r, a, b + _shift, frequency, logOneMinusZ, t / (alpha + age + t), expansion, t);
    }

    /// <summary>
    /// P(alive | x, t<sub>x</sub>, T) = 1 / (1 + a/(b + x + s − 1) · ((α + T)/(α + t<sub>x</sub>))^(r+x)), s = 0 for BG/NBD
    /// (where the term is absent when x = 0: a customer without a repeat purchase has had no chance to drop out, so the
    /// probability is 1; Fader, Hardie &amp; Lee 2005, eq. 11 of the technical appendix) and s = 1 for MBG/NBD.
    /// </summary>
    internal override double AliveCore(int frequency, double recency, double age) =>
        BetaGeometricNbd.ProbabilityAlive(Parameters, frequency, recency, age, _shift);

    /// <inheritdoc />
    internal override double[] ParameterValues => [Parameters.R, Parameters.Alpha, Parameters.A, Parameters.B];

    /// <summary>P(alive) = 1 / (1 + e^E), E = ln(a/(b + k − 1)) + (r + x)(ln(α + T) − ln(α + t<sub>x</sub>)), k = x + s, and its
    /// gradient −P(1 − P) ∂E/∂ln θ: ∂E/∂ln r = r (ln(α + T) − ln(α + t<sub>x</sub>)), ∂E/∂ln α = α (r + x)(1/(α + T) −
    /// 1/(α + t<sub>x</sub>)), ∂E/∂ln a = 1, ∂E/∂ln b = −b/(b + k − 1); 0 when k = 0 (P = 1).</summary>
    internal override double AliveWithGradient(int frequency, double recency, double age, RepeatPurchaseModel[] perturbed, Span<double> gradient)
    {
        long k = (long)frequency + _shift;
        if (k == 0)
        {
            gradient.Clear();
            return 1;
        }

        // The operations of AliveTerm and AliveFromTerm, in their order, so that P(alive) is the same to the last bit.
        var (r, alpha, a, b) = Parameters;
        double logAge = Math.Log(alpha + age), logRecency = Math.Log(alpha + recency);
        double exponent = Math.Log(a / (b + k - 1)) + ((r + frequency) * logAge) - ((r + frequency) * logRecency);
        double alive = exponent > 0 ? Math.Exp(-exponent) / (1 + Math.Exp(-exponent)) : 1 / (1 + Math.Exp(exponent));
        double slope = -alive * (1 - alive);
        gradient[0] = slope * r * (logAge - logRecency);
        gradient[1] = slope * alpha * (r + frequency) * ((1 / (alpha + age)) - (1 / (alpha + recency)));
        gradient[2] = slope;
        gradient[3] = slope * -b / (b + k - 1);
        return alive;
    }

    /// <inheritdoc />
    internal override double AliveTerm(int frequency, double age) => BetaGeometricNbd.AliveTerm(Parameters, frequency, age, _shift);

    /// <inheritdoc />
    internal override double AliveFromTerm(double term, int frequency, double recency, double age) =>
        BetaGeometricNbd.AliveFromTerm(Parameters, term, frequency, recency, _shift);
}
