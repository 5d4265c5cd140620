using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace ValueSegmentation.TestUtilities;

/// <summary>
/// Checks the library's promises about the public API of one shipped assembly by reflection (and, for the layout of
/// the sources, by reading them). Each check returns its offenders as sentences that name the type or member and say
/// what to change; an empty list means the assembly keeps the promise. <see cref="PublicApiConventionTests"/> turns each
/// check into a test.
/// </summary>
/// <remarks>Immutable and thread-safe once created.</remarks>
public sealed partial class PublicApiConventions
{
    /// <summary>Phrases, any of which (case-insensitive) in a type's summary or remarks states its thread safety; an
    /// immutable value is thread-safe, so "immutable" counts.</summary>
    public static readonly IReadOnlyList<string> ThreadSafetyPhrases =
    [
        "thread-safe", "thread safe", "threadsafe", "not thread-safe", "immutable", "safe to call from any thread",
        "safe to share between threads",
    ];

    /// <summary>The last segments of the namespaces that hold a package's internal machinery, where no public type
    /// belongs.</summary>
    public static readonly IReadOnlyList<string> MachineryNamespaces = ["Internal", "Likelihoods", "Numerics"];

    /// <summary>The full name of the library's one exception base type.</summary>
    public const string ExceptionBaseTypeName = "ValueSegmentation.ValueSegmentationException";

    /// <summary>Creates the checks of <paramref name="assembly"/>.</summary>
    /// <param name="assembly">A shipped assembly of the library.</param>
    public PublicApiConventions(Assembly assembly)
        : this(assembly, (assembly ?? throw new ArgumentNullException(nameof(assembly))).GetExportedTypes())
    {
    }

    /// <summary>Creates the checks of some types of <paramref name="assembly"/> only (to test the checks themselves).</summary>
    /// <param name="assembly">The assembly whose XML documentation describes the types.</param>
    /// <param name="types">The public types to check.</param>
    public PublicApiConventions(Assembly assembly, IEnumerable<Type> types)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(types);
        Assembly = assembly;
        PublicTypes = types
            .Where(t => !IsCompilerGenerated(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The assembly under test.</summary>
    public Assembly Assembly { get; }

    /// <summary>The simple name of the assembly under test, for messages.</summary>
    public string AssemblyName => Assembly.GetName().Name!;

    /// <summary>The assembly's public types, nested public types included, in order of full name; types the compiler
    /// generated (such as the grouping types of C# 14 extension blocks) are left out.</summary>
    public IReadOnlyList<Type> PublicTypes { get; }

    /// <summary>Rule: every public class is sealed, abstract or static (an open base class must be abstract).</summary>
    /// <returns>The offenders.</returns>
    public IReadOnlyList<string> OpenClasses() =>
        PublicTypes
            .Where(t => t.IsClass && !IsDelegate(t) && !t.IsSealed && !t.IsAbstract)
            .Select(t => $"{Describe(t)}: a public class that is neither sealed, abstract nor static; seal it (or, if it is a base class, make it abstract)")
            .ToList();

    /// <summary>
    /// Rule: no public setters outside <paramref name="allowed"/>: no public property with a <c>set</c> accessor (an
    /// <c>init</c> accessor is fine) and no public field that is neither <c>readonly</c> nor <c>const</c>. An entry of
    /// the allow-list that is not a public type of the assembly, or that has no public setter left, is an offender too,
    /// so that the list stays short and true.
    /// </summary>
    /// <param name="allowed">The types that may have public setters: options classes bound from configuration.</param>
    /// <returns>The offenders.</returns>
    public IReadOnlyList<string> PublicSetters(IReadOnlyCollection<Type> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        var offenders = new List<string>();
        foreach (var type in PublicTypes)
        {
            var setters = SettersOf(type);
            if (allowed.Contains(type))
            {
                if (setters.Count == 0)
                {
                    offenders.Add($"{Describe(type)}: on the allow-list of types with public setters but has none; remove it from the list");
                }

                continue;
            }

            offenders.AddRange(setters.Select(s => $"{s}: make it get-only or init-only (only options classes on the allow-list may have setters)"));
        }

        offenders.AddRange(allowed
            .Where(t => !PublicTypes.Contains(t))
            .Select(t => $"{Describe(t)}: on the allow-list of types with public setters but not a public type of {AssemblyName}; remove it from this assembly's list"));
        return offenders;
    }

    /// <summary>
    /// Rule: every public class, struct and interface (not enums or delegates) states its thread safety in the summary
    /// or remarks of its doc comment (any of <see cref="ThreadSafetyPhrases"/>).
    /// </summary>
    /// <param name="documentation">The assembly's XML documentation.</param>
    /// <returns>The offenders.</returns>
    public IReadOnlyList<string> TypesSilentOnThreadSafety(XmlDocumentation documentation)
    {
        ArgumentNullException.ThrowIfNull(documentation);
        var offenders = new List<string>();
        foreach (var type in PublicTypes.Where(t => !t.IsEnum && !IsDelegate(t)))
        {
            var text = documentation.Text(DocumentationId.Of(type), "summary", "remarks", "threadsafety");
            if (text is null)
            {
                offenders.Add($"{Describe(type)}: no XML doc comment; document it and state its thread safety");
            }
            else if (!ThreadSafetyPhrases.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase)))
            {
                offenders.Add($"{Describe(type)}: the summary and remarks do not state its thread safety; add a remark such as \"Immutable and thread-safe.\" or \"Not thread-safe.\"");
            }
        }

        return offenders;
    }

