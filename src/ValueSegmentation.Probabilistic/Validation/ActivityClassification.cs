using System.Globalization;

namespace ValueSegmentation.Probabilistic.Validation;

/// <summary>How well a rule told active from inactive customers: "active" predicted at the end of calibration against
/// "bought at least once in the holdout period", the measure of Wübben &amp; Wangenheim (2008, <em>Journal of
/// Marketing</em> 72(3)).</summary>
/// <param name="Rule">The rule in words, for example "P(alive) ≥ 0.5" or "bought within the last 26 weeks".</param>
/// <param name="TruePositives">Classified active, and bought in the holdout.</param>
/// <param name="FalsePositives">Classified active, and did not buy.</param>
/// <param name="TrueNegatives">Classified inactive, and did not buy.</param>
/// <param name="FalseNegatives">Classified inactive, and bought.</param>
/// <remarks>An immutable value, safe to share between threads.</remarks>
public readonly record struct ActivityClassification(string Rule, int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives)
{
    /// <summary>The customers classified.</summary>
    public int Customers => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    /// <summary>The share classified correctly, (true positives + true negatives) / customers; 0 without customers.</summary>
    public double CorrectShare => Customers == 0 ? 0 : (TruePositives + TrueNegatives) / (double)Customers;

    /// <summary>Classifies customers by a rule and counts the outcomes.</summary>
    internal static ActivityClassification Of(string rule, int count, Func<int, bool> classifiedActive, Func<int, bool> bought)
    {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < count; i++)
        {
            bool did = bought(i);
            if (classifiedActive(i))
            {
                tp += did ? 1 : 0;
                fp += did ? 0 : 1;
            }
            else
            {
                fn += did ? 1 : 0;
                tn += did ? 0 : 1;
            }
        }

        return new ActivityClassification(rule, tp, fp, tn, fn);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Rule}: {CorrectShare:P1} correct ({TruePositives} TP, {FalsePositives} FP, {TrueNegatives} TN, {FalseNegatives} FN)");
}
