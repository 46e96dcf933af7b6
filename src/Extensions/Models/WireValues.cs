namespace Agora.Signaling;

/// <summary>Leniency for string codes whose spelling has varied between documentation generations.</summary>
internal static class WireValues
{
    /// <summary>Lower-cases and turns spaces into underscores, so "Message Sent" reads as "message_sent".</summary>
    public static string? Normalize(string? value) =>
        value?.Trim().Replace(' ', '_').ToLowerInvariant();
}
