using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ValueSegmentation.TestUtilities;

/// <summary>
/// The XML documentation file the compiler writes next to an assembly (<c>GenerateDocumentationFile</c>), read into
/// a lookup by <see cref="DocumentationId"/>.
/// </summary>
/// <remarks>Immutable once loaded, and thread-safe.</remarks>
public sealed partial class XmlDocumentation
{
    private readonly Dictionary<string, XElement> _members;

    private XmlDocumentation(string path, Dictionary<string, XElement> members)
    {
        Path = path;
        _members = members;
    }

    /// <summary>The file that was read.</summary>
    public string Path { get; }

    /// <summary>How many documented types and members the file holds.</summary>
    public int Count => _members.Count;

    /// <summary>The path where the documentation file of <paramref name="assembly"/> is expected: next to it, with the
    /// extension <c>.xml</c>. A project reference copies it to the test's output folder.</summary>
    /// <param name="assembly">The documented assembly.</param>
    /// <returns>The expected path.</returns>
    public static string PathFor(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return System.IO.Path.ChangeExtension(assembly.Location, ".xml");
    }

    /// <summary>Reads the documentation file of <paramref name="assembly"/>.</summary>
    /// <param name="assembly">The documented assembly.</param>
    /// <returns>The documentation.</returns>
    /// <exception cref="FileNotFoundException">There is no documentation file next to the assembly.</exception>
    public static XmlDocumentation Load(Assembly assembly)
    {
        var path = PathFor(assembly);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The XML documentation of {assembly.GetName().Name} is not next to the assembly (expected {path}). "
                + "The project must set GenerateDocumentationFile=true, and a project reference copies the file to the test output.",
                path);
        }

        var members = new Dictionary<string, XElement>(StringComparer.Ordinal);
        foreach (var member in XDocument.Load(path).Root!.Element("members")?.Elements("member") ?? [])
        {
            if (member.Attribute("name")?.Value is { } name)
            {
                members[name] = member;
            }
        }

        return new XmlDocumentation(path, members);
    }

    /// <summary>Whether the file documents the type or member with the id <paramref name="id"/>.</summary>
    /// <param name="id">The documentation id (<see cref="DocumentationId"/>).</param>
    /// <returns><see langword="true"/> if the file holds a doc comment for it.</returns>
    public bool Documents(string id) => _members.ContainsKey(id);

    /// <summary>
    /// The text of some top-level elements of a doc comment (for example <c>summary</c> and <c>remarks</c>), including the
    /// text inside nested elements such as <c>&lt;para&gt;</c>, with whitespace collapsed (an empty
    /// <c>&lt;see cref&gt;</c> adds nothing); <see langword="null"/> if there is no doc comment for <paramref name="id"/>.
    /// </summary>
    /// <param name="id">The documentation id (<see cref="DocumentationId"/>).</param>
    /// <param name="elements">The names of the top-level elements to read.</param>
    /// <returns>The text, or <see langword="null"/>.</returns>
    public string? Text(string id, params string[] elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        if (!_members.TryGetValue(id, out var member))
        {
            return null;
        }

        var text = string.Join(" ", member.Elements().Where(e => elements.Contains(e.Name.LocalName)).Select(e => e.Value));
        return Whitespace().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
