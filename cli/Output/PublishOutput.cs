namespace Agora.Signaling.Cli.Output;

/// <summary>The JSON form of a <see cref="PublishResponse"/>.</summary>
internal sealed record PublishOutput(string? RequestId, int? ErrorCode, string? Operation, long? Timestamp)
{
    public static PublishOutput From(PublishResponse response) =>
        new(response.RequestId, response.ErrorCode, response.Operation, response.Timestamp);
}
