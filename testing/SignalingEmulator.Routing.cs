using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WireMock;
using WireMock.Types;
using WireMock.Util;

namespace Agora.Signaling.Testing;

// Request dispatch: the emulator's side of openapi/signaling.yaml, written independently of the
// SDK's own validation so that a mistake in one shows up against the other.
public sealed partial class SignalingEmulator
{
    private const int MaxPayloadBytes = 32 * 1024;
    private const string LegacyTimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";
    private const string RawTargetHeader = "X-Emulator-Raw-Target";

    private static readonly JsonSerializerSettings WireSettings = new() { NullValueHandling = NullValueHandling.Ignore };

    // \z, not $: in .NET, $ also matches before a final line feed, which would let "user\n" through.
    [GeneratedRegex(@"^[A-Za-z0-9 !#$%&()+\-:;<=.>?@\[\]^_{}|~,']{1,64}\z")]
    private static partial Regex MessagingIdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9 !#$%&()+\-:;<=.>?@\[\]^_{}|~]{1,64}\z")]
    private static partial Regex HistoryIdPattern();

    private ResponseMessage Handle(IRequestMessage request)
    {
        string[] segments = PathSegments(request);
        if (segments is [ControlPrefix, .. var control])
        {
            return HandleControl(request, control);
        }

        // The 2.x API (history, publish) answers in its own camelCase envelope and lists no legacy token.
        bool isRtm2 = segments is ["rtm", "v2", ..];

        try
        {
            string? sender = segments switch
            {
                ["dev", "v2", "project", _, "rtm", "users", var pathUser, _] => pathUser,
                ["rtm", "v2", "publish", _, "userId", var publisher, ..] => publisher,
                _ => null,
            };
            if (Authenticate(request, sender, legacyTokenAllowed: !isRtm2) is string refusal)
            {
                return isRtm2 ? HistoryError(401, refusal) : DevError(401, refusal);
            }

            if (RefuseOverQuota(segments, isRtm2) is { } overQuota)
            {
                return overQuota;
            }

            return (request.Method, segments) switch
            {
                ("POST", ["dev", "v2", "project", var app, "rtm", "users", var user, "peer_messages"]) => WithApp(app, () => SendPeer(user, request)),
                ("POST", ["dev", "v2", "project", var app, "rtm", "users", var user, "channel_messages"]) => WithApp(app, () => SendChannel(user, request)),
                ("GET", ["dev", "v2", "project", var app, "rtm", "vendor", "user_events"]) => WithApp(app, PullUserEvents),
                ("GET", ["dev", "v2", "project", var app, "rtm", "vendor", "channel_events"]) => WithApp(app, PullChannelEvents),
                ("POST", ["dev", "v2", "project", var app, "rtm", "message", "history", "query"]) => WithApp(app, () => CreateLegacyQuery(request)),
                ("GET", ["dev", "v2", "project", var app, "rtm", "message", "history", "query", var handle]) => WithApp(app, () => GetLegacyQuery(handle)),
                ("GET", ["dev", "v2", "project", var app, "rtm", "message", "history", "count"]) => WithApp(app, () => CountLegacy(request)),
                ("GET", ["rtm", "v2", "history", var app, "userId", var user, "channelType", var type, "channel", var channel]) =>
                    app == AppId ? GetHistory(user, type, channel, request) : HistoryError(403, "Unauthorized or feature not enabled"),
                ("POST", ["rtm", "v2", "publish", var app, "userId", var user, "channelType", var type, "channel", var channel]) =>
                    app == AppId ? Publish(user, type, channel, request) : HistoryError(403, "Unauthorized or feature not enabled"),
                _ => isRtm2 ? HistoryError(404, "Not found") : DevError(404, "No such operation"),
            };
        }
        catch (BadRequest bad)
        {
            return isRtm2 ? HistoryError(400, bad.Message) : DevError(400, bad.Message);
        }
    }

    // WireMock's decoded Path turns '+' into a space, and its Url is Kestrel's decoded path re-encoded, which
    // leaves an escape-like "%41" in an ID (sent as "%2541") to be decoded a second time. The raw target,
    // decoded once per segment, gives back exactly what the client sent.
    private static string[] PathSegments(IRequestMessage request)
    {
        string target = Header(request, RawTargetHeader) is { Length: > 0 } rawTarget
            ? rawTarget
            : request.Url[request.Url.IndexOf('/', request.Url.IndexOf("//", StringComparison.Ordinal) + 2)..];
        int queryStart = target.IndexOf('?');
        string path = queryStart < 0 ? target : target[..queryStart];
        return path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
    }

