using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Runtime.Serialization;

namespace Agora.Signaling;

/// <summary>
/// Writes a path or query value as text for the generated clients (their <c>ConvertToString</c> calls this).
/// NSwag's own version looks up an enum's <see cref="EnumMemberAttribute"/> by reflection on every call; this
/// one remembers each enum value's wire name.
/// </summary>
internal static class RestValueFormatter
{
    private static readonly ConcurrentDictionary<Enum, string> EnumNames = new();

    public static string Format(object? value, CultureInfo culture) => value switch
    {
        null => string.Empty,
        string text => text,
        bool flag => flag ? "true" : "false",
        Enum member => EnumNames.GetOrAdd(member, WireName),
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable formattable => formattable.ToString(null, culture),
        Array items => string.Join(",", items.Cast<object?>().Select(item => Format(item, culture))),
        _ => Convert.ToString(value, culture) ?? string.Empty,
    };

    private static string WireName(Enum member)
    {
        string? name = Enum.GetName(member.GetType(), member);
        if (name is null)
        {
            return Convert.ToString(Convert.ChangeType(member, Enum.GetUnderlyingType(member.GetType()), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) ?? string.Empty;
        }

        return member.GetType().GetField(name)?.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? name;
    }
}
