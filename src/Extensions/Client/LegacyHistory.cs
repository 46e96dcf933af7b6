namespace Agora.Signaling;

/// <summary>Constants of the RTM-era message history API.</summary>
internal static class LegacyHistory
{
    public const string DiagnosticId = "AGSIG001";

    public const string ObsoleteMessage =
        "The RTM-era message history API is documented only in 2020 pages and may no longer work; use GetMessageHistoryAsync.";

    /// <summary>The one time format the API accepts: UTC, whole seconds, a literal Z.</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";
}
