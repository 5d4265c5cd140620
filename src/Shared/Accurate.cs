namespace ValueSegmentation.Shared;

/// <summary>Elementary functions accurate near 0, where the obvious formulas cancel (.NET has no expm1/log1p).</summary>
internal static class Accurate
{
    /// <summary>eˣ − 1, to full relative precision for small x (via tanh: eˣ − 1 = 2u / (1 − u) with u = tanh(x/2)).</summary>
    public static double ExpM1(double x)
    {
        if (Math.Abs(x) >= 0.5)
        {
            return Math.Exp(x) - 1.0;
        }

        double u = Math.Tanh(x / 2);
        return 2 * u / (1 - u);
    }

    /// <summary>ln(1 + x), to full relative precision for small x (Goldberg 1991, "What every computer scientist should
    /// know about floating-point arithmetic", Theorem 4).</summary>
    public static double Log1P(double x)
    {
        double y = 1.0 + x;
        return y == 1.0 ? x : Math.Log(y) * x / (y - 1.0);
    }
}
