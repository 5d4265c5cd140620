using System.Globalization;

namespace ValueSegmentation.Probabilistic;

/// <summary>The parameters of the shifted-beta-geometric model: the churn probability θ ~ Beta(α, β) across customers.</summary>
/// <remarks>An immutable value; both parameters are in [10⁻¹⁰, 10¹⁵], the models' domain.</remarks>
public readonly struct ShiftedBetaGeometricParameters : IEquatable<ShiftedBetaGeometricParameters>
{
    /// <summary>Creates the parameters.</summary>
    /// <param name="alpha">α of the churn-probability distribution.</param>
    /// <param name="beta">β of the churn-probability distribution.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside [10⁻¹⁰, 10¹⁵] (or not a number).</exception>
    [System.Text.Json.Serialization.JsonConstructor]
    public ShiftedBetaGeometricParameters(double alpha, double beta)
    {
        Alpha = ModelParameter.Check(alpha);
        Beta = ModelParameter.Check(beta);
    }

    /// <summary>α.</summary>
    public double Alpha { get; }

    /// <summary>β.</summary>
    public double Beta { get; }

    /// <summary>Deconstructs into (α, β).</summary>
    /// <param name="alpha">α.</param>
    /// <param name="beta">β.</param>
    public void Deconstruct(out double alpha, out double beta) => (alpha, beta) = (Alpha, Beta);

    /// <inheritdoc />
    public bool Equals(ShiftedBetaGeometricParameters other) => Alpha.Equals(other.Alpha) && Beta.Equals(other.Beta);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ShiftedBetaGeometricParameters other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Alpha, Beta);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"α = {Alpha:G6}, β = {Beta:G6}");

    /// <summary>Whether two parameter sets are equal.</summary>
    /// <param name="left">A set.</param>
    /// <param name="right">Another set.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(ShiftedBetaGeometricParameters left, ShiftedBetaGeometricParameters right) => left.Equals(right);

    /// <summary>Whether two parameter sets differ.</summary>
    /// <param name="left">A set.</param>
    /// <param name="right">Another set.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(ShiftedBetaGeometricParameters left, ShiftedBetaGeometricParameters right) => !left.Equals(right);
}
