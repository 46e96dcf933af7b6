using Microsoft.Extensions.Logging;

namespace Agora.Signaling;

/// <summary>
/// The SDK's log events, source-generated with stable event IDs. Only the operation, path template, host,
/// status, timings and request ID are logged: never another header value, an ID or a payload, so no secret
/// reaches the log; service text goes through <see cref="OneLine"/>, so no forged line does.
/// </summary>
internal static partial class SignalingLog
{
    // The C0 and C1 controls (CR, LF, NEL, ESC…), DEL, and the Unicode line and paragraph separators.
    private static readonly System.Buffers.SearchValues<char> LineBreaking = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c), .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c), '\u2028', '\u2029']);

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

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "{Operation}: the {Status} answer was not used: {Reason}")]
    public static partial void ResponseUnreadable(ILogger logger, string operation, int status, string reason);

    /// <summary>A host as logged: <see cref="Uri"/> lets the Unicode line separators through in host names.</summary>
    public static string Host(Uri endpoint) => OneLine(endpoint.Authority, 256);

    /// <summary>Keeps logged service text on one line and bounded; clean text comes back as is.</summary>
    public static string OneLine(string text, int max)
    {
        int length = SafeLength(text, max);
        if (text.AsSpan(0, length).IndexOfAny(LineBreaking) < 0)
        {
            return length == text.Length ? text : text[..length];
        }

        return string.Create(length, text, static (destination, source) =>
        {
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = BreaksLine(source[i]) ? ' ' : source[i];
            }
        });
    }

    /// <summary>Whether a character can break a line or drive a terminal; log viewers start lines at the Unicode separators too.</summary>
    public static bool BreaksLine(char c) => LineBreaking.Contains(c);

    /// <summary>The length of at most <paramref name="max"/> characters that does not cut a surrogate pair in half.</summary>
    public static int SafeLength(string text, int max) =>
        text.Length <= max ? text.Length : max > 0 && char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
}
