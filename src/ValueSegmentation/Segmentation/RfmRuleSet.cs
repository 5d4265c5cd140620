namespace ValueSegmentation.Segmentation;

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
