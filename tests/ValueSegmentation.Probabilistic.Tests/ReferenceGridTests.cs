using System.Globalization;
using ValueSegmentation.Probabilistic.Numerics;
using Xunit.Abstractions;

namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>
/// The library against high-precision reference values (mpmath at 50 and 80 digits) of ₂F₁ and of the BG/NBD, MBG/NBD
/// and Pareto/NBD predictions over a wide grid: Reference/reference_grid.py writes Reference/reference_grid.csv.
/// Each function and region is held to the bound documented in docs/probabilistic-models.md (Numerics).
/// </summary>
public sealed class ReferenceGridTests(ITestOutputHelper output)
{
    private static readonly Lazy<IReadOnlyList<ReferencePoint>> Points = new(Load);

    [Fact]
    public void Every_grid_value_is_within_its_documented_bound()
    {
        var worst = new SortedDictionary<string, (double Error, ReferencePoint Point, double Actual)>(StringComparer.Ordinal);
        var failures = new List<string>();
        var refused = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var point in Points.Value)
        {
            string key = point.Function + "/" + point.Region;
            double actual;
            try
            {
                actual = Evaluate(point);
            }
            catch (ArgumentOutOfRangeException exception)
            {
                refused[key] = refused.GetValueOrDefault(key) + 1;
                if (!MayRefuse(point))
                {
                    failures.Add($"{point}: refused ({exception.ParamName}: {exception.Message})");
                }

                continue;
            }
            catch (ArithmeticException exception)
            {
                failures.Add($"{point}: threw {exception.GetType().Name}: {exception.Message}");
                continue;
            }

            double error = RelativeError(point.Expected, actual);
            if (!worst.TryGetValue(key, out var current) || !(error <= current.Error))
            {
                worst[key] = (error, point, actual);
            }

            if (!(error <= Bound(point)) && !(Math.Abs(actual - point.Expected) <= AbsoluteBound(point)))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{point}: got {actual:R}, relative error {error:E2} > {Bound(point):E0}"));
            }
        }

        foreach (var (key, value) in worst)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"WORST {key,-28} worst {value.Error:E2} at {value.Point} got {value.Actual:R}"));
        }

        foreach (var (key, count) in refused)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"REFUSED {key,-28} {count}"));
        }

        foreach (string failure in failures)
        {
            output.WriteLine("FAIL " + failure);
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Points.Value.Count} grid values are off:\n" + string.Join('\n', failures.Take(60)));
    }

    /// <summary>The documented relative-error bound of a function in a region (docs/probabilistic-models.md, Numerics).</summary>
    private static double Bound(ReferencePoint point) => point.Function switch
    {
        "bgnbd_ex" or "bgnbd_ey" or "mbgnbd_ex" or "mbgnbd_ey" when point.Region == "wide" => 1e-8,
        _ => 1e-10,
    };

    /// <summary>Where the documented domain ends inside the grid: ₂F₁ at z &lt; 0 with large a and b whose value is tiny
    /// (every representation cancels), and the BG/NBD family's expectations in the wide region where their expressions
    /// cancel; there the functions throw <see cref="ArgumentOutOfRangeException"/> instead of returning a number.</summary>
    private static bool MayRefuse(ReferencePoint point) =>
        (point.Function == "hyp2f1" && point.Region == "neg_large")
        || (point.Region == "wide" && point.Function is "bgnbd_ex" or "bgnbd_ey" or "mbgnbd_ex" or "mbgnbd_ey");

    /// <summary>The documented absolute-error floor: Pareto/NBD's P(X(t) = x) is a difference of ₂F₁ terms of size up
    /// to 1, so a probability below about 10⁻⁶ carries an absolute error up to 10⁻¹⁵.</summary>
    private static double AbsoluteBound(ReferencePoint point) => point.Function == "pnbd_px" ? 1e-15 : 0;

    /// <summary>|actual − expected|/|expected|; for an expected value below the double range (written as 0), the
    /// absolute value of actual, which must be as good as 0.</summary>
    internal static double RelativeError(double expected, double actual) =>
        expected == 0 ? (Math.Abs(actual) < 1e-290 ? 0 : double.PositiveInfinity) : Math.Abs(actual - expected) / Math.Abs(expected);

    internal static double Evaluate(ReferencePoint point)
    {
        var p = point.Arguments;
        string[] parts = point.Function.Split('_');
        if (parts[0] == "hyp2f1")
        {
            return Hypergeometric.Gauss2F1(p[0], p[1], p[2], p[3]);
        }

        RepeatPurchaseModel model = parts[0] switch
        {
            "bgnbd" => new BgNbdModel(new BgNbdParameters(p[0], p[1], p[2], p[3]), TimeUnit.Weeks),
            "mbgnbd" => new MbgNbdModel(new BgNbdParameters(p[0], p[1], p[2], p[3]), TimeUnit.Weeks),
            _ => new ParetoNbdModel(new ParetoNbdParameters(p[0], p[1], p[2], p[3]), TimeUnit.Weeks),
        };
        return parts[1] switch
        {
            "palive" => model.ProbabilityAlive((int)p[4], p[5], p[6]),
            "ex" => model.ExpectedPurchases(p[4]),
            "ey" => model.ConditionalExpectedPurchases(p[4], (int)p[5], p[6], p[7]),
            _ => model.ProbabilityOfPurchases((int)p[4], p[5]),
        };
    }

    private static List<ReferencePoint> Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Reference", "reference_grid.csv");
        var points = new List<ReferencePoint>();
        foreach (string line in File.ReadLines(path).Skip(1))
        {
            string[] cells = line.Split(',');
            var arguments = cells[2..10].Where(c => c.Length > 0).Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray();
            points.Add(new ReferencePoint(cells[0], cells[1], arguments, double.Parse(cells[10], CultureInfo.InvariantCulture)));
        }

        return points;
    }

    internal sealed record ReferencePoint(string Function, string Region, double[] Arguments, double Expected)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Function}[{Region}]({string.Join(", ", Arguments.Select(a => a.ToString("R", CultureInfo.InvariantCulture)))}) = {Expected:R}");
    }
}
