using System.Globalization;

namespace ValueSegmentation.Probabilistic;

/// <summary>The parameters of the Pareto/NBD model: the purchase rate λ ~ Gamma(r, α) and the drop-out rate
/// μ ~ Gamma(s, β), with α and β in the model's time unit.</summary>
/// <remarks>An immutable value; every parameter is in [10⁻¹⁰, 10¹⁵], the models' domain.</remarks>
public readonly struct ParetoNbdParameters : IEquatable<ParetoNbdParameters>
{
    /// <summary>Creates the parameters.</summary>
    /// <param name="r">Shape of the purchase-rate distribution.</param>
    /// <param name="alpha">Rate of the purchase-rate distribution, in the model's time unit.</param>
    /// <param name="s">Shape of the drop-out-rate distribution.</param>
    /// <param name="beta">Rate of the drop-out-rate distribution, in the model's time unit.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside [10⁻¹⁰, 10¹⁵] (or not a number).</exception>
    [System.Text.Json.Serialization.JsonConstructor]
    public ParetoNbdParameters(double r, double alpha, double s, double beta)
    {
        R = ModelParameter.Check(r);
        Alpha = ModelParameter.Check(alpha);
        S = ModelParameter.Check(s);
        Beta = ModelParameter.Check(beta);
    }

    /// <summary>r.</summary>
    public double R { get; }

    /// <summary>α.</summary>
    public double Alpha { get; }

    /// <summary>s.</summary>
    public double S { get; }

    /// <summary>β.</summary>
    public double Beta { get; }

    /// <summary>Deconstructs into (r, α, s, β).</summary>
    /// <param name="r">r.</param>
    /// <param name="alpha">α.</param>
    /// <param name="s">s.</param>
    /// <param name="beta">β.</param>
    public void Deconstruct(out double r, out double alpha, out double s, out double beta) => (r, alpha, s, beta) = (R, Alpha, S, Beta);

    /// <inheritdoc />
    public bool Equals(ParetoNbdParameters other) => R.Equals(other.R) && Alpha.Equals(other.Alpha) && S.Equals(other.S) && Beta.Equals(other.Beta);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ParetoNbdParameters other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(R, Alpha, S, Beta);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"r = {R:G6}, α = {Alpha:G6}, s = {S:G6}, β = {Beta:G6}");

    /// <summary>Whether two parameter sets are equal.</summary>
    /// <param name="left">A set.</param>
    /// <param name="right">Another set.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(ParetoNbdParameters left, ParetoNbdParameters right) => left.Equals(right);

    /// <summary>Whether two parameter sets differ.</summary>
    /// <param name="left">A set.</param>
    /// <param name="right">Another set.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(ParetoNbdParameters left, ParetoNbdParameters right) => !left.Equals(right);
}
