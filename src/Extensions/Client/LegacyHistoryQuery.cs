using System.Globalization;

namespace Agora.Signaling;

/// <summary>
/// Selects messages of the RTM-era message history API: by sender, receiver or both, within a time range.
/// </summary>
public sealed class LegacyHistoryQuery
{
    /// <summary>Gets or sets the sending user ID.</summary>
    public string? Source { get; set; }

    /// <summary>Gets or sets the receiving user ID or channel name.</summary>
    public string? Destination { get; set; }

    /// <summary>Gets or sets the start of the time range; sent in UTC, whole seconds.</summary>
    public DateTimeOffset StartTime { get; set; }

    /// <summary>Gets or sets the end of the time range; sent in UTC, whole seconds.</summary>
    public DateTimeOffset EndTime { get; set; }

    /// <summary>Gets or sets the offset within the time range.</summary>
    public int? Offset { get; set; }

    /// <summary>Gets or sets the page size: 20, 50 or 100.</summary>
    public int? Limit { get; set; }

    /// <summary>Gets or sets the order; Agora's pages disagree on the default.</summary>
    public HistoryQueryOrder? Order { get; set; }

    internal void Validate(string paramName)
    {
        if (Source is null && Destination is null)
        {
            throw new ArgumentException("Set Source, Destination or both: the service rejects a query with neither.", paramName);
        }

        if (Source is not null)
        {
            SignalingValidation.MessagingId(Source, paramName + "." + nameof(Source));
        }

        if (Destination is not null)
        {
            SignalingValidation.MessagingId(Destination, paramName + "." + nameof(Destination));
        }

        if (EndTime < StartTime)
        {
            throw new ArgumentException("EndTime must not be earlier than StartTime.", paramName + "." + nameof(EndTime));
        }

        if (Offset is < 0)
        {
            throw new ArgumentOutOfRangeException(paramName + "." + nameof(Offset), Offset, "The offset must not be negative.");
        }

        if (Limit is not null and not (20 or 50 or 100))
        {
            throw new ArgumentOutOfRangeException(paramName + "." + nameof(Limit), Limit, "The limit must be 20, 50 or 100.");
        }
    }

    internal static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString(LegacyHistory.TimeFormat, CultureInfo.InvariantCulture);

    internal HistoryQueryRequest ToRequest() => new()
    {
        Filter = new HistoryQueryFilter
        {
            Source = Source,
            Destination = Destination,
            StartTime = FormatTime(StartTime),
            EndTime = FormatTime(EndTime),
        },
        Offset = Offset,
        Limit = Limit,
        Order = Order,
    };
}
