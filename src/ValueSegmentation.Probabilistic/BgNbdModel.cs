using System.Globalization;
using ValueSegmentation.Transactions;

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
    private static readonly string[] Names = ["r", "alpha", "a", "b"];

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
        var fit = BgNbdParameters.Fit(data, options, Names, Shift, "BG/NBD");
        return new BgNbdModel(BgNbdParameters.From(fit), data.TimeUnit, fit);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"BG/NBD {Parameters} ({TimeUnit})");
}

/// <summary>The parameters of the BG/NBD and MBG/NBD models: the purchase rate λ ~ Gamma(r, α) (shape r, rate α, so α is in
/// the model's time unit) and the drop-out probability p ~ Beta(a, b).</summary>
/// <remarks>An immutable value; every parameter is positive and finite.</remarks>
public readonly struct BgNbdParameters : IEquatable<BgNbdParameters>
{
    /// <summary>Creates the parameters.</summary>
    /// <param name="r">Shape of the purchase-rate distribution.</param>
    /// <param name="alpha">Rate (scale in time) of the purchase-rate distribution, in the model's time unit.</param>
    /// <param name="a">First shape of the drop-out distribution.</param>
    /// <param name="b">Second shape of the drop-out distribution.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is not positive and finite.</exception>
    public BgNbdParameters(double r, double alpha, double a, double b)
    {
        R = Positive(r, nameof(r));
        Alpha = Positive(alpha, nameof(alpha));
        A = Positive(a, nameof(a));
        B = Positive(b, nameof(b));
    }

    /// <summary>r.</summary>
    public double R { get; }

    /// <summary>α.</summary>
    public double Alpha { get; }

    /// <summary>a.</summary>
    public double A { get; }

    /// <summary>b.</summary>
    public double B { get; }

    /// <summary>Deconstructs into (r, α, a, b).</summary>
    /// <param name="r">r.</param>
    /// <param name="alpha">α.</param>
    /// <param name="a">a.</param>
    /// <param name="b">b.</param>
    public void Deconstruct(out double r, out double alpha, out double a, out double b) => (r, alpha, a, b) = (R, Alpha, A, B);

    /// <inheritdoc />
    public bool Equals(BgNbdParameters other) => R.Equals(other.R) && Alpha.Equals(other.Alpha) && A.Equals(other.A) && B.Equals(other.B);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is BgNbdParameters other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(R, Alpha, A, B);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"r = {R:G6}, α = {Alpha:G6}, a = {A:G6}, b = {B:G6}");

    /// <summary>Whether two parameter sets are equal.</summary>
    /// <param name="left">A set.</param>
    /// <param name="right">Another set.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(BgNbdParameters left, BgNbdParameters right) => left.Equals(right);

    /// <summary>Whether two parameter sets differ.</summary>
    /// <param name="left">A set.</param>
    /// <param name="right">Another set.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(BgNbdParameters left, BgNbdParameters right) => !left.Equals(right);

    internal double[] ToArray() => [R, Alpha, A, B];

    internal static BgNbdParameters Check(BgNbdParameters parameters) =>
        parameters.R != 0 ? parameters : throw new ArgumentException("The parameters are a default value; create them with their constructor.", nameof(parameters));

    internal static BgNbdParameters From(ModelFit fit) => new(fit.Parameters[0], fit.Parameters[1], fit.Parameters[2], fit.Parameters[3]);

    /// <summary>The maximum-likelihood fit shared by BG/NBD and MBG/NBD.</summary>
    internal static ModelFit Fit(RepeatPurchaseData data, FitOptions? options, string[] names, int shift, string model)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= FitOptions.Default;
        double[] start = options.InitialParameters?.ToArray() ?? [1, RepeatPurchaseModel.MeanAge(data), 1, 1];
        if (start.Length != 4)
        {
            throw new ArgumentException($"{model} has four parameters (r, α, a, b); {start.Length} starting values were given.", nameof(options));
        }

        return MaximumLikelihood.Maximize(names, (theta, gradient) => BetaGeometricNbd.LogLikelihood(data, theta, gradient, shift), start, options, data.CustomerCount);
    }

    internal static double Positive(double value, string name) =>
        double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, "Must be positive and finite.");
}
