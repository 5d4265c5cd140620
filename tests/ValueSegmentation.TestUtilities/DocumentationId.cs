using System.Reflection;
using System.Text;

namespace ValueSegmentation.TestUtilities;

/// <summary>
/// The ids the C# compiler gives types and members in the XML documentation file (<c>T:</c>, <c>M:</c>, <c>P:</c>,
/// <c>F:</c>, <c>E:</c>; ECMA-334 annex D), computed from reflection so a member can be looked up in that file.
/// </summary>
/// <remarks>Stateless and thread-safe. Function pointer types and custom modifiers are not encoded (the libraries'
/// public APIs use neither).</remarks>
public static class DocumentationId
{
    /// <summary>The id of a type, for example <c>T:ValueSegmentation.Transactions.CustomerTable`1</c>.</summary>
    /// <param name="type">A type definition (not a constructed generic type).</param>
    /// <returns>The id.</returns>
    public static string Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return "T:" + DeclaringName(type);
    }

    /// <summary>The id of a member: a constructor, method, operator, property, indexer, field or event.</summary>
    /// <param name="member">The member.</param>
    /// <returns>The id, for example <c>M:ValueSegmentation.Transaction.#ctor(System.String,System.DateTimeOffset,System.Double)</c>.</returns>
    /// <exception cref="ArgumentException">The member is a nested type or of a kind that has no id.</exception>
    public static string Of(MemberInfo member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var owner = DeclaringName(member.DeclaringType!);
        switch (member)
        {
            case ConstructorInfo constructor:
                return "M:" + owner + "." + (constructor.IsStatic ? "#cctor" : "#ctor") + Parameters(constructor.GetParameters());
            case MethodInfo method:
                return MethodId(owner, method);
            case PropertyInfo property:
                return "P:" + owner + "." + property.Name.Replace('.', '#') + Parameters(property.GetIndexParameters());
            case FieldInfo field:
                return "F:" + owner + "." + field.Name;
            case EventInfo @event:
                return "E:" + owner + "." + @event.Name.Replace('.', '#');
            default:
                throw new ArgumentException($"{member.MemberType} {member.Name} has no documentation id here.", nameof(member));
        }
    }

    private static string MethodId(string owner, MethodInfo method)
    {
        var id = new StringBuilder("M:").Append(owner).Append('.').Append(method.Name.Replace('.', '#'));
        if (method.IsGenericMethodDefinition)
        {
            id.Append("``").Append(method.GetGenericArguments().Length);
        }

        id.Append(Parameters(method.GetParameters()));
        if (method.Name is "op_Implicit" or "op_Explicit")
        {
            id.Append('~').Append(Encode(method.ReturnType));
        }

        return id.ToString();
    }

    private static string DeclaringName(Type type) => type.FullName!.Replace('+', '.');

    private static string Parameters(ParameterInfo[] parameters) =>
        parameters.Length == 0 ? "" : "(" + string.Join(",", parameters.Select(p => Encode(p.ParameterType))) + ")";

    private static string Encode(Type type)
    {
        if (type.IsByRef)
        {
            return Encode(type.GetElementType()!) + "@";
        }

        if (type.IsPointer)
        {
            return Encode(type.GetElementType()!) + "*";
        }

        if (type.IsArray)
        {
            var rank = type.GetArrayRank();
            var bounds = type.IsSZArray ? "[]" : "[" + string.Join(",", Enumerable.Repeat("0:", rank)) + "]";
            return Encode(type.GetElementType()!) + bounds;
        }

        if (type.IsGenericParameter)
        {
            return (type.DeclaringMethod is null ? "`" : "``") + type.GenericParameterPosition;
        }

        if (!type.IsGenericType)
        {
            return DeclaringName(type);
        }

        // Constructed (or open) generic: Outer`1+Inner`2 with arguments [A, B, C] is Outer{A}.Inner{B,C}; the arguments
        // of every enclosing type come first.
        var arguments = type.GetGenericArguments();
        var segments = type.GetGenericTypeDefinition().FullName!.Split('+');
        var name = new StringBuilder();
        var next = 0;
        foreach (var segment in segments)
        {
            if (name.Length > 0)
            {
                name.Append('.');
            }

            var tick = segment.IndexOf('`', StringComparison.Ordinal);
            if (tick < 0)
            {
                name.Append(segment);
                continue;
            }

            var count = int.Parse(segment.AsSpan(tick + 1), System.Globalization.CultureInfo.InvariantCulture);
            name.Append(segment, 0, tick).Append('{')
                .AppendJoin(",", arguments.Skip(next).Take(count).Select(Encode))
                .Append('}');
            next += count;
        }

        return name.ToString();
    }
}
