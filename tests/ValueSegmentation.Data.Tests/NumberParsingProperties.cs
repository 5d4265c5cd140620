using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using ValueSegmentation.Data.Internal;

namespace ValueSegmentation.Data.Tests;

/// <summary>Issue 11: the reader's fast path for plain decimals gives the very double the full parser gives.</summary>
public class NumberParsingProperties
{
    [Property(MaxTest = 2_000)]
    public Property Plain_decimals_parse_to_the_same_double_as_double_Parse() => Prop.ForAll(
        Gen.Choose(0, int.MaxValue - 1).ToArbitrary(),
        seed =>
        {
            // Up to 17 digits (the fast path takes 15 and leaves the rest to the full parser), the culture's separator
            // anywhere or nowhere, its sign or none; in the invariant culture, German and Swedish.
            var random = new Random(seed);
            int digits = random.Next(1, 18);
            var text = string.Concat(Enumerable.Range(0, digits).Select(_ => (char)('0' + random.Next(10))));
            int point = random.Next(-1, digits + 1);
            foreach (var culture in new[] { CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("de-DE"), CultureInfo.GetCultureInfo("sv-SE") })
            {
                var format = culture.NumberFormat; // sv-SE: the minus sign is U+2212 and the separator a comma
                string number = (random.Next(3) switch { 0 => format.NegativeSign, 1 => format.PositiveSign, _ => string.Empty })
                    + (point < 0 ? text : text.Insert(point, format.NumberDecimalSeparator));
                bool fast = Numbers.TryParsePlainDecimal(number, format, out double value);
                bool full = double.TryParse(number, NumberStyles.Float, culture, out double expected);
                Assert.True(!fast || full, number);
                if (fast)
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value)); // -0 included
                }
                else
                {
                    Assert.True(digits > 15, $"{number}: plain and short, yet left to the full parser");
                }
            }
        });

    [Theory]
    [InlineData("1e5")]
    [InlineData("1.2.3")]
    [InlineData("12,50")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("١٢")] // Arabic-Indic digits: the full parser's business
    [InlineData("\u22125")] // U+2212, the minus sign of some cultures, is not the invariant culture's
    public void Anything_but_a_plain_decimal_is_left_to_the_full_parser(string text) =>
        Assert.False(Numbers.TryParsePlainDecimal(text, NumberFormatInfo.InvariantInfo, out _));
}
