using System.Globalization;

namespace Agora.Signaling.Cli.Output;

/// <summary>The human form of <c>token inspect</c>: one labelled line per field, then the services and permissions.</summary>
internal static class TokenText
{
    public static void Write(TextWriter w, SignalingToken token, string verdict)
    {
        bool legacy = token.Version == SignalingTokenVersion.AccessToken;
        string expiry = token.ExpiresAt is { } expiresAt
            ? TokenFormat.Time(expiresAt) + (expiresAt <= TimeProvider.System.GetUtcNow() ? ", expired" : ", not expired yet")
            : "-";

        w.WriteLine($"Version:     {TokenFormat.VersionName(token.Version)}");
        w.WriteLine($"App ID:      {PrintableText.Escape(token.AppId)}");
        w.WriteLine($"Issued at:   {(token.IssuedAt is { } issued ? TokenFormat.Time(issued) : "not recorded in a 006 token")}");
        w.WriteLine($"Expire:      {Number(token.Expire)}{(legacy ? $", the Unix time the token itself expires ({TokenFormat.Utc(DateTimeOffset.FromUnixTimeSeconds(token.Expire))})" : " seconds after issue")}");
        w.WriteLine($"Expires at:  {expiry}");
        w.WriteLine($"Salt:        {Number(token.Salt)}");
        w.WriteLine($"User ID:     {(token.UserId is null ? null : PrintableText.Escape(token.UserId)) ?? (legacy ? "not stored in a 006 token, only a checksum of it" : "-")}");
        w.WriteLine($"Services:    {(token.Services.Count == 0 ? "none" : string.Empty)}".TrimEnd());
        foreach (var service in token.Services)
        {
            var parts = new List<string> { $"{TokenFormat.ServiceName(service.Type)} (type {service.Type})" };
            if (service.UserId is not null)
            {
                parts.Add($"user {PrintableText.Escape(service.UserId)}");
            }

            if (service.ChannelName is not null)
            {
                parts.Add($"channel {PrintableText.Escape(service.ChannelName)}");
            }

            foreach (var (privilege, until) in service.Privileges.OrderBy(p => p.Key))
            {
                string name = TokenFormat.PrivilegeName(service.Type, privilege);
                parts.Add(legacy
                    ? $"{name} until {TokenFormat.Utc(DateTimeOffset.FromUnixTimeSeconds(until))}"
                    : $"{name} for {Number(until)} s after issue");
            }

            w.WriteLine("  " + string.Join(", ", parts));
        }

        if (token.Permissions is { } permissions)
        {
            w.WriteLine($"Permissions: {(permissions.Count == 0 ? "none" : string.Empty)}".TrimEnd());
            foreach (var grant in permissions)
            {
                string names = string.Join(", ", grant.Names.Select(PrintableText.Escape));
                w.WriteLine($"  {TokenFormat.Resource(grant.ResourceType)} {TokenFormat.Permission(grant.PermissionType)}: {names}");
            }
        }

        w.WriteLine($"Signature:   {verdict}");
    }

    private static string Number(uint value) => value.ToString(CultureInfo.InvariantCulture);
}
