namespace Agora.Signaling.Sample;

/// <summary>How many user events <see cref="RecentUserEvents"/> keeps.</summary>
public sealed class RecentUserEventsOptions
{
    /// <summary>Gets or sets the most events kept; older ones are dropped first. 100 unless set.</summary>
    public int Capacity { get; set; } = 100;
}
