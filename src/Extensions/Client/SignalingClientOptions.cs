namespace Agora.Signaling;

/// <summary>
/// Settings of a <see cref="SignalingClient"/>: the app ID, where the service is, how to authenticate and how long to wait.
/// </summary>
public partial class SignalingClientOptions
{
    /// <summary>The primary host outside mainland China.</summary>
    public static readonly Uri DefaultEndpoint = new("https://api.agora.io/");

    /// <summary>The only host on which the Signaling 2.x history API is documented.</summary>
    public static readonly Uri DefaultHistoryEndpoint = new("https://api.sd-rtn.com/");

    /// <summary>The default time to wait for one response.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the Agora app ID that every request is made for.</summary>
    public string AppId { get; set; } = string.Empty;

    /// <summary>Gets or sets the host of the messaging, events and legacy history APIs.</summary>
    public Uri Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>
    /// Gets or sets the hosts tried, in order, after <see cref="Endpoint"/>. When <see langword="null"/>, Agora's order is
    /// used for Agora's hosts: the other primary suffix, then the region adjacent to <see cref="Region"/>; a custom endpoint gets none.
    /// </summary>
    public IList<Uri>? FailoverEndpoints { get; set; }

    /// <summary>
    /// Gets or sets the hosts tried, in order, after <see cref="HistoryEndpoint"/>. Unless set, none; or
    /// <see cref="FailoverEndpoints"/> when <see cref="HistoryEndpoint"/> follows a custom <see cref="Endpoint"/>.
    /// </summary>
    public IList<Uri> HistoryFailoverEndpoints { get; set; } = new List<Uri>();

    /// <summary>Gets or sets the region nearest your servers, whose adjacent region is the last failover; none unless set.</summary>
    public SignalingRegion? Region { get; set; }

    /// <summary>Gets or sets how long a host that failed is tried after the healthy ones; 30 seconds unless set.</summary>
    public TimeSpan FailedEndpointCooldown { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the retry settings.</summary>
    public SignalingRetryOptions Retry { get; } = new();

    /// <summary>Gets the client-side rate limits.</summary>
    public SignalingRateLimitOptions RateLimits { get; } = new();

    /// <summary>Gets or sets the store a fleet shares its quotas and event pulls through; set by a package such as <c>Agora.Signaling.Redis</c>.</summary>
    internal ISignalingCoordination? Coordination { get; set; }

    /// <summary>Gets or sets the longest a call may take, all attempts and waits included; 2 minutes unless set.</summary>
    public TimeSpan OverallTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Gets or sets the credential applied to every request. When <see langword="null"/>, it is built from the
    /// credential settings below (one kind only), which is how configuration files and secret stores supply it.
    /// </summary>
    public SignalingCredential? Credential { get; set; }

    /// <summary>Gets or sets the customer ID for HTTP Basic authentication, used with <see cref="CustomerSecret"/>.</summary>
    public string? CustomerId { get; set; }

    /// <summary>Gets or sets the customer secret for HTTP Basic authentication, used with <see cref="CustomerId"/>.</summary>
    [System.Diagnostics.DebuggerBrowsable(System.Diagnostics.DebuggerBrowsableState.Never)]
    public string? CustomerSecret { get; set; }

    /// <summary>Gets or sets a fixed AccessToken2 (007…); messages can then be sent only as its user.</summary>
    [System.Diagnostics.DebuggerBrowsable(System.Diagnostics.DebuggerBrowsableState.Never)]
    public string? AccessToken2 { get; set; }

    /// <summary>Gets or sets a fixed legacy AccessToken (006…), used with <see cref="LegacyAccessTokenUserId"/>.</summary>
    [System.Diagnostics.DebuggerBrowsable(System.Diagnostics.DebuggerBrowsableState.Never)]
    public string? LegacyAccessToken { get; set; }

    /// <summary>Gets or sets the user the legacy AccessToken was built for, sent as <c>x-agora-uid</c>.</summary>
    public string? LegacyAccessTokenUserId { get; set; }

    /// <summary>Gets or sets the app certificate, to mint an AccessToken2 per request for its user.</summary>
    [System.Diagnostics.DebuggerBrowsable(System.Diagnostics.DebuggerBrowsableState.Never)]
    public string? AppCertificate { get; set; }

    /// <summary>Gets or sets the logger factory for the SDK's <c>Agora.Signaling</c> log events; none unless set (dependency injection sets it).</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Gets or sets a value indicating whether response bodies are logged at Debug level (first 4 KB); off unless set, as bodies carry user data.</summary>
    public bool EnableResponseBodyLogging { get; set; }

    /// <summary>Gets or sets an application name put before the SDK's own in the <c>User-Agent</c> header.</summary>
    public string? ApplicationId { get; set; }

    /// <summary>Gets or sets the clock that decides token issue and expiry times; the system clock unless set.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Gets or sets how long to wait for the response to one attempt. A peer message sent with
    /// <see cref="PeerMessageOptions.WaitForAck"/> is held until the receiver acknowledges, so allow for it.
    /// </summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>
    /// Gets or sets the largest response body read, in bytes after decompression; 4 MB unless set. A larger answer
    /// fails with <see cref="SignalingServiceException"/> and is not retried.
    /// </summary>
    public long MaxResponseBodySize { get; set; } = 4 * 1024 * 1024;

    /// <summary>Checks that the options can be used, naming the first setting that cannot.</summary>
    /// <exception cref="ArgumentException">A setting is missing or invalid.</exception>
    public void Validate()
    {
        SignalingValidation.AppId(AppId, nameof(AppId));
        ValidateEndpoint(Endpoint, nameof(Endpoint));
        ValidateEndpoint(HistoryEndpoint, nameof(HistoryEndpoint));
        if (ResolveCredential() is AppCertificateCredential minting && !string.Equals(minting.AppId, AppId, StringComparison.Ordinal))
        {
            throw new ArgumentException("The AppCertificateCredential is for another app ID than AppId.", nameof(Credential));
        }

        if (TimeProvider is null)
        {
            throw new ArgumentNullException(nameof(TimeProvider));
        }

        if (Timeout <= TimeSpan.Zero && Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "The timeout must be positive or infinite.");
        }

        if (OverallTimeout <= TimeSpan.Zero && OverallTimeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(OverallTimeout), OverallTimeout, "The overall timeout must be positive or infinite.");
        }

