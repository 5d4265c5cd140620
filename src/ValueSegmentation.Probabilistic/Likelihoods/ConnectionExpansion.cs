using ValueSegmentation.Probabilistic.Numerics;

namespace ValueSegmentation.Probabilistic.Likelihoods;

/// <summary>
/// The BG/NBD-family bracket of one repeat frequency x for 1 − z near 0, by the connection formula in y = 1 − z
/// (Abramowitz &amp; Stegun 15.3.6), with d = c − A − (a − 1) = r + x − a + 1:
/// (1 − z)^(a−1) ₂F₁(A, a − 1; c; z) = g₁ y^(a−1) F(A, a − 1; 1 − d; y) + g₂ y^(r+x) F(r + x, b + x; 1 + d; y),
/// g₁ = Γ(c)Γ(d)/(Γ(r + x)Γ(b + x)), g₂ = Γ(c)Γ(−d)/(Γ(A)Γ(a − 1)), and the bracket (c/(a − 1))(1 − that).
/// </summary>
/// <remarks>The gamma functions depend on the parameters and x only, so they are computed once here and a bracket costs
/// two short series in y: what makes long horizons (thousands of periods) cheap. Immutable and thread-safe.</remarks>
internal sealed class ConnectionExpansion
{
    private readonly double _a;
    private readonly double _bx;
    private readonly double _big;
    private readonly double _rx;
    private readonly double _d;
    private readonly double _scale;
    private readonly double _logG1;
    private readonly double _logG2;
    private readonly int _sign1;
    private readonly int _sign2;

    private ConnectionExpansion(double r, double a, double b, int x)
    {
        double c = a + b + x - 1;
        _a = a;
        _bx = b + x;
        _big = a + b - 1 - r;
        _rx = r + x;
        _d = r + x - a + 1;
        _scale = c / (a - 1);
        double logC = Hypergeometric.SignedGammaLn(c, out int sc);
        _logG1 = logC + Hypergeometric.SignedGammaLn(_d, out int sd) - Hypergeometric.SignedGammaLn(_rx, out int sr) - Hypergeometric.SignedGammaLn(_bx, out int sb);
        _logG2 = logC + Hypergeometric.SignedGammaLn(-_d, out int smd) - Hypergeometric.SignedGammaLn(_big, out int sA) - Hypergeometric.SignedGammaLn(a - 1, out int sa);
        _sign1 = sc * sd * sr * sb;
        _sign2 = sc * smd * sA * sa;
    }

    /// <summary>The expansion for frequency x (b already shifted for MBG/NBD), or null where the formula is singular:
    /// a within 0.01 of 1, or d, 1 ± d, A or c at or near an integer pole.</summary>
    public static ConnectionExpansion? Create(double r, double a, double b, int x)
    {
        double c = a + b + x - 1, big = a + b - 1 - r, d = r + x - a + 1;
        bool singular = Math.Abs(a - 1) <= 0.01 || NearInteger(d) || NearNonPositiveInteger(1 - d) || NearNonPositiveInteger(1 + d)
            || NearNonPositiveInteger(big) || NearNonPositiveInteger(c);
        return singular ? null : new ConnectionExpansion(r, a, b, x);
    }

    /// <summary>The bracket at ln y = ln(1 − z), or null when it does not come out finite or accurate: its series are
    /// summed in log space with an estimate of their rounding error, and the bracket is declined when that error, grown
    /// by the cancellation of 1 − q₁ − q₂ (which happens as y grows towards the middle), could exceed 10⁻¹²; then the
    /// series in z should be used.</summary>
    public double? Bracket(double logY)
    {
        double y = Math.Exp(logY);
        double l1 = Hypergeometric.LogSeries(_big, _a - 1, 1 - _d, y, out int s1, out double e1);
        double l2 = Hypergeometric.LogSeries(_rx, _bx, 1 + _d, y, out int s2, out double e2);
        if (double.IsInfinity(e1) || double.IsInfinity(e2))
        {
            return null;
        }

        double log1 = _logG1 + ((_a - 1) * logY) + l1, log2 = _logG2 + (_rx * logY) + l2;
        double q1 = s1 == 0 ? 0 : _sign1 * s1 * Math.Exp(log1);
        double q2 = s2 == 0 ? 0 : _sign2 * s2 * Math.Exp(log2);
        double remainder = 1 - (q1 + q2);
        double value = _scale * remainder;

        // The logarithms carry absolute errors of about 10⁻¹⁶ times their size (gamma functions of large arguments).
        double logError = 4e-16 * (Math.Abs(_logG1) + Math.Abs(_logG2) + Math.Abs((_a - 1) * logY) + Math.Abs(_rx * logY) + 10);
        double error = ((Math.Abs(q1) * (e1 + logError)) + (Math.Abs(q2) * (e2 + logError)) + 2.3e-16) / Math.Abs(remainder);
        return double.IsFinite(value) && error <= 1e-12 ? Math.Max(0, value) : null;
    }

    private static bool NearInteger(double v) => Math.Abs(v - Math.Round(v)) < 1e-6;

    private static bool NearNonPositiveInteger(double v) => v < 0.5 && NearInteger(v);
}
