namespace Agora.Signaling.Cli;

/// <summary>The environment variables that stand in for global options that are not given.</summary>
public static class EnvironmentVariables
{
    /// <summary>Stands in for <c>--app-id</c>.</summary>
    public const string AppId = "AGORA_APP_ID";

    /// <summary>Stands in for <c>--base-url</c>; several hosts are separated by commas.</summary>
    public const string BaseUrl = "AGORA_BASE_URL";

    /// <summary>Stands in for <c>--history-base-url</c>.</summary>
    public const string HistoryBaseUrl = "AGORA_HISTORY_BASE_URL";

    /// <summary>Stands in for <c>--customer-id</c>.</summary>
    public const string CustomerId = "AGORA_CUSTOMER_ID";

    /// <summary>Stands in for <c>--customer-secret</c>.</summary>
    public const string CustomerSecret = "AGORA_CUSTOMER_SECRET";

    /// <summary>Stands in for <c>--token</c>.</summary>
    public const string Token = "AGORA_TOKEN";

    /// <summary>Stands in for <c>--legacy-token</c>.</summary>
    public const string LegacyToken = "AGORA_LEGACY_TOKEN";

    /// <summary>Stands in for <c>--uid</c>.</summary>
    public const string Uid = "AGORA_UID";

    /// <summary>Stands in for <c>--app-certificate</c>.</summary>
    public const string AppCertificate = "AGORA_APP_CERTIFICATE";

    /// <summary>Stands in for <c>--max-retries</c>.</summary>
    public const string MaxRetries = "AGORA_MAX_RETRIES";

    /// <summary>The port of <c>agora-signaling emulator</c>, when <c>--port</c> is not given.</summary>
    public const string EmulatorPort = "AGORA_EMULATOR_PORT";

    /// <summary>The app ID <c>agora-signaling emulator</c> serves, when <c>--app-id</c> is not given.</summary>
    /// <remarks>The emulator has variables of its own: a shell set up for a real app must not make it print real secrets.</remarks>
    public const string EmulatorAppId = "AGORA_EMULATOR_APP_ID";

    /// <summary>The customer ID <c>agora-signaling emulator</c> accepts, when <c>--customer-id</c> is not given.</summary>
    public const string EmulatorCustomerId = "AGORA_EMULATOR_CUSTOMER_ID";

    /// <summary>The customer secret <c>agora-signaling emulator</c> accepts, when <c>--customer-secret</c> is not given.</summary>
    public const string EmulatorCustomerSecret = "AGORA_EMULATOR_CUSTOMER_SECRET";

    /// <summary>The app certificate <c>agora-signaling emulator</c> verifies tokens with, when <c>--app-certificate</c> is not given.</summary>
    public const string EmulatorAppCertificate = "AGORA_EMULATOR_APP_CERTIFICATE";

    /// <summary>The variables whose values are secrets, masked in everything the tool writes.</summary>
    internal static IEnumerable<string> Secrets => [CustomerSecret, Token, LegacyToken, AppCertificate];
}
