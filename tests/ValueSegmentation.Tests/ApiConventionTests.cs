using ValueSegmentation.TestUtilities;

namespace ValueSegmentation.Tests;

/// <summary>The library's promises about the public API of ValueSegmentation (see <see cref="PublicApiConventionTests"/>).</summary>
/// <remarks>The allow-list of public setters: the options class that configuration and command-line flags bind.</remarks>
public sealed class ApiConventionTests()
    : PublicApiConventionTests(typeof(SegmentationPipeline).Assembly, allowedPublicSetters: [typeof(SegmentationOptions)]);