    /// <summary>
    /// Rule: every public type and every public or protected member declared by one has an XML doc comment. Members
    /// the compiler generates (a record's equality members, accessors) and parameterless constructors (which may be the
    /// implicit default constructor, which has no doc comment) are not checked; the members of delegates neither.
    /// </summary>
    /// <param name="documentation">The assembly's XML documentation.</param>
    /// <returns>The offenders.</returns>
    public IReadOnlyList<string> UndocumentedApi(XmlDocumentation documentation)
    {
        ArgumentNullException.ThrowIfNull(documentation);
        var offenders = new List<string>();
        foreach (var type in PublicTypes)
        {
            if (!documentation.Documents(DocumentationId.Of(type)))
            {
                offenders.Add($"{Describe(type)}: no XML doc comment (id {DocumentationId.Of(type)})");
            }

            if (IsDelegate(type))
            {
                continue;
            }

            foreach (var member in VisibleMembers(type))
            {
                var id = DocumentationId.Of(member);
                if (!documentation.Documents(id))
                {
                    offenders.Add($"{Describe(type)}.{member.Name}: no XML doc comment (id {id})");
                }
            }
        }

        return offenders;
    }

    /// <summary>
    /// Rule: a public exception type is <see cref="ExceptionBaseTypeName"/> (abstract, and an
    /// <see cref="ArgumentException"/>) or a sealed class derived from it.
    /// </summary>
    /// <returns>The offenders.</returns>
    public IReadOnlyList<string> ExceptionsOutsideTheFamily()
    {
        var offenders = new List<string>();
        foreach (var type in PublicTypes.Where(t => typeof(Exception).IsAssignableFrom(t)))
        {
            if (type.FullName == ExceptionBaseTypeName)
            {
                if (!type.IsAbstract)
                {
                    offenders.Add($"{Describe(type)}: the library's exception base must be abstract");
                }

                if (!typeof(ArgumentException).IsAssignableFrom(type))
                {
                    offenders.Add($"{Describe(type)}: the library's exception base must derive from System.ArgumentException");
                }

                continue;
            }

            if (!DerivesFrom(type, ExceptionBaseTypeName))
            {
                offenders.Add($"{Describe(type)}: derives from {Describe(type.BaseType!)}; derive it from {ExceptionBaseTypeName}");
            }

            if (!type.IsSealed)
            {
                offenders.Add($"{Describe(type)}: an exception type must be sealed (only {ExceptionBaseTypeName} is an open base)");
            }
        }

        return offenders;
    }

    /// <summary>Rule: no public type in a namespace whose last segment is one of <see cref="MachineryNamespaces"/>.</summary>
    /// <returns>The offenders.</returns>
    public IReadOnlyList<string> TypesInMachineryNamespaces() =>
        PublicTypes
            .Where(t => t.Namespace is { } ns && MachineryNamespaces.Contains(ns[(ns.LastIndexOf('.') + 1)..]))
            .Select(t => $"{Describe(t)}: public in the internal machinery namespace {t.Namespace}; make it internal (or move it out of {t.Namespace})")
            .ToList();

    /// <summary>
    /// Rule: one public top-level type per source file. Reads every <c>.cs</c> file under <paramref name="folders"/>
    /// (not under <c>obj</c> or <c>bin</c>) and counts the public types declared at namespace level; nested,
    /// <c>file</c> and <c>internal</c> types do not count.
    /// </summary>
    /// <param name="root">The repository's root (<see cref="RepositoryLayout.FindRoot"/>), for relative paths in messages.</param>
    /// <param name="folders">The folders to read.</param>
    /// <returns>The offenders.</returns>
    public static IReadOnlyList<string> SourceFilesWithSeveralPublicTypes(string root, IEnumerable<string> folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        var offenders = new List<string>();
        foreach (var file in folders.SelectMany(f => Directory.EnumerateFiles(f, "*.cs", SearchOption.AllDirectories)).Order(StringComparer.Ordinal))
        {
            var relative = RepositoryLayout.Relative(root, file);
            if (relative.Split('/').Any(segment => segment is "obj" or "bin"))
            {
                continue;
            }

            var types = TopLevelTypeDeclarations.Public(File.ReadAllText(file));
            if (types.Count > 1)
            {
                offenders.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{relative}: {types.Count} public top-level types ({string.Join(", ", types)}); move each to a file of its own"));
            }
        }

        return offenders;
    }

