namespace Agora.Signaling.Tests.Authentication;

/// <summary>App ID and certificate shared by the emulator defaults and these tests.</summary>
internal static class TestKeys
{
    public const string AppId = "876922cbca0098dff4323566daa89675";
    public const string AppCertificate = "5cfd2fd1755d40ecb72977518be15d3b";
    public const string OtherCertificate = "0123456789abcdef0123456789abcdef";

    public static string AccessToken2(string userId, TimeSpan? lifetime = null, DateTimeOffset? issuedAt = null, string certificate = AppCertificate) =>
        SignalingTokenBuilder.BuildAccessToken2(AppId, certificate, userId, lifetime ?? TimeSpan.FromHours(1), issuedAt ?? DateTimeOffset.UtcNow, 42);

    public static string LegacyToken(string userId, TimeSpan? lifetime = null, DateTimeOffset? issuedAt = null, string certificate = AppCertificate) =>
        SignalingTokenBuilder.BuildLegacyAccessToken(AppId, certificate, userId, lifetime ?? TimeSpan.FromHours(1), issuedAt ?? DateTimeOffset.UtcNow, 42);
}
