using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Agora.Signaling.Sample;

/// <summary>Maps <c>GET /users/events/recent</c>.</summary>
public static class RecentUserEventEndpoints
{
    /// <summary>Maps the endpoint that lists the user events pulled most recently.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The route builder.</returns>
    public static IEndpointRouteBuilder MapRecentUserEventEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/users/events/recent", (RecentUserEvents recent) => Results.Ok(recent.Snapshot()));
        return endpoints;
    }
}
