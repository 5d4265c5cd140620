using System.Globalization;

namespace ValueSegmentation.Data.Internal;

/// <summary>Numbers of a row, parsed in the options' culture and checked against the library's bounds.</summary>
internal static class Numbers
{
    private const NumberStyles Style = NumberStyles.Float; // no thousands separators: "12,50" would read as 1250

    /// <summary>A finite number, or why not.</summary>
    public static bool TryParseFinite(ReadOnlySpan<char> text, CultureInfo culture, out double value, out string? problem)
    {
        text = text.Trim();
        if (text.IsEmpty)
        {
            value = 0;
            problem = "The field is empty.";
            return false;
        }

        if (!TryParsePlainDecimal(text, culture.NumberFormat, out value) && !double.TryParse(text, Style, culture, out value))
        {
            problem = $"Not a number (culture \"{culture.Name}\").";
            return false;
        }

        return CheckFinite(value, out problem);
    }

    /// <summary>The powers of ten a number of at most 15 digits divides by (all exact doubles; they are up to 10^22).</summary>
    private static ReadOnlySpan<double> ExactPowersOfTen =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];

    /// <summary>The common case fast: an optional sign, digits and at most one decimal separator (the culture's, when
    /// its separator and signs are one character each), with at most 15 digits. Such a number is an integer below 2^53
    /// divided by an exact power of ten, and one IEEE division of two exact doubles is correctly rounded (Clinger 1990,
    /// "How to read floating point numbers accurately"), so the result is the same double as <see cref="double.Parse(string)"/>'s.
    /// Anything else (exponents, more digits, other characters) is left to the full parser.</summary>
    internal static bool TryParsePlainDecimal(ReadOnlySpan<char> text, NumberFormatInfo format, out double value)
    {
        value = 0;
        string separator = format.NumberDecimalSeparator, negative = format.NegativeSign, positive = format.PositiveSign;
        if (separator.Length != 1 || negative.Length != 1 || positive.Length != 1 || text.IsEmpty)
        {
            return false;
        }

        int i = 0;
        bool isNegative = text[0] == negative[0];
        if (isNegative || text[0] == positive[0])
        {
            i = 1;
        }

        ulong mantissa = 0;
        int digits = 0, decimals = -1;
        char point = separator[0];
        for (; i < text.Length; i++)
        {
            uint digit = (uint)(text[i] - '0');
            if (digit <= 9)
            {
                if (++digits > 15)
                {
                    return false;
                }

                mantissa = (mantissa * 10) + digit;
                if (decimals >= 0)
                {
                    decimals++;
                }
            }
            else if (text[i] == point && decimals < 0)
            {
                decimals = 0;
            }
            else
            {
                return false;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        double magnitude = (double)mantissa / ExactPowersOfTen[Math.Max(decimals, 0)];
        value = isNegative ? -magnitude : magnitude;
        return true;
    }

    /// <summary>A typed database number as a finite double, or why not.</summary>
    public static bool TryConvertFinite(object field, CultureInfo culture, out double value, out string? problem)
    {
        switch (field)
        {
            case double d:
                value = d;
                break;
            case float f:
                value = f;
                break;
            case decimal m:
                value = (double)m;
                break;
            case long or int or short or byte or sbyte or ushort or uint or ulong:
                value = Convert.ToDouble(field, CultureInfo.InvariantCulture);
                break;
            case string text:
                return TryParseFinite(text, culture, out value, out problem);
            default:
                value = 0;
                problem = $"A {field.GetType().Name} where a number was expected.";
                return false;
        }

        return CheckFinite(value, out problem);
    }

    private static bool CheckFinite(double value, out string? problem)
    {
        problem = double.IsFinite(value) ? null : "Not a finite number (NaN or infinity).";
        return problem is null;
    }
}
