namespace ValueSegmentation.Segmentation;

/// <summary>A named RFM segment: the box of recency, frequency and monetary scores it covers, and its treatment.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class RfmRule
{
    /// <summary>Creates a rule.</summary>
    /// <param name="name">The segment's name.</param>
    /// <param name="recency">The recency scores it covers.</param>
    /// <param name="frequency">The frequency scores it covers.</param>
    /// <param name="monetary">The monetary scores it covers.</param>
    /// <param name="treatment">The suggested treatment.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="treatment"/> is null.</exception>
    public RfmRule(string name, ScoreRange recency, ScoreRange frequency, ScoreRange monetary, string treatment)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(treatment);
        Name = name;
        Recency = recency;
        Frequency = frequency;
        Monetary = monetary;
        Treatment = treatment;
    }

    /// <summary>The segment's name.</summary>
    public string Name { get; }

    /// <summary>The recency scores covered.</summary>
    public ScoreRange Recency { get; }

    /// <summary>The frequency scores covered.</summary>
    public ScoreRange Frequency { get; }

    /// <summary>The monetary scores covered.</summary>
    public ScoreRange Monetary { get; }

    /// <summary>The suggested treatment.</summary>
    public string Treatment { get; }

    /// <summary>Whether the rule covers a cell.</summary>
    /// <param name="score">The scores.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool Matches(RfmScore score) =>
        Recency.Contains(score.Recency) && Frequency.Contains(score.Frequency) && Monetary.Contains(score.Monetary);

    /// <summary>The rule as "R 4–5, F 4–5, M any".</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"R {Recency}, F {Frequency}, M {Monetary}";
}
