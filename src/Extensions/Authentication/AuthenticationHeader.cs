namespace Agora.Signaling;

/// <summary>
/// Sets the authentication headers through <see cref="System.Net.Http.Headers.HttpHeaders.Add(string, string?)"/>, which
/// validates the value: tokens and user IDs come from configuration or a provider, and a value that carried CR or LF
/// would split the request.
/// </summary>
internal static class AuthenticationHeader
{
    /// <summary>Replaces the header, so a retried attempt carries one value.</summary>
    public static void Replace(HttpRequestMessage request, string name, string value)
    {
        request.Headers.Remove(name);
        try
        {
            request.Headers.Add(name, value);
        }
        catch (FormatException)
        {
            // The runtime's message repeats the value, a credential, so it is not kept.
            throw new CredentialFailure($"The {name} header cannot carry the credential's value; nothing was sent.");
        }
    }
}
