using System.Text;

namespace Agora.Signaling;

/// <summary>
/// The Agora Signaling service answered with an error: a non-success HTTP status, a 200 whose
/// <c>result</c> is <c>failed</c>, a history envelope whose <c>error</c> is true, or a body that cannot be read
/// or is larger than <see cref="SignalingClientOptions.MaxResponseBodySize"/>.
/// </summary>
/// <remarks>The message holds the operation, status, error code, reason and request ID; never a credential.</remarks>
public sealed class SignalingServiceException : SignalingException
{
    /// <summary>The most characters of the response body kept in <see cref="ResponseBody"/>.</summary>
    public const int MaxResponseBodyLength = 2048;

    /// <summary>Initializes a new instance of the <see cref="SignalingServiceException"/> class.</summary>
    /// <param name="operation">The operation that failed, such as <c>SendPeerMessage</c>.</param>
    /// <param name="status">The HTTP status code.</param>
    /// <param name="errorCode">Agora's error code, when the body has one.</param>
    /// <param name="reason">Agora's explanation, when the body has one.</param>
    /// <param name="requestId">The request ID from the body or the headers, when present.</param>
    /// <param name="responseBody">The response body; it is truncated to <see cref="MaxResponseBodyLength"/> characters.</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    /// <param name="attempts">The attempts made, in order, when known.</param>
    public SignalingServiceException(
        string operation,
        int status,
        string? errorCode = null,
        string? reason = null,
        string? requestId = null,
        string? responseBody = null,
        Exception? innerException = null,
        IReadOnlyList<SignalingAttempt>? attempts = null)
        : this(BuildMessage(operation, status, errorCode, reason, requestId) + SignalingAttempt.Describe(attempts ?? []), operation, status, errorCode, reason, requestId, responseBody, innerException, attempts)
    {
    }

    private SignalingServiceException(
        string message,
        string operation,
        int status,
        string? errorCode,
        string? reason,
        string? requestId,
        string? responseBody,
        Exception? innerException,
        IReadOnlyList<SignalingAttempt>? attempts)
        : base(message, operation, status, requestId, attempts, innerException)
    {
        ErrorCode = errorCode;
        Reason = reason;
        ResponseBody = Truncate(responseBody);
    }

    /// <summary>Gets Agora's error code (<c>code</c>, or <c>errorCode</c> of the history API), when present.</summary>
    public string? ErrorCode { get; }

    /// <summary>Gets Agora's explanation of the error (<c>reason</c> or <c>message</c>), when present.</summary>
    public string? Reason { get; }

    /// <summary>Gets the start of the response body, at most <see cref="MaxResponseBodyLength"/> characters.</summary>
    public string? ResponseBody { get; }

    internal static string BuildMessage(string operation, int status, string? errorCode, string? reason, string? requestId)
    {
        var text = new StringBuilder();
        text.Append(operation).Append(" failed: the service answered ").Append(status);
        if (StatusText(status) is { } statusText)
        {
            text.Append(" (").Append(statusText).Append(')');
        }

        text.Append('.');
        if (!string.IsNullOrEmpty(errorCode))
        {
            text.Append(" Error code: ").Append(Sanitize(errorCode)).Append('.');
        }

        if (!string.IsNullOrEmpty(reason))
        {
            // A reason that ends a sentence itself (most do, the service's and the SDK's) gets no second full stop.
            string sanitized = Sanitize(reason);
            text.Append(" Reason: ").Append(sanitized);
            if (!sanitized.EndsWith('.'))
            {
                text.Append('.');
            }
        }

        if (!string.IsNullOrEmpty(requestId))
        {
            text.Append(" Request ID: ").Append(Sanitize(requestId)).Append('.');
        }

        return text.ToString();
    }

    private static string? StatusText(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden or feature not enabled",
        404 => "Not Found",
        408 => "Request Timeout",
        410 => "Gone",
        415 => "Unsupported Media Type",
        429 => "Too Many Requests",
        435 => "Invalid payload",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => null,
    };

    // Service text goes into messages and logs: keep it on one line and bounded.
    private static string Sanitize(string value)
    {
        const int MaxLength = 256;
        string clean = SignalingLog.OneLine(value, MaxLength);
        return clean.Length < value.Length ? clean + "…" : clean;
    }

    private static string? Truncate(string? body) =>
        body is { Length: > MaxResponseBodyLength } ? body[..MaxResponseBodyLength] : body;
}
