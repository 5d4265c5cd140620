using MathNet.Numerics;
using ValueSegmentation.Probabilistic.Numerics;

namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>
/// S(a, b, d) = Σₖ₌₁^∞ (1 + d)^(−k) B(a, b + k)/B(a, b) = ₂F₁(1, b; a + b; 1/(1 + d)) − 1, the discounted survival sum
/// of the BG/BB discounted expected residual transactions, against closed forms, direct summation and
/// high-precision values; and what <see cref="Hypergeometric.Gauss2F1"/> gives in the same place.
/// </summary>
public sealed class DiscountedBetaMomentsTests
{
    [Theory]
    [InlineData(0.05, 0.5, 1e-08, 37441168.016988779)]
    [InlineData(0.05, 0.5, 0.001, 665.61521447225688)]
    [InlineData(0.05, 0.5, 0.01, 74.55244069100657)]
    [InlineData(0.05, 0.5, 0.1, 8.2764184979231309)]
    [InlineData(0.05, 0.5, 2.0, 0.44839514319928313)]
    [InlineData(0.05, 8.783, 1e-08, 45649643.917185128)]
    [InlineData(0.05, 8.783, 0.001, 809.65348236924669)]
    [InlineData(0.05, 8.783, 0.01, 89.775932710699338)]
    [InlineData(0.05, 8.783, 0.1, 9.6447242882266116)]
    [InlineData(0.05, 8.783, 2.0, 0.49596217491038543)]
    [InlineData(0.05, 1000.0, 1e-08, 58001032.14488416)]
    [InlineData(0.05, 1000.0, 0.001, 970.80215419235741)]
    [InlineData(0.05, 1000.0, 0.01, 99.539548060464585)]
    [InlineData(0.05, 1000.0, 0.1, 9.9945568158796574)]
    [InlineData(0.05, 1000.0, 2.0, 0.49996252152068702)]
    [InlineData(0.657, 0.5, 1e-08, 755.8599510548493)]
    [InlineData(0.657, 0.5, 0.001, 13.146887444915041)]
    [InlineData(0.657, 0.5, 0.01, 5.2000324156919501)]
    [InlineData(0.657, 0.5, 0.1, 1.6806331777111188)]
    [InlineData(0.657, 0.5, 2.0, 0.18975742570799737)]
    [InlineData(0.657, 8.783, 1e-08, 5909.8345126048832)]
    [InlineData(0.657, 8.783, 0.001, 89.648001333062598)]
    [InlineData(0.657, 8.783, 0.01, 29.409364649429881)]
    [InlineData(0.657, 8.783, 0.1, 6.5238238969660604)]
    [InlineData(0.657, 8.783, 2.0, 0.45152364945877828)]
    [InlineData(0.657, 1000.0, 1e-08, 131971.69610778409)]
    [InlineData(0.657, 1000.0, 0.001, 700.0407768420304)]
    [InlineData(0.657, 1000.0, 0.01, 94.248775514954229)]
    [InlineData(0.657, 1000.0, 0.1, 9.9289416407847185)]
    [InlineData(0.657, 1000.0, 2.0, 0.49950798028594915)]
    [InlineData(1.0, 0.5, 1e-08, 8.9034876045535657)]
    [InlineData(1.0, 0.5, 0.001, 3.1493478455659415)]
    [InlineData(1.0, 0.5, 0.01, 2.0131767734884717)]
    [InlineData(1.0, 0.5, 0.1, 0.95975294906737202)]
    [InlineData(1.0, 0.5, 2.0, 0.14051899445141952)]
    [InlineData(1.0, 8.783, 1e-08, 137.14478169458712)]
    [InlineData(1.0, 8.783, 0.001, 36.430850117178002)]
    [InlineData(1.0, 8.783, 0.01, 18.159462195114973)]
    [InlineData(1.0, 8.783, 0.1, 5.4123563631488095)]
    [InlineData(1.0, 8.783, 2.0, 0.42966119472351414)]
    [InlineData(1.0, 1000.0, 1e-08, 10935.329246122095)]
    [InlineData(1.0, 1000.0, 0.001, 596.04929529032422)]
    [InlineData(1.0, 1000.0, 0.01, 91.485225821518979)]
    [InlineData(1.0, 1000.0, 0.1, 9.8922401908211648)]
    [InlineData(1.0, 1000.0, 2.0, 0.49925149588993212)]
    [InlineData(2.0, 0.5, 1e-08, 0.49999986644768593)]
    [InlineData(2.0, 0.5, 0.001, 0.49527597823165109)]
    [InlineData(2.0, 0.5, 0.01, 0.46980234839767292)]
    [InlineData(2.0, 0.5, 0.1, 0.35603705763989419)]
    [InlineData(2.0, 0.5, 2.0, 0.078443016645741436)]
    [InlineData(2.0, 8.783, 1e-08, 8.7829865831260063)]
    [InlineData(2.0, 8.783, 0.001, 8.4265969933036471)]
    [InlineData(2.0, 8.783, 0.01, 7.0064598134519017)]
    [InlineData(2.0, 8.783, 0.1, 3.4880917699315191)]
    [InlineData(2.0, 8.783, 2.0, 0.37624906403972221)]
    [InlineData(2.0, 1000.0, 1e-08, 999.89053735424632)]
    [InlineData(2.0, 1000.0, 0.001, 403.35465541438545)]
    [InlineData(2.0, 1000.0, 0.01, 84.232889526595002)]
    [InlineData(2.0, 1000.0, 0.1, 9.7867568988013483)]
    [InlineData(2.0, 1000.0, 2.0, 0.49850522835589498)]
    [InlineData(15.0, 0.5, 1e-08, 0.03571428531593407)]
    [InlineData(15.0, 0.5, 0.001, 0.035674495313143848)]
    [InlineData(15.0, 0.5, 0.01, 0.035320365175233623)]
    [InlineData(15.0, 0.5, 0.1, 0.032133234768821495)]
    [InlineData(15.0, 0.5, 2.0, 0.011095104612144941)]
    [InlineData(15.0, 8.783, 1e-08, 0.6273571318624678)]
    [InlineData(15.0, 8.783, 0.001, 0.62625966738022047)]
    [InlineData(15.0, 8.783, 0.01, 0.61655835074626937)]
    [InlineData(15.0, 8.783, 0.1, 0.53421596666476972)]
    [InlineData(15.0, 8.783, 2.0, 0.14194649853165772)]
    [InlineData(15.0, 1000.0, 1e-08, 71.428515714332746)]
    [InlineData(15.0, 1000.0, 0.001, 66.288132600487295)]
    [InlineData(15.0, 1000.0, 0.01, 40.705260848638038)]
    [InlineData(15.0, 1000.0, 0.1, 8.5939792237414944)]
    [InlineData(15.0, 1000.0, 2.0, 0.48900280669526108)]
    public void Matches_high_precision_values(double a, double b, double d, double expected) =>
        // Reference: ₂F₁(1, b; a + b; 1/(1 + d)) − 1 in mpmath 1.3 (hyp2f1) at 110 digits, agreeing with 150 digits.
        // The grid spans both methods (d·max(1, b) above and below ½, with the recurrence in a up to 15) and a = 1, 2
        // exactly.
        IncompleteGammaTests.AssertClose(expected, DiscountedBetaMoments.Sum(a, b, d), 1e-13);

