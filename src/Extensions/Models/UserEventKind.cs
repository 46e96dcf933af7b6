namespace Agora.Signaling;

/// <summary>The kind of a user event.</summary>
public enum UserEventKind
{
    /// <summary>A type this SDK does not know; read <see cref="UserEvent.Type"/>.</summary>
    Unknown = 0,

    /// <summary>The user logged in (<c>Login</c>).</summary>
    Login,

    /// <summary>The user logged out (<c>Logout</c>).</summary>
    Logout,
}
