namespace Agora.Signaling;

/// <summary>
/// Everything the SDK's layers know about one operation of the contract. The instances are generated from
/// <c>openapi/signaling.yaml</c> as <see cref="SignalingOperations"/>; nothing else describes an operation.
/// </summary>
/// <param name="Name">The contract's operation ID, used in errors, logs, metrics and traces.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathTemplate">The documented path, logged instead of the real one so that IDs never reach a log.</param>
/// <param name="Kind">What a retry may assume about it.</param>
/// <param name="RateLimit">The quota it counts against.</param>
/// <param name="Hosts">The hosts that serve it.</param>
internal sealed record SignalingOperation(string Name, HttpMethod Method, string PathTemplate, RequestKind Kind, RateLimitBucket RateLimit, HostFamily Hosts)
{
    /// <inheritdoc />
    public override string ToString() => Name;
}
