using System.CommandLine;
using System.Globalization;
using Agora.Signaling.Cli.Output;

namespace Agora.Signaling.Cli.Connection;

/// <summary>Combines the global options with their environment variables into <see cref="ConnectionSettings"/>.</summary>
internal static class ConnectionResolver
{
    private const string CredentialChoices =
        "--customer-id with --customer-secret, --token, --legacy-token with --uid, or --app-certificate (or their environment variables)";

    private static readonly char[] UrlListSeparators = [',', ';', ' ', '\t', '\n', '\r'];

    public static ConnectionSettings Resolve(ParseResult parse, GlobalOptions options, IReadOnlyDictionary<string, string?> environment, string? forcedEmulatorReason = null)
    {
        if (forcedEmulatorReason is not null)
        {
            return ConnectionSettings.Emulator(forcedEmulatorReason, null);
        }

        int? maxRetries = ReadMaxRetries(parse, options, environment);
        if (parse.GetResult(options.Emulator) is { Implicit: false })
        {
            return parse.GetValue(options.Emulator) is { } url
                ? ConnectionSettings.Emulator("--emulator was given", maxRetries, ParseUrl(url, options.Emulator.Name))
                : ConnectionSettings.Emulator("--emulator was given", maxRetries);
        }

        Setting? appId = Setting.Read(parse, options.AppId, environment, EnvironmentVariables.AppId);
        Setting? historyBaseUrl = Setting.Read(parse, options.HistoryBaseUrl, environment, EnvironmentVariables.HistoryBaseUrl);
        var credentials = new CredentialSettings(
            Setting.Read(parse, options.CustomerId, environment, EnvironmentVariables.CustomerId),
            Setting.Read(parse, options.CustomerSecret, environment, EnvironmentVariables.CustomerSecret),
            Setting.Read(parse, options.Token, environment, EnvironmentVariables.Token),
            Setting.Read(parse, options.LegacyToken, environment, EnvironmentVariables.LegacyToken),
            Setting.Read(parse, options.Uid, environment, EnvironmentVariables.Uid),
            Setting.Read(parse, options.AppCertificate, environment, EnvironmentVariables.AppCertificate));
        IReadOnlyList<string> baseUrls = ReadBaseUrls(parse, options, environment);

        // Trying the tool must not need an account; anything that looks like configuration turns this off,
        // so a half-configured real setup fails loudly instead of silently talking to the emulator.
        if (baseUrls.Count == 0 && appId is null && historyBaseUrl is null && !credentials.AnyGiven)
        {
            return ConnectionSettings.Emulator("no base URL, app ID, credentials or certificate were given", maxRetries);
        }

        var (credential, resolvedAppId) = ResolveCredential(credentials, appId);

        List<Uri> hosts = baseUrls.Count == 0
            ? [SignalingClientOptions.DefaultEndpoint]
            : baseUrls.Select(url => ParseUrl(url, options.BaseUrl.Name)).ToList();

        var clientOptions = new SignalingClientOptions
        {
            AppId = resolvedAppId,
            Endpoint = hosts[0],

            // One host keeps the SDK's default: Agora's documented alternates for Agora's own hosts, none for others.
            FailoverEndpoints = hosts.Count > 1 ? hosts.Skip(1).ToList() : null,
            Credential = credential,
        };

        // Unset, the 2.x API follows a custom --base-url, so a proxy or test server alone receives everything.
        if (historyBaseUrl is not null)
        {
            clientOptions.HistoryEndpoint = ParseUrl(historyBaseUrl.Value, options.HistoryBaseUrl.Name);
        }

        if (maxRetries is int retries)
        {
            clientOptions.Retry.MaxRetries = retries;
        }

        clientOptions.Validate();
        return new ConnectionSettings(clientOptions, hosts, null, maxRetries);
    }