    [Theory]
    [InlineData(1e-12)]
    [InlineData(1e-6)]
    [InlineData(0.01)]
    [InlineData(0.4)]
    [InlineData(0.6)]
    [InlineData(3)]
    [InlineData(1e4)]
    public void Integer_shapes_have_closed_forms(double d)
    {
        // a = b = 1: B(1, 1 + k)/B(1, 1) = 1/(k + 1), so S = Σ vᵏ/(k + 1) = −ln(1 − v)/v − 1 = (1 + d) ln((1 + d)/d) − 1.
        // Both closed forms cancel for large d, where the series (ratio v < ¼) is summed instead.
        double v = 1 / (1 + d), logInverse = Math.Log(1 + (1 / d)); // −ln(1 − v), used for d ≤ 1 only
        double first = d > 1
            ? Enumerable.Range(1, 200).Sum(k => Math.Pow(v, k) / (k + 1.0))
            : ((1 + d) * logInverse) - 1;
        IncompleteGammaTests.AssertClose(first, DiscountedBetaMoments.Sum(1, 1, d), 1e-13);

        // a = 2, b = 1: B(2, 1 + k)/B(2, 1) = 2/((k + 1)(k + 2)), so
        // S = 2[(−ln(1 − v) − v)/v − (−ln(1 − v) − v − v²/2)/v²].
        double second = d > 1
            ? Enumerable.Range(1, 200).Sum(k => 2 * Math.Pow(v, k) / ((k + 1.0) * (k + 2.0)))
            : 2 * (((logInverse - v) / v) - ((logInverse - v - (v * v / 2)) / (v * v)));
        IncompleteGammaTests.AssertClose(second, DiscountedBetaMoments.Sum(2, 1, d), d > 1 ? 1e-14 : 1e-12);
    }

