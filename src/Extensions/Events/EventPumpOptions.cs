namespace Agora.Signaling;

/// <summary>How <see cref="SignalingEventPump"/> drains events.</summary>
public sealed class EventPumpOptions
{
    /// <summary>
    /// Gets or sets a value indicating whether to keep pulling after the store is empty, until cancelled.
    /// When false (the default) the pump stops once it has caught up: at the first empty pull, or after a pull whose
    /// events all happened after the drain began (on a busy app the store is never empty).
    /// </summary>
    public bool Follow { get; set; }

    /// <summary>Gets or sets the most pulls the pump makes, following or not; no bound unless set.</summary>
    public int? MaxPulls { get; set; }

    /// <summary>Gets or sets how long to wait after an empty pull before pulling again when following; one second unless set.</summary>
    public TimeSpan IdleDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the clock the idle wait runs on; the system clock unless set.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
