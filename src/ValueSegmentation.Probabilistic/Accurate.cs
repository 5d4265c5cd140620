namespace ValueSegmentation.Probabilistic;

/// <summary>Elementary functions accurate near 0, where the obvious formulas cancel (.NET has no expm1/log1p).</summary>
internal static class Accurate
{
    /// <summary>eˣ − 1, to full relative precision for small x (via tanh(x/2)).</summary>
    public static double ExpM1(double x)
    {
        if (Math.Abs(x) >= 0.5)
        {
            return Math.Exp(x) - 1.0;
        }

        double u = Math.Tanh(x / 2);
        return 2 * u / (1 - u);
    }

    /// <summary>ln(1 + x), to full relative precision for small x (Goldberg's correction).</summary>
    public static double Log1P(double x)
    {
        double y = 1.0 + x;
        return y == 1.0 ? x : Math.Log(y) * x / (y - 1.0);
    }
}
