namespace Agora.Signaling.Cli.Output;

/// <summary>The JSON form of a demo run: one field per operation.</summary>
internal sealed record DemoOutput(
    SendOutput SendPeer,
    SendOutput SendChannel,
    PublishOutput Publish,
    EventsOutput<UserEventOutput> UserEvents,
    EventsOutput<ChannelEventOutput> ChannelEvents,
    HistoryOutput History,
    LegacyHistoryQueryOutput LegacyHistoryQuery,
    LegacyHistoryCountOutput LegacyHistoryCount);
