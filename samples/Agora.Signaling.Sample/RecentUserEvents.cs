using Microsoft.Extensions.Options;

namespace Agora.Signaling.Sample;

/// <summary>The last user events pulled, oldest first, shared by the pump that fills it and the endpoint that shows it.</summary>
public sealed class RecentUserEvents
{
    private readonly object _gate = new();
    private readonly Queue<RecentUserEvent> _events = new();
    private readonly int _capacity;

    /// <summary>Initializes a new instance of the <see cref="RecentUserEvents"/> class.</summary>
    /// <param name="options">How many events to keep.</param>
    public RecentUserEvents(IOptions<RecentUserEventsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _capacity = options.Value.Capacity;
    }

    /// <summary>Adds a batch of pulled events, dropping the oldest beyond the capacity.</summary>
    /// <param name="batch">The events, in the order pulled.</param>
    public void Add(IEnumerable<UserEvent> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (_gate)
        {
            foreach (var userEvent in batch)
            {
                _events.Enqueue(RecentUserEvent.From(userEvent));
                if (_events.Count > _capacity)
                {
                    _events.Dequeue();
                }
            }
        }
    }

    /// <summary>Gets a copy of the events kept, oldest first.</summary>
    /// <returns>The snapshot.</returns>
    public IReadOnlyList<RecentUserEvent> Snapshot()
    {
        lock (_gate)
        {
            return _events.ToArray();
        }
    }
}
