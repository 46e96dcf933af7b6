using System.Net;
using System.Net.Sockets;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Agora.Signaling.Testing;

/// <summary>
/// A stateful emulator of the Agora Signaling REST API, served by WireMock.Net on a loopback port.
/// </summary>
/// <remarks>
/// It records the messages it receives, hands out queued user and channel events (removing them once read,
/// at most 1,000 a pull), pages seeded message history as documented, and checks HTTP Basic credentials.
/// Point a <see cref="SignalingClient"/> at it with <see cref="CreateClientOptions()"/>.
/// </remarks>
public sealed partial class SignalingEmulator : IDisposable
{
    /// <summary>The most events the service keeps; the newest overwrites the oldest.</summary>
    public const int EventStoreCapacity = 2000;

    /// <summary>The most events one pull returns.</summary>
    public const int MaxEventsPerPull = 1000;

    private readonly object _gate = new();
    private readonly WireMockServer _server;
    private readonly TimeProvider _time;
    private readonly string _expectedBasicCredentials;
    private readonly List<RecordedMessage> _messages = [];
    private readonly LinkedList<UserEvent> _userEvents = new();
    private readonly LinkedList<ChannelEvent> _channelEvents = new();
    private readonly Dictionary<(HistoryChannelType Type, string Channel), List<StoredHistoryMessage>> _history = [];
    private readonly HashSet<string> _onlineUsers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LegacyQuery> _legacyQueries = new(StringComparer.Ordinal);
    private long _requestCounter;
    private long _totalRequests;

    private SignalingEmulator(SignalingEmulatorOptions options)
    {
        AppId = options.AppId;
        CustomerId = options.CustomerId;
        CustomerSecret = options.CustomerSecret;
        AppCertificate = options.AppCertificate;
        _time = options.TimeProvider;
        _expectedBasicCredentials = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(CustomerId + ":" + CustomerSecret));

        int port = options.Port == 0 ? FindFreeLoopbackPort() : options.Port;
        _server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = [$"http://127.0.0.1:{port}"],
            StartAdminInterface = false,