    /// <summary>Reads <c>--max-retries</c> or its variable; the SDK checks the range when the client is made.</summary>
    private static int? ReadMaxRetries(ParseResult parse, GlobalOptions options, IReadOnlyDictionary<string, string?> environment)
    {
        if (parse.GetResult(options.MaxRetries) is { Implicit: false })
        {
            return parse.GetValue(options.MaxRetries);
        }

        if (!environment.TryGetValue(EnvironmentVariables.MaxRetries, out string? text) || string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new UsageException($"{EnvironmentVariables.MaxRetries} must be a whole number of retries (stands in for --max-retries); '{text.Trim()}' is not.");
    }

    private static (SignalingCredential Credential, string AppId) ResolveCredential(CredentialSettings given, Setting? appId)
    {
        // A token names its app: without --app-id the tool uses it, and with one the two must agree.
        string? resolvedAppId = appId?.Value;
        bool legacyWithoutUser = given.LegacyToken is not null && given.Uid is null;
        if (given.Kinds().Count == 1 && !legacyWithoutUser && (given.Token ?? given.LegacyToken) is { } token)
        {
            var expected = given.Token is null ? SignalingTokenVersion.AccessToken : SignalingTokenVersion.AccessToken2;
            resolvedAppId = CheckAppId(token, ParseToken(token, expected), appId);
        }

        // The SDK decides which settings make one credential (the rule SignalingClientOptions applies everywhere);
        // the tool only says it in terms of its own options.
        var settings = new SignalingClientOptions
        {
            AppId = resolvedAppId!,
            CustomerId = given.CustomerId?.Value,
            CustomerSecret = given.CustomerSecret?.Value,
            AccessToken2 = given.Token?.Value,
            LegacyAccessToken = given.LegacyToken?.Value,
            LegacyAccessTokenUserId = given.Uid?.Value,
            AppCertificate = given.AppCertificate?.Value,
        };
        SignalingCredential credential;
        try
        {
            credential = settings.ResolveCredential();
        }
        catch (ArgumentException exception)
        {
            throw new UsageException(Explain(exception, given, appId));
        }

        if (string.IsNullOrWhiteSpace(resolvedAppId))
        {
            throw new UsageException(Missing([$"--app-id (or the {EnvironmentVariables.AppId} environment variable)"]));
        }

        return (credential, resolvedAppId);
    }

    /// <summary>Says why the SDK refused the credential settings, naming the options and variables that gave them.</summary>
    private static string Explain(ArgumentException refused, CredentialSettings given, Setting? appId)
    {
        if (given.Uid is not null && given.LegacyToken is null)
        {
            return $"{given.Uid.Source} names the user of a legacy token: give it with --legacy-token (or the {EnvironmentVariables.LegacyToken} environment variable), or leave it out.";
        }

        var kinds = given.Kinds();
        switch (refused.ParamName)
        {
            case nameof(SignalingClientOptions.Credential) when kinds.Count > 1:
                return $"Give one kind of credential, not several: {string.Join(" and ", kinds)} were given. Use {CredentialChoices}.";
            case nameof(SignalingClientOptions.Credential):
            case nameof(SignalingClientOptions.CustomerId) or nameof(SignalingClientOptions.CustomerSecret):
                var missing = new List<string>();
                AddIfMissing(missing, appId, "--app-id", EnvironmentVariables.AppId);
                if (kinds.Count == 0)
                {
                    missing.Add($"a credential: {CredentialChoices}");
                }
                else
                {
                    AddIfMissing(missing, given.CustomerId, "--customer-id", EnvironmentVariables.CustomerId);
                    AddIfMissing(missing, given.CustomerSecret, "--customer-secret", EnvironmentVariables.CustomerSecret);
                }

                return Missing(missing);
            case nameof(SignalingClientOptions.LegacyAccessTokenUserId):
                return $"{given.LegacyToken!.Source} needs --uid (or the {EnvironmentVariables.Uid} environment variable): the user the token was built for, sent as x-agora-uid.";
            case nameof(SignalingClientOptions.AppId) when given.AppCertificate is not null:
                return $"{given.AppCertificate.Source} needs --app-id (or the {EnvironmentVariables.AppId} environment variable): tokens are minted for that app.";
        }

        // A value the credential itself refuses (a token with a space inside, an empty user): name where it came from.
        Setting? source = refused.ParamName switch
        {
            "customerId" => given.CustomerId,
            "customerSecret" => given.CustomerSecret,
            "userId" => given.Uid,
            "appId" or nameof(SignalingClientOptions.AppId) => appId,
            _ => given.Token ?? given.LegacyToken ?? given.AppCertificate,
        };
        return source is null
            ? $"Invalid credential: {ErrorReporter.PlainMessage(refused)}"
            : $"Invalid {source.Source}: {ErrorReporter.PlainMessage(refused)}";
    }

    private static string Missing(IEnumerable<string> missing) =>
        $"Missing {string.Join(", ", missing)}. Give every connection setting, or none of them (and no --base-url) to use the embedded emulator.";

    private static SignalingToken ParseToken(Setting token, SignalingTokenVersion expected)
    {
        SignalingToken parsed;
        try
        {
            parsed = SignalingToken.Parse(token.Value);
        }
        catch (SignalingTokenFormatException exception)
        {
            // The SDK's message says what is wrong without repeating the token.
            throw new UsageException($"{token.Source} is not a well-formed token: {exception.Message}");
        }

        if (parsed.Version != expected)
        {
            throw new UsageException(expected == SignalingTokenVersion.AccessToken2
                ? $"{token.Source} takes an AccessToken2 (007…); give a legacy AccessToken (006…) with --legacy-token and --uid."
                : $"{token.Source} takes a legacy AccessToken (006…); give an AccessToken2 (007…) with --token.");
        }

        return parsed;
    }

    /// <summary>Returns the app ID to use: the one given, or the token's when none is.</summary>
    private static string CheckAppId(Setting token, SignalingToken parsed, Setting? appId)
    {
        if (appId is null)
        {
            return parsed.AppId;
        }

        // Letter case is left for the service to judge; a different app ID can only be refused.
        if (!string.Equals(appId.Value, parsed.AppId, StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"{token.Source} was built for app ID {parsed.AppId}, not for {appId.Value} given by {appId.Source}. Nothing was sent.");
        }

        return appId.Value;
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

    private static void AddIfMissing(List<string> missing, Setting? value, string option, string variable)
    {
        if (value is null || string.IsNullOrWhiteSpace(value.Value))
        {
            missing.Add($"{option} (or the {variable} environment variable)");
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

    /// <summary>The credential settings given, each with where it came from.</summary>
    private sealed record CredentialSettings(Setting? CustomerId, Setting? CustomerSecret, Setting? Token, Setting? LegacyToken, Setting? Uid, Setting? AppCertificate)
    {
        public bool AnyGiven => CustomerId is not null || CustomerSecret is not null || Token is not null || LegacyToken is not null || Uid is not null || AppCertificate is not null;

        /// <summary>Describes each kind of credential given, such as "a token (--token)".</summary>
        public List<string> Kinds()
        {
            var kinds = new List<string>();
            if (CustomerId is not null || CustomerSecret is not null)
            {
                kinds.Add($"a customer ID and secret ({string.Join(", ", new[] { CustomerId, CustomerSecret }.OfType<Setting>().Select(s => s.Source))})");
            }

            if (Token is not null)
            {
                kinds.Add($"an AccessToken2 ({Token.Source})");
            }

            if (LegacyToken is not null)
            {
                kinds.Add($"a legacy token ({LegacyToken.Source})");
            }

            if (AppCertificate is not null)
            {
                kinds.Add($"an app certificate ({AppCertificate.Source})");
            }

            return kinds;
        }
    }
}
