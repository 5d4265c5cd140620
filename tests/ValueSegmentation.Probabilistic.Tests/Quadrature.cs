namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>
/// A reference integrator for the tests, independent of the library: adaptive 20-point Gauss–Legendre. Each interval's
/// estimate is compared with the sum of the estimates on its two halves; an interval is accepted when they agree to
/// its share of the tolerance (or to 10⁻¹³ of itself: the rounding of the nodes of a very narrow interval of a steep
/// integrand is a floor), otherwise both halves are refined; more than
/// 10⁷ evaluations fail the test rather than hang it. The nodes and weights are computed here, by Newton's method on
/// the Legendre polynomial P₂₀ (three-term recurrence), so no tabulated constants are involved.
/// </summary>
internal static class Quadrature
{
    private const int Order = 20;
    private static readonly (double[] Nodes, double[] Weights) Rule = GaussLegendre(Order);

    /// <summary>∫ₐᵇ f, to an absolute error of about <paramref name="tolerance"/>.</summary>
    public static double Integrate(Func<double, double> f, double a, double b, double tolerance)
    {
        int budget = 10_000_000 / Order;
        return Refine(f, a, b, Apply(f, a, b), tolerance, 0, ref budget);
    }

    /// <summary>∫ₐᵇ f to a relative error of about <paramref name="relative"/>: a first pass at 10⁻⁶ sets the scale.</summary>
    public static double IntegrateRelative(Func<double, double> f, double a, double b, double relative)
    {
        double rough = Integrate(f, a, b, 1e-6 * Math.Abs(Apply(f, a, b)));
        return Integrate(f, a, b, relative * Math.Abs(rough));
    }

    /// <summary>∫₀^∞ f to a relative error of about <paramref name="relative"/>, through t = L·τ/(1 − τ), which maps
    /// τ ∈ [0, 1) onto [0, ∞); L is the scale on which f decays.</summary>
    public static double IntegrateToInfinity(Func<double, double> f, double scale, double relative) =>
        IntegrateRelative(
            tau =>
            {
                double oneMinus = 1 - tau;
                double t = scale * tau / oneMinus;
                return double.IsFinite(t) ? f(t) * scale / (oneMinus * oneMinus) : 0;
            },
            0,
            1,
            relative);

    private static double Refine(Func<double, double> f, double a, double b, double whole, double tolerance, int depth, ref int budget)
    {
        budget -= 2;
        if (budget < 0)
        {
            throw new InvalidOperationException($"The reference quadrature did not converge (at [{a}, {b}]).");
        }

        double middle = 0.5 * (a + b);
        double left = Apply(f, a, middle), right = Apply(f, middle, b);
        double halves = left + right;
        if (Math.Abs(halves - whole) <= Math.Max(tolerance, 1e-13 * Math.Abs(halves)) || depth >= 60)
        {
            return halves;
        }

        return Refine(f, a, middle, left, tolerance / 2, depth + 1, ref budget) + Refine(f, middle, b, right, tolerance / 2, depth + 1, ref budget);
    }

    private static double Apply(Func<double, double> f, double a, double b)
    {
        double half = 0.5 * (b - a), centre = 0.5 * (a + b), sum = 0;
        for (int i = 0; i < Order; i++)
        {
            sum += Rule.Weights[i] * f(centre + (half * Rule.Nodes[i]));
        }

        return sum * half;
    }

    /// <summary>The n-point Gauss–Legendre rule on [−1, 1]: the roots of Pₙ by Newton's method from
    /// cos(π(i − ¼)/(n + ½)), weights 2/((1 − x²)Pₙ′(x)²).</summary>
    private static (double[] Nodes, double[] Weights) GaussLegendre(int n)
    {
        var nodes = new double[n];
        var weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            double x = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++)
            {
                double p0 = 1, p1 = x;
                for (int k = 2; k <= n; k++)
                {
                    double p2 = (((2 * k) - 1) * x * p1 - ((k - 1) * p0)) / k;
                    p0 = p1;
                    p1 = p2;
                }

                derivative = n * ((x * p1) - p0) / ((x * x) - 1);
                double step = p1 / derivative;
                x -= step;
                if (Math.Abs(step) < 1e-17)
                {
                    break;
                }
            }

            nodes[i] = x;
            weights[i] = 2 / ((1 - (x * x)) * derivative * derivative);
        }

        return (nodes, weights);
    }
}
