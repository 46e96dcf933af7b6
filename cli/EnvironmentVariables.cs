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
}
