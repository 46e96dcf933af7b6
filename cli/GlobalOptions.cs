using System.CommandLine;

namespace Agora.Signaling.Cli;

/// <summary>
/// The options shared by the commands: every one is accepted before the command name, and after it by the commands
/// that read it (<see cref="For"/>), so a command's --help lists only what it uses.
/// </summary>
internal sealed class GlobalOptions
{
    public Option<string?> AppId { get; } = new("--app-id")
    {
        Description = $"The Agora app ID. [env: {EnvironmentVariables.AppId}]",
        HelpName = "id",
    };

    public Option<string[]> BaseUrl { get; } = new("--base-url")
    {
        Description = "Base URL of the messaging, events and legacy history APIs. Repeat it to list failover hosts: the first is the endpoint, " +
            "the others are tried in order when it fails (Agora's order: the first host is retried once, then each next one), " +
            $"so failover needs retries (see --max-retries). Default: {SignalingClientOptions.DefaultEndpoint} when a credential is given, " +
            $"with Agora's documented failover hosts. [env: {EnvironmentVariables.BaseUrl}, comma-separated]",
        HelpName = "url",
    };

    public Option<string?> HistoryBaseUrl { get; } = new("--history-base-url")
    {
        Description = $"Base URL of the Signaling 2.x API (history, publish). Default: the first --base-url when that is not an Agora host, else {SignalingClientOptions.DefaultHistoryEndpoint}. [env: {EnvironmentVariables.HistoryBaseUrl}]",
        HelpName = "url",
    };

    public Option<string?> CustomerId { get; } = new("--customer-id")
    {
        Description = $"The customer ID (RESTful API key) from Agora Console. [env: {EnvironmentVariables.CustomerId}]",
        HelpName = "id",
    };

    // No default value factory: System.CommandLine would print the default in --help.
    public Option<string?> CustomerSecret { get; } = new("--customer-secret")
    {
        Description = $"The customer secret from Agora Console; never printed. Prefer the environment variable, which stays out of the shell history. [env: {EnvironmentVariables.CustomerSecret}]",
        HelpName = "secret",
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "An AccessToken2 (007…) with a Signaling (RTM) service, sent as 'Authorization: agora token=…'; messages can then only be sent as its user. " +
            $"Its app ID is used when --app-id is not given. Never printed. [env: {EnvironmentVariables.Token}]",
        HelpName = "token",
    };

    public Option<string?> LegacyToken { get; } = new("--legacy-token")
    {
        Description = "A legacy AccessToken (006…), sent as x-agora-token with --uid as x-agora-uid; messages can then only be sent as that user. " +
            $"Never printed. [env: {EnvironmentVariables.LegacyToken}]",
        HelpName = "token",
    };

    public Option<string?> Uid { get; } = new("--uid")
    {
        Description = $"The user the --legacy-token was built for. 'token inspect' verifies a 006 token for this user. [env: {EnvironmentVariables.Uid}]",
        HelpName = "user",
    };

    public Option<string?> AppCertificate { get; } = new("--app-certificate")
    {
        Description = "The app certificate (32 hexadecimal characters): with --app-id, an AccessToken2 is minted for each request's user, so any user may send; " +
            $"'token build' signs with it and 'token inspect' verifies against it. Never printed. [env: {EnvironmentVariables.AppCertificate}]",
        HelpName = "certificate",
    };

    public Option<int?> MaxRetries { get; } = new("--max-retries")
    {
        Description = "How many times a failed request is retried (0 to 10; default 3), with a backoff of about 1 s, 2 s, 4 s…; " +
            $"retries are what move to the failover hosts. A message is resent only when the service cannot have processed it. [env: {EnvironmentVariables.MaxRetries}]",
        HelpName = "n",
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write machine-readable JSON to stdout, one object per line.",
    };

    public Option<string?> Emulator { get; } = new("--emulator")
    {
        Description = "Run against an emulator, ignoring the other connection settings. Alone, it starts an embedded emulator for this one command " +
            "(also what happens when no connection setting is given at all); with a URL, it uses the emulator running there " +
            "('agora-signaling emulator'), reading its app ID and credentials from its control surface, so state persists between commands.",
        HelpName = "url",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public IEnumerable<Option> All => [AppId, BaseUrl, HistoryBaseUrl, CustomerId, CustomerSecret, Token, LegacyToken, Uid, AppCertificate, MaxRetries, Json, Emulator];

    /// <summary>The shared options a command reads; a command not named here connects, and reads them all.</summary>
    /// <param name="command">The top-level command's name.</param>
    public IEnumerable<Option> For(string command) => command switch
    {
        "token" => [AppId, AppCertificate, Uid, Json],
        "emulator" => [AppId, CustomerId, CustomerSecret, AppCertificate, Json],
        "demo" => [Json],
        _ => All,
    };

    /// <summary>The options whose values are secrets, masked in everything the tool writes.</summary>
    public IEnumerable<Option<string?>> Secrets => [CustomerSecret, Token, LegacyToken, AppCertificate];
}
