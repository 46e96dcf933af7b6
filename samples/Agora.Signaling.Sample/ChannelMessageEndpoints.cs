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
        catch (SignalingOutcomeUnknownException ex)
        {
            // Agora may have delivered it: the caller must check before sending it again.
            return Results.Problem(
                title: "Agora Signaling may or may not have delivered the message.",
                detail: $"The outcome is unknown (status {ex.Status}); request {ex.RequestId ?? "unknown"}. Check before sending it again.",
                statusCode: StatusCodes.Status504GatewayTimeout);
        }
        catch (SignalingException ex)
        {
            // Agora's raw body may echo what was sent; the status, code and request ID are enough to raise it with Agora.
            string code = (ex as SignalingServiceException)?.ErrorCode ?? "no code";
            return Results.Problem(
                title: "Agora Signaling refused the message, or could not be reached.",
                detail: $"{ex.GetType().Name}: status {ex.Status} ({code}); request {ex.RequestId ?? "unknown"}.",
                statusCode: StatusCodes.Status502BadGateway);
        }
    }
}
