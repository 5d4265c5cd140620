using System.Globalization;
using System.Text;

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

/// <summary>
/// The result of checking RFM rules: the cells no rule covers (gaps) and the cells several rules cover
/// (overlaps). The rules form a partition of the 125 cells when both are empty.
/// </summary>
/// <remarks>Immutable.</remarks>
public sealed class RfmRuleCheck
{
    internal RfmRuleCheck(IReadOnlyList<RfmScore> gaps, IReadOnlyList<KeyValuePair<RfmScore, IReadOnlyList<string>>> overlaps)
    {
        Gaps = gaps;
        Overlaps = overlaps;
    }

    /// <summary>The cells that no rule covers.</summary>
    public IReadOnlyList<RfmScore> Gaps { get; }

    /// <summary>The cells that two or more rules cover, with the names of those rules.</summary>
    public IReadOnlyList<KeyValuePair<RfmScore, IReadOnlyList<string>>> Overlaps { get; }

    /// <summary>Whether every cell is covered exactly once.</summary>
    public bool IsPartition => Gaps.Count == 0 && Overlaps.Count == 0;

    /// <summary>A description of the gaps and overlaps, listing at most 10 of each.</summary>
    /// <returns>The text; "a partition of the 125 cells" when there are none.</returns>
    public override string ToString()
    {
        if (IsPartition)
        {
            return "a partition of the 125 cells";
        }

        var text = new StringBuilder();
        if (Gaps.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Gaps.Count} cell(s) covered by no rule: ").AppendJoin(", ", Gaps.Take(10));
            text.Append(Gaps.Count > 10 ? ", ...; " : "; ");
        }

        if (Overlaps.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"{Overlaps.Count} cell(s) covered by several rules: ")
                .AppendJoin(", ", Overlaps.Take(10).Select(o => $"{o.Key} ({string.Join(", ", o.Value)})"));
            text.Append(Overlaps.Count > 10 ? ", ...; " : "; ");
        }

        return text.ToString(0, text.Length - 2);
    }
}

/// <summary>
/// Named RFM segments that partition the 125 cells of recency × frequency × monetary scores: every cell is
/// covered by exactly one rule. The set is checked when it is built, and a set with gaps or overlaps is
/// rejected with the offending cells, so a customer can never fall in no segment or in two.
/// </summary>
/// <remarks>The rules' order is their rank: the first is the most valuable. Immutable and thread-safe.</remarks>
public sealed class RfmRuleSet
{
    private readonly RfmRule[] _rules;
    private readonly byte[] _ruleOfCell = new byte[125];

    /// <summary>Creates a rule set.</summary>
    /// <param name="rules">The rules, most valuable first.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is null or holds a null.</exception>
    /// <exception cref="ArgumentException">The rules are not a partition of the 125 cells (the message lists the
    /// gaps and overlaps), two rules share a name, or there are more than 125 rules.</exception>
    public RfmRuleSet(IEnumerable<RfmRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = [.. rules];
        for (int i = 0; i < _rules.Length; i++)
        {
            if (_rules[i] is null)
            {
                throw new ArgumentNullException(nameof(rules), $"Rule #{i} is null.");
            }
        }

        if (_rules.Length > 125)
        {
            throw new ArgumentException($"{_rules.Length} rules cannot each cover one of 125 cells.", nameof(rules));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in _rules)
        {
            if (!names.Add(rule.Name))
            {
                throw new ArgumentException($"Two rules are named '{rule.Name}'; names must differ.", nameof(rules));
            }
        }

        var check = Check(_rules);
        if (!check.IsPartition)
        {
            throw new ArgumentException($"The RFM rules are not a partition: {check}.", nameof(rules));
        }

        for (int cell = 0; cell < 125; cell++)
        {
            var score = RfmScore.FromCellIndex(cell);
            _ruleOfCell[cell] = (byte)Array.FindIndex(_rules, r => r.Matches(score));
        }
    }

    /// <summary>
    /// The default segments, most valuable first, on recency and frequency scores (any monetary score):
    /// Champions (R5, F4–5), Loyal (R3–4, F4–5), Potential loyalist (R4–5, F2–3), New (R5, F1),
    /// Promising (R4, F1), Needs attention (R3, F3), About to sleep (R3, F1–2), At risk (R1–2, F3–4),
    /// Can't lose them (R1–2, F5), Hibernating (R2, F1–2), Lost (R1, F1–2). They cover the 125 cells exactly once.
    /// </summary>
    public static RfmRuleSet Default { get; } = new(
    [
        Rule("Champions", 5, 5, 4, 5, "Reward them: early access, exclusive offers; they promote the brand and buy new products first."),
        Rule("Loyal", 3, 4, 4, 5, "Up-sell higher-value products; ask for reviews and referrals; keep them engaged."),
        Rule("Potential loyalist", 4, 5, 2, 3, "Offer membership or a loyalty programme; recommend related products."),
        Rule("New", 5, 5, 1, 1, "Onboard well: a welcome series, early success, a reason for the second purchase."),
        Rule("Promising", 4, 4, 1, 1, "Build awareness of the range; small incentives to buy again."),
        Rule("Needs attention", 3, 3, 3, 3, "Limited-time offers based on their past purchases; reactivate before they slip."),
        Rule("About to sleep", 3, 3, 1, 2, "Share popular products and discounts; reconnect before they lapse."),
        Rule("At risk", 1, 2, 3, 4, "Personalised win-back: emails, renewals, helpful resources."),
        Rule("Can't lose them", 1, 2, 5, 5, "Win them back personally: talk to them, learn why they stopped, make a strong offer."),
        Rule("Hibernating", 2, 2, 1, 2, "Offer other relevant products and special discounts; recreate value at low cost."),
        Rule("Lost", 1, 1, 1, 2, "Revive with a low-cost campaign at most; otherwise stop spending on them."),
    ]);

    /// <summary>The rules, most valuable first.</summary>
    public IReadOnlyList<RfmRule> Rules => _rules;

    /// <summary>Checks whether rules cover each of the 125 cells exactly once, without building a set.</summary>
    /// <param name="rules">The rules.</param>
    /// <returns>The gaps and overlaps.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is null or holds a null.</exception>
    public static RfmRuleCheck Check(IEnumerable<RfmRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var list = rules.ToList();
        var gaps = new List<RfmScore>();
        var overlaps = new List<KeyValuePair<RfmScore, IReadOnlyList<string>>>();
        for (int cell = 0; cell < 125; cell++)
        {
            var score = RfmScore.FromCellIndex(cell);
            var matching = list.Where(r => (r ?? throw new ArgumentNullException(nameof(rules), "A rule is null.")).Matches(score)).Select(r => r.Name).ToArray();
            if (matching.Length == 0)
            {
                gaps.Add(score);
            }
            else if (matching.Length > 1)
            {
                overlaps.Add(new(score, matching));
            }
        }

        return new RfmRuleCheck(gaps, overlaps);
    }

    /// <summary>The index (rank − 1) of the rule covering a cell.</summary>
    /// <param name="score">The scores.</param>
    /// <returns>The index into <see cref="Rules"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="score"/> is <see langword="default"/> (scores 0).</exception>
    public int IndexOf(RfmScore score) => score.Recency != 0
        ? _ruleOfCell[score.CellIndex]
        : throw new ArgumentException("A default RfmScore has no scores; create it with its constructor.", nameof(score));

    private static RfmRule Rule(string name, int rMin, int rMax, int fMin, int fMax, string treatment) =>
        new(name, new ScoreRange(rMin, rMax), new ScoreRange(fMin, fMax), ScoreRange.Any, treatment);
}
