namespace Agora.Signaling;

/// <summary>
/// Builds Signaling (RTM) tokens from an app ID and app certificate: AccessToken2 ("007") and the legacy
/// AccessToken ("006"). Cheap enough to mint one per request: no regex, no compressor state, one string allocated.
/// </summary>
public static class SignalingTokenBuilder
{
    /// <summary>How long the legacy builders let the token itself live; its login privilege ends when asked.</summary>
    public static readonly TimeSpan LegacyTokenLifetime = TimeSpan.FromHours(24);

    /// <summary>Builds an AccessToken2 that lets <paramref name="userId"/> log in to Signaling, issued now with a random salt.</summary>
    /// <param name="appId">The app ID: 32 hexadecimal characters.</param>
    /// <param name="appCertificate">The app certificate: 32 hexadecimal characters.</param>
    /// <param name="userId">The Signaling user: 1 to 64 characters from Agora's documented set.</param>
    /// <param name="lifetime">How long the token and its login privilege last, in whole seconds.</param>
    /// <returns>The token, starting "007".</returns>
    /// <exception cref="ArgumentException">An argument breaks a rule; the message names it without repeating secrets.</exception>
    public static string BuildAccessToken2(string appId, string appCertificate, string userId, TimeSpan lifetime) =>
        BuildAccessToken2(appId, appCertificate, userId, lifetime, DateTimeOffset.UtcNow, NewSalt());

    /// <summary>Builds an AccessToken2 with an explicit issue time and salt, so the result is reproducible.</summary>
    /// <param name="appId">The app ID: 32 hexadecimal characters.</param>
    /// <param name="appCertificate">The app certificate: 32 hexadecimal characters.</param>
    /// <param name="userId">The Signaling user: 1 to 64 characters from Agora's documented set.</param>
    /// <param name="lifetime">How long the token and its login privilege last, in whole seconds.</param>
    /// <param name="issuedAt">The issue time, in whole seconds between 1970 and 2106.</param>
    /// <param name="salt">The salt mixed into the signature.</param>
    /// <returns>The token, starting "007".</returns>
    /// <exception cref="ArgumentException">An argument breaks a rule; the message names it without repeating secrets.</exception>
    public static string BuildAccessToken2(string appId, string appCertificate, string userId, TimeSpan lifetime, DateTimeOffset issuedAt, uint salt)
    {
        TokenKeys.Validate(appId, appCertificate);
        SignalingValidation.MessagingId(userId, nameof(userId));
        return AccessToken2.BuildRtm(appId, appCertificate, userId, UnixSeconds(issuedAt, nameof(issuedAt)), Seconds(lifetime, nameof(lifetime)), salt);
    }

    /// <summary>
    /// Builds an AccessToken2 with an RTM2 service, which lets <paramref name="userId"/> log in to Signaling with the
    /// resource permissions given, issued now with a random salt.
    /// </summary>
    /// <param name="appId">The app ID: 32 hexadecimal characters.</param>
    /// <param name="appCertificate">The app certificate: 32 hexadecimal characters.</param>
    /// <param name="userId">The Signaling user: 1 to 64 characters from Agora's documented set.</param>
    /// <param name="permissions">The resource permissions, such as <c>SignalingPermissionSet.Empty.Grant(SignalingResourceType.MessageChannels, SignalingPermissionType.Read, "channelA*")</c>.</param>
    /// <param name="lifetime">How long the token and its login privilege last, in whole seconds.</param>
    /// <returns>The token, starting "007".</returns>
    /// <exception cref="ArgumentException">An argument breaks a rule, or the token would be longer than <see cref="SignalingToken.MaxLength"/>; the message names it without repeating secrets.</exception>
    public static string BuildAccessToken2(string appId, string appCertificate, string userId, SignalingPermissionSet permissions, TimeSpan lifetime) =>
        BuildAccessToken2(appId, appCertificate, userId, permissions, lifetime, DateTimeOffset.UtcNow, NewSalt());

