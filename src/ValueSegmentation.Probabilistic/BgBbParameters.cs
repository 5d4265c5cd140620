using System.Globalization;

namespace ValueSegmentation.Probabilistic;

/// <summary>The parameters of the BG/BB model: transaction probability p ~ Beta(α, β) and drop-out probability
/// θ ~ Beta(γ, δ).</summary>
/// <remarks>An immutable value; every parameter is in [10⁻¹⁰, 10¹⁵], the models' domain.</remarks>
public readonly struct BgBbParameters : IEquatable<BgBbParameters>
{
    /// <summary>Creates the parameters.</summary>
    /// <param name="alpha">α.</param>
    /// <param name="beta">β.</param>
    /// <param name="gamma">γ.</param>
    /// <param name="delta">δ.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside [10⁻¹⁰, 10¹⁵] (or not a number).</exception>
    [System.Text.Json.Serialization.JsonConstructor]
    public BgBbParameters(double alpha, double beta, double gamma, double delta)
    {
        Alpha = ModelParameter.Check(alpha);
        Beta = ModelParameter.Check(beta);
        Gamma = ModelParameter.Check(gamma);
        Delta = ModelParameter.Check(delta);
    }

    /// <summary>α.</summary>
    public double Alpha { get; }

    /// <summary>β.</summary>
    public double Beta { get; }

    /// <summary>γ.</summary>
    public double Gamma { get; }

    /// <summary>δ.</summary>
    public double Delta { get; }

    /// <summary>Deconstructs into (α, β, γ, δ).</summary>
    /// <param name="alpha">α.</param>
    /// <param name="beta">β.</param>
    /// <param name="gamma">γ.</param>
    /// <param name="delta">δ.</param>
    public void Deconstruct(out double alpha, out double beta, out double gamma, out double delta) => (alpha, beta, gamma, delta) = (Alpha, Beta, Gamma, Delta);

    /// <inheritdoc />
    public bool Equals(BgBbParameters other) => Alpha.Equals(other.Alpha) && Beta.Equals(other.Beta) && Gamma.Equals(other.Gamma) && Delta.Equals(other.Delta);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is BgBbParameters other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Alpha, Beta, Gamma, Delta);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"α = {Alpha:G6}, β = {Beta:G6}, γ = {Gamma:G6}, δ = {Delta:G6}");

    /// <summary>Whether two parameter sets are equal.</summary>
    /// <param name="left">A set.</param>
    /// <param name="right">Another set.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(BgBbParameters left, BgBbParameters right) => left.Equals(right);

    /// <summary>Whether two parameter sets differ.</summary>
    /// <param name="left">A set.</param>
    /// <param name="right">Another set.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(BgBbParameters left, BgBbParameters right) => !left.Equals(right);
}
