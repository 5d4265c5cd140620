using ValueSegmentation.Probabilistic.Likelihoods;

namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>
/// The long-horizon bracket of BG/NBD and MBG/NBD (the connection formula in 1 − z, A&amp;S 15.3.6) agrees with the series
/// in z where it is used (1 − z &lt; 0.2) to 10⁻¹¹, so switching between them leaves no visible step in E[Y(t)]; nearer
/// the middle its two terms cancel (at 1 − z = 0.5 it is off by 10⁻⁵ on CDNOW's parameters) and it declines.
/// </summary>
public sealed class ConnectionExpansionTests
{
    public static TheoryData<double, double, double> Parameters() => new()
    {
        { 0.243, 0.793, 2.426 }, // BG/NBD on CDNOW (Fader, Hardie & Lee 2005)
        { 0.525, 0.891, 2.614 }, // MBG/NBD on CDNOW, b shifted by 1 (BTYDplus estimates)
        { 2.5, 3.7, 1.2 },
        { 0.05, 0.3, 9.0 },
    };

    [Theory]
    [MemberData(nameof(Parameters))]
    public void The_connection_formula_equals_the_series_near_z_equal_1(double r, double a, double b)
    {
        double worst = 0;
        foreach (int x in new[] { 0, 1, 2, 5, 13, 40 })
        {
            var expansion = ConnectionExpansion.Create(r, a, b, x);
            Assert.NotNull(expansion);
            foreach (double y in new[] { 0.2, 0.1, 0.05, 0.02, 0.01, 0.003 })
            {
                double series = BetaGeometricNbd.SeriesBracket(r, a, b, x, Math.Log(y), 1 - y);
                double connected = expansion.Bracket(Math.Log(y))!.Value;
                worst = Math.Max(worst, Math.Abs(connected - series) / series);
            }
        }

        Assert.True(worst < 1e-11, $"largest relative difference {worst:G3}");
    }

    [Fact]
    public void The_connection_formula_declines_where_it_is_singular_or_cancels()
    {
        Assert.Null(ConnectionExpansion.Create(0.243, 1.005, 2.426, 3));  // a near 1
        Assert.Null(ConnectionExpansion.Create(1.5, 0.5, 2.0, 2));        // d = r + x − a + 1 = 4, an integer
        Assert.Null(ConnectionExpansion.Create(0.525, 0.891, 2.614, 13)!.Bracket(Math.Log(0.9))); // terms cancel near z = 0
    }
}
