namespace ValueSegmentation.Segmentation;

/// <summary>
/// The range of one axis (a measure or a score) that a segment's customers lie in: from
/// <see cref="Minimum"/> to <see cref="Maximum"/>, each end included or not. Unbounded ends are infinities.
/// </summary>
/// <remarks>An immutable value.</remarks>
public readonly struct AxisRange : IEquatable<AxisRange>
{
    /// <summary>Creates a range.</summary>
    /// <param name="axis">The axis' name, for example "revenue" or "recency score".</param>
    /// <param name="minimum">The lower end, or <see cref="double.NegativeInfinity"/>.</param>
    /// <param name="maximum">The upper end, or <see cref="double.PositiveInfinity"/>.</param>
    /// <param name="includesMinimum">Whether a value equal to <paramref name="minimum"/> is in the range.</param>
    /// <param name="includesMaximum">Whether a value equal to <paramref name="maximum"/> is in the range.</param>
    /// <exception cref="ArgumentException"><paramref name="axis"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An end is NaN, or <paramref name="minimum"/> exceeds <paramref name="maximum"/>.</exception>
    public AxisRange(string axis, double minimum, double maximum, bool includesMinimum, bool includesMaximum)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(axis);
        if (double.IsNaN(minimum) || double.IsNaN(maximum) || minimum > maximum)
        {
            throw new ArgumentOutOfRangeException(nameof(minimum), minimum, $"A range needs minimum ≤ maximum (maximum {maximum}), neither NaN.");
        }

        Axis = axis;
        Minimum = minimum;
        Maximum = maximum;
        IncludesMinimum = includesMinimum && !double.IsInfinity(minimum);
        IncludesMaximum = includesMaximum && !double.IsInfinity(maximum);
    }

    /// <summary>The axis' name.</summary>
    public string Axis { get; }

    /// <summary>The lower end (<see cref="double.NegativeInfinity"/> when unbounded).</summary>
    public double Minimum { get; }

    /// <summary>The upper end (<see cref="double.PositiveInfinity"/> when unbounded).</summary>
    public double Maximum { get; }

    /// <summary>Whether <see cref="Minimum"/> itself is in the range.</summary>
    public bool IncludesMinimum { get; }

    /// <summary>Whether <see cref="Maximum"/> itself is in the range.</summary>
    public bool IncludesMaximum { get; }

    /// <summary>Whether <paramref name="value"/> lies in the range.</summary>
    /// <param name="value">A value of the axis.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool Contains(double value) =>
        (IncludesMinimum ? value >= Minimum : value > Minimum) && (IncludesMaximum ? value <= Maximum : value < Maximum);

    /// <inheritdoc />
    public bool Equals(AxisRange other) =>
        string.Equals(Axis, other.Axis, StringComparison.Ordinal) && Minimum.Equals(other.Minimum) && Maximum.Equals(other.Maximum)
        && IncludesMinimum == other.IncludesMinimum && IncludesMaximum == other.IncludesMaximum;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is AxisRange other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Axis, Minimum, Maximum, IncludesMinimum, IncludesMaximum);

    /// <summary>The range as a rule, for example "100 ≤ revenue &lt; 500" or "revenue ≥ 500".</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Describe(string.Empty);

    /// <summary>Whether two ranges are equal.</summary>
    /// <param name="left">A range.</param>
    /// <param name="right">Another range.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public static bool operator ==(AxisRange left, AxisRange right) => left.Equals(right);

    /// <summary>Whether two ranges differ.</summary>
    /// <param name="left">A range.</param>
    /// <param name="right">Another range.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(AxisRange left, AxisRange right) => !left.Equals(right);

    internal string Describe(string unit)
    {
        bool low = !double.IsNegativeInfinity(Minimum), high = !double.IsPositiveInfinity(Maximum);
        string min = Invariant.Amount(Minimum, unit), max = Invariant.Amount(Maximum, unit);
        if (low && high && Minimum == Maximum)
        {
            return IncludesMinimum && IncludesMaximum ? $"{Axis} = {min}" : $"no {Axis} (an empty range at {min})";
        }

        return (low, high) switch
        {
            (true, true) => $"{Invariant.Amount(Minimum, string.Empty)} {(IncludesMinimum ? "≤" : "<")} {Axis} {(IncludesMaximum ? "≤" : "<")} {max}",
            (true, false) => $"{Axis} {(IncludesMinimum ? "≥" : ">")} {min}",
            (false, true) => $"{Axis} {(IncludesMaximum ? "≤" : "<")} {max}",
            _ => $"any {Axis}",
        };
    }
}
