using System.Diagnostics;

namespace Agora.Signaling;

/// <summary>
/// Mints an AccessToken2 in process for the user each request is made as, from the app ID and app
/// certificate, so any user may send. A fresh token is built per request: it costs a few microseconds
/// and one string, and can never be stale.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class AppCertificateCredential : SignalingCredential
{
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private readonly string _appCertificate;

    private readonly TimeSpan _tokenLifetime = TimeSpan.FromHours(1);
    private readonly string _defaultUserId = "server";

    /// <summary>Initializes a new instance of the <see cref="AppCertificateCredential"/> class.</summary>
    /// <param name="appId">The app ID: 32 hexadecimal characters, the same as the client's.</param>
    /// <param name="appCertificate">The app certificate: 32 hexadecimal characters.</param>
    /// <exception cref="ArgumentException">A value is not 32 hexadecimal characters; the message does not repeat it.</exception>
    public AppCertificateCredential(string appId, string appCertificate)
    {
        TokenKeys.Validate(appId, appCertificate);
        AppId = appId;
        _appCertificate = appCertificate;
        Secrets.Remember(appCertificate);
    }

    /// <summary>Gets the app ID tokens are built for.</summary>
    public string AppId { get; }

    /// <summary>Gets how long each minted token lasts; one hour unless set.</summary>
    public TimeSpan TokenLifetime
    {
        get => _tokenLifetime;
        init
        {
            if (value < TimeSpan.FromSeconds(1) || value > TimeSpan.FromDays(1))
            {
                throw new ArgumentOutOfRangeException(nameof(TokenLifetime), value, "The token lifetime must be from 1 second to 24 hours.");
            }

            _tokenLifetime = value;
        }
    }

    /// <summary>Gets the user tokens are built for when a request names none (event pulls, legacy history); "server" unless set.</summary>
    public string DefaultUserId
    {
        get => _defaultUserId;
        init
        {
            SignalingValidation.MessagingPathId(value, nameof(DefaultUserId));
            _defaultUserId = value;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"AppCertificateCredential {{ AppId = {AppId}, AppCertificate = ***, TokenLifetime = {TokenLifetime} }}";

    internal override ValueTask ApplyAsync(HttpRequestMessage request, string? userId, TimeProvider time, CancellationToken cancellationToken)
    {
        string token = SignalingTokenBuilder.BuildAccessToken2(AppId, _appCertificate, userId ?? DefaultUserId, TokenLifetime, time.GetUtcNow(), SignalingTokenBuilder.NewSalt());
        AuthenticationHeader.Replace(request, "Authorization", "agora token=" + token);
        return ValueTask.CompletedTask;
    }
}
