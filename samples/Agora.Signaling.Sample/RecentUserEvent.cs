namespace Agora.Signaling.Sample;

/// <summary>A user event as <c>GET /users/events/recent</c> shows it.</summary>
/// <param name="UserId">The user who logged in or out.</param>
/// <param name="Type">The event type exactly as Agora sent it.</param>
/// <param name="Kind">The SDK's reading of the type: <c>Login</c>, <c>Logout</c> or <c>Unknown</c>.</param>
/// <param name="Ms">When it happened, in Unix epoch milliseconds.</param>
public sealed record RecentUserEvent(string? UserId, string? Type, string Kind, long? Ms)
{
    /// <summary>Copies the fields worth showing from an SDK event.</summary>
    /// <param name="userEvent">The pulled event.</param>
    /// <returns>The event to keep.</returns>
    public static RecentUserEvent From(UserEvent userEvent)
    {
        ArgumentNullException.ThrowIfNull(userEvent);
        return new(userEvent.UserId, userEvent.Type, userEvent.Kind.ToString(), userEvent.Ms);
    }
}
