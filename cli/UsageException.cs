namespace Agora.Signaling.Cli;

/// <summary>The command line or environment cannot be used as given; reported with exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