    private ResponseMessage WithApp(string appId, Func<ResponseMessage> handler) =>
        appId == AppId ? handler() : DevError(401, "Unknown app ID");

    private ResponseMessage SendPeer(string fromUser, IRequestMessage request)
    {
        CheckPathId(fromUser, "user_id");
        var body = ReadBody(request);
        string destination = RequiredString(body, "destination");
        CheckId(destination, "destination", MessagingIdPattern());
        string payload = Payload(body);
        bool waitForAck = QueryFlag(request, "wait_for_ack");
        bool history = OptionalFlag(body, "enable_historical_messaging");
        bool offline = OptionalFlag(body, "enable_offline_messaging");

        string requestId = NextRequestId();
        string code;
        lock (_gate)
        {
            long now = Now();
            _messages.Add(new RecordedMessage(RecordedMessageKind.Peer, fromUser, destination, payload, waitForAck, history, offline, requestId, now));
            if (history)
            {
                StoreHistory(HistoryChannelType.User, destination, [new StoredHistoryMessage(fromUser, payload, now)]);
            }

            code = !waitForAck ? "message_sent" : _onlineUsers.Contains(destination) ? "message_delivered" : "message_offline";
        }

        var response = code == "message_offline"
            ? new SendMessageResponse { RequestId = requestId, Code = code }
            : new SendMessageResponse { Result = "success", RequestId = requestId, Code = code };
        return Json(200, response);
    }

    private ResponseMessage SendChannel(string fromUser, IRequestMessage request)
    {
        CheckPathId(fromUser, "user_id");
        var body = ReadBody(request);
        string channel = RequiredString(body, "channel_name");
        CheckId(channel, "channel_name", MessagingIdPattern());
        string payload = Payload(body);
        bool history = OptionalFlag(body, "enable_historical_messaging");

        string requestId = NextRequestId();
        lock (_gate)
        {
            long now = Now();
            _messages.Add(new RecordedMessage(RecordedMessageKind.Channel, fromUser, channel, payload, false, history, false, requestId, now));
            if (history)
            {
                StoreHistory(HistoryChannelType.Message, channel, [new StoredHistoryMessage(fromUser, payload, now)]);
            }
        }

        return Json(200, new SendMessageResponse { Result = "success", RequestId = requestId, Code = "message_sent" });
    }

    private ResponseMessage PullUserEvents()
    {
        List<UserEvent> events;
        lock (_gate)
        {
            events = Drain(_userEvents);
        }

        return Json(200, new UserEventsResponse { Result = "success", RequestId = NextRequestId(), Events = events });
    }

    private ResponseMessage PullChannelEvents()
    {
        List<ChannelEvent> events;
        lock (_gate)
        {
            events = Drain(_channelEvents);
        }

        return Json(200, new ChannelEventsResponse { Result = "success", RequestId = NextRequestId(), Events = events });
    }

    private static List<T> Drain<T>(LinkedList<T> queue)
    {
        var batch = new List<T>(Math.Min(queue.Count, MaxEventsPerPull));
        while (batch.Count < MaxEventsPerPull && queue.First is { } first)
        {
            batch.Add(first.Value);
            queue.RemoveFirst();
        }

        return batch;
    }

    private ResponseMessage GetHistory(string userId, string channelType, string channelName, IRequestMessage request)
    {
        CheckId(userId, "userId", HistoryIdPattern());
        CheckId(channelName, "channelName", HistoryIdPattern());
        var type = channelType switch
        {
            "message" => HistoryChannelType.Message,
            "user" => HistoryChannelType.User,
            _ => throw new BadRequest("channelType must be message or user"),
        };
        long start = QueryLong(request, "start", 0, 0, long.MaxValue);
        long end = QueryLong(request, "end", 0, 0, long.MaxValue);
        int count = (int)QueryLong(request, "messageCount", 100, 1, 100);

        List<HistoryMessage> page;
        long newStart;
        lock (_gate)
        {
            var candidates = _history.TryGetValue((type, channelName), out var list)
                ? list.Where(m => (start == 0 || m.Timestamp < start) && (end == 0 || m.Timestamp >= end)).ToList()
                : [];
            page = candidates.Take(count).Select(m => new HistoryMessage
            {
                MessageType = m.MessageType,
                Message = m.Message,
                CustomType = m.CustomType,
                Publisher = m.Publisher,
                Timestamp = m.Timestamp,
            }).ToList();
            newStart = candidates.Count > count ? page[^1].Timestamp ?? 0 : 0;
        }

        return Json(200, new MessageHistoryResponse
        {
            ErrorCode = 200,
            Error = false,
            RequestId = NextRequestId(),
            Operation = "getMessage",
            Reason = string.Empty,
            Timestamp = Now(),
            Data = new MessageHistoryPage { MessageList = page, Count = page.Count, NewStart = newStart },
        });
    }

