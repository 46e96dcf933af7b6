using Agora.Signaling.Cli;
using Agora.Signaling.Testing;

namespace Agora.Signaling.Tests.Cli;

/// <summary>Runs the tool in-process with captured output and a fake environment.</summary>
internal static class CliHost
{
    public static readonly IReadOnlyDictionary<string, string?> EmptyEnvironment = new Dictionary<string, string?>();

    public static async Task<CliResult> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await CliApp.RunAsync(args.ToArray(), stdout, stderr, environment ?? EmptyEnvironment, cancellationToken);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The global options that point the tool at <paramref name="emulator"/>.</summary>
    public static string[] ConnectionArgs(SignalingEmulator emulator, string? customerSecret = null) =>
    [
        "--base-url", emulator.Endpoint.AbsoluteUri,
        "--history-base-url", emulator.HistoryEndpoint.AbsoluteUri,
        "--app-id", emulator.AppId,
        "--customer-id", emulator.CustomerId,
        "--customer-secret", customerSecret ?? emulator.CustomerSecret,
    ];

    /// <summary>The global options that point the tool at a scripted loopback server, with a customer ID and secret and no retries.</summary>
    public static string[] LoopbackArgs(Hardening.LoopbackServer server) =>
    [
        "--base-url", server.Endpoint.AbsoluteUri,
        "--history-base-url", server.Endpoint.AbsoluteUri,
        "--app-id", Hardening.LoopbackServer.AppId,
        "--customer-id", "hostile-customer",
        "--customer-secret", "hostile-secret-0123456789",
        "--max-retries", "0",
    ];

    /// <summary>The global options that point the tool at <paramref name="emulator"/>'s hosts and app, without a credential.</summary>
    public static string[] EndpointArgs(SignalingEmulator emulator) =>
    [
        "--base-url", emulator.Endpoint.AbsoluteUri,
        "--history-base-url", emulator.HistoryEndpoint.AbsoluteUri,
        "--app-id", emulator.AppId,
    ];

    /// <summary>An AccessToken2 for <paramref name="userId"/> that <paramref name="emulator"/> accepts (or, with another certificate, refuses).</summary>
    public static string AccessToken2(SignalingEmulator emulator, string userId, string? appCertificate = null) =>
        SignalingTokenBuilder.BuildAccessToken2(emulator.AppId, appCertificate ?? emulator.AppCertificate, userId, TimeSpan.FromHours(1));

    /// <summary>A legacy AccessToken (006) for <paramref name="userId"/> that <paramref name="emulator"/> accepts (or, with another certificate, refuses).</summary>
    public static string LegacyToken(SignalingEmulator emulator, string userId, string? appCertificate = null) =>
        SignalingTokenBuilder.BuildLegacyAccessToken(emulator.AppId, appCertificate ?? emulator.AppCertificate, userId, TimeSpan.FromHours(1));

    /// <summary>The environment variables that point the tool at <paramref name="emulator"/>.</summary>
    public static Dictionary<string, string?> ConnectionEnvironment(SignalingEmulator emulator) => new()
    {
        ["AGORA_BASE_URL"] = emulator.Endpoint.AbsoluteUri,
        ["AGORA_HISTORY_BASE_URL"] = emulator.HistoryEndpoint.AbsoluteUri,
        ["AGORA_APP_ID"] = emulator.AppId,
        ["AGORA_CUSTOMER_ID"] = emulator.CustomerId,
        ["AGORA_CUSTOMER_SECRET"] = emulator.CustomerSecret,
    };

    /// <summary>A loopback URL on which nothing listens: the port was bound and released again.</summary>
    public static string ClosedLoopbackUrl() => SignalingEmulator.UnreachableEndpoint().ToString();
}