    [Theory]
    [InlineData(0.657, 8.783, 0.05)]
    [InlineData(1.0, 8.783, 0.02)]
    [InlineData(1.3, 0.2, 0.3)]
    [InlineData(3.0, 40.0, 0.01)]
    [InlineData(12.5, 3.0, 0.001)]
    [InlineData(150.0, 3.0, 0.001)]
    [InlineData(150.0, 1000.0, 1e-5)]
    public void Equals_the_sum_of_its_terms(double a, double b, double d)
    {
        // The definition, summed: terms tₖ = vᵏ Rₖ with Rₖ = Rₖ₋₁(b + k − 1)/(a + b + k − 1), until the geometric bound
        // on the rest, tₖ v/(1 − v), is below 10⁻¹⁷ of the sum.
        double v = 1 / (1 + d), survival = 1, discount = 1, sum = 0;
        for (int k = 1; ; k++)
        {
            survival *= (b + k - 1) / (a + b + k - 1);
            discount *= v;
            double term = survival * discount;
            sum += term;
            if (term * v / (1 - v) < 1e-17 * sum)
            {
                break;
            }
        }

        IncompleteGammaTests.AssertClose(sum, DiscountedBetaMoments.Sum(a, b, d), 1e-12);
    }

    [Fact]
    public void Is_continuous_across_integer_shapes_and_the_switch_of_method()
    {
        // a = 1 and a = 2 exactly against a ± 10⁻⁹ (the connection formula's poles), and d·b on both sides of ½.
        foreach (double a in new[] { 1.0, 2.0 })
        {
            double at = DiscountedBetaMoments.Sum(a, 8.783, 0.01);
            Assert.Equal(at, DiscountedBetaMoments.Sum(a - 1e-9, 8.783, 0.01), 1e-6 * at);
            Assert.Equal(at, DiscountedBetaMoments.Sum(a + 1e-9, 8.783, 0.01), 1e-6 * at);
        }

        // d·b = ½ ± 10⁻¹⁵ (the value itself moves by about 10⁻¹⁵ between the two).
        double switchAt = 0.5 / 8.783;
        double below = DiscountedBetaMoments.Sum(0.657, 8.783, switchAt * (1 - 1e-15));
        double above = DiscountedBetaMoments.Sum(0.657, 8.783, switchAt * (1 + 1e-15));
        IncompleteGammaTests.AssertClose(below, above, 1e-13);
        double large = DiscountedBetaMoments.Sum(15, 8.783, switchAt * (1 - 1e-15));
        IncompleteGammaTests.AssertClose(large, DiscountedBetaMoments.Sum(15, 8.783, switchAt * (1 + 1e-15)), 1e-13);
    }

    [Fact]
    public void Stays_finite_in_the_corners()
    {
        // Tiny d with a > 1 tends to Σ Rₖ = b/(a − 1); many opportunities (b = 10⁶) at a modest rate; a tiny rate with
        // a < 1, where S grows like Γ(1 − a)Γ(a + b)/Γ(b) d^(a − 1).
        IncompleteGammaTests.AssertClose(8.783 / 1.5, DiscountedBetaMoments.Sum(2.5, 8.783, 1e-300), 1e-13);
        IncompleteGammaTests.AssertClose(8.783 / 14, DiscountedBetaMoments.Sum(15, 8.783, 1e-300), 1e-13);
        IncompleteGammaTests.AssertClose(8.783 / 149, DiscountedBetaMoments.Sum(150, 8.783, 1e-300), 1e-13);
        Assert.True(double.IsFinite(DiscountedBetaMoments.Sum(0.657, 1e6, 0.1)));
        double tiny = DiscountedBetaMoments.Sum(0.657, 8.783, 1e-200);
        double leading = Math.Exp(SpecialFunctions.GammaLn(1 - 0.657) + SpecialFunctions.GammaLn(0.657 + 8.783) - SpecialFunctions.GammaLn(8.783) + ((0.657 - 1) * Math.Log(1e-200)));
        IncompleteGammaTests.AssertClose(leading, tiny, 1e-10);
    }

    [Fact]
    public void Gauss2F1_in_the_same_place()
    {
        // The library's general ₂F₁ agrees for the donations data (b = δ + 6 ≈ 8.8, d = 0.01). It is not used because
        // the connection formula it applies for v > 0.9 adds two terms of size ~(1 + d)^b, which cancel for many
        // opportunities (large b·d), and its power series for γ within 10⁻⁸ of an integer needs ~37/d terms.
        double donations = Hypergeometric.Gauss2F1(1, 8.783, 0.657 + 8.783, 1 / 1.01) - 1;
        IncompleteGammaTests.AssertClose(DiscountedBetaMoments.Sum(0.657, 8.783, 0.01), donations, 1e-12);
    }
}
