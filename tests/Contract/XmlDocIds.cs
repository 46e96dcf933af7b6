using System.Reflection;

namespace Agora.Signaling.Tests.Contract;

/// <summary>The documentation comment ID the C# compiler writes for a type or member (ECMA-334 annex D).</summary>
internal static class XmlDocIds
{
    public static string For(MemberInfo member) => member switch
    {
        Type type => "T:" + DeclarationName(type),
        ConstructorInfo constructor => $"M:{DeclarationName(constructor.DeclaringType!)}.{(constructor.IsStatic ? "#cctor" : "#ctor")}{Parameters(constructor.GetParameters())}",
        MethodInfo method => $"M:{DeclarationName(method.DeclaringType!)}.{MemberName(method.Name)}{GenericArity(method)}{Parameters(method.GetParameters())}{ConversionReturn(method)}",
        PropertyInfo property => $"P:{DeclarationName(property.DeclaringType!)}.{MemberName(property.Name)}{Parameters(property.GetIndexParameters())}",
        FieldInfo field => $"F:{DeclarationName(field.DeclaringType!)}.{field.Name}",
        EventInfo @event => $"E:{DeclarationName(@event.DeclaringType!)}.{MemberName(@event.Name)}",
        _ => throw new NotSupportedException(member.GetType().Name),
    };

    private static string DeclarationName(Type type) =>
        type.IsNested ? $"{DeclarationName(type.DeclaringType!)}.{type.Name}" : $"{type.Namespace}.{type.Name}";

    private static string MemberName(string name) => name.Replace('.', '#');

    private static string GenericArity(MethodInfo method) =>
        method.IsGenericMethodDefinition ? "``" + method.GetGenericArguments().Length : string.Empty;

    private static string ConversionReturn(MethodInfo method) =>
        method.Name is "op_Implicit" or "op_Explicit" ? "~" + Reference(method.ReturnType) : string.Empty;

    private static string Parameters(ParameterInfo[] parameters) =>
        parameters.Length == 0 ? string.Empty : "(" + string.Join(",", parameters.Select(p => Reference(p.ParameterType))) + ")";

    private static string Reference(Type type)
    {
        if (type.IsGenericParameter)
        {
            return (type.DeclaringMethod is null ? "`" : "``") + type.GenericParameterPosition;
        }

        if (type.IsByRef)
        {
            return Reference(type.GetElementType()!) + "@";
        }

        if (type.IsPointer)
        {
            return Reference(type.GetElementType()!) + "*";
        }

        if (type.IsArray)
        {
            int rank = type.GetArrayRank();
            string dimensions = rank == 1 ? "[]" : "[" + string.Join(",", Enumerable.Repeat("0:", rank)) + "]";
            return Reference(type.GetElementType()!) + dimensions;
        }

        if (type.IsGenericType)
        {
            var arguments = type.GetGenericArguments();
            return GenericReference(type, arguments, arguments.Length);
        }

        return DeclarationName(type);
    }

    /// <summary>A constructed generic type: the arguments of each nesting level go in braces after that level's name.</summary>
    private static string GenericReference(Type type, Type[] arguments, int count)
    {
        var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        string name = definition.Name;
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        int own = tick < 0 ? 0 : int.Parse(name[(tick + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        if (tick >= 0)
        {
            name = name[..tick];
        }

        string prefix = definition.IsNested
            ? GenericReference(definition.DeclaringType!, arguments, count - own) + "."
            : definition.Namespace + ".";
        var mine = arguments.Skip(count - own).Take(own).Select(Reference).ToList();
        return prefix + name + (own > 0 ? "{" + string.Join(",", mine) + "}" : string.Empty);
    }
}
