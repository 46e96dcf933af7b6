namespace Agora.Signaling.Cli.Commands;

/// <summary>One pull of events, whatever their kind, so user and channel events share one command implementation.</summary>
internal sealed record EventBatch<TEvent>(string? Result, string? RequestId, IReadOnlyList<TEvent> Events);
