namespace Agora.Signaling;

/// <summary>
/// The service answered, but its body cannot be used: larger than <see cref="SignalingClientOptions.MaxResponseBodySize"/>,
/// or not decodable. Thrown inside the attempt so the retry policy sees it for what it is (an answer, never resent),
/// and turned into a <see cref="SignalingServiceException"/> by the client; it never leaves the SDK.
/// </summary>
internal sealed class UnreadableResponseException(int status, string? requestId, string reason, Exception? innerException = null)
    : Exception(reason, innerException)
{
    public int Status { get; } = status;

    public string? RequestId { get; } = requestId;

    public string Reason => Message;

    public static UnreadableResponseException TooLarge(int status, string? requestId, long limit, Exception? innerException = null) =>
        new(status, requestId, $"The response body is larger than MaxResponseBodySize ({limit.ToString(System.Globalization.CultureInfo.InvariantCulture)} bytes).", innerException);
}
