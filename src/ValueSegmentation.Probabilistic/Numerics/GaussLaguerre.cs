namespace ValueSegmentation.Probabilistic.Numerics;

/// <summary>
/// The 32-point Gauss–Laguerre rule: ∫₀^∞ e^(−u) g(u) du ≈ Σᵢ wᵢ g(uᵢ), exact for polynomials of degree up to 63.
/// The nodes are the zeros of the Laguerre polynomial L₃₂, found by Newton's method on the three-term recurrence
/// (j + 1)L_{j+1}(u) = (2j + 1 − u)L_j(u) − j L_{j−1}(u) from the usual asymptotic first guesses, and the weights are
/// wᵢ = uᵢ / ((n + 1)² L_{n+1}(uᵢ)²) (Abramowitz &amp; Stegun 25.4.45).
/// </summary>
/// <remarks>Computed once; immutable and thread-safe.</remarks>
internal static class GaussLaguerre
{
    private const int Points = 32;

    private static readonly Lazy<(double[] Nodes, double[] Weights)> Rule = new(Compute);

    /// <summary>The nodes uᵢ, increasing.</summary>
    public static ReadOnlySpan<double> Nodes => Rule.Value.Nodes;

    /// <summary>The weights wᵢ, summing to 1.</summary>
    public static ReadOnlySpan<double> Weights => Rule.Value.Weights;

    private static (double[] Nodes, double[] Weights) Compute()
    {
        var nodes = new double[Points];
        var weights = new double[Points];
        double u = 0;
        for (int i = 0; i < Points; i++)
        {
            // First guesses (the zeros interlace; each guess lies close enough for Newton's method to take the next one).
            u = i switch
            {
                0 => 3.0 / (1 + (2.4 * Points)),
                1 => u + (15.0 / (1 + (2.5 * Points))),
                _ => u + ((1 + (2.55 * (i - 1))) / (1.9 * (i - 1)) * (u - nodes[i - 2])),
            };

            for (int iteration = 0; iteration < 100; iteration++)
            {
                var (value, derivative, _) = Laguerre(u);
                double step = value / derivative;
                u -= step;
                if (Math.Abs(step) <= 1e-15 * Math.Max(1, u))
                {
                    break;
                }
            }

            nodes[i] = u;
            var (_, _, next) = Laguerre(u);
            weights[i] = u / ((Points + 1.0) * (Points + 1.0) * next * next);
        }

        return (nodes, weights);
    }

    /// <summary>L_n(u), its derivative, and L_{n+1}(u), for n = <see cref="Points"/>.</summary>
    private static (double Value, double Derivative, double Next) Laguerre(double u)
    {
        double previous = 1, current = 1 - u;
        for (int j = 1; j < Points; j++)
        {
            double next = ((((2 * j) + 1 - u) * current) - (j * previous)) / (j + 1);
            previous = current;
            current = next;
        }

        double derivative = Points * (current - previous) / u; // u L_n'(u) = n (L_n(u) − L_{n−1}(u))
        double following = ((((2 * Points) + 1 - u) * current) - (Points * previous)) / (Points + 1);
        return (current, derivative, following);
    }
}
