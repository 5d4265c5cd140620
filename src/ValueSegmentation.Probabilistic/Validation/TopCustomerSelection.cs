using System.Globalization;

namespace ValueSegmentation.Probabilistic.Validation;

/// <summary>How well a ranking picked the future best customers: the top share of customers by a score (a model's
/// expected holdout purchases, or past frequency) against what they bought in the holdout period — the "future best
/// customers" question of Wübben &amp; Wangenheim (2008, <em>Journal of Marketing</em> 72(3)).</summary>
/// <param name="Rule">The ranking in words.</param>
/// <param name="Share">The share of customers selected.</param>
/// <param name="Selected">k = ⌈share × customers⌉, the number selected.</param>
/// <param name="HitRate">The share of the selected customers who are among the actual best: who made at least one holdout
/// purchase and at least as many as the k-th most active customer (a customer tied with the k-th counts as a hit, so
/// when many are tied at the cut the rate is generous to every ranking alike).</param>
/// <param name="PurchaseShare">The share of all holdout purchases that the selected customers made.</param>
/// <remarks>
/// <para>Customers tied on the score at the cut are selected in part, each with the weight that the places left give
/// (places left ÷ customers tied): the figures are the expectations over every order of the ties, so they do not
/// depend on the order of the customers.</para>
/// <para>An immutable value, safe to share between threads.</para>
/// </remarks>
public readonly record struct TopCustomerSelection(string Rule, double Share, int Selected, double HitRate, double PurchaseShare)
{
    /// <summary>Selects the top share by <paramref name="score"/> and scores the selection against <paramref name="actual"/>.</summary>
    internal static TopCustomerSelection Of(string rule, double share, ReadOnlySpan<double> score, ReadOnlySpan<int> actual)
    {
        int n = score.Length;
        int k = (int)Math.Ceiling((share * n) - 1e-9); // 0.07 × 100 is 7.000000000000001 in doubles
        if (n == 0 || k == 0)
        {
            return new TopCustomerSelection(rule, share, 0, 0, 0);
        }

        var ranked = score.ToArray();
        Array.Sort(ranked);
        double cut = ranked[n - k]; // the k-th largest score
        int above = 0, tied = 0;
        foreach (double s in score)
        {
            above += s > cut ? 1 : 0;
            tied += s == cut ? 1 : 0;
        }

        double tieWeight = (k - above) / (double)tied;
        var actualRanked = actual.ToArray();
        Array.Sort(actualRanked);
        int best = actualRanked[n - k];
        double hits = 0, purchases = 0, total = 0;
        for (int i = 0; i < n; i++)
        {
            total += actual[i];
            double weight = score[i] > cut ? 1 : score[i] == cut ? tieWeight : 0;
            hits += actual[i] >= best && actual[i] > 0 ? weight : 0;
            purchases += weight * actual[i];
        }

        return new TopCustomerSelection(rule, share, k, hits / k, total == 0 ? 0 : purchases / total);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Rule}, top {Share:P0} ({Selected}): {HitRate:P1} hits, {PurchaseShare:P1} of holdout purchases");
}
