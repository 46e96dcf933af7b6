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

    /// <summary>The privileges this tool can name: Signaling login in AccessToken2 (service 2) and in AccessToken (1000).</summary>
    public static string PrivilegeName(int serviceType, int privilege) => (serviceType, privilege) switch
    {
        (2, 1) => "login",
        (0, 1000) => "Signaling login",
        _ => $"privilege {privilege.ToString(CultureInfo.InvariantCulture)}",
    };

    public static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset time) => $"{Utc(time)} (Unix {time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)})";
}
