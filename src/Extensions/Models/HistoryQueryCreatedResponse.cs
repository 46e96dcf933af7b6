using Newtonsoft.Json;

namespace Agora.Signaling;

public partial class HistoryQueryCreatedResponse
{
    /// <summary>Gets the query handle: the last segment of <see cref="Location"/>, or <see langword="null"/> when there is none.</summary>
    [JsonIgnore]
    public string? Handle
    {
        get
        {
            string? location = Location?.TrimEnd('/');
            if (string.IsNullOrEmpty(location))
            {
                return null;
            }

            string handle = location[(location.LastIndexOf('/') + 1)..];
            return handle.Length == 0 ? null : handle;
        }
    }
}
