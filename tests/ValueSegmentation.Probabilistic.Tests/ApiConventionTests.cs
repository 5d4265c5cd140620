using ValueSegmentation.TestUtilities;

namespace ValueSegmentation.Probabilistic.Tests;

/// <summary>The library's promises about the public API of ValueSegmentation.Probabilistic (see
/// <see cref="PublicApiConventionTests"/>).</summary>
/// <remarks>The allow-list of public setters: the options class that configuration and command-line flags bind.</remarks>
public sealed class ApiConventionTests()
    : PublicApiConventionTests(typeof(RepeatPurchaseModel).Assembly, allowedPublicSetters: [typeof(ProbabilisticModelOptions)]);
