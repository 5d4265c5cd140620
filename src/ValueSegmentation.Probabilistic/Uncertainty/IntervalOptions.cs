namespace ValueSegmentation.Probabilistic.Uncertainty;

/// <summary>Options of <see cref="PredictionIntervals"/>: the method, the level, and the draws and seed of a bootstrap.</summary>
/// <remarks>Immutable once built and thread-safe; every property is validated when set.</remarks>
public sealed class IntervalOptions
{
    private readonly IntervalMethod _method;
    private readonly double _level = 0.9;
    private readonly int _draws = 200;

    /// <summary>The defaults: the delta method at the 90 % level (200 draws, seed 0 for a bootstrap).</summary>
    public static IntervalOptions Default { get; } = new();

    /// <summary>The method (the delta method by default).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public IntervalMethod Method
    {
        get => _method;
        init => _method = Guard.Defined(value);
    }

    /// <summary>The level of the intervals, in (0, 1): 0.9 (the default) for 90 % intervals.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside (0, 1).</exception>
    public double Level
    {
        get => _level;
        init => _level = value is > 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(Level), value, "Must be in (0, 1), for example 0.9.");
    }

    /// <summary>The draws of a bootstrap, from 20 to 100,000 (200 by default); ignored by the delta method. A bootstrap
    /// keeps every draw of every customer's predictions: draws × customers × 8 bytes per quantity.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [20, 100,000].</exception>
    public int Draws
    {
        get => _draws;
        init => _draws = value is >= 20 and <= 100_000 ? value : throw new ArgumentOutOfRangeException(nameof(Draws), value, "Must be from 20 to 100,000.");
    }

    /// <summary>The seed of a bootstrap (0 by default): the same seed gives the same intervals, whatever the number of
    /// cores, because draw d uses its own generator seeded from (seed, d).</summary>
    public int Seed { get; init; }
}
