using System.Globalization;

namespace ValueSegmentation.Segmentation;

/// <summary>A customer's RFM scores, each from 1 (worst) to 5 (best): 5 is the most recent, most frequent and
/// highest spending fifth.</summary>
/// <remarks>An immutable value; also a cell of the 5 × 5 × 5 RFM cube.</remarks>
public readonly struct RfmScore : IEquatable<RfmScore>
{
    /// <summary>Creates the scores.</summary>
    /// <param name="recency">Recency score, 1–5.</param>
    /// <param name="frequency">Frequency score, 1–5.</param>
    /// <param name="monetary">Monetary score, 1–5.</param>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 1–5.</exception>
    public RfmScore(int recency, int frequency, int monetary)
    {
        Recency = Check(recency, nameof(recency));
        Frequency = Check(frequency, nameof(frequency));
        Monetary = Check(monetary, nameof(monetary));
    }

    /// <summary>Recency score: 5 for the most recent fifth.</summary>
    public int Recency { get; }

    /// <summary>Frequency score: 5 for the most frequent fifth.</summary>
    public int Frequency { get; }

    /// <summary>Monetary score: 5 for the highest spending fifth.</summary>
    public int Monetary { get; }

    /// <summary>The cell's position in 0–124 (recency major).</summary>
    internal int CellIndex => ((Recency - 1) * 25) + ((Frequency - 1) * 5) + (Monetary - 1);

    /// <inheritdoc />
    public bool Equals(RfmScore other) => Recency == other.Recency && Frequency == other.Frequency && Monetary == other.Monetary;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RfmScore other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Recency, Frequency, Monetary);

    /// <summary>The scores as "R5 F4 M3".</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"R{Recency} F{Frequency} M{Monetary}");

    /// <summary>Whether two scores are equal.</summary>
    /// <param name="left">A score.</param>
    /// <param name="right">Another score.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(RfmScore left, RfmScore right) => left.Equals(right);

    /// <summary>Whether two scores differ.</summary>
    /// <param name="left">A score.</param>
    /// <param name="right">Another score.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(RfmScore left, RfmScore right) => !left.Equals(right);

    internal static RfmScore FromCellIndex(int cell) => new((cell / 25) + 1, (cell / 5 % 5) + 1, (cell % 5) + 1);

    private static int Check(int score, string name) =>
        score is >= 1 and <= 5 ? score : throw new ArgumentOutOfRangeException(name, score, "An RFM score is from 1 to 5.");
}
