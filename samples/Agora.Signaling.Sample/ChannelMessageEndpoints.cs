using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Agora.Signaling.Sample;

/// <summary>Maps <c>POST /channels/{channel}/messages</c>.</summary>
public static class ChannelMessageEndpoints
{
    /// <summary>Maps the endpoint that sends a channel message.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The route builder.</returns>
    public static IEndpointRouteBuilder MapChannelMessageEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/channels/{channel}/messages", SendAsync);
        return endpoints;
    }

    private static async Task<IResult> SendAsync(string channel, SendChannelMessageBody body, ISignalingClient client, CancellationToken cancellationToken)
    {
        try
        {
            var sent = await client.SendChannelMessageAsync(body.From!, channel, body.Payload!, options: null, cancellationToken);
            return Results.Accepted(value: new ChannelMessageAccepted(sent.RequestId, sent.Status.ToString()));
        }
        catch (ArgumentException ex)
        {
            // The SDK validates before sending, so its message names the caller's mistake and nothing reached Agora.
            return Results.Problem(title: "The message was refused before sending.", detail: ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        catch (SignalingServiceException ex)
        {
            // Agora's raw body may echo what was sent; the code and request ID are enough to raise it with Agora.
            return Results.Problem(
                title: "Agora Signaling refused or lost the message.",
                detail: $"Agora answered {ex.Status} ({ex.ErrorCode ?? "no code"}); request {ex.RequestId ?? "unknown"}.",
                statusCode: StatusCodes.Status502BadGateway);
        }
    }
}
