namespace ValueSegmentation.Probabilistic;

/// <summary>Options of a maximum-likelihood fit.</summary>
/// <remarks>Immutable once built and thread-safe; every property is validated when set.</remarks>
public sealed class FitOptions
{
    private readonly int _maxIterations = 500;
    private readonly double _gradientTolerance = 1e-9;
    private readonly double _penalty;
    private readonly IReadOnlyList<double>? _initialParameters;

    /// <summary>The defaults: at most 500 iterations, gradient tolerance 10⁻⁹, no penalty, the model's own starting values.</summary>
    public static FitOptions Default { get; } = new();

    /// <summary>The most quasi-Newton iterations; at least 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxIterations
    {
        get => _maxIterations;
        init => _maxIterations = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxIterations), value, "Must be at least 1.");
    }

    /// <summary>
    /// Convergence: the fit stops when every component of the gradient of the mean log-likelihood per customer,
    /// with respect to the logarithms of the parameters, is below this. Positive.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive and finite.</exception>
    public double GradientTolerance
    {
        get => _gradientTolerance;
        init => _gradientTolerance = double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(GradientTolerance), value, "Must be a positive number.");
    }

    /// <summary>
    /// An optional L2 penalty λ ≥ 0: the fit maximises LL − λ·n·Σ θᵢ², with n the number of customers, which pulls
    /// parameters towards 0 and stabilises fits on small or degenerate data. 0 (none) by default.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or not finite.</exception>
    public double Penalty
    {
        get => _penalty;
        init => _penalty = double.IsFinite(value) && value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Penalty), value, "Must be a finite number that is not negative.");
    }

    /// <summary>Starting values, in the model's parameter order, each in the models' domain [10⁻¹⁰, 10¹⁵];
    /// <see langword="null"/> for the model's own.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside [10⁻¹⁰, 10¹⁵] (or not a number).</exception>
    public IReadOnlyList<double>? InitialParameters
    {
        get => _initialParameters;
        init
        {
            if (value is not null)
            {
                var copy = value.ToArray();
                foreach (double v in copy)
                {
                    if (!ModelParameter.Contains(v))
                    {
                        throw new ArgumentOutOfRangeException(nameof(InitialParameters), v, "Starting values must lie in the models' domain, [1e-10, 1e15].");
                    }
                }

                _initialParameters = copy;
            }
            else
            {
                _initialParameters = null;
            }
        }
    }
}
