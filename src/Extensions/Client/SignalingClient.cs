using System.Runtime.CompilerServices;

namespace Agora.Signaling;

/// <summary>
/// The client of the Agora Signaling REST API: peer and channel messages, user and channel events, and message history.
/// </summary>
/// <remarks>
/// Every argument is checked against Agora's documented rules before anything is sent. Create one client per app ID
/// and reuse it: it is safe to call from several threads at once.
/// </remarks>
public class SignalingClient : ISignalingClient, IDisposable
{
    private readonly HttpClient _http = null!;
    private readonly MessagesRestClient _messages = null!;
    private readonly EventsRestClient _events = null!;
    private readonly HistoryRestClient _history = null!;
    private readonly LegacyHistoryRestClient _legacyHistory = null!;
    private readonly SignalingCredential _credential = null!;
    private readonly bool _ownsHttp;

    /// <summary>Initializes a new instance of the <see cref="SignalingClient"/> class that makes its own connections.</summary>
    /// <param name="options">The app ID, endpoints, credential and timeout.</param>
    /// <exception cref="ArgumentException">An option is missing or invalid.</exception>
    public SignalingClient(SignalingClientOptions options)
        : this(options, CreateTransport(options), ownsTransport: true)
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
        _credential = credential;
        _http = http;
        _ownsHttp = ownsHttp;
        string endpoint = options.Endpoint.AbsoluteUri;
        _messages = new MessagesRestClient(_http) { BaseUrl = endpoint };
        _events = new EventsRestClient(_http) { BaseUrl = endpoint };
        _legacyHistory = new LegacyHistoryRestClient(_http) { BaseUrl = endpoint };
        _history = new HistoryRestClient(_http) { BaseUrl = options.HistoryEndpoint.AbsoluteUri };
    }

    private SignalingClient(SignalingClientOptions options, HttpMessageHandler transport, bool ownsTransport)
        : this(CreateHttpClient(options, transport, ownsTransport, out var credential), options, credential, ownsHttp: true)
    {
    }

    /// <inheritdoc />
    public virtual string AppId { get; }

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

        return CallAsync("SendPeerMessage", RequestKind.Send, (this, fromUserId, options?.WaitForAck, body), static (s, ct) => s.Item1._messages.SendPeerMessageAsync(s.Item1.AppId, s.fromUserId, s.Item3, s.body, ct), Sent, cancellationToken, fromUserId);
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

        return CallAsync("SendChannelMessage", RequestKind.Send, (this, fromUserId, body), static (s, ct) => s.Item1._messages.SendChannelMessageAsync(s.Item1.AppId, s.fromUserId, s.body, ct), Sent, cancellationToken, fromUserId);
    }

    /// <inheritdoc />
    public virtual Task<UserEventsResponse> GetUserEventsAsync(CancellationToken cancellationToken = default) =>
        CallAsync(
            "GetUserEvents",
            RequestKind.DestructiveRead,
            this,
            static (self, ct) => self._events.GetUserEventsAsync(self.AppId, ct),
            static (operation, response, context) =>
            {
                ServiceErrorTranslator.ThrowIfFailed(operation, response.Result, null, response.RequestId, context);
                response.Events = WireValues.WithoutNulls(response.Events) ?? new List<UserEvent>();
                return response;
            },
            cancellationToken);

    /// <inheritdoc />
    public virtual Task<ChannelEventsResponse> GetChannelEventsAsync(CancellationToken cancellationToken = default) =>
        CallAsync(
            "GetChannelEvents",
            RequestKind.DestructiveRead,
            this,
            static (self, ct) => self._events.GetChannelEventsAsync(self.AppId, ct),
            static (operation, response, context) =>
            {
                ServiceErrorTranslator.ThrowIfFailed(operation, response.Result, null, response.RequestId, context);
                response.Events = WireValues.WithoutNulls(response.Events) ?? new List<ChannelEvent>();
                return response;
            },
            cancellationToken);

    /// <inheritdoc />
    public virtual Task<MessageHistoryResponse> GetMessageHistoryAsync(string userId, HistoryChannelType channelType, string channelName, long start = 0, long end = 0, int messageCount = 100, CancellationToken cancellationToken = default)
    {
        ValidateHistoryQuery(userId, channelType, channelName, start, end, messageCount);
        return GetMessageHistoryCoreAsync(userId, channelType, channelName, start, end, messageCount, cancellationToken);
    }

    /// <inheritdoc />
    public virtual IAsyncEnumerable<MessageHistoryPage> GetMessageHistoryPagesAsync(string userId, HistoryChannelType channelType, string channelName, long start = 0, long end = 0, int messageCount = 100, CancellationToken cancellationToken = default)
    {
        // Checked here, not inside the iterator, so bad input fails at the call rather than at the first MoveNextAsync.
        ValidateHistoryQuery(userId, channelType, channelName, start, end, messageCount);
        return ReadPagesAsync(userId, channelType, channelName, start, end, messageCount, cancellationToken);
    }

    /// <inheritdoc />
    [Obsolete(LegacyHistory.ObsoleteMessage, DiagnosticId = LegacyHistory.DiagnosticId)]
    public virtual async Task<HistoryQueryCreatedResponse> CreateHistoryQueryAsync(LegacyHistoryQuery query, CancellationToken cancellationToken = default)
    {
        const string Operation = "CreateHistoryQuery";
        ArgumentNullException.ThrowIfNull(query);
        query.Validate(nameof(query));
        var body = query.ToRequest();
        return await CallAsync(
            Operation,
            RequestKind.Read,
            (this, body),
            static (s, ct) => s.Item1._legacyHistory.CreateHistoryQueryAsync(s.Item1.AppId, s.body, ct),
            static (operation, response, context) =>
            {
                ServiceErrorTranslator.ThrowIfFailed(operation, response.Result, null, null, context);
                return response;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    [Obsolete(LegacyHistory.ObsoleteMessage, DiagnosticId = LegacyHistory.DiagnosticId)]
    public virtual async Task<HistoryQueryResultResponse> GetHistoryQueryResultAsync(string handle, CancellationToken cancellationToken = default)
    {
        const string Operation = "GetHistoryQueryResult";
        SignalingValidation.Required(handle, nameof(handle));
        foreach (char c in handle)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
            {
                throw new ArgumentException("The handle may contain only ASCII letters, digits, '-' and '_'; pass the last segment of the query's location.", nameof(handle));
            }
        }

        return await CallAsync(
            Operation,
            RequestKind.Read,
            (this, handle),
            static (s, ct) => s.Item1._legacyHistory.GetHistoryQueryResultAsync(s.Item1.AppId, s.handle, ct),
            static (operation, response, context) =>
            {
                ServiceErrorTranslator.ThrowIfFailed(operation, response.Result, response.Code, null, context);
                response.Messages = WireValues.WithoutNulls(response.Messages) ?? new List<LegacyHistoryMessage>();
                return response;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    [Obsolete(LegacyHistory.ObsoleteMessage, DiagnosticId = LegacyHistory.DiagnosticId)]
    public virtual async Task<HistoryCountResponse> GetHistoryCountAsync(LegacyHistoryQuery filter, CancellationToken cancellationToken = default)
    {
        const string Operation = "GetHistoryCount";
        ArgumentNullException.ThrowIfNull(filter);
        filter.Validate(nameof(filter));
        return await CallAsync(
            Operation,
            RequestKind.Read,
            (this, filter),
            static (s, ct) => s.Item1._legacyHistory.GetHistoryCountAsync(s.Item1.AppId, s.filter.Source, s.filter.Destination, LegacyHistoryQuery.FormatTime(s.filter.StartTime), LegacyHistoryQuery.FormatTime(s.filter.EndTime), ct),
            static (operation, response, context) =>
            {
                ServiceErrorTranslator.ThrowIfFailed(operation, response.Result, response.Code, null, context);
                return response;
            },
            cancellationToken).ConfigureAwait(false);
    }

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
        // A client from dependency injection shares the factory's handlers, which the factory disposes.
        if (disposing && _ownsHttp)
        {
            _http?.Dispose();
        }
    }

    private static void ValidateHistoryQuery(string userId, HistoryChannelType channelType, string channelName, long start, long end, int messageCount)
    {
        SignalingValidation.HistoryPathId(userId, nameof(userId));
        if (!Enum.IsDefined(channelType))
        {
            throw new ArgumentOutOfRangeException(nameof(channelType), channelType, "The channel type must be Message or User.");
        }

        SignalingValidation.HistoryPathId(channelName, nameof(channelName));
        SignalingValidation.NonNegative(start, nameof(start));
        SignalingValidation.NonNegative(end, nameof(end));
        SignalingValidation.Range(messageCount, 1, 100, nameof(messageCount));
    }

    private Task<MessageHistoryResponse> GetMessageHistoryCoreAsync(string userId, HistoryChannelType channelType, string channelName, long start, long end, int messageCount, CancellationToken cancellationToken) =>
        CallAsync(
            "GetMessageHistory",
            RequestKind.Read,
            (this, userId, channelType, channelName, start, end, messageCount),
            static (s, ct) => s.Item1._history.GetMessageHistoryAsync(s.Item1.AppId, s.userId, s.channelType, s.channelName, s.start, s.end, s.messageCount, ct),
            static (operation, response, context) =>
            {
                ServiceErrorTranslator.ThrowIfFailed(operation, response, context);
                if (response.Data is { } page)
                {
                    page.MessageList = WireValues.WithoutNulls(page.MessageList);
                }

                return response;
            },
            cancellationToken,
            userId);

    private async IAsyncEnumerable<MessageHistoryPage> ReadPagesAsync(string userId, HistoryChannelType channelType, string channelName, long start, long end, int messageCount, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long next = start;

        // Every start asked for: a cursor that comes back to any of them (1, 2, 1) would page for ever, not only one that stays put.
        var asked = new HashSet<long> { next };
        while (true)
        {
            var response = await GetMessageHistoryCoreAsync(userId, channelType, channelName, next, end, messageCount, cancellationToken).ConfigureAwait(false);
            var page = response.Data ?? new MessageHistoryPage();
            page.MessageList ??= new List<HistoryMessage>();
            yield return page;

            long newStart = page.NewStart ?? 0;
            if (newStart == 0)
            {
                yield break;
            }

            if (!asked.Add(newStart))
            {
                // No full stop: the exception's message adds one after the reason.
                throw new SignalingServiceException("GetMessageHistory", 200, reason: $"The service answered newStart {newStart}, a start already read, so paging would loop for ever", requestId: response.RequestId);
            }

            next = newStart;
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

    private static SendMessageResponse Sent(string operation, SendMessageResponse response, RequestContext context)
    {
        ServiceErrorTranslator.ThrowIfFailed(operation, response.Result, response.Code, response.RequestId, context);
        return response;
    }

    // Makes the call and turns every failure into the SDK's documented exceptions. `finish` throws for an error
    // reported inside a 200 body; it runs in here so the activity records that failure too. The call's arguments
    // travel as a value-type state to static lambdas: no closure and no second state machine per call.
    private async Task<T> CallAsync<TState, T>(string operation, RequestKind kind, TState state, Func<TState, CancellationToken, Task<T>> call, Func<string, T, RequestContext, T> finish, CancellationToken cancellationToken, string? userId = null)
    {
        var context = RequestContext.Create(operation, userId);
        using var activity = SignalingTelemetry.ActivitySource.StartActivity(operation, System.Diagnostics.ActivityKind.Client);
        activity?.SetTag("agora.signaling.operation", operation);
        activity?.SetTag("agora.signaling.app_id", AppId);
        try
        {
            // The generated method builds its request before its first await, so the offer ends before this one.
            Task<T> sending;
            using (RequestContext.OfferTo(context))
            {
                sending = call(state, cancellationToken);
            }

            var result = await sending.ConfigureAwait(false);
            activity?.SetTag("agora.signaling.attempts", context.Attempts.Count);
            return finish(operation, result, context);
        }
        catch (Exception exception) when (Failed(activity, exception, context))
        {
            throw;
        }
        catch (RestApiException exception)
        {
            throw ForAnswer(operation, kind, ServiceErrorTranslator.FromRestApiException(operation, exception, context.Attempts));
        }
        catch (UnreadableResponseException exception)
        {
            throw ForAnswer(operation, kind, new SignalingServiceException(operation, exception.Status, reason: exception.Reason, requestId: exception.RequestId, innerException: exception, attempts: context.Attempts));
        }
        catch (Exception exception) when (TransientFailures.NeverSent(exception))
        {
            throw new SignalingTransportException(operation, exception, context.Attempts);
        }
        catch (Exception exception) when (TransientFailures.AnswerLost(exception) || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            if (kind != RequestKind.Read)
            {
                throw new SignalingOutcomeUnknownException(operation, 0, null, exception, context.Attempts);
            }

            if (exception is Polly.Timeout.TimeoutRejectedException or OperationCanceledException)
            {
                throw new TimeoutException($"{operation} got no answer in time{SignalingAttempt.Describe(context.Attempts)}.", exception);
            }

            throw new SignalingTransportException(operation, exception, context.Attempts);
        }
    }

    // A 429 was refused unprocessed; any other transient answer to a send leaves its delivery unknown.
    private static SignalingServiceException ForAnswer(string operation, RequestKind kind, SignalingServiceException error) =>
        kind == RequestKind.Send && TransientFailures.IsTransientStatus(error.Status) && error.Status != 429
            ? new SignalingOutcomeUnknownException(operation, error.Status, error.RequestId, error, error.Attempts)
            : error;

    // Marks the activity and lets the exception through to the translating handlers below.
    private static bool Failed(System.Diagnostics.Activity? activity, Exception exception, RequestContext context)
    {
        activity?.SetTag("agora.signaling.attempts", context.Attempts.Count);
        activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, exception.GetType().Name);
        return false;
    }

    private static HttpClient CreateHttpClient(SignalingClientOptions options, HttpMessageHandler transport, bool ownsTransport, out SignalingCredential credential)
    {
        ArgumentNullException.ThrowIfNull(transport);
        try
        {
            ArgumentNullException.ThrowIfNull(options);
            options.Validate();
            credential = options.ResolveCredential();
        }
        catch when (ownsTransport)
        {
            transport.Dispose();
            throw;
        }

        // Resilience above authentication, so that each attempt is authenticated afresh. The resilience handler
        // owns every timeout, so HttpClient's own is switched off.
        var authentication = new SignalingAuthenticationHandler(credential, options.TimeProvider)
        {
            InnerHandler = ownsTransport ? transport : new BorrowedHandler(transport),
        };
        var resilience = new SignalingResilienceHandler(options) { InnerHandler = authentication };
        return new HttpClient(resilience, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static SocketsHttpHandler CreateTransport(SignalingClientOptions options) => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = System.Net.DecompressionMethods.All,

        // A connection that cannot be made is safe to retry, even for a send; bound it so it is reported as such.
        ConnectTimeout = options?.Timeout is { } timeout && timeout > TimeSpan.Zero && timeout < TimeSpan.FromSeconds(10) ? timeout : TimeSpan.FromSeconds(10),
    };
}
