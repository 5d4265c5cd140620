using ValueSegmentation.TestUtilities;

namespace ValueSegmentation.Extensions.DependencyInjection.Tests;

/// <summary>The library's promises about the public API of ValueSegmentation.Extensions.DependencyInjection (see
/// <see cref="PublicApiConventionTests"/>).</summary>
/// <remarks>The allow-list of public setters: the options class that configuration binds.</remarks>
public sealed class ApiConventionTests()
    : PublicApiConventionTests(typeof(SegmentScorer).Assembly, allowedPublicSetters: [typeof(ValueSegmentationOptions)]);
