namespace Agora.Signaling;

/// <summary>
/// Carries the user a request is made as from the client, through the generated code, to the
/// authentication handler: set around the call, copied into the request's options by the NSwag hook.
/// </summary>
internal static class RequestUser
{
    public static readonly HttpRequestOptionsKey<string> Key = new("Agora.Signaling.UserId");

    private static readonly AsyncLocal<string?> Ambient = new();

    public static string? Current => Ambient.Value;

    public static Scope Use(string? userId)
    {
        string? previous = Ambient.Value;
        Ambient.Value = userId;
        return new Scope(previous);
    }

    public static void CopyTo(HttpRequestMessage request)
    {
        if (Ambient.Value is string userId)
        {
            request.Options.Set(Key, userId);
        }
    }

    public static string? Of(HttpRequestMessage request) => request.Options.TryGetValue(Key, out string? userId) ? userId : null;

    public readonly struct Scope(string? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
