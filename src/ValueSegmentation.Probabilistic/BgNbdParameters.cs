using System.Globalization;
using ValueSegmentation.Probabilistic.Likelihoods;
using ValueSegmentation.Probabilistic.Numerics;

namespace ValueSegmentation.Probabilistic;

/// <summary>The parameters of the BG/NBD and MBG/NBD models: the purchase rate λ ~ Gamma(r, α) (shape r, rate α, so α is in
/// the model's time unit) and the drop-out probability p ~ Beta(a, b).</summary>
/// <remarks>An immutable value; every parameter is in [10⁻¹⁰, 10¹⁵], the models' domain.</remarks>
public readonly struct BgNbdParameters : IEquatable<BgNbdParameters>
{
    /// <summary>Creates the parameters.</summary>
    /// <param name="r">Shape of the purchase-rate distribution.</param>
    /// <param name="alpha">Rate (scale in time) of the purchase-rate distribution, in the model's time unit.</param>
    /// <param name="a">First shape of the drop-out distribution.</param>
    /// <param name="b">Second shape of the drop-out distribution.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside [10⁻¹⁰, 10¹⁵] (or not a number).</exception>
    [System.Text.Json.Serialization.JsonConstructor]
    public BgNbdParameters(double r, double alpha, double a, double b)
    {
        R = ModelParameter.Check(r);
        Alpha = ModelParameter.Check(alpha);
        A = ModelParameter.Check(a);
        B = ModelParameter.Check(b);
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

    /// <summary>The parameters' names, in the order of the fit.</summary>
    internal static readonly string[] Names = ["r", "alpha", "a", "b"];

    /// <summary>The starting values of a fit: r = 1, α = the mean age, a = 1, b = 1.</summary>
    internal static double[] Start(RepeatPurchaseData data) => [1, RepeatPurchaseModel.MeanAge(data), 1, 1];

    /// <summary>The maximum-likelihood fit shared by BG/NBD and MBG/NBD, from r = 1, α = the mean age, a = 1, b = 1.</summary>
    internal static ModelFit Fit(RepeatPurchaseData data, FitOptions? options, int shift, string model)
    {
        ArgumentNullException.ThrowIfNull(data);
        return MaximumLikelihood.Fit(model, Names, options, () => Start(data), (theta, gradient) => BetaGeometricNbd.LogLikelihood(data, theta, gradient, shift), data.CustomerCount, data.RowCount);
    }
}