    /// <summary>Builds an AccessToken2 with an RTM2 service and an explicit issue time and salt, so the result is reproducible.</summary>
    /// <param name="appId">The app ID: 32 hexadecimal characters.</param>
    /// <param name="appCertificate">The app certificate: 32 hexadecimal characters.</param>
    /// <param name="userId">The Signaling user: 1 to 64 characters from Agora's documented set.</param>
    /// <param name="permissions">The resource permissions; a set read from a token is checked as <see cref="SignalingPermissionSet.Grant"/> would check it.</param>
    /// <param name="lifetime">How long the token and its login privilege last, in whole seconds.</param>
    /// <param name="issuedAt">The issue time, in whole seconds between 1970 and 2106.</param>
    /// <param name="salt">The salt mixed into the signature.</param>
    /// <returns>The token, starting "007".</returns>
    /// <exception cref="ArgumentException">An argument breaks a rule, or the token would be longer than <see cref="SignalingToken.MaxLength"/>; the message names it without repeating secrets.</exception>
    public static string BuildAccessToken2(string appId, string appCertificate, string userId, SignalingPermissionSet permissions, TimeSpan lifetime, DateTimeOffset issuedAt, uint salt)
    {
        TokenKeys.Validate(appId, appCertificate);
        SignalingValidation.MessagingId(userId, nameof(userId));
        var ordered = SignalingPermissionSet.CheckAndOrder(permissions, nameof(permissions));
        int length = AccessToken2.TextLength(AccessToken2.PayloadLength(userId, ordered));
        if (length > SignalingToken.MaxLength)
        {
            // Refused here rather than built: the parser (and so the emulator and token inspect) would refuse it.
            throw new ArgumentException($"The permissions make the token {length} characters; a token is at most {SignalingToken.MaxLength}.", nameof(permissions));
        }

        return AccessToken2.BuildRtm2(appId, appCertificate, userId, ordered, UnixSeconds(issuedAt, nameof(issuedAt)), Seconds(lifetime, nameof(lifetime)), salt);
    }

    /// <summary>Builds a legacy AccessToken for <paramref name="userId"/>, now with a random salt; send it with the user as <c>x-agora-uid</c>.</summary>
    /// <param name="appId">The app ID: 32 hexadecimal characters.</param>
    /// <param name="appCertificate">The app certificate: 32 hexadecimal characters.</param>
    /// <param name="userId">The Signaling user: 1 to 64 characters from Agora's documented set.</param>
    /// <param name="lifetime">How long the login privilege lasts, in whole seconds.</param>
    /// <returns>The token, starting "006".</returns>
    /// <exception cref="ArgumentException">An argument breaks a rule; the message names it without repeating secrets.</exception>
    public static string BuildLegacyAccessToken(string appId, string appCertificate, string userId, TimeSpan lifetime) =>
        BuildLegacyAccessToken(appId, appCertificate, userId, lifetime, DateTimeOffset.UtcNow, NewSalt());

    /// <summary>Builds a legacy AccessToken with an explicit issue time and salt, so the result is reproducible.</summary>
    /// <param name="appId">The app ID: 32 hexadecimal characters.</param>
    /// <param name="appCertificate">The app certificate: 32 hexadecimal characters.</param>
    /// <param name="userId">The Signaling user: 1 to 64 characters from Agora's documented set.</param>
    /// <param name="lifetime">How long after <paramref name="issuedAt"/> the login privilege ends, in whole seconds.</param>
    /// <param name="issuedAt">The issue time; the token itself lives <see cref="LegacyTokenLifetime"/> from it.</param>
    /// <param name="salt">The salt mixed into the signature.</param>
    /// <returns>The token, starting "006".</returns>
    /// <exception cref="ArgumentException">An argument breaks a rule; the message names it without repeating secrets.</exception>
    public static string BuildLegacyAccessToken(string appId, string appCertificate, string userId, TimeSpan lifetime, DateTimeOffset issuedAt, uint salt)
    {
        TokenKeys.Validate(appId, appCertificate);
        SignalingValidation.MessagingId(userId, nameof(userId));
        UnixSeconds(issuedAt, nameof(issuedAt));
        uint privilegeExpire = UnixSeconds(issuedAt + TimeSpan.FromSeconds(Seconds(lifetime, nameof(lifetime))), nameof(lifetime));
        uint ts = UnixSeconds(issuedAt + LegacyTokenLifetime, nameof(issuedAt));
        return LegacyAccessToken.BuildRtm(appId, appCertificate, userId, ts, salt, privilegeExpire);
    }

    internal static uint NewSalt() => TokenSalt.Next();

    private static uint Seconds(TimeSpan lifetime, string paramName)
    {
        if (lifetime < TimeSpan.Zero || lifetime.TotalSeconds > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(paramName, lifetime, "The lifetime must be from 0 to 4,294,967,295 seconds.");
        }

        return (uint)lifetime.TotalSeconds;
    }

    private static uint UnixSeconds(DateTimeOffset time, string paramName)
    {
        long seconds = time.ToUnixTimeSeconds();
        if (seconds is < 0 or > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(paramName, time, "The time must fall between 1970 and 2106, as tokens store it in 32 bits.");
        }

        return (uint)seconds;
    }
}
