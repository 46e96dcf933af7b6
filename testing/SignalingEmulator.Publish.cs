using Newtonsoft.Json;
using WireMock;

namespace Agora.Signaling.Testing;

// Signaling 2.x publish: recorded, kept in history when asked, answered in the 2.x envelope.
public sealed partial class SignalingEmulator
{
    private const int MaxCustomTypeLength = 32;

    private readonly List<RecordedPublish> _publishes = [];

    /// <summary>Gets every 2.x publish received, in order.</summary>
    public IReadOnlyList<RecordedPublish> Publishes
    {
        get
        {
            lock (_gate)
            {
                return _publishes.ToArray();
            }
        }
    }

    private ResponseMessage Publish(string publisher, string channelType, string channelName, IRequestMessage request)
    {
        CheckPathId(publisher, "userId");
        CheckPathId(channelName, "channelName");
        var type = channelType switch
        {
            "message" => PublishChannelType.Message,
            "user" => PublishChannelType.User,
            _ => throw new BadRequest("channelType must be message or user"),
        };
        bool store = QueryFlag(request, "storeInHistory");
        string? customType = QueryString(request, "customType");
        if (customType is { Length: 0 or > MaxCustomTypeLength })
        {
            throw new BadRequest($"customType must be 1 to {MaxCustomTypeLength} characters");
        }

        string message = request.Body ?? string.Empty;
        if (message.Length == 0 || System.Text.Encoding.UTF8.GetByteCount(message) > MaxPayloadBytes)
        {
            throw new BadRequest("The message must be 1 to 32768 bytes");
        }

        if (!IsJson(message))
        {
            // The 2.x error table: 415, the body is not JSON.
            return HistoryError(415, "Unsupported media type: the body must be JSON");
        }

        string requestId = NextRequestId();
        lock (_gate)
        {
            long now = Now();
            _publishes.Add(new RecordedPublish(publisher, type, channelName, message, store, customType, requestId, now));
            if (store)
            {
                var historyType = type == PublishChannelType.User ? HistoryChannelType.User : HistoryChannelType.Message;
                StoreHistory(historyType, channelName, [new StoredHistoryMessage(publisher, message, now, CustomType: customType ?? string.Empty)]);
            }
        }

        return Json(200, new PublishResponse
        {
            ErrorCode = 200,
            Error = false,
            RequestId = requestId,
            Operation = "publish",
            Reason = string.Empty,
            Timestamp = Now(),
        });
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
            reader.Read();
            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
