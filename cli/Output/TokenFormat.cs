using System.Globalization;

namespace Agora.Signaling.Cli.Output;

/// <summary>How tokens and their parts are named in the output.</summary>
internal static class TokenFormat
{
    public static string Version(SignalingTokenVersion version) => version == SignalingTokenVersion.AccessToken2 ? "007" : "006";

    public static string VersionName(SignalingTokenVersion version) =>
        version == SignalingTokenVersion.AccessToken2 ? "AccessToken2 (007)" : "AccessToken (006, legacy)";

    public static string ServiceName(int type) => type switch
    {
        0 => "AccessToken privileges",
        1 => "RTC",
        2 => "RTM/Signaling",
        3 => "streaming",
        4 => "FPA",
        5 => "chat",
        6 => "FCDN",
        7 => "APaaS",
        8 => "RTM2",
        _ => "unknown",
    };

    /// <summary>The words for resource types in <c>--permission</c> and in the output, in the order of their values.</summary>
    public static IReadOnlyList<string> ResourceWords { get; } = ["message-channels", "stream-channels", "group-channels", "server-groups", "users"];

    /// <summary>The words for permission types, in the order of their values.</summary>
    public static IReadOnlyList<string> PermissionWords { get; } = ["read", "write"];

    /// <summary>The word for a resource type; a type this tool does not know (from a token made elsewhere) is shown by its number.</summary>
    public static string Resource(SignalingResourceType type) => Word(ResourceWords, (int)type, "resource-");

    /// <summary>The word for a permission type, or its number for one this tool does not know.</summary>
    public static string Permission(SignalingPermissionType type) => Word(PermissionWords, (int)type, "permission-");

    public static bool TryParseResource(string word, out SignalingResourceType type)
    {
        int index = IndexOf(ResourceWords, word);
        type = (SignalingResourceType)index;
        return index >= 0;
    }

    public static bool TryParsePermission(string word, out SignalingPermissionType type)
    {
        int index = IndexOf(PermissionWords, word);
        type = (SignalingPermissionType)index;
        return index >= 0;
    }

    /// <summary>The privileges this tool can name: Signaling login in AccessToken2 (services 2 and 8) and in AccessToken (1000).</summary>
    public static string PrivilegeName(int serviceType, int privilege) => (serviceType, privilege) switch
    {
        (2, 1) or (8, 1) => "login",
        (0, 1000) => "Signaling login",
        _ => $"privilege {privilege.ToString(CultureInfo.InvariantCulture)}",
    };

    public static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset time) => $"{Utc(time)} (Unix {time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)})";

    private static string Word(IReadOnlyList<string> words, int value, string prefix) =>
        value >= 0 && value < words.Count ? words[value] : prefix + value.ToString(CultureInfo.InvariantCulture);

    // The words are matched without regard to case: "Message-Channels:READ:a" means what it says.
    private static int IndexOf(IReadOnlyList<string> words, string word)
    {
        for (int i = 0; i < words.Count; i++)
        {
            if (string.Equals(words[i], word, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