        if (MaxResponseBodySize is <= 0 or > int.MaxValue)
        {
            // HttpContent buffers at most int.MaxValue bytes.
            throw new ArgumentOutOfRangeException(nameof(MaxResponseBodySize), MaxResponseBodySize, "MaxResponseBodySize must be from 1 byte to 2,147,483,647 bytes (2 GB).");
        }

        foreach (var endpoint in FailoverEndpoints ?? [])
        {
            ValidateEndpoint(endpoint, nameof(FailoverEndpoints));
        }

        foreach (var endpoint in HistoryFailoverEndpoints ?? throw new ArgumentNullException(nameof(HistoryFailoverEndpoints)))
        {
            ValidateEndpoint(endpoint, nameof(HistoryFailoverEndpoints));
        }

        if (Region is SignalingRegion region && !Enum.IsDefined(region))
        {
            throw new ArgumentOutOfRangeException(nameof(Region), region, "Unknown region.");
        }

        if (FailedEndpointCooldown < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(FailedEndpointCooldown), FailedEndpointCooldown, "The cooldown must not be negative.");
        }

        if (ApplicationId is not null && (ApplicationId.Length is 0 or > 32 || !ApplicationId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '/')))
        {
            // It goes into a header as is, so nothing that could break the header.
            throw new ArgumentException("The application ID must be 1 to 32 characters from letters, digits, '.', '-', '_' and '/'.", nameof(ApplicationId));
        }

        Retry.Validate();
        RateLimits.Validate();
    }

    /// <summary>Returns <see cref="Credential"/>, or builds it from the one kind of credential settings given.</summary>
    /// <returns>The credential.</returns>
    /// <exception cref="ArgumentException">No credential, more than one kind, or one half-configured; the message never repeats a secret.</exception>
    public SignalingCredential ResolveCredential()
    {
        var kinds = new List<string>(4);
        if (CustomerId is not null || CustomerSecret is not null)
        {
            kinds.Add("CustomerId/CustomerSecret");
        }

        if (AccessToken2 is not null)
        {
            kinds.Add("AccessToken2");
        }

        if (LegacyAccessToken is not null || LegacyAccessTokenUserId is not null)
        {
            kinds.Add("LegacyAccessToken/LegacyAccessTokenUserId");
        }

        if (AppCertificate is not null)
        {
            kinds.Add("AppCertificate");
        }

        if (Credential is not null)
        {
            return kinds.Count == 0
                ? Credential
                : throw new ArgumentException($"Set Credential or the credential settings, not both (found {string.Join(", ", kinds)}).", nameof(Credential));
        }

        if (kinds.Count > 1)
        {
            throw new ArgumentException($"Configure one kind of credential, not {string.Join(" and ", kinds)}.", nameof(Credential));
        }

        if (kinds.Count == 0)
        {
            throw new ArgumentException(
                "A credential is required: CustomerId with CustomerSecret, AccessToken2, LegacyAccessToken with LegacyAccessTokenUserId, AppCertificate, or a Credential object.",
                nameof(Credential));
        }

        if (CustomerId is not null || CustomerSecret is not null)
        {
            return new BasicCredential(
                CustomerId ?? throw new ArgumentException("CustomerSecret is set but CustomerId is missing.", nameof(CustomerId)),
                CustomerSecret ?? throw new ArgumentException("CustomerId is set but CustomerSecret is missing.", nameof(CustomerSecret)));
        }

        if (AccessToken2 is not null)
        {
            return new AccessToken2Credential(AccessToken2);
        }

        if (AppCertificate is not null)
        {
            SignalingValidation.AppId(AppId, nameof(AppId));
            return new AppCertificateCredential(AppId, AppCertificate);
        }

        return new LegacyAccessTokenCredential(
            LegacyAccessToken ?? throw new ArgumentException("LegacyAccessTokenUserId is set but LegacyAccessToken is missing.", nameof(LegacyAccessToken)),
            LegacyAccessTokenUserId ?? throw new ArgumentException("LegacyAccessToken is set but LegacyAccessTokenUserId is missing.", nameof(LegacyAccessTokenUserId)));
    }

    private static void ValidateEndpoint(Uri? endpoint, string name)
    {
        if (endpoint is null)
        {
            throw new ArgumentNullException(name);
        }

        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The endpoint must be an absolute http or https URL.", name);
        }

        if (!string.IsNullOrEmpty(endpoint.Query) || !string.IsNullOrEmpty(endpoint.Fragment) || !string.IsNullOrEmpty(endpoint.UserInfo))
        {
            throw new ArgumentException("The endpoint must not have a query, fragment or user information.", name);
        }
    }
}
