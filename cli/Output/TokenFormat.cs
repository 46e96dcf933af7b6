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

    /// <summary>Shows text read from a token with its control characters escaped, so a crafted token cannot drive the terminal.</summary>
    public static string Printable(string text)
    {
        if (!text.AsSpan().ContainsAny(Unprintable))
        {
            return text;
        }

        var printable = new System.Text.StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            if (Unprintable.Contains(c))
            {
                printable.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                printable.Append(c);
            }
        }

        return printable.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> Unprintable = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c), .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c), '\u2028', '\u2029']);
}