    private ResponseMessage CreateLegacyQuery(IRequestMessage request)
    {
        var body = ReadBody(request);
        if (body["filter"] is not JObject filter)
        {
            throw new BadRequest("filter is required");
        }

        var (source, destination, start, end) = LegacyFilter(
            filter.Value<string>("source"), filter.Value<string>("destination"), filter.Value<string>("start_time"), filter.Value<string>("end_time"));
        int offset = body.Value<int?>("offset") ?? 0;
        int limit = body.Value<int?>("limit") ?? 20;
        if (limit is not (20 or 50 or 100) || offset < 0)
        {
            throw new BadRequest("limit must be 20, 50 or 100 and offset not negative");
        }

        string order = body.Value<string>("order") ?? "asc";
        if (order is not ("asc" or "desc"))
        {
            throw new BadRequest("order must be asc or desc");
        }

        string handle;
        lock (_gate)
        {
            handle = (100000000000 + _legacyQueries.Count + 1).ToString(CultureInfo.InvariantCulture);
            _legacyQueries[handle] = new LegacyQuery(source, destination, start, end, offset, limit, order == "desc");
        }

        return Json(200, new HistoryQueryCreatedResponse
        {
            Result = "success",
            Offset = offset,
            Limit = limit,
            Order = order,
            Location = "~/rtm/message/history/query/" + handle,
        });
    }

    private ResponseMessage GetLegacyQuery(string handle)
    {
        List<LegacyHistoryMessage> found;
        lock (_gate)
        {
            if (!_legacyQueries.TryGetValue(handle, out var query))
            {
                return DevError(410, "The query resource expired or does not exist");
            }

            var matches = MatchLegacy(query.Source, query.Destination, query.Start, query.End);
            if (query.Descending)
            {
                matches.Reverse();
            }

            found = matches.Skip(query.Offset).Take(query.Limit).Select(m => new LegacyHistoryMessage
            {
                Src = m.FromUserId,
                Dst = m.Destination,
                MessageType = m.Kind == RecordedMessageKind.Peer ? "peer_message" : "channel_message",
                Payload = m.Payload,
                Ms = m.ReceivedAt,
            }).ToList();
        }

        return Json(200, new HistoryQueryResultResponse { Result = "success", Code = "ok", Messages = found });
    }

    private ResponseMessage CountLegacy(IRequestMessage request)
    {
        var (source, destination, start, end) = LegacyFilter(
            Unquoted(QueryString(request, "source")), Unquoted(QueryString(request, "destination")), QueryString(request, "start_time"), QueryString(request, "end_time"));
        long count;
        lock (_gate)
        {
            count = MatchLegacy(source, destination, start, end).Count;
        }

        return Json(200, new HistoryCountResponse { Result = "success", Code = "ok", Count = count });
    }

    // The documented count example writes source="src": a double quote is in no ID's character set, so quotes around
    // a value are read as the example's quoting, not as part of the ID.
    private static string? Unquoted(string? value) =>
        value is { Length: >= 2 } && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;

    // Only messages sent with enable_historical_messaging are kept, as the RTM-era pages say.
    private List<RecordedMessage> MatchLegacy(string? source, string? destination, DateTimeOffset start, DateTimeOffset end) =>
        _messages.Where(m => m.EnableHistoricalMessaging
                && (source is null || m.FromUserId == source)
                && (destination is null || m.Destination == destination)
                && m.ReceivedAt >= start.ToUnixTimeMilliseconds()
                && m.ReceivedAt <= end.ToUnixTimeMilliseconds())
            .ToList();

    private static (string? Source, string? Destination, DateTimeOffset Start, DateTimeOffset End) LegacyFilter(string? source, string? destination, string? start, string? end)
    {
        if (source is null && destination is null)
        {
            throw new BadRequest("source or destination is required");
        }

        if (source is not null)
        {
            CheckId(source, "source", MessagingIdPattern());
        }

        if (destination is not null)
        {
            CheckId(destination, "destination", MessagingIdPattern());
        }

        return (source, destination, LegacyTime(start, "start_time"), LegacyTime(end, "end_time"));
    }

