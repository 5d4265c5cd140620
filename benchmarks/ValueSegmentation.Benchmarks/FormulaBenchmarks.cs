using BenchmarkDotNet.Attributes;
using ValueSegmentation.Lifetime;

namespace ValueSegmentation.Benchmarks;

/// <summary>
/// The static closed-form formulas, one call each: what a service pays to value one customer from rates it
/// already has. Goal: a few nanoseconds and no allocation.
/// </summary>
[MemoryDiagnoser]
public class FormulaBenchmarks
{
    // Instance fields rather than constants, so the JIT cannot fold the calls away.
    private readonly double _margin = 100;
    private readonly double _retention = 0.9;
    private readonly double _discount = 0.12;
    private readonly int _horizon = 10;

    /// <summary><see cref="RetentionLifetimeValueModel.MarginMultiple"/> over an infinite horizon: r / (1 + d − r).</summary>
    /// <returns>The multiple.</returns>
    [Benchmark]
    public double MarginMultipleInfinite() => RetentionLifetimeValueModel.MarginMultiple(_retention, _discount);

    /// <summary><see cref="RetentionLifetimeValueModel.MarginMultiple"/> over a 10-period horizon (a log and an exp).</summary>
    /// <returns>The multiple.</returns>
    [Benchmark]
    public double MarginMultipleHorizon() => RetentionLifetimeValueModel.MarginMultiple(_retention, _discount, MarginTiming.EndOfPeriod, _horizon);

    /// <summary><see cref="RetentionLifetimeValueModel.Compute"/>: margin × multiple, infinite horizon.</summary>
    /// <returns>The lifetime value.</returns>
    [Benchmark]
    public double RetentionCompute() => RetentionLifetimeValueModel.Compute(_margin, _retention, _discount);

    /// <summary><see cref="SimpleLifetimeValueModel.Compute"/>: AOV × purchases per year × lifespan.</summary>
    /// <returns>The lifetime value.</returns>
    [Benchmark]
    public double SimpleCompute() => SimpleLifetimeValueModel.Compute(_margin, 4, 3);
}
