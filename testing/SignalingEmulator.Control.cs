using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;
using WireMock;

namespace Agora.Signaling.Testing;

// The control surface (openapi/emulator-control.yaml): what the .NET methods do, over HTTP, so that a test
// written in any language can seed and inspect the emulator. It needs no credential, is never faulted and
// answers camelCase JSON, unlike the Agora API beside it.
public sealed partial class SignalingEmulator
{
    /// <summary>The first path segment of the control surface; no Agora path starts with an underscore.</summary>
    public const string ControlPrefix = "_emulator";

    private static readonly JsonSerializerSettings ControlSettings = new()
    {
        ContractResolver = new CamelCasePropertyNamesContractResolver(),
        Converters = { new Newtonsoft.Json.Converters.StringEnumConverter(new CamelCaseNamingStrategy()) },
    };

    /// <summary>Forgets every message, publish, event, stored history, online user, legacy query and pending fault.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _messages.Clear();
            _publishes.Clear();
            _userEvents.Clear();
            _channelEvents.Clear();
            _history.Clear();
            _onlineUsers.Clear();
            _legacyQueries.Clear();
            _scriptedFaults.Clear();
            _faultRandom = null;
            _randomFaults = [];
        }
    }

    private static bool IsControlPath(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/" + ControlPrefix, StringComparison.Ordinal);

    private ResponseMessage HandleControl(IRequestMessage request, string[] segments)
    {
        try
        {
            return (request.Method, segments) switch
            {
                ("GET", ["credentials"]) => Control(200, new
                {
                    Url = Endpoint.AbsoluteUri,
                    AppId,
                    CustomerId,
                    CustomerSecret,
                    AppCertificate,
                }),
                ("POST", ["user-events"]) => EnqueueUserEvents(request),
                ("POST", ["channel-events"]) => EnqueueChannelEvents(request),
                ("POST", ["history"]) => SeedHistory(request),
                ("GET", ["history"]) => ReadHistory(request),
                ("POST", ["online-users"]) => SetOnline(request),
                ("GET", ["messages"]) => ReadMessages(request),
                ("GET", ["publishes"]) => Control(200, new { Publishes }),
                ("POST", ["faults"]) => QueueFaults(request),
                ("POST", ["reset"]) => ResetAll(),
                _ => Control(404, new { Error = $"No control operation {request.Method} /{ControlPrefix}/{string.Join('/', segments)}; see openapi/emulator-control.yaml." }),
            };
        }
        catch (BadRequest bad)
        {
            return Control(400, new { Error = bad.Message });
        }
    }

    private ResponseMessage EnqueueUserEvents(IRequestMessage request) => Enqueue(request, "a user event", _userEvents, item => new UserEvent
    {
        UserId = ControlString(item, "userId"),
        Type = ControlString(item, "type"),
        Ms = ControlLong(item, "ms") ?? Now(),
    });

    private ResponseMessage EnqueueChannelEvents(IRequestMessage request) => Enqueue(request, "a channel event", _channelEvents, item => new ChannelEvent
    {
        GroupId = ControlString(item, "channelName"),
        UserId = ControlString(item, "userId"),
        Type = ControlString(item, "type"),
        Ms = ControlLong(item, "ms") ?? Now(),
    });

    private ResponseMessage Enqueue<T>(IRequestMessage request, string what, LinkedList<T> queue, Func<JObject, T> read)
    {
        // Every item is read before any is queued, so a malformed one leaves the queue as it was.
        var items = ControlItems(request, what).Select(read).ToList();
        lock (_gate)
        {
            items.ForEach(item => Append(queue, item));
            return Control(200, new { Queued = items.Count, Pending = queue.Count });
        }
    }

    private ResponseMessage SeedHistory(IRequestMessage request)
    {
        var body = ControlObject(request);
        var type = ControlChannelType(ControlString(body, "channelType"));
        string channel = ControlString(body, "channelName");
        if (body["messages"] is not JArray list)
        {
            throw new BadRequest("messages is required and must be an array");
        }

        var messages = list.Select(item => item as JObject ?? throw new BadRequest("each message must be an object")).Select(item => new StoredHistoryMessage(
            ControlString(item, "publisher"),
            ControlString(item, "message"),
            ControlLong(item, "timestamp") ?? Now(),
            item.Value<string>("messageType") ?? "STRING",
            item.Value<string>("customType") ?? string.Empty)).ToArray();
        SeedHistory(type, channel, messages);
        return Control(200, new { Stored = GetHistory(type, channel).Count });
    }

    private ResponseMessage ReadHistory(IRequestMessage request)
    {
        var type = ControlChannelType(QueryString(request, "channelType") ?? throw new BadRequest("channelType is required"));
        string channel = QueryString(request, "channelName") ?? throw new BadRequest("channelName is required");
        return Control(200, new { Messages = GetHistory(type, channel) });
    }

    private ResponseMessage SetOnline(IRequestMessage request)
    {
        var body = ControlObject(request);
        SetUserOnline(ControlString(body, "userId"), body["online"] is JValue { Type: JTokenType.Boolean } online ? (bool)online : true);
        return Control(204, null);
    }

    private ResponseMessage ReadMessages(IRequestMessage request)
    {
        var messages = QueryString(request, "kind") switch
        {
            null => Messages,
            "peer" => PeerMessages,
            "channel" => ChannelMessages,
            _ => throw new BadRequest("kind must be peer or channel"),
        };
        return Control(200, new { Messages = messages });
    }

    private ResponseMessage QueueFaults(IRequestMessage request)
    {
        var faults = ControlItems(request, "a fault").Select(ControlFault).ToArray();
        InjectFaults(faults);
        lock (_gate)
        {
            return Control(200, new { Queued = faults.Length, Pending = _scriptedFaults.Count });
        }
    }

    private ResponseMessage ResetAll()
    {
        Reset();
        return Control(204, null);
    }

    private static EmulatorFault ControlFault(JObject item)
    {
        bool? afterProcessing = item["afterProcessing"] is JValue { Type: JTokenType.Boolean } flag ? (bool)flag : null;
        return item.Value<string>("kind") switch
        {
            "status" => EmulatorFault.Status(
                (int)(ControlLong(item, "status") is long status and >= 400 and <= 599 ? status : throw new BadRequest("status must be from 400 to 599")),
                ControlLong(item, "retryAfterSeconds") is long seconds ? TimeSpan.FromSeconds(seconds) : null,
                afterProcessing ?? false),
            "slow" => EmulatorFault.Slow(TimeSpan.FromMilliseconds(
                ControlLong(item, "delayMs") is long delay and <= 600_000 ? delay : throw new BadRequest("delayMs is required, at most 600000"))),
            "drop" => EmulatorFault.DropConnection(afterProcessing ?? true),
            _ => throw new BadRequest("kind must be status, slow or drop"),
        };
    }

    private static HistoryChannelType ControlChannelType(string value) => value switch
    {
        "message" => HistoryChannelType.Message,
        "user" => HistoryChannelType.User,
        _ => throw new BadRequest("channelType must be message or user"),
    };

    private static JObject ControlObject(IRequestMessage request) =>
        ParseBody(request) as JObject ?? throw new BadRequest("The body must be a JSON object");

    // One item or an array of them, so that a single curl line can seed one event or a whole scenario.
    private static IEnumerable<JObject> ControlItems(IRequestMessage request, string what) => ParseBody(request) switch
    {
        JObject item => [item],
        JArray items => items.Select(item => item as JObject ?? throw new BadRequest($"each item must be {what} object")).ToList(),
        _ => throw new BadRequest($"The body must be {what} object or an array of them"),
    };

    private static string ControlString(JObject item, string name) =>
        item[name] is JValue { Type: JTokenType.String } value && ((string)value!).Length > 0 ? (string)value! : throw new BadRequest($"{name} is required and must be a non-empty string");

    private static long? ControlLong(JObject item, string name) => item[name] switch
    {
        null or JValue { Type: JTokenType.Null } => null,
        JValue { Type: JTokenType.Integer } value when (long)value >= 0 => (long)value,
        _ => throw new BadRequest($"{name} must be a non-negative integer"),
    };

    private static ResponseMessage Control(int status, object? body) => Json(status, body, ControlSettings);
}
