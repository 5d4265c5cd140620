using ValueSegmentation.TestUtilities;

namespace ValueSegmentation.DuckDb.Tests;

/// <summary>The library's promises about the public API of ValueSegmentation.DuckDb (see
/// <see cref="PublicApiConventionTests"/>).</summary>
public sealed class ApiConventionTests()
    : PublicApiConventionTests(typeof(DuckDbSummaries).Assembly, allowedPublicSetters: []);
