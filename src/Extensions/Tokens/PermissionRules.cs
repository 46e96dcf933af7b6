using System.Globalization;

namespace Agora.Signaling;

/// <summary>
/// What an RTM2 grant may hold. Agora documents no rule for resource names in tokens; these are its documented ID
/// rules (1 to 64 characters of a-z, A-Z, 0-9, space and 27 symbols) plus '*', which its reference builder passes
/// through for patterns such as "channelA*".
/// </summary>
internal static class PermissionRules
{
    public const int MaxNameLength = 64;

    private const string Symbols = "!#$%&()+-:;<=.>?@[]^_{}|~,'*";

    /// <summary>Returns the parameter at fault and the rule it breaks, or a null problem when the grant is valid.</summary>
    public static (string? ParamName, string? Problem) Check(
        SignalingResourceType resourceType, SignalingPermissionType permissionType, IReadOnlyList<string> names, string resourceName, string permissionName, string namesName)
    {
        if (!Enum.IsDefined(resourceType))
        {
            return (resourceName, $"the resource type must be one of {string.Join(", ", Enum.GetNames<SignalingResourceType>())}.");
        }

        if (!Enum.IsDefined(permissionType))
        {
            return (permissionName, $"the permission type must be one of {string.Join(", ", Enum.GetNames<SignalingPermissionType>())}.");
        }

        if (names.Count == 0)
        {
            return (namesName, "give at least one name; a grant without names grants nothing.");
        }

        for (int i = 0; i < names.Count; i++)
        {
            if (NameProblem(names[i]) is string problem)
            {
                return (namesName, $"name {i + 1} {problem}");
            }
        }

        return (null, null);
    }

    public static string Describe(SignalingResourceType resourceType) => resourceType switch
    {
        SignalingResourceType.MessageChannels => "message channels",
        SignalingResourceType.StreamChannels => "stream channels",
        SignalingResourceType.GroupChannels => "group channels",
        SignalingResourceType.ServerGroups => "server groups",
        SignalingResourceType.Users => "users",
        _ => "resource type " + ((int)resourceType).ToString(CultureInfo.InvariantCulture),
    };

    public static string Describe(SignalingPermissionType permissionType) => permissionType switch
    {
        SignalingPermissionType.Read => "read",
        SignalingPermissionType.Write => "write",
        _ => "permission type " + ((int)permissionType).ToString(CultureInfo.InvariantCulture),
    };

    private static string? NameProblem(string? name)
    {
        if (name is null)
        {
            return "is null.";
        }

        if (name.Length is 0 or > MaxNameLength)
        {
            return $"must be 1 to {MaxNameLength} characters (it has {name.Length}).";
        }

        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (!char.IsAsciiLetterOrDigit(c) && c != ' ' && !Symbols.Contains(c))
            {
                // Named by code point only, as it may be a control character; an emoji is one code point in two UTF-16 units.
                int codePoint = char.IsSurrogatePair(name, i) ? char.ConvertToUtf32(c, name[i + 1]) : c;
                return $"may contain only a-z, A-Z, 0-9, space, {Symbols[..^1]} and * for patterns; found U+{codePoint:X4} at index {i}.";
            }
        }

        return null;
    }
}
