using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace ValueSegmentation.Extensions.DependencyInjection;

#pragma warning disable SA1402, SA1649 // the validation attributes of the options, together

/// <summary>A number setting's allowed range; the message names the setting, its value and the range. Used by the
/// source-generated <see cref="ValueSegmentationOptionsValidator"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class SettingRangeAttribute(double minimum, double maximum) : ValidationAttribute
{
    public bool MinimumIsExclusive { get; set; }

    public bool MaximumIsExclusive { get; set; }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is null)
        {
            return ValidationResult.Success;
        }

        double number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        bool above = MinimumIsExclusive ? number > minimum : number >= minimum;
        bool below = MaximumIsExclusive ? number < maximum : number <= maximum;
        if (above && below)
        {
            return ValidationResult.Success;
        }

        string range = string.Create(
            CultureInfo.InvariantCulture,
            $"{(MinimumIsExclusive ? "(" : "[")}{Bound(minimum)}, {Bound(maximum)}{(MaximumIsExclusive ? ")" : "]")}");
        return new ValidationResult(
            string.Create(CultureInfo.InvariantCulture, $"{validationContext.MemberName} = {number:R} is out of range: it must be in {range}."),
            [validationContext.MemberName!]);
    }

    private static string Bound(double value) => double.IsInfinity(value) || Math.Abs(value) == double.MaxValue
        ? (value > 0 ? "∞" : "−∞")
        : value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>An enum setting must hold one of the enum's named values.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class DefinedValueAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is null || Enum.IsDefined(value.GetType(), value)
            ? ValidationResult.Success
            : new ValidationResult(
                $"{validationContext.MemberName} = {value} is not one of {string.Join(", ", Enum.GetNames(value.GetType()))}.",
                [validationContext.MemberName!]);
}