    /// <summary>A failure message: the rule, the assembly, then one offender a line.</summary>
    /// <param name="rule">The rule, as a sentence.</param>
    /// <param name="subject">What was checked, for example the assembly's name.</param>
    /// <param name="offenders">The offenders.</param>
    /// <returns>The message.</returns>
    public static string Report(string rule, string subject, IReadOnlyCollection<string> offenders)
    {
        ArgumentNullException.ThrowIfNull(offenders);
        var message = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{rule} — {offenders.Count} offender{(offenders.Count == 1 ? "" : "s")} in {subject}:");
        foreach (var offender in offenders)
        {
            message.AppendLine().Append("  - ").Append(offender);
        }

        return message.ToString();
    }

    /// <summary>A type as C# spells it: <c>Namespace.Outer.Inner</c>, <c>Namespace.Table&lt;T&gt;</c>.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The name.</returns>
    public static string Describe(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var name = (type.FullName ?? type.Name).Replace('+', '.');
        if (!type.IsGenericTypeDefinition)
        {
            return name;
        }

        var parameters = type.GetGenericArguments();
        var next = 0;
        return Arity().Replace(name, match =>
        {
            var count = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var list = string.Join(", ", parameters.Skip(next).Take(count).Select(p => p.Name));
            next += count;
            return "<" + list + ">";
        });
    }

    private static bool IsCompilerGenerated(MemberInfo member) =>
        member.Name.Contains('<', StringComparison.Ordinal)
        || member.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false)
        || member is Type { IsSpecialName: true };

    private static bool IsDelegate(Type type) => typeof(Delegate).IsAssignableFrom(type);

    private static bool DerivesFrom(Type type, string baseFullName)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.FullName == baseFullName)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");

    private static List<string> SettersOf(Type type)
    {
        const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var setters = new List<string>();
        foreach (var property in type.GetProperties(Declared))
        {
            if (property.GetSetMethod(nonPublic: false) is { } setter && !IsInitOnly(setter) && !IsCompilerGenerated(property))
            {
                var name = property.GetIndexParameters().Length > 0 ? "this[...]" : property.Name;
                setters.Add($"{Describe(type)}.{name} {{ set; }}");
            }
        }

        if (!type.IsEnum)
        {
            setters.AddRange(type.GetFields(Declared)
                .Where(f => !f.IsInitOnly && !f.IsLiteral && !IsCompilerGenerated(f))
                .Select(f => $"{Describe(type)}.{f.Name} (a writable public field)"));
        }

        return setters;
    }

    /// <summary>Public, or protected in a type that can be derived from (protected members of a sealed type are seen by nobody).</summary>
    private static bool IsVisible(Type type, bool isPublic, bool isProtected) => isPublic || (isProtected && !type.IsSealed);

    private static bool IsVisible(Type type, MethodBase? method) =>
        method is not null && IsVisible(type, method.IsPublic, method.IsFamily || method.IsFamilyOrAssembly);

    private static IEnumerable<MemberInfo> VisibleMembers(Type type)
    {
        const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var members = new List<MemberInfo>();
        members.AddRange(type.GetConstructors(Declared).Where(c => IsVisible(type, c) && c.GetParameters().Length > 0));
        members.AddRange(type.GetMethods(Declared).Where(m => IsVisible(type, m) && (!m.IsSpecialName || m.Name.StartsWith("op_", StringComparison.Ordinal))));
        members.AddRange(type.GetProperties(Declared).Where(p => IsVisible(type, p.GetMethod) || IsVisible(type, p.SetMethod)));
        members.AddRange(type.GetEvents(Declared).Where(e => IsVisible(type, e.AddMethod)));
        members.AddRange(type.GetFields(Declared).Where(f => IsVisible(type, f.IsPublic, f.IsFamily || f.IsFamilyOrAssembly) && !f.IsSpecialName));
        return members.Where(m => !IsCompilerGenerated(m));
    }

    [GeneratedRegex(@"`(\d+)")]
    private static partial Regex Arity();
}
