using System.Globalization;

namespace ValueSegmentation.Probabilistic;

/// <summary>
/// The parameters of the beta-discrete-Weibull model: the churn probability θ ~ Beta(α, β) across customers and the
/// shape c of each customer's discrete-Weibull lifetime (c &lt; 1: churn falls with tenure, c &gt; 1: it rises; c = 1 is
/// the shifted-beta-geometric model).
/// </summary>
/// <remarks>An immutable value; α and β are in [10⁻¹⁰, 10¹⁵], the models' domain, and c in [10⁻¹⁰, 100].</remarks>
public readonly struct BetaDiscreteWeibullParameters : IEquatable<BetaDiscreteWeibullParameters>
{
    /// <summary>The largest shape c the parameters accept, 100: a bound on the domain far beyond the shapes retention
    /// data show (the two Fader &amp; Hardie cohorts fit c ≈ 1.3 and 1.7).</summary>
    /// <remarks>t^c does not stay finite for every period at this shape: it overflows a double once c·ln t &gt; 709.78
    /// (t ≥ 1,210 at c = 100). <see cref="BetaDiscreteWeibullModel"/> computes survival from c·ln t ≥ 690 on (t ≥ 993
    /// at c = 100) by its asymptotic form S(t) ≈ τ^(−α)·Γ(α + β)/Γ(β), τ = t^c, which is exact to double precision
    /// there, so its predictions are finite for every period up to 10⁶; the log-likelihood of a curve needs
    /// c·ln n ≤ 690 for its last period n, and <see cref="BetaDiscreteWeibullModel.Fit"/> keeps c at most this
    /// value.</remarks>
    public const double MaxShape = 100;

    /// <summary>Creates the parameters.</summary>
    /// <param name="alpha">α of the churn-probability distribution.</param>
    /// <param name="beta">β of the churn-probability distribution.</param>
    /// <param name="c">The shape of the individual lifetime: P(T &gt; t | θ) = (1 − θ)^(t^c).</param>
    /// <exception cref="ArgumentOutOfRangeException">α or β is outside [10⁻¹⁰, 10¹⁵], or c outside [10⁻¹⁰, 100] (or a
    /// value is not a number).</exception>
    public BetaDiscreteWeibullParameters(double alpha, double beta, double c)
    {
        Alpha = ModelParameter.Check(alpha);
        Beta = ModelParameter.Check(beta);
        C = c is >= ModelParameter.Min and <= MaxShape
            ? c
            : throw new ArgumentOutOfRangeException(nameof(c), c, string.Create(CultureInfo.InvariantCulture, $"The shape c must be in [{ModelParameter.Min:G}, {MaxShape:G}]."));
    }

    /// <summary>α.</summary>
    public double Alpha { get; }

    /// <summary>β.</summary>
    public double Beta { get; }

    /// <summary>The shape c.</summary>
    public double C { get; }

    /// <summary>Deconstructs into (α, β, c).</summary>
    /// <param name="alpha">α.</param>
    /// <param name="beta">β.</param>
    /// <param name="c">c.</param>
    public void Deconstruct(out double alpha, out double beta, out double c) => (alpha, beta, c) = (Alpha, Beta, C);

    /// <inheritdoc/>
    public bool Equals(BetaDiscreteWeibullParameters other) => Alpha.Equals(other.Alpha) && Beta.Equals(other.Beta) && C.Equals(other.C);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BetaDiscreteWeibullParameters other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Alpha, Beta, C);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"α = {Alpha:G6}, β = {Beta:G6}, c = {C:G6}");

    /// <summary>Whether two parameter sets are equal.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(BetaDiscreteWeibullParameters left, BetaDiscreteWeibullParameters right) => left.Equals(right);

    /// <summary>Whether two parameter sets differ.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(BetaDiscreteWeibullParameters left, BetaDiscreteWeibullParameters right) => !left.Equals(right);
}
