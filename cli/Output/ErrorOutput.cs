namespace Agora.Signaling.Cli.Output;

/// <summary>The JSON form of a failure: <c>{"error":{...}}</c>.</summary>
internal sealed record ErrorOutput(ErrorDetailsOutput Error);
