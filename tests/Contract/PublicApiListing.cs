using System.Reflection;

namespace Agora.Signaling.Tests.Contract;

/// <summary>
/// A package's public surface as text, one line per type and member, compared with an approved listing kept in the
/// repository so that any change to it shows in review. The Redis tests compile this file too (redis/tests links it).
/// </summary>
internal static class PublicApiListing
{
    /// <summary>
    /// Fails unless the assembly's public surface is the approved listing; when it is not, the new listing is written
    /// next to the test assembly, to copy over if the change is meant.
    /// </summary>
    /// <param name="assembly">The package's assembly.</param>
    /// <param name="approvedPath">The approved listing's path, from the repository's root.</param>
    public static void ShouldMatchApproved(Assembly assembly, string approvedPath)
    {
        string actual = Listing(assembly);
        string path = RepositoryFiles.Path(approvedPath);
        string approved = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : string.Empty;

        if (actual != approved)
        {
            File.WriteAllText(System.IO.Path.Combine(AppContext.BaseDirectory, assembly.GetName().Name + ".api.txt"), actual);
        }

        var missing = approved.Split('\n').Except(actual.Split('\n')).ToList();
        var added = actual.Split('\n').Except(approved.Split('\n')).ToList();
        (missing.Count + added.Count).Should().Be(0, $"the public API changed; removed: [{string.Join("; ", missing)}] added: [{string.Join("; ", added)}]");

        // A member whose line already appears under another type adds no new line, so the listing is compared whole too.
        int line = actual.Split('\n').Zip(approved.Split('\n')).TakeWhile(pair => pair.First == pair.Second).Count();
        actual.Should().Be(approved, $"the public API changed at line {line + 1} of the listing (written next to the test assembly)");
    }

    public static string Listing(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            lines.Add($"{Kind(type)} {Name(type)}{BaseList(type)}");
            const BindingFlags Flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var member in type.GetMembers(Flags).Where(IsVisible).Select(Describe).Where(d => d.Length > 0).Order(StringComparer.Ordinal))
            {
                lines.Add("    " + member);
            }
        }

        return string.Join("\n", lines) + "\n";
    }

    private static bool IsVisible(MemberInfo member) => member switch
    {
        ConstructorInfo ctor => ctor.IsPublic || ctor.IsFamily || ctor.IsFamilyOrAssembly,
        MethodBase method => (method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly) && !method.IsSpecialName,
        PropertyInfo property => property.GetAccessors(true).Any(a => a.IsPublic || a.IsFamily || a.IsFamilyOrAssembly),
        FieldInfo field => (field.IsPublic || field.IsFamily) && !field.IsSpecialName,
        EventInfo => true,
        _ => false,
    };

    private static string Describe(MemberInfo member) => member switch
    {
        ConstructorInfo ctor => $"{Access(ctor)} .ctor({Parameters(ctor)})",
        MethodInfo method => $"{Access(method)} {(method.IsStatic ? "static " : string.Empty)}{(method.IsVirtual && !method.IsFinal ? "virtual " : string.Empty)}{Name(method.ReturnType)} {method.Name}({Parameters(method)})",
        PropertyInfo property => $"{Name(property.PropertyType)} {property.Name} {{ {string.Join(" ", property.GetAccessors(true).Where(a => a.IsPublic || a.IsFamily).Select(a => a.Name.StartsWith("get_", StringComparison.Ordinal) ? "get;" : IsInit(a) ? "init;" : "set;"))} }}",
        FieldInfo field when field.DeclaringType!.IsEnum => $"{field.Name} = {field.GetRawConstantValue()}",
        FieldInfo field => $"{(field.IsLiteral ? "const " : field.IsStatic ? "static " : string.Empty)}{(field.IsInitOnly ? "readonly " : string.Empty)}{Name(field.FieldType)} {field.Name}",
        _ => string.Empty,
    };

    private static bool IsInit(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");

    private static string Access(MethodBase method) => method.IsPublic ? "public" : "protected";

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p => $"{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : string.Empty)}"));

    private static string Kind(Type type) =>
        type.IsInterface ? "interface" : type.IsEnum ? "enum" : type.IsValueType ? "struct" : type.IsAbstract && type.IsSealed ? "static class" : type.IsAbstract ? "abstract class" : type.IsSealed ? "sealed class" : "class";

    private static string BaseList(Type type)
    {
        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(Enum) && baseType != typeof(ValueType))
        {
            bases.Add(Name(baseType));
        }

        bases.AddRange(type.GetInterfaces().Where(i => i.IsPublic).Select(Name).Order(StringComparer.Ordinal));
        return bases.Count == 0 ? string.Empty : " : " + string.Join(", ", bases);
    }

    private static string Name(Type type)
    {
        if (type.IsGenericType)
        {
            string name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
            return $"{type.Namespace}.{name}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>";
        }

        if (type.IsByRef)
        {
            return Name(type.GetElementType()!) + "&";
        }

        return type.FullName ?? type.Name;
    }
}
