using System.CommandLine;

namespace Agora.Signaling.Cli.Connection;

/// <summary>Combines the global options with their environment variables into <see cref="ConnectionSettings"/>.</summary>
internal static class ConnectionResolver
{
    private static readonly char[] UrlListSeparators = [',', ';', ' ', '\t', '\n', '\r'];

    public static ConnectionSettings Resolve(ParseResult parse, GlobalOptions options, IReadOnlyDictionary<string, string?> environment, string? forcedEmulatorReason = null)
    {
        if (forcedEmulatorReason is not null)
        {
            return ConnectionSettings.Emulator(forcedEmulatorReason);
        }

        if (parse.GetValue(options.Emulator))
        {
            return ConnectionSettings.Emulator("--emulator was given");
        }

        string? appId = Read(parse, options.AppId, environment, EnvironmentVariables.AppId);
        string? historyBaseUrl = Read(parse, options.HistoryBaseUrl, environment, EnvironmentVariables.HistoryBaseUrl);
        string? customerId = Read(parse, options.CustomerId, environment, EnvironmentVariables.CustomerId);
        string? customerSecret = Read(parse, options.CustomerSecret, environment, EnvironmentVariables.CustomerSecret);
        IReadOnlyList<string> baseUrls = ReadBaseUrls(parse, options, environment);

        // Trying the tool must not need an account; anything that looks like configuration turns this off,
        // so a half-configured real setup fails loudly instead of silently talking to the emulator.
        if (baseUrls.Count == 0 && appId is null && historyBaseUrl is null && customerId is null && customerSecret is null)
        {
            return ConnectionSettings.Emulator("no base URL, app ID or credentials were given");
        }

        var missing = new List<string>();
        AddIfMissing(missing, appId, options.AppId, EnvironmentVariables.AppId);
        AddIfMissing(missing, customerId, options.CustomerId, EnvironmentVariables.CustomerId);
        AddIfMissing(missing, customerSecret, options.CustomerSecret, EnvironmentVariables.CustomerSecret);
        if (missing.Count > 0)
        {
            throw new UsageException(
                $"Missing {string.Join(", ", missing)}. Give every connection setting, or none of them (and no --base-url) to use the embedded emulator.");
        }

        List<Uri> hosts = baseUrls.Count == 0
            ? [SignalingClientOptions.DefaultEndpoint]
            : baseUrls.Select(url => ParseUrl(url, options.BaseUrl.Name)).ToList();

        var clientOptions = new SignalingClientOptions
        {
            AppId = appId!,
            Endpoint = hosts[0],
            HistoryEndpoint = historyBaseUrl is null ? SignalingClientOptions.DefaultHistoryEndpoint : ParseUrl(historyBaseUrl, options.HistoryBaseUrl.Name),
            Credential = new BasicCredential(customerId!, customerSecret!),
        };
        clientOptions.Validate();
        return new ConnectionSettings(clientOptions, hosts, null);
    }

    private static string? Read(ParseResult parse, Option<string?> option, IReadOnlyDictionary<string, string?> environment, string variable)
    {
        // An option given on the command line wins even when empty, so that an empty value is reported rather than replaced.
        if (parse.GetResult(option) is { Implicit: false })
        {
            return parse.GetValue(option);
        }

        return environment.TryGetValue(variable, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
    }

    private static IReadOnlyList<string> ReadBaseUrls(ParseResult parse, GlobalOptions options, IReadOnlyDictionary<string, string?> environment)
    {
        string[] given = parse.GetValue(options.BaseUrl) ?? [];
        if (given.Length > 0)
        {
            return given;
        }

        return environment.TryGetValue(EnvironmentVariables.BaseUrl, out string? value) && value is not null
            ? value.Split(UrlListSeparators, StringSplitOptions.RemoveEmptyEntries)
            : [];
    }

    private static void AddIfMissing(List<string> missing, string? value, Option option, string variable)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            missing.Add($"{option.Name} (or the {variable} environment variable)");
        }
    }

    private static Uri ParseUrl(string text, string optionName)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out Uri? url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            return url;
        }

        // A URL may carry user information, so it is echoed only when it plainly carries none.
        string shown = text.Contains('@', StringComparison.Ordinal) ? "the value given" : $"'{text}'";
        throw new UsageException($"{optionName} must be an absolute http or https URL; {shown} is not.");
    }
}
