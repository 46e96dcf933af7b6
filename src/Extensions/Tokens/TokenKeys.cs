namespace Agora.Signaling;

/// <summary>Checks the app ID and app certificate every token is built from or verified against.</summary>
internal static class TokenKeys
{
    public const int Length = 32;

    public static void Validate(string? appId, string? appCertificate, string appIdName = "appId", string certificateName = "appCertificate")
    {
        Hex32(appId, appIdName, "app ID");
        Hex32(appCertificate, certificateName, "app certificate");
    }

    public static void Hex32(string? value, string paramName, string what)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (value.Length != Length || !IsHex(value))
        {
            // The value itself is not repeated: an app certificate is a secret.
            throw new ArgumentException($"The {what} must be exactly {Length} hexadecimal characters.", paramName);
        }
    }

    public static bool IsHex(ReadOnlySpan<char> value)
    {
        foreach (char c in value)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
