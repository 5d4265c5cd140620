using System.Globalization;

namespace ValueSegmentation.Shared;

/// <summary>Culture-independent formatting of numbers in messages and rules, so that text never depends on the
/// machine's culture.</summary>
internal static class Invariant
{
    /// <summary>A number as the shortest text that round-trips ("0.1", "1E-10", "NaN").</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>An amount for a rule: to 2 decimals (4 below 1) with thousands separators, ∞ for infinities, then the unit.</summary>
    public static string Amount(double value, string unit)
    {
        string number = double.IsInfinity(value) ? (value > 0 ? "∞" : "−∞")
            : value.ToString(Math.Abs(value) >= 1 ? "#,0.##" : "0.####", CultureInfo.InvariantCulture);
        return unit.Length == 0 ? number : number + " " + unit;
    }

    /// <summary>A share as a percentage with up to two decimals: 0.2 → "20 %".</summary>
    public static string Percent(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";
}
