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

        if (!double.TryParse(text, Style, culture, out value))
        {
            problem = $"Not a number (culture \"{culture.Name}\").";
            return false;
        }

        return CheckFinite(value, out problem);
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
