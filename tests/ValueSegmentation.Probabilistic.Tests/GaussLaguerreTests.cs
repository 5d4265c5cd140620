using ValueSegmentation.Probabilistic.Numerics;

namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>The 32-point Gauss–Laguerre rule integrates e^(−u) uᵏ = k! exactly for k ≤ 63 (Abramowitz &amp; Stegun 25.4.45),
/// and smooth functions to near machine precision.</summary>
public sealed class GaussLaguerreTests
{
    [Fact]
    public void The_rule_integrates_polynomials_exactly_and_smooth_functions_closely()
    {
        double factorial = 1;
        for (int k = 0; k <= 20; k++)
        {
            factorial *= Math.Max(1, k);
            double integral = 0;
            for (int i = 0; i < GaussLaguerre.Nodes.Length; i++)
            {
                integral += GaussLaguerre.Weights[i] * Math.Pow(GaussLaguerre.Nodes[i], k);
            }

            Assert.Equal(1, integral / factorial, 1e-12); // ∫₀^∞ e^(−u) uᵏ du = k!
        }

        double cosine = 0, rational = 0;
        for (int i = 0; i < GaussLaguerre.Nodes.Length; i++)
        {
            cosine += GaussLaguerre.Weights[i] * Math.Cos(GaussLaguerre.Nodes[i]);
            rational += GaussLaguerre.Weights[i] / Math.Pow(1 + (GaussLaguerre.Nodes[i] / 2), 2);
        }

        Assert.Equal(0.5, cosine, 1e-12);                                    // ∫ e^(−u) cos u du = 1/2
        double exact = 2 - (4 * Math.Exp(2) * MathNet.Numerics.SpecialFunctions.ExponentialIntegral(2, 1)); // ∫ e^(−u)/(1 + u/2)² du = 2 − 4e²E₁(2)
        Assert.Equal(exact, rational, 1e-9);                                 // a pole at u = −2
    }
}
