using ValueSegmentation.TestUtilities;

namespace ValueSegmentation.Sql.Tests;

/// <summary>The library's promises about the public API of ValueSegmentation.Sql (see
/// <see cref="PublicApiConventionTests"/>).</summary>
public sealed class ApiConventionTests()
    : PublicApiConventionTests(typeof(SummarySql).Assembly, allowedPublicSetters: []);
