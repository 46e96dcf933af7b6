namespace Agora.Signaling.Cli.Output;

/// <summary>The JSON form of a <see cref="SendMessageResponse"/>.</summary>
internal sealed record SendOutput(string? RequestId, string? Code, string Status, string? Result)
{
    public static SendOutput From(SendMessageResponse response) =>
        new(response.RequestId, response.Code, response.Status.ToString().ToLowerInvariant(), response.Result);
}
