using System.Globalization;
using System.Reflection;
using System.Runtime.Serialization;

namespace Agora.Signaling;

/// <summary>
/// Writes a path or query value as text for the generated clients. The generated code calls the overload of the
/// value's own type, so nothing is boxed; an enum is written as its <see cref="EnumMemberAttribute"/> wire name,
/// looked up once per type instead of by reflection on every call.
/// </summary>
internal static class RestValueFormatter
{
    public static string Format(string? value) => value ?? string.Empty;

    public static string Format(bool? value) => value switch
    {
        null => string.Empty,
        true => "true",
        false => "false",
    };

    public static string Format(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    public static string Format(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    public static string Format<TEnum>(TEnum value)
        where TEnum : struct, Enum => WireNames<TEnum>.Of(value);

    public static string Format<TEnum>(TEnum? value)
        where TEnum : struct, Enum => value is { } member ? WireNames<TEnum>.Of(member) : string.Empty;

    /// <summary>
    /// Writes a value of any other type: bytes as Base64, formattable values in the invariant culture. Arrays never
    /// reach here: the client template refuses array parameters.
    /// </summary>
    public static string Format(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        bool flag => flag ? "true" : "false",
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    // The wire names of one enum type, read once from its EnumMember attributes.
    private static class WireNames<TEnum>
        where TEnum : struct, Enum
    {
        private static readonly Dictionary<TEnum, string> Names = Enum.GetValues<TEnum>().Distinct().ToDictionary(member => member, WireName);

        public static string Of(TEnum member) =>
            Names.TryGetValue(member, out string? name) ? name : Convert.ToString(Convert.ChangeType(member, Enum.GetUnderlyingType(typeof(TEnum)), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) ?? string.Empty;

        private static string WireName(TEnum member)
        {
            string name = Enum.GetName(member)!;
            return typeof(TEnum).GetField(name)?.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? name;
        }
    }
}