    private static DateTimeOffset LegacyTime(string? value, string name) =>
        DateTimeOffset.TryParseExact(value, LegacyTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new BadRequest($"{name} must be formatted yyyy-MM-ddTHH:mm:ssZ");

    // Members the API does not know are ignored: Agora documents no refusal of them, so refusing one here would let
    // a consumer's tests fail where production works. Known members of the wrong type are still refused.
    private static JObject ReadBody(IRequestMessage request) =>
        ParseBody(request) as JObject ?? throw new BadRequest("The body must be a JSON object");

    private static JToken ParseBody(IRequestMessage request)
    {
        try
        {
            // DateParseHandling.None: a date-like string must reach the store exactly as sent.
            using var reader = new JsonTextReader(new StringReader(request.Body ?? string.Empty)) { DateParseHandling = DateParseHandling.None };
            return JToken.Load(reader);
        }
        catch (JsonException)
        {
            throw new BadRequest("The body must be JSON");
        }
    }

    private static string RequiredString(JObject body, string name) =>
        body[name] is JValue { Type: JTokenType.String } value ? (string)value! : throw new BadRequest($"{name} is required and must be a string");

    private static bool OptionalFlag(JObject body, string name) => body[name] switch
    {
        null => false,
        JValue { Type: JTokenType.Boolean } value => (bool)value,
        _ => throw new BadRequest($"{name} must be a boolean"),
    };

    private static string Payload(JObject body)
    {
        string payload = RequiredString(body, "payload");
        if (payload.Length == 0 || System.Text.Encoding.UTF8.GetByteCount(payload) > MaxPayloadBytes)
        {
            throw new BadRequest("payload must be 1 to 32768 bytes");
        }

        return payload;
    }

    private static void CheckPathId(string value, string name)
    {
        CheckId(value, name, MessagingIdPattern());
        if (value.StartsWith(' ') || value.EndsWith(' '))
        {
            throw new BadRequest($"{name} must not start or end with a space");
        }
    }

    private static void CheckId(string value, string name, Regex pattern)
    {
        if (!pattern.IsMatch(value))
        {
            throw new BadRequest($"{name} is not a valid ID");
        }
    }

    private static string? QueryString(IRequestMessage request, string name) =>
        request.Query is not null && request.Query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    // The docs type the flag as a boolean and write "true"; clients send booleans in other spellings too (Python's
    // requests sends True and False), so any case of true/false and 1/0 is read.
    private static bool QueryFlag(IRequestMessage request, string name) => QueryString(request, name) switch
    {
        null => false,
        "1" => true,
        "0" => false,
        { } text when text.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
        { } text when text.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
        _ => throw new BadRequest($"{name} must be true or false"),
    };

    private static long QueryLong(IRequestMessage request, string name, long fallback, long min, long max)
    {
        string? text = QueryString(request, name);
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) && value >= min && value <= max
            ? value
            : throw new BadRequest($"{name} must be an integer from {min} to {max}");
    }

    private ResponseMessage DevError(int status, string reason) => Json(status, DevErrorBody(reason));

    private ResponseMessage HistoryError(int status, string reason) => Json(status, HistoryErrorBody(status, reason));

    // The /dev/v2/project error envelope; the SDK's own model of it is internal, as it is wire format only.
    private JObject DevErrorBody(string reason) => new() { ["result"] = "failed", ["request_id"] = NextRequestId(), ["reason"] = reason };

    private MessageHistoryResponse HistoryErrorBody(int status, string reason) => new()
    {
        ErrorCode = status,
        Error = true,
        RequestId = NextRequestId(),
        Operation = "history",
        Reason = reason,
        Data = null,
    };

    private static ResponseMessage Json(int status, object? body, JsonSerializerSettings? settings = null)
    {
        var response = new ResponseMessage { StatusCode = status };
        if (body is not null)
        {
            response.BodyData = new BodyData
            {
                BodyAsString = JsonConvert.SerializeObject(body, settings ?? WireSettings),
                DetectedBodyType = BodyType.String,
                Encoding = System.Text.Encoding.UTF8,
            };
            response.AddHeader("Content-Type", "application/json; charset=utf-8");
        }

        return response;
    }

    private sealed class BadRequest(string message) : Exception(message);
}