            // The emulator keeps its own state; WireMock's request log would only grow.
            MaxRequestLogCount = 0,
            DoNotSaveDynamicResponseInLogEntry = true,
            PreWireMockMiddlewareInit = app => Microsoft.AspNetCore.Builder.UseExtensions.Use((Microsoft.AspNetCore.Builder.IApplicationBuilder)app, (Func<Microsoft.AspNetCore.Http.HttpContext, Func<Task>, Task>)InjectFaultsAsync),
        });
        _server
            .Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithCallback(Handle));

        Endpoint = new Uri($"http://127.0.0.1:{port}/");
    }

    /// <summary>Gets the app ID the emulator serves.</summary>
    public string AppId { get; }

    /// <summary>Gets the customer ID it accepts.</summary>
    public string CustomerId { get; }

    /// <summary>Gets the customer secret it accepts.</summary>
    public string CustomerSecret { get; }

    /// <summary>Gets the app certificate tokens must be signed with.</summary>
    public string AppCertificate { get; }

    /// <summary>Gets the base URL of the messaging, events and legacy history APIs.</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets the base URL of the history API; the same server serves both.</summary>
    public Uri HistoryEndpoint => Endpoint;

    /// <summary>Gets the number of API requests received so far, including refused ones; the control surface is not counted.</summary>
    public long RequestCount => Interlocked.Read(ref _totalRequests);

    /// <summary>Gets a snapshot of every message accepted so far, in arrival order.</summary>
    public IReadOnlyList<RecordedMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return _messages.ToArray();
            }
        }
    }

    /// <summary>Gets a snapshot of the peer messages accepted so far.</summary>
    public IReadOnlyList<RecordedMessage> PeerMessages => Messages.Where(m => m.Kind == RecordedMessageKind.Peer).ToArray();

    /// <summary>Gets a snapshot of the channel messages accepted so far.</summary>
    public IReadOnlyList<RecordedMessage> ChannelMessages => Messages.Where(m => m.Kind == RecordedMessageKind.Channel).ToArray();

    /// <summary>Gets the number of user events waiting to be pulled.</summary>
    public int PendingUserEventCount
    {
        get
        {
            lock (_gate)
            {
                return _userEvents.Count;
            }
        }
    }

    /// <summary>Gets the number of channel events waiting to be pulled.</summary>
    public int PendingChannelEventCount
    {
        get
        {
            lock (_gate)
            {
                return _channelEvents.Count;
            }
        }
    }

    /// <summary>Starts an emulator on a loopback port.</summary>
    /// <param name="options">The app ID, credentials and port, or <see langword="null"/> for the defaults.</param>
    /// <returns>The running emulator; dispose it to stop it.</returns>
    public static SignalingEmulator Start(SignalingEmulatorOptions? options = null) => new(options ?? new SignalingEmulatorOptions());

    /// <summary>Creates client options that point at this emulator with its Basic credentials.</summary>
    /// <returns>Options for a <see cref="SignalingClient"/>.</returns>
    public SignalingClientOptions CreateClientOptions() => new()
    {
        AppId = AppId,
        Endpoint = Endpoint,
        HistoryEndpoint = HistoryEndpoint,
        Credential = new BasicCredential(CustomerId, CustomerSecret),
    };

    /// <summary>Creates client options that point at this emulator and authenticate with the given credential.</summary>
    /// <param name="credential">Any credential; tokens must be signed with <see cref="AppCertificate"/> to be accepted.</param>
    /// <returns>Options for a <see cref="SignalingClient"/>.</returns>
    public SignalingClientOptions CreateClientOptions(SignalingCredential credential)
    {
        var options = CreateClientOptions();
        options.Credential = credential;
        options.TimeProvider = _time;
        return options;
    }

    /// <summary>Creates a credential that mints AccessToken2 tokens this emulator accepts.</summary>
    /// <returns>An <see cref="AppCertificateCredential"/> for this emulator's app.</returns>
    public AppCertificateCredential CreateAppCertificateCredential() => new(AppId, AppCertificate);

    /// <summary>Creates a client that talks to this emulator.</summary>
    /// <returns>A client; dispose it when done.</returns>
    public SignalingClient CreateClient() => new(CreateClientOptions());

    /// <summary>Queues a user event, as if the user had logged in or out.</summary>
    /// <param name="userId">The user concerned.</param>
    /// <param name="type">The event type, usually <c>Login</c> or <c>Logout</c>.</param>
    /// <param name="ms">The event time in epoch milliseconds, or <see langword="null"/> for now.</param>
    public void EnqueueUserEvent(string userId, string type, long? ms = null)
    {
        var item = new UserEvent { UserId = userId, Type = type, Ms = ms ?? Now() };
        lock (_gate)
        {
            Append(_userEvents, item);
        }
    }

    /// <summary>Queues a channel event, as if the user had joined or left the channel.</summary>
    /// <param name="channelName">The channel concerned.</param>
    /// <param name="userId">The user concerned.</param>
    /// <param name="type">The event type, usually <c>Join</c> or <c>Leave</c>.</param>
    /// <param name="ms">The event time in epoch milliseconds, or <see langword="null"/> for now.</param>
    public void EnqueueChannelEvent(string channelName, string userId, string type, long? ms = null)
    {
        var item = new ChannelEvent { GroupId = channelName, UserId = userId, Type = type, Ms = ms ?? Now() };
        lock (_gate)
        {
            Append(_channelEvents, item);
        }
    }

    /// <summary>Marks a user as online or offline, which decides the answer to a peer message sent with wait-for-ack.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="online">Whether the user is online.</param>
    public void SetUserOnline(string userId, bool online = true)
    {
        lock (_gate)
        {
            if (online)
            {
                _onlineUsers.Add(userId);
            }
            else
            {
                _onlineUsers.Remove(userId);
            }
        }
    }

    /// <summary>Adds messages to the history of a channel.</summary>
    /// <param name="channelType">The kind of channel.</param>
    /// <param name="channelName">The channel name; for a user channel, the user ID.</param>
    /// <param name="messages">The messages, in any order.</param>
    public void SeedHistory(HistoryChannelType channelType, string channelName, params StoredHistoryMessage[] messages)
    {
        lock (_gate)
        {
            StoreHistory(channelType, channelName, messages);
        }
    }

    /// <summary>Gets a snapshot of the history of a channel, newest first.</summary>
    /// <param name="channelType">The kind of channel.</param>
    /// <param name="channelName">The channel name.</param>
    /// <returns>The stored messages.</returns>
    public IReadOnlyList<StoredHistoryMessage> GetHistory(HistoryChannelType channelType, string channelName)
    {
        lock (_gate)
        {
            return _history.TryGetValue((channelType, channelName), out var list) ? list.ToArray() : [];
        }
    }

    /// <summary>Stops the server.</summary>
    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
    }

    private static void Append<T>(LinkedList<T> events, T item)
    {
        events.AddLast(item);
        if (events.Count > EventStoreCapacity)
        {
            events.RemoveFirst();
        }
    }

    private void StoreHistory(HistoryChannelType channelType, string channelName, IEnumerable<StoredHistoryMessage> messages)
    {
        if (!_history.TryGetValue((channelType, channelName), out var list))
        {
            list = [];
            _history[(channelType, channelName)] = list;
        }

        list.AddRange(messages);

        // Newest first, as the API walks backwards in time.
        list.Sort((a, b) => b.Timestamp.CompareTo(a.Timestamp));
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private string NextRequestId() => Interlocked.Increment(ref _requestCounter).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int FindFreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record LegacyQuery(string? Source, string? Destination, DateTimeOffset Start, DateTimeOffset End, int Offset, int Limit, bool Descending);
}
