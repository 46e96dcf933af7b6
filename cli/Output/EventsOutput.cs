namespace Agora.Signaling.Cli.Output;

/// <summary>The JSON form of one pull of user or channel events.</summary>
internal sealed record EventsOutput<TEvent>(string? Result, string? RequestId, IReadOnlyList<TEvent> Events);
