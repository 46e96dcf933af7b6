using System.CommandLine;

namespace Agora.Signaling.Cli;

/// <summary>The options every command accepts, before or after the command name.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> AppId { get; } = new("--app-id")
    {
        Description = $"The Agora app ID. [env: {EnvironmentVariables.AppId}]",
        HelpName = "id",
        Recursive = true,
    };

    public Option<string[]> BaseUrl { get; } = new("--base-url")
    {
        Description = $"Base URL of the messaging, events and legacy history APIs; repeat it to give an ordered list of hosts. " +
            $"For now only the first host is used: failover to the others comes in a later version. " +
            $"Default: {SignalingClientOptions.DefaultEndpoint} when credentials are given. [env: {EnvironmentVariables.BaseUrl}, comma-separated]",
        HelpName = "url",
        Recursive = true,
    };

    public Option<string?> HistoryBaseUrl { get; } = new("--history-base-url")
    {
        Description = $"Base URL of the Signaling 2.x message history API. Default: {SignalingClientOptions.DefaultHistoryEndpoint}. [env: {EnvironmentVariables.HistoryBaseUrl}]",
        HelpName = "url",
        Recursive = true,
    };

    public Option<string?> CustomerId { get; } = new("--customer-id")
    {
        Description = $"The customer ID (RESTful API key) from Agora Console. [env: {EnvironmentVariables.CustomerId}]",
        HelpName = "id",
        Recursive = true,
    };

    // No default value factory: System.CommandLine would print the default in --help.
    public Option<string?> CustomerSecret { get; } = new("--customer-secret")
    {
        Description = $"The customer secret from Agora Console; never printed. Prefer the environment variable, which stays out of the shell history. [env: {EnvironmentVariables.CustomerSecret}]",
        HelpName = "secret",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write machine-readable JSON to stdout, one object per line.",
        Recursive = true,
    };

    public Option<bool> Emulator { get; } = new("--emulator")
    {
        Description = "Run against the embedded emulator, ignoring the connection settings. " +
            "This is also what happens when no connection setting (URL, app ID, customer ID or secret) is given at all.",
        Recursive = true,
    };

    public IEnumerable<Option> All => [AppId, BaseUrl, HistoryBaseUrl, CustomerId, CustomerSecret, Json, Emulator];
}
