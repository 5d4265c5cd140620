using Microsoft.Extensions.Options;

namespace ValueSegmentation.Extensions.DependencyInjection;

/// <summary>
/// Checks each setting of <see cref="ValueSegmentationOptions"/> on its own — enums defined, numbers in range — with
/// code generated at compile time (<c>[OptionsValidator]</c>: no reflection, safe for trimming and Native AOT). Each
/// failure names the setting, its value and the allowed range. The settings together (shares that sum to 1, names as
/// many as segments, parameters a model knows) are checked by building the pipeline, which
/// <c>AddValueSegmentation</c> also registers.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
[OptionsValidator]
internal sealed partial class ValueSegmentationOptionsValidator : IValidateOptions<ValueSegmentationOptions>
{
}
