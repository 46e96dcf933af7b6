using Microsoft.Extensions.Logging;

namespace Agora.Signaling.Redis;

/// <summary>
/// The coordination's log events, source-generated with stable event IDs. Redis's own messages are not logged: they
/// can name endpoints and settings, so only the kind of failure is.
/// </summary>
internal static partial class RedisCoordinationLog
{
    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Redis did not answer ({Failure}): limits are taken from this instance's own quota until it does, and tried again every {RetryMs:0} ms")]
    public static partial void RedisLost(ILogger logger, string failure, double retryMs);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Redis answers again after {OutageMs:0} ms: limits are shared by the fleet again")]
    public static partial void RedisResumed(ILogger logger, double outageMs);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Debug, Message = "Redis still does not answer ({Failure})")]
    public static partial void RedisStillLost(ILogger logger, string failure);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "This instance now pulls the {Stream} of its app (pull lease taken)")]
    public static partial void LeaseTaken(ILogger logger, string stream);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "This instance lost the pull lease on the {Stream} of its app; it waits to take it again")]
    public static partial void LeaseLost(ILogger logger, string stream);

    /// <summary>What failed, without the exception's text.</summary>
    public static string Failure(Exception exception) => exception is TimeoutException ? "timed out" : exception.GetType().Name;
}
