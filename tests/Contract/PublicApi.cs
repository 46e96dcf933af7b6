using System.Reflection;
using System.Runtime.CompilerServices;

namespace Agora.Signaling.Tests.Contract;

/// <summary>The public surface of the Agora.Signaling assembly as a caller outside it sees it.</summary>
internal static class PublicApi
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static Assembly Assembly => typeof(SignalingClient).Assembly;

    public static IReadOnlyList<Type> Types => Assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal).ToList();

    /// <summary>Public and protected members declared by a type, without accessors, compiler-generated members and enum plumbing.</summary>
    public static IEnumerable<MemberInfo> Members(Type type) =>
        type.GetMembers(Declared)
            .Where(member => member is not Type)
            .Where(IsVisible)
            .Where(member => member.GetCustomAttribute<CompilerGeneratedAttribute>() is null)
            .Where(member => member is not MethodBase { IsSpecialName: true } || member is ConstructorInfo || member.Name.StartsWith("op_", StringComparison.Ordinal))
            .Where(member => member is not FieldInfo { IsSpecialName: true });

    /// <summary>Every public or protected method of every public type, accessors excluded.</summary>
    public static IEnumerable<MethodInfo> Methods() =>
        Types.SelectMany(type => Members(type).OfType<MethodInfo>());

    private static bool IsVisible(MemberInfo member) => member switch
    {
        MethodBase method => IsVisible(method),
        FieldInfo field => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly,
        PropertyInfo property => property.GetAccessors(nonPublic: true).Any(IsVisible),
        EventInfo @event => @event.AddMethod is { } add && IsVisible(add),
        _ => false,
    };

    private static bool IsVisible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;
}
