namespace Agora.Signaling;

/// <summary>
/// The client of the Agora Signaling REST API: peer and channel messages, user and channel events, and message history.
/// </summary>
/// <remarks>
/// Every argument is checked against Agora's documented rules before anything is sent. Create one client per app ID
/// and reuse it: it is safe to call from several threads at once.
/// </remarks>
public partial class SignalingClient : ISignalingClient, IDisposable
{
    private readonly HttpClient _http = null!;
    private readonly MessagesRestClient _messages = null!;
    private readonly EventsRestClient _events = null!;
    private readonly HistoryRestClient _history = null!;
    private readonly LegacyHistoryRestClient _legacyHistory = null!;
    private readonly PublishRestClient _publish = null!;
    private readonly SignalingCredential _credential = null!;
    private readonly bool _ownsHttp;
    private volatile bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="SignalingClient"/> class that makes its own connections.</summary>
    /// <param name="options">The app ID, endpoints, credential and timeout.</param>
    /// <exception cref="ArgumentException">An option is missing or invalid.</exception>
    public SignalingClient(SignalingClientOptions options)
        : this(options, SignalingHandlerStack.CreateTransport(options ?? throw new ArgumentNullException(nameof(options))), ownsTransport: true)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SignalingClient"/> class over a given transport.</summary>
    /// <param name="options">The app ID, endpoints, credential and timeout.</param>
    /// <param name="transport">The handler that sends requests; the client adds authentication on top and does not dispose it.</param>
    /// <exception cref="ArgumentException">An option is missing or invalid.</exception>
    public SignalingClient(SignalingClientOptions options, HttpMessageHandler transport)
        : this(options, transport, ownsTransport: false)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SignalingClient"/> class for mocking.</summary>
    protected SignalingClient()
    {
        AppId = string.Empty;
    }

    /// <summary>Initializes a new instance over an <see cref="HttpClient"/> whose pipeline already retries and authenticates.</summary>
    internal SignalingClient(HttpClient http, SignalingClientOptions options, SignalingCredential credential, bool ownsHttp)
    {
        AppId = options.AppId;
        Coordination = options.Coordination;
        _credential = credential;
        _http = http;
        _ownsHttp = ownsHttp;
        var endpoints = SignalingEndpoints.From(options);
        _messages = new MessagesRestClient(_http, endpoints);
        _events = new EventsRestClient(_http, endpoints);
        _legacyHistory = new LegacyHistoryRestClient(_http, endpoints);
        _history = new HistoryRestClient(_http, endpoints);
        _publish = new PublishRestClient(_http, endpoints);
    }

    private SignalingClient(SignalingClientOptions options, HttpMessageHandler transport, bool ownsTransport)
        : this(CreateHttpClient(options, transport, ownsTransport, out var credential), options, credential, ownsHttp: true)
    {
    }

    /// <inheritdoc />
    public virtual string AppId { get; }

    /// <summary>Gets the store the fleet coordinates through, which the event pump asks for its pull lease; none unless registered.</summary>
    internal ISignalingCoordination? Coordination { get; }

    /// <inheritdoc />
    public virtual Task<SendMessageResponse> SendPeerMessageAsync(string fromUserId, string toUserId, string payload, PeerMessageOptions? options = null, CancellationToken cancellationToken = default)
    {
        ValidateSender(fromUserId, nameof(fromUserId));
        SignalingValidation.MessagingId(toUserId, nameof(toUserId));
        SignalingValidation.Payload(payload, nameof(payload));

        var body = new PeerMessageRequest
        {
            Destination = toUserId,
            Payload = payload,
            EnableHistoricalMessaging = options?.EnableHistoricalMessaging,
#pragma warning disable CS0612, AGSIG002 // The deprecated flag is still passed through for callers who set it.
            EnableOfflineMessaging = options?.EnableOfflineMessaging,
#pragma warning restore CS0612, AGSIG002
        };

        return CallAsync(SignalingOperations.SendPeerMessage, (this, fromUserId, options?.WaitForAck, body), static (s, context, ct) => s.Item1._messages.SendPeerMessageAsync(s.Item1.AppId, s.fromUserId, s.Item3, s.body, context, ct), Sent, cancellationToken, fromUserId);
    }

    /// <inheritdoc />
    public virtual Task<SendMessageResponse> SendChannelMessageAsync(string fromUserId, string channelName, string payload, ChannelMessageOptions? options = null, CancellationToken cancellationToken = default)
    {
        ValidateSender(fromUserId, nameof(fromUserId));
        SignalingValidation.MessagingId(channelName, nameof(channelName));
        SignalingValidation.Payload(payload, nameof(payload));

        var body = new ChannelMessageRequest
        {
            ChannelName = channelName,
            Payload = payload,
            EnableHistoricalMessaging = options?.EnableHistoricalMessaging,
        };

        return CallAsync(SignalingOperations.SendChannelMessage, (this, fromUserId, body), static (s, context, ct) => s.Item1._messages.SendChannelMessageAsync(s.Item1.AppId, s.fromUserId, s.body, context, ct), Sent, cancellationToken, fromUserId);
    }

    /// <inheritdoc />
    /// <summary>Releases the connections this client made.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the connections this client made.</summary>
    /// <param name="disposing">Whether the call comes from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        _disposed = true;

        // A client from dependency injection shares the factory's handlers, which the factory disposes.
        if (disposing && _ownsHttp)
        {
            _http?.Dispose();
        }
    }

    private void ValidateSender(string fromUserId, string paramName)
    {
        SignalingValidation.MessagingPathId(fromUserId, paramName);
        if (_credential.RestrictedToUserId is string tokenUser && !string.Equals(tokenUser, fromUserId, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"With token authentication a message can only be sent as the token's user ('{tokenUser}'), not '{fromUserId}'.", paramName);
        }
    }

    private static SendMessageResponse Sent(SendMessageResponse response, RequestContext context)
    {
        ServiceErrorTranslator.ThrowIfFailed(response.Result, response.Code, response.RequestId, context);
        return response;
    }
}
