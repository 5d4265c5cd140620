using System.Globalization;
using System.Text;

namespace ValueSegmentation.Segmentation;

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
