using ValueSegmentation.TestUtilities;

namespace ValueSegmentation.Data.Tests;

/// <summary>The library's promises about the public API of ValueSegmentation.Data (see <see cref="PublicApiConventionTests"/>).</summary>
public sealed class ApiConventionTests()
    : PublicApiConventionTests(typeof(TransactionReader).Assembly, allowedPublicSetters: []);
