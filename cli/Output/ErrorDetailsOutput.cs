namespace Agora.Signaling.Cli.Output;

/// <summary>What went wrong, as JSON.</summary>
/// <param name="Kind">usage, invalid_input, service, unreachable, cancelled or unexpected; it matches the exit code.</param>
/// <param name="Status">The HTTP status, for service errors.</param>
/// <param name="Code">Agora's error code, for service errors that carry one.</param>
/// <param name="Reason">Agora's explanation, for service errors that carry one.</param>
/// <param name="RequestId">The request ID to quote to Agora support, when there is one.</param>
/// <param name="Message">The same message as on stderr.</param>
internal sealed record ErrorDetailsOutput(string Kind, int? Status, string? Code, string? Reason, string? RequestId, string Message);
