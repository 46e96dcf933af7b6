using Microsoft.Extensions.Logging;

namespace Agora.Signaling;

/// <summary>
/// The SDK's log events, source-generated with stable event IDs. Only the operation, path template, host,
/// status, timings and request ID are logged: never a header value, an ID or a payload, so neither a secret
/// nor a forged line can reach the log.
/// </summary>
internal static partial class SignalingLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "{Operation} {Method} {PathTemplate}: attempt {Attempt} to {Host}")]
    public static partial void AttemptStarted(ILogger logger, string operation, string method, string pathTemplate, int attempt, string host);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "{Operation} {Method} {PathTemplate}: {Status} in {ElapsedMs:0.0} ms (attempt {Attempt}, host {Host}, request ID {RequestId})")]
    public static partial void AttemptAnswered(ILogger logger, string operation, string method, string pathTemplate, int status, double elapsedMs, int attempt, string host, string? requestId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "{Operation} {Method} {PathTemplate}: no answer ({Failure}) after {ElapsedMs:0.0} ms (attempt {Attempt}, host {Host})")]
    public static partial void AttemptFailed(ILogger logger, string operation, string method, string pathTemplate, string failure, double elapsedMs, int attempt, string host);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "{Operation}: retrying in {DelayMs:0} ms after {Outcome} (retry {Retry})")]
    public static partial void Retrying(ILogger logger, string operation, double delayMs, string outcome, int retry);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "{Operation}: failing over from {FromHost} to {ToHost}")]
    public static partial void FailingOver(ILogger logger, string operation, string fromHost, string toHost);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "{Operation}: waited {WaitMs:0} ms for the client-side rate limit")]
    public static partial void RateLimited(ILogger logger, string operation, double waitMs);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Debug, Message = "{Operation}: response body ({Length} characters): {Body}")]
    public static partial void ResponseBody(ILogger logger, string operation, int length, string body);

    /// <summary>The documented path of each operation, logged instead of the real path so IDs never reach logs.</summary>
    public static string PathTemplate(string operation) => operation switch
    {
        "SendPeerMessage" => "/dev/v2/project/{appid}/rtm/users/{user_id}/peer_messages",
        "SendChannelMessage" => "/dev/v2/project/{appid}/rtm/users/{user_id}/channel_messages",
        "GetUserEvents" => "/dev/v2/project/{appid}/rtm/vendor/user_events",
        "GetChannelEvents" => "/dev/v2/project/{appid}/rtm/vendor/channel_events",
        "GetMessageHistory" => "/rtm/v2/history/{appId}/userId/{userId}/channelType/{channelType}/channel/{channelName}",
        "CreateHistoryQuery" => "/dev/v2/project/{appid}/rtm/message/history/query",
        "GetHistoryQueryResult" => "/dev/v2/project/{appid}/rtm/message/history/query/{handle}",
        "GetHistoryCount" => "/dev/v2/project/{appid}/rtm/message/history/count",
        _ => "(unknown)",
    };

    /// <summary>Keeps logged service text on one line and bounded.</summary>
    public static string OneLine(string text, int max)
    {
        var span = text.Length > max ? text.AsSpan(0, max) : text.AsSpan();
        return string.Create(span.Length, text, static (destination, source) =>
        {
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
    }
}
