namespace Agora.Signaling;

/// <summary>Leniency for string codes whose spelling has varied between documentation generations.</summary>
internal static class WireValues
{
    /// <summary>Lower-cases and turns spaces into underscores, so "Message Sent" reads as "message_sent".</summary>
    public static string? Normalize(string? value) =>
        value?.Trim().Replace(' ', '_').ToLowerInvariant();

    /// <summary>Drops <c>null</c> entries a service might send in a list, so callers never meet one; the list itself when it has none.</summary>
    public static IList<T>? WithoutNulls<T>(IList<T>? items)
        where T : class =>
        items is null || !items.Contains(null!) ? items : items.Where(item => item is not null).ToList();
}
