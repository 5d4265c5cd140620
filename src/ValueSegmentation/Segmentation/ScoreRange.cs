using System.Globalization;

namespace ValueSegmentation.Segmentation;

/// <summary>An inclusive range of RFM scores, from <see cref="Minimum"/> to <see cref="Maximum"/> within 1–5.</summary>
/// <remarks>An immutable value.</remarks>
public readonly struct ScoreRange : IEquatable<ScoreRange>
{
    /// <summary>Creates a range.</summary>
    /// <param name="minimum">The lowest score in the range, 1–5.</param>
    /// <param name="maximum">The highest score in the range, from <paramref name="minimum"/> to 5.</param>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 1–5, or <paramref name="minimum"/> &gt; <paramref name="maximum"/>.</exception>
    public ScoreRange(int minimum, int maximum)
    {
        if (minimum is < 1 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(minimum), minimum, "An RFM score is from 1 to 5.");
        }

        if (maximum < minimum || maximum > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(maximum), maximum, $"Must be from the minimum ({minimum}) to 5.");
        }

        Minimum = minimum;
        Maximum = maximum;
    }

    /// <summary>Every score, 1–5.</summary>
    public static ScoreRange Any => new(1, 5);

    /// <summary>The lowest score in the range.</summary>
    public int Minimum { get; }

    /// <summary>The highest score in the range.</summary>
    public int Maximum { get; }

    /// <summary>The range holding one score.</summary>
    /// <param name="score">The score, 1–5.</param>
    /// <returns>The range.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is outside 1–5.</exception>
    public static ScoreRange Exactly(int score) => new(score, score);

    /// <summary>Whether <paramref name="score"/> is in the range.</summary>
    /// <param name="score">A score.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public bool Contains(int score) => score >= Minimum && score <= Maximum;

    /// <inheritdoc />
    public bool Equals(ScoreRange other) => Minimum == other.Minimum && Maximum == other.Maximum;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ScoreRange other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Minimum, Maximum);

    /// <summary>The range as "4–5", "3" or "any".</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        Minimum == 1 && Maximum == 5 ? "any"
        : Minimum == Maximum ? Minimum.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Minimum}–{Maximum}");

    /// <summary>Whether two ranges are equal.</summary>
    /// <param name="left">A range.</param>
    /// <param name="right">Another range.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(ScoreRange left, ScoreRange right) => left.Equals(right);

    /// <summary>Whether two ranges differ.</summary>
    /// <param name="left">A range.</param>
    /// <param name="right">Another range.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(ScoreRange left, ScoreRange right) => !left.Equals(right);
}
