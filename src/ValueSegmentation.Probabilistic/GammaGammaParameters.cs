using System.Globalization;

namespace ValueSegmentation.Probabilistic;

/// <summary>The parameters of the Gamma-Gamma model: shape p of transaction values, and the Gamma(q, γ)
/// distribution of their scale across customers.</summary>
/// <remarks>An immutable value; every parameter is in [10⁻¹⁰, 10¹⁵], the models' domain.</remarks>
public readonly struct GammaGammaParameters : IEquatable<GammaGammaParameters>
{
    /// <summary>Creates the parameters.</summary>
    /// <param name="p">Shape of a customer's transaction values.</param>
    /// <param name="q">Shape of the scale distribution.</param>
    /// <param name="gamma">Scale of the scale distribution (γ), in currency.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside [10⁻¹⁰, 10¹⁵] (or not a number).</exception>
    [System.Text.Json.Serialization.JsonConstructor]
    public GammaGammaParameters(double p, double q, double gamma)
    {
        P = ModelParameter.Check(p);
        Q = ModelParameter.Check(q);
        Gamma = ModelParameter.Check(gamma);
    }

    /// <summary>p.</summary>
    public double P { get; }

    /// <summary>q.</summary>
    public double Q { get; }

    /// <summary>γ.</summary>
    public double Gamma { get; }

    /// <summary>Deconstructs into (p, q, γ).</summary>
    /// <param name="p">p.</param>
    /// <param name="q">q.</param>
    /// <param name="gamma">γ.</param>
    public void Deconstruct(out double p, out double q, out double gamma) => (p, q, gamma) = (P, Q, Gamma);

    /// <inheritdoc />
    public bool Equals(GammaGammaParameters other) => P.Equals(other.P) && Q.Equals(other.Q) && Gamma.Equals(other.Gamma);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is GammaGammaParameters other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(P, Q, Gamma);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"p = {P:G6}, q = {Q:G6}, γ = {Gamma:G6}");

    /// <summary>Whether two parameter sets are equal.</summary>
    /// <param name="left">A set.</param>
    /// <param name="right">Another set.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(GammaGammaParameters left, GammaGammaParameters right) => left.Equals(right);

    /// <summary>Whether two parameter sets differ.</summary>
    /// <param name="left">A set.</param>
    /// <param name="right">Another set.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(GammaGammaParameters left, GammaGammaParameters right) => !left.Equals(right);
}
