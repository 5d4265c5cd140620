using FsCheck;
using FsCheck.Fluent;
using ValueSegmentation.Lifetime;

namespace ValueSegmentation.Tests.Properties;

/// <summary>Generators of rates, horizons and margins for the retention and lifetime-value properties.</summary>
internal static class Rates
{
    /// <summary>A retention rate in [0, 1]: special values, or a multiple of 1e-6 (so no power of it underflows soon).</summary>
    public static Gen<double> Retention() => Gen.Frequency(
        (1, Gen.Elements(0.0, 1.0, 0.5, 1e-6, 1 - 1e-6)),
        (6, Gen.Choose(0, 1_000_000).Select(k => k / 1e6)));

    /// <summary>A discount rate in [−0.99, 2]: special values, or a multiple of 1e-6.</summary>
    public static Gen<double> Discount() => Gen.Frequency(
        (1, Gen.Elements(0.0, 0.1, 0.12, -0.1, -0.5, -0.99, 2.0)),
        (6, Gen.Choose(-990_000, 2_000_000).Select(k => k / 1e6)));

    public static Gen<MarginTiming> Timing() => Gen.Elements(MarginTiming.EndOfPeriod, MarginTiming.StartOfPeriod);

    /// <summary>A horizon of 0 to 50 periods, or null (forever) one time in four.</summary>
    public static Gen<int?> Horizon() => Gen.Frequency(
        (1, Gen.Constant<int?>(null)),
        (3, Gen.Choose(0, 50).Select(h => (int?)h)));

    /// <summary>A margin per period, of either sign.</summary>
    public static Gen<double> Margin() => Gen.Choose(-100_000, 100_000).Select(k => k / 100.0);
}
