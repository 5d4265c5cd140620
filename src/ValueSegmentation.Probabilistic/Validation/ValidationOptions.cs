namespace ValueSegmentation.Probabilistic.Validation;

/// <summary>Options of a holdout comparison (<see cref="HoldoutComparison"/>) and of a model comparison
/// (<see cref="ModelComparison"/>): the holdout length, the cut-offs of the managerial questions, and the hiatus of the
/// heuristic baseline.</summary>
/// <remarks>Immutable once built and thread-safe; every property is validated when set.</remarks>
public sealed class ValidationOptions
{
    private readonly double? _holdoutLength;
    private readonly double _activeThreshold = 0.5;
    private readonly double _topShare = 0.1;
    private readonly double? _hiatus;

    /// <summary>The defaults: the holdout length of the customers' window, P(alive) ≥ 0.5 counts as active, the top 10 % are
    /// the best customers, a hiatus of half a year.</summary>
    public static ValidationOptions Default { get; } = new();

    /// <summary>The length of the holdout period in the model's time unit; <see langword="null"/> (the default) for the
    /// <see cref="Transactions.ObservationWindow.HoldoutLength"/> of the customers' window.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive and finite.</exception>
    public double? HoldoutLength
    {
        get => _holdoutLength;
        init => _holdoutLength = value is null || (double.IsFinite(value.Value) && value > 0) ? value : throw new ArgumentOutOfRangeException(nameof(HoldoutLength), value, "Must be a positive number of time units.");
    }

    /// <summary>A customer whose P(alive) at the end of calibration is at least this is classified active (Wübben &amp;
    /// Wangenheim 2008 classify with 0.5, the default); in (0, 1].</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside (0, 1].</exception>
    public double ActiveThreshold
    {
        get => _activeThreshold;
        init => _activeThreshold = value is > 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(ActiveThreshold), value, "Must be in (0, 1].");
    }

    /// <summary>The share of customers that are the "best customers" (10 % by default, as in Wübben &amp; Wangenheim
    /// 2008); in (0, 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside (0, 1).</exception>
    public double TopShare
    {
        get => _topShare;
        init => _topShare = value is > 0 and < 1 ? value : throw new ArgumentOutOfRangeException(nameof(TopShare), value, "Must be in (0, 1).");
    }

    /// <summary>The hiatus of the heuristic activity rule, in the model's time unit: a customer who has not bought for
    /// longer than this at the end of calibration is classified inactive. <see langword="null"/> (the default) for half a
    /// year (182.625 days), a common managerial choice; set the one your managers use.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive and finite.</exception>
    public double? Hiatus
    {
        get => _hiatus;
        init => _hiatus = value is null || (double.IsFinite(value.Value) && value > 0) ? value : throw new ArgumentOutOfRangeException(nameof(Hiatus), value, "Must be a positive number of time units.");
    }

    /// <summary>The hiatus in <paramref name="unit"/>: <see cref="Hiatus"/>, or half a year.</summary>
    internal double HiatusIn(TimeUnit unit) => Hiatus ?? unit.FromDays(365.25 / 2);
}
