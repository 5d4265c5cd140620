using System.Reflection;

namespace ValueSegmentation.TestUtilities;

/// <summary>
/// The library's promises about its public API, as tests of one shipped assembly (after NodaTime's reflection tests of
/// its public API). A test project runs them for its assembly with one line:
/// <code>public sealed class ApiConventionTests() : PublicApiConventionTests(typeof(SomeType).Assembly, allowedPublicSetters: []);</code>
/// Each rule is a test of its own whose failure lists every offender and what to change.
/// </summary>
/// <remarks>Immutable and thread-safe; xunit creates an instance per test.</remarks>
public abstract class PublicApiConventionTests
{
    private readonly PublicApiConventions _conventions;
    private readonly IReadOnlyCollection<Type> _allowedPublicSetters;

    /// <summary>Prepares the tests of <paramref name="assembly"/>.</summary>
    /// <param name="assembly">The shipped assembly under test.</param>
    /// <param name="allowedPublicSetters">The allow-list of rule 2: the assembly's options classes that configuration
    /// binds, which may have public setters. Keep it short and explicit.</param>
    protected PublicApiConventionTests(Assembly assembly, IReadOnlyCollection<Type> allowedPublicSetters)
    {
        ArgumentNullException.ThrowIfNull(allowedPublicSetters);
        _conventions = new PublicApiConventions(assembly);
        _allowedPublicSetters = allowedPublicSetters;
    }

    /// <summary>
    /// The source folders compiled into the assembly, relative to the repository's root: by convention
    /// <c>src/&lt;assembly name&gt;</c>, and <c>src/Shared</c>, whose internal sources every package links.
    /// </summary>
    protected virtual IReadOnlyList<string> SourceFolders => [$"src/{_conventions.AssemblyName}", "src/Shared"];

    /// <summary>Rules 3 and 4 read the compiler's XML documentation, which a project reference copies next to the
    /// assembly in the test output.</summary>
    [Fact]
    public void The_xml_documentation_is_next_to_the_assembly()
    {
        var path = XmlDocumentation.PathFor(_conventions.Assembly);
        Assert.True(File.Exists(path),
            $"The XML documentation of {_conventions.AssemblyName} is not in the test output (expected {path}); "
            + "its project must set GenerateDocumentationFile=true and the test project must reference it.");
        Assert.True(XmlDocumentation.Load(_conventions.Assembly).Count > 0, $"{path} documents nothing.");
    }

    /// <summary>Rule 1.</summary>
    [Fact]
    public void Every_public_class_is_sealed_abstract_or_static() =>
        AssertNone("Every public class is sealed, abstract or static", _conventions.OpenClasses());

    /// <summary>Rule 2.</summary>
    [Fact]
    public void No_public_setters_outside_the_options_allow_list() =>
        AssertNone(
            $"No public setters (init is fine) outside the allow-list [{string.Join(", ", _allowedPublicSetters.Select(PublicApiConventions.Describe))}]",
            _conventions.PublicSetters(_allowedPublicSetters));

    /// <summary>Rule 3.</summary>
    [Fact]
    public void Every_public_type_states_its_thread_safety() =>
        AssertNone(
            $"Every public class, struct and interface states its thread safety in its summary or remarks (\"{string.Join("\", \"", PublicApiConventions.ThreadSafetyPhrases)}\")",
            _conventions.TypesSilentOnThreadSafety(XmlDocumentation.Load(_conventions.Assembly)));

    /// <summary>Rule 4 (the compiler's CS1591 enforces it too).</summary>
    [Fact]
    public void Every_public_type_and_member_has_an_xml_doc_comment() =>
        AssertNone("Every public type and member has an XML doc comment",
            _conventions.UndocumentedApi(XmlDocumentation.Load(_conventions.Assembly)));

    /// <summary>Rule 5.</summary>
    [Fact]
    public void Public_exceptions_are_sealed_and_derive_from_ValueSegmentationException() =>
        AssertNone($"Every public exception is sealed and derives from {PublicApiConventions.ExceptionBaseTypeName} (itself abstract, an ArgumentException)",
            _conventions.ExceptionsOutsideTheFamily());

    /// <summary>Rule 6.</summary>
    [Fact]
    public void No_public_type_in_an_internal_machinery_namespace() =>
        AssertNone($"No public type in a namespace ending in {string.Join(", ", PublicApiConventions.MachineryNamespaces)}",
            _conventions.TypesInMachineryNamespaces());

    /// <summary>Rule 7, from the source tree.</summary>
    [Fact]
    public void Each_source_file_declares_at_most_one_public_top_level_type()
    {
        var root = RepositoryLayout.FindRoot();
        var folders = SourceFolders.Select(f => Path.Combine(root, f)).ToList();
        foreach (var folder in folders)
        {
            Assert.True(Directory.Exists(folder), $"The source folder {folder} of {_conventions.AssemblyName} does not exist; override SourceFolders.");
        }

        AssertNone("One public top-level type per source file",
            PublicApiConventions.SourceFilesWithSeveralPublicTypes(root, folders),
            string.Join(", ", SourceFolders));
    }

    private void AssertNone(string rule, IReadOnlyList<string> offenders, string? subject = null)
    {
        if (offenders.Count > 0)
        {
            Assert.Fail(PublicApiConventions.Report(rule, subject ?? _conventions.AssemblyName, offenders));
        }
    }
}
