using System.Collections;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using Agora.Signaling.Testing;
using Agora.Signaling.Tests.Cli;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Agora.Signaling.Tests.Hardening;

/// <summary>
/// Drives every error path within reach with distinctive credentials, gathers everything a developer or an operator
/// could see (exception text and properties, every log record with its state and scopes, every activity of the SDK,
/// what credentials and options show in a debugger, the tool's output), and checks no credential appears in it.
/// </summary>
public sealed class SecretLeakTests : IDisposable
{
    private const string CustomerId = "leak-test-customer";
    private const string CustomerSecret = "Wombat-CustomerSecret-7Qz9x";
    private const string AppCertificate = "5ec2e7c0ffee5ec2e7c0ffee5ec2e7c0";
    private const string OtherCertificate = "0123456789abcdef0123456789abcdef";
    private const string MalformedCertificate = "Wombat-NotHex-Certificate-0000x";
    private const string OtherAppId = "abcdefabcdefabcdefabcdefabcdef01";
    private const string TokenUser = "alice";

    private readonly SignalingEmulator _emulator = SignalingEmulator.Start(new SignalingEmulatorOptions
    {
        CustomerId = CustomerId,
        CustomerSecret = CustomerSecret,
        AppCertificate = AppCertificate,
    });

    private static readonly int FailingPort = Client.Infrastructure.WireMockHost.FreePort();

    private readonly WireMockServer _failing = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FailingPort}"], StartAdminInterface = false });
    private readonly Evidence _evidence = new();
    private readonly string _token007;
    private readonly string _token006;
    private readonly string _expired007;
    private readonly string _expired006;
    private readonly string _otherApp007;

    public SecretLeakTests()
    {
        string appId = _emulator.AppId;
        _token007 = SignalingTokenBuilder.BuildAccessToken2(appId, AppCertificate, TokenUser, TimeSpan.FromHours(1));
        _token006 = SignalingTokenBuilder.BuildLegacyAccessToken(appId, AppCertificate, TokenUser, TimeSpan.FromHours(1));
        _expired007 = SignalingTokenBuilder.BuildAccessToken2(appId, AppCertificate, TokenUser, TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow.AddHours(-2), 7);
        _expired006 = SignalingTokenBuilder.BuildLegacyAccessToken(appId, AppCertificate, TokenUser, TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow.AddDays(-2), 7);
        _otherApp007 = SignalingTokenBuilder.BuildAccessToken2(OtherAppId, AppCertificate, TokenUser, TimeSpan.FromHours(1));
    }

    private string AppId => _emulator.AppId;

    private Uri FailingEndpoint => new($"http://127.0.0.1:{FailingPort}/");

    /// <summary>Each way to give each kind of credential: as option values and as credential objects.</summary>
    private IEnumerable<(string Name, Action<SignalingClientOptions> Apply)> Credentials =>
    [
        ("customer secret option", o => { o.CustomerId = CustomerId; o.CustomerSecret = CustomerSecret; }),
        ("BasicCredential", o => o.Credential = new BasicCredential(CustomerId, CustomerSecret)),
        ("AccessToken2 option", o => o.AccessToken2 = _token007),
        ("AccessToken2Credential", o => o.Credential = new AccessToken2Credential(_token007)),
        ("AccessToken2Credential provider", o => o.Credential = new AccessToken2Credential(_ => ValueTask.FromResult(_token007))),
        ("legacy token options", o => { o.LegacyAccessToken = _token006; o.LegacyAccessTokenUserId = TokenUser; }),
        ("LegacyAccessTokenCredential", o => o.Credential = new LegacyAccessTokenCredential(_token006, TokenUser)),
        ("app certificate option", o => o.AppCertificate = AppCertificate),
        ("AppCertificateCredential", o => o.Credential = new AppCertificateCredential(AppId, AppCertificate)),
    ];

    [Fact]
    public async Task No_error_path_log_trace_debugger_view_or_tool_output_shows_a_credential()
    {
        await ServiceErrorsAsync();
        await TransportErrorsAsync();
        await ValidationAndCredentialErrorsAsync();
        TokenErrors();
        await DependencyInjectionErrorsAsync();
        await CommandLineFailuresAsync();

        string everything = _evidence.ToString();

        // The text must hold what was provoked, or finding no secret in it would prove nothing.
        everything.Should().ContainAll(
            nameof(SignalingServiceException),
            nameof(SignalingOutcomeUnknownException),
            nameof(SignalingTransportException),
            nameof(SignalingCredentialException),
            nameof(SignalingTokenFormatException),
            nameof(ArgumentException),
            nameof(OptionsValidationException),
            "[log] ",
            "[activity] ",
            "agora.signaling.operation",
            "[cli] ",
            "BasicCredential {",
            "AccessToken2Credential {",
            "LegacyAccessTokenCredential {",
            "AppCertificateCredential {");
        _evidence.LogRecordCount.Should().BeGreaterThan(100);
        _evidence.ExceptionCount.Should().BeGreaterThan(300);

        foreach (var (name, value) in SecretForms())
        {
            if (everything.Contains(value, StringComparison.Ordinal))
            {
                string line = everything.Split('\n').First(l => l.Contains(value, StringComparison.Ordinal));
                Assert.Fail($"The {name} appears in: {line}");
            }
        }
    }

    public void Dispose()
    {
        _evidence.Dispose();
        _failing.Stop();
        _failing.Dispose();
        _emulator.Dispose();
    }

    private IEnumerable<(string Name, string Value)> SecretForms()
    {
        var secrets = new (string Name, string Value)[]
        {
            ("customer secret", CustomerSecret),
            ("app certificate", AppCertificate),
            ("malformed app certificate", MalformedCertificate),
            ("AccessToken2", _token007),
            ("AccessToken2 body", _token007[3..]),
            ("AccessToken", _token006),
            ("AccessToken body", _token006[35..]),
            ("expired AccessToken2", _expired007),
            ("expired AccessToken", _expired006),
            ("AccessToken2 of another app", _otherApp007),
        };
        foreach (var (name, value) in secrets)
        {
            yield return (name, value);
            yield return (name + " in Base64", Convert.ToBase64String(Encoding.UTF8.GetBytes(value)));
        }

        yield return ("Basic header value", Convert.ToBase64String(Encoding.UTF8.GetBytes(CustomerId + ":" + CustomerSecret)));
    }

    private SignalingClientOptions Options(Uri endpoint, Action<SignalingClientOptions> credential)
    {
        var options = new SignalingClientOptions
        {
            AppId = AppId,
            Endpoint = endpoint,
            HistoryEndpoint = endpoint,
            LoggerFactory = _evidence.LoggerFactory,
            EnableResponseBodyLogging = true,
            Timeout = TimeSpan.FromSeconds(10),
        };
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.RateLimits.Enabled = false;
        credential(options);
        _evidence.Show("options", options);
        _evidence.Capture(() => _evidence.Show("credential", options.ResolveCredential()));
        return options;
    }

    private async Task CallEveryOperationAsync(SignalingClient client, string sender = TokenUser)
    {
        await _evidence.CaptureAsync(() => client.SendPeerMessageAsync(sender, "bob", "hi"));
        await _evidence.CaptureAsync(() => client.SendChannelMessageAsync(sender, "lobby", "hi"));
        await _evidence.CaptureAsync(() => client.GetUserEventsAsync());
        await _evidence.CaptureAsync(() => client.GetMessageHistoryAsync(TokenUser, HistoryChannelType.Message, "lobby"));
#pragma warning disable CS0618 // The legacy history API has its own error path.
        await _evidence.CaptureAsync(() => client.GetHistoryCountAsync(new LegacyHistoryQuery { Source = TokenUser, StartTime = DateTimeOffset.UnixEpoch, EndTime = DateTimeOffset.UnixEpoch }));
#pragma warning restore CS0618
    }

    private async Task ServiceErrorsAsync()
    {
        (int Status, string? Body)[] answers =
        [
            (401, null), (401, """{"result":"failed","code":"unauthorized","reason":"Invalid authentication credentials","request_id":"r-401"}"""),
            (403, null), (403, "Forbidden"),
            (500, null), (500, """{"errorCode":500,"error":true,"reason":"Internal error","requestId":"r-500"}"""), (500, "<html><body>oops</body></html>"),
            (200, "not json at all"), (200, """{"result":"failed","request_id":"r-200"}"""),
        ];
        foreach (var (status, body) in answers)
        {
            _failing.Reset();
            var response = Response.Create().WithStatusCode(status).WithHeader("x-request-id", $"r-{status}");
            _failing.Given(Request.Create().UsingAnyMethod()).RespondWith(body is null ? response : response.WithBody(body));
            foreach (var (_, credential) in Credentials)
            {
                using var client = new SignalingClient(Options(FailingEndpoint, credential));
                await CallEveryOperationAsync(client);
            }
        }

        // The emulator checks credentials for real: a token of another app and a wrong certificate are refused there.
        using (var otherApp = new SignalingClient(Options(_emulator.Endpoint, o => o.AccessToken2 = _otherApp007)))
        {
            await CallEveryOperationAsync(otherApp);
        }

        using (var wrongCertificate = new SignalingClient(Options(_emulator.Endpoint, o => o.Credential = new AppCertificateCredential(AppId, OtherCertificate))))
        {
            await CallEveryOperationAsync(wrongCertificate);
        }

        using var accepted = new SignalingClient(Options(_emulator.Endpoint, o => { o.LegacyAccessToken = _token006; o.LegacyAccessTokenUserId = TokenUser; }));
        await _evidence.CaptureAsync(() => accepted.GetUserEventsAsync());
    }

    private async Task TransportErrorsAsync()
    {
        var unreachable = SignalingEmulator.UnreachableEndpoint();
        foreach (var (_, credential) in Credentials)
        {
            using var client = new SignalingClient(Options(unreachable, credential));
            await CallEveryOperationAsync(client);
        }
    }

    private async Task ValidationAndCredentialErrorsAsync()
    {
        foreach (var (_, credential) in Credentials)
        {
            using var client = new SignalingClient(Options(FailingEndpoint, credential));
            await _evidence.CaptureAsync(() => client.SendPeerMessageAsync("bad/id", "bob", "hi"));
            await _evidence.CaptureAsync(() => client.SendChannelMessageAsync(TokenUser, "lobby", ""));
            await _evidence.CaptureAsync(() => client.GetMessageHistoryAsync(" padded", HistoryChannelType.Message, "lobby"));

            // With token credentials, sending as someone else than the token's user is refused before sending.
            await _evidence.CaptureAsync(() => client.SendPeerMessageAsync("mallory", "bob", "hi"));
        }

        // Expired tokens, and providers that fail or hand over the wrong thing, are found when a request is made.
        Action<SignalingClientOptions>[] broken =
        [
            o => o.AccessToken2 = _expired007,
            o => o.Credential = new LegacyAccessTokenCredential(_expired006, TokenUser),
            o => o.Credential = new AccessToken2Credential(_ => ValueTask.FromResult(_expired007)),
            o => o.Credential = new AccessToken2Credential(_ => ValueTask.FromResult(_token006)),
            o => o.Credential = new AccessToken2Credential(_ => ValueTask.FromResult(_token007 + "garbage")),
            o => o.Credential = new AccessToken2Credential(_ => throw new InvalidOperationException("The vault is sealed.")),
            o => o.Credential = new LegacyAccessTokenCredential(_ => ValueTask.FromResult(_token006), "bob"),
        ];
        foreach (var credential in broken)
        {
            using var client = new SignalingClient(Options(FailingEndpoint, credential));
            await CallEveryOperationAsync(client, sender: "bob");
        }

        // Credentials refused as they are made.
        _evidence.Capture(() => new AccessToken2Credential(_token006));
        _evidence.Capture(() => new AccessToken2Credential(_token007[..60]));
        _evidence.Capture(() => new AccessToken2Credential(_token007 + "!"));
        _evidence.Capture(() => new LegacyAccessTokenCredential(_token006, "bob"));
        _evidence.Capture(() => new LegacyAccessTokenCredential(_token007, TokenUser));
        _evidence.Capture(() => new AppCertificateCredential(AppId, MalformedCertificate));
        _evidence.Capture(() => new AppCertificateCredential(AppId, AppCertificate) { DefaultUserId = "bad/id" });
        _evidence.Capture(() => new BasicCredential(CustomerId, CustomerSecret + "\n"));
        _evidence.Capture(() => new BasicCredential(CustomerId + ":", CustomerSecret));
        _evidence.Capture(() => new SignalingClient(new SignalingClientOptions { AppId = AppId, CustomerSecret = CustomerSecret }));
        _evidence.Capture(() => new SignalingClient(new SignalingClientOptions { AppId = OtherAppId, Credential = new AppCertificateCredential(AppId, AppCertificate) }));
        _evidence.Capture(() => new SignalingClient(new SignalingClientOptions { AppId = AppId, AccessToken2 = _token007, AppCertificate = AppCertificate }));
        _evidence.Capture(() => new SignalingClient(new SignalingClientOptions { AppId = AppId, LegacyAccessToken = _token006 }));
    }

    private void TokenErrors()
    {
        string[] garbage =
        [
            _token007 + "!", _token007[..^4], _token007.Replace('A', '*'), "007" + _token006[35..], _token006 + "==", _token006[..50],
            "006" + _token007, _token007.ToLowerInvariant(), "008" + _token007[3..], new string('A', 5000) + _token007,
        ];
        foreach (string text in garbage)
        {
            _evidence.Capture(() => SignalingToken.Parse(text));
        }

        var token = SignalingToken.Parse(_token007);
        var legacy = SignalingToken.Parse(_token006);
        _evidence.Show("token", token);
        _evidence.Show("token", legacy);
        _evidence.Show("token", SignalingToken.Parse(_expired007));
        _evidence.Capture(() => token.VerifySignature(MalformedCertificate));
        _evidence.Capture(() => legacy.VerifySignature(AppCertificate));
        _evidence.Capture(() => SignalingTokenBuilder.BuildAccessToken2(AppId, MalformedCertificate, TokenUser, TimeSpan.FromHours(1)));
        _evidence.Capture(() => SignalingTokenBuilder.BuildLegacyAccessToken(AppId, MalformedCertificate, TokenUser, TimeSpan.FromHours(1)));
        _evidence.Capture(() => SignalingTokenBuilder.BuildAccessToken2(AppId, AppCertificate, "bad/id", TimeSpan.FromHours(1)));
        _evidence.Capture(() => SignalingTokenBuilder.BuildAccessToken2(AppCertificate, AppCertificate, TokenUser, TimeSpan.FromHours(-1)));
    }

    private async Task DependencyInjectionErrorsAsync()
    {
        Dictionary<string, string?>[] badSettings =
        [
            new() { ["CustomerId"] = CustomerId, ["CustomerSecret"] = CustomerSecret },
            new() { ["AppId"] = AppId, ["CustomerSecret"] = CustomerSecret },
            new() { ["AppId"] = AppId, ["AppCertificate"] = MalformedCertificate },
            new() { ["AppId"] = AppId, ["AppCertificate"] = AppCertificate, ["CustomerId"] = CustomerId, ["CustomerSecret"] = CustomerSecret },
            new() { ["AppId"] = AppId, ["AccessToken2"] = _token006 },
            new() { ["AppId"] = AppId, ["AccessToken2"] = _token007 + "x" },
            new() { ["AppId"] = AppId, ["LegacyAccessToken"] = _token006, ["LegacyAccessTokenUserId"] = "bob" },
            new() { ["AppId"] = AppId, ["LegacyAccessToken"] = _token006 },
            new() { ["AppId"] = OtherAppId, ["AppCertificate"] = AppCertificate, ["Endpoint"] = "ftp://127.0.0.1/" },
        ];
        foreach (var settings in badSettings)
        {
            var services = new ServiceCollection();
            services.AddAgoraSignaling(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
            await using var provider = services.BuildServiceProvider();
            _evidence.Capture(() => provider.GetRequiredService<IStartupValidator>().Validate());
            _evidence.Capture(() => provider.GetRequiredService<ISignalingClient>());
        }

        // A working registration whose calls fail, logging through the host's logger factory.
        var host = new ServiceCollection().AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(_evidence.LoggerProvider));
        host.AddAgoraSignaling(o =>
        {
            o.AppId = AppId;
            o.Endpoint = FailingEndpoint;
            o.HistoryEndpoint = FailingEndpoint;
            o.AccessToken2 = _token007;
            o.EnableResponseBodyLogging = true;
            o.Retry.Delay = TimeSpan.FromMilliseconds(1);
            o.Retry.MaxRetries = 1;
        });
        await using var services2 = host.BuildServiceProvider();
        _failing.Reset();
        _failing.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(503).WithBody("busy"));
        await CallEveryOperationAsync((SignalingClient)services2.GetRequiredService<ISignalingClient>());
    }

    private async Task CommandLineFailuresAsync()
    {
        string[] emulatorHosts = ["--base-url", _emulator.Endpoint.AbsoluteUri, "--history-base-url", _emulator.HistoryEndpoint.AbsoluteUri, "--app-id", AppId, "--max-retries", "0"];
        string[] unreachableHosts = ["--base-url", SignalingEmulator.UnreachableEndpoint().AbsoluteUri, "--app-id", AppId, "--max-retries", "0"];
        string[][] credentials =
        [
            ["--customer-id", CustomerId, "--customer-secret", CustomerSecret],
            ["--token", _token007],
            ["--token", _expired007],
            ["--token", _otherApp007],
            ["--legacy-token", _token006, "--uid", TokenUser],
            ["--legacy-token", _token006, "--uid", "bob"],
            ["--app-certificate", AppCertificate],
            ["--app-certificate", OtherCertificate],
            ["--app-certificate", MalformedCertificate],
        ];
        string[][] commands =
        [
            ["send-peer", "--from", TokenUser, "--to", "bob", "--payload", "hi"],
            ["send-peer", "--from", "mallory", "--to", "bob", "--payload", "hi"],
            ["send-channel", "--from", "bad/id", "--channel", "lobby", "--payload", "hi"],
            ["history", "--user", TokenUser, "--channel", "lobby"],
        ];
        _failing.Reset();
        _failing.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(500).WithBody("""{"result":"failed","reason":"boom"}"""));
        string[] failingHosts = ["--base-url", FailingEndpoint.AbsoluteUri, "--history-base-url", FailingEndpoint.AbsoluteUri, "--app-id", AppId, "--max-retries", "0"];

        foreach (var credential in credentials)
        {
            foreach (var command in commands)
            {
                foreach (var hosts in new[] { emulatorHosts, unreachableHosts, failingHosts })
                {
                    await _evidence.RunCliAsync([.. command, .. hosts, .. credential, "--json"]);
                }

                await _evidence.RunCliAsync([.. command, .. failingHosts, .. credential]);
            }
        }

        // The same credentials from the environment instead of the command line.
        var environment = new Dictionary<string, string?>
        {
            ["AGORA_BASE_URL"] = FailingEndpoint.AbsoluteUri,
            ["AGORA_HISTORY_BASE_URL"] = FailingEndpoint.AbsoluteUri,
            ["AGORA_APP_ID"] = AppId,
            ["AGORA_MAX_RETRIES"] = "0",
        };
        foreach (var (variable, value) in new[] { ("AGORA_CUSTOMER_SECRET", CustomerSecret), ("AGORA_TOKEN", _token007), ("AGORA_LEGACY_TOKEN", _token006), ("AGORA_APP_CERTIFICATE", AppCertificate) })
        {
            var withSecret = new Dictionary<string, string?>(environment) { [variable] = value, ["AGORA_CUSTOMER_ID"] = variable == "AGORA_CUSTOMER_SECRET" ? CustomerId : null };
            if (variable == "AGORA_LEGACY_TOKEN")
            {
                withSecret["AGORA_UID"] = TokenUser;
            }

            await _evidence.RunCliAsync(["send-peer", "--from", TokenUser, "--to", "bob", "--payload", "hi"], withSecret);
            await _evidence.RunCliAsync(["send-peer", "--from", TokenUser, "--to", "bob", "--payload", "hi", "--customer-id", CustomerId], withSecret);
            await _evidence.RunCliAsync(["events", "--json"], withSecret);
        }

        // Tokens and certificates on the offline commands: reading, verifying against the wrong certificate, garbage, building with a bad certificate.
        string[][] offline =
        [
            ["token", "inspect", _token007, "--app-certificate", OtherCertificate],
            ["token", "inspect", _token006, "--app-certificate", OtherCertificate, "--uid", TokenUser, "--json"],
            ["token", "inspect", _token007 + "!"],
            ["token", "inspect", _token006[..50], "--json"],
            ["token", "inspect", _expired007, "--app-certificate", MalformedCertificate],
            ["token", "build", "--app-id", AppId, "--app-certificate", MalformedCertificate, "--user", TokenUser],
            ["token", "build", "--app-id", AppId, "--app-certificate", AppCertificate, "--user", "bad/id", "--json"],
            ["token", "inspect", "--app-certificate", AppCertificate],
            [_token007, "--customer-secret", CustomerSecret],
            ["send-peer", "--token", _token007, "--unknown-option", _token006],
        ];
        foreach (var args in offline)
        {
            await _evidence.RunCliAsync(args);
        }
    }

    /// <summary>Everything gathered so far, one item to a line group, each marked with where it came from.</summary>
    private sealed class Evidence : IDisposable
    {
        private readonly StringBuilder _text = new();
        private readonly FakeLogCollector _logs = new();
        private readonly ActivityListener _listener;

        public Evidence()
        {
            LoggerProvider = new FakeLoggerProvider(_logs);
            LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(LoggerProvider));
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == SignalingTelemetry.Name,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = Record,
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public FakeLoggerProvider LoggerProvider { get; }

        public ILoggerFactory LoggerFactory { get; }

        public int ExceptionCount { get; private set; }

        public int LogRecordCount => _logs.Count;

        public async Task CaptureAsync(Func<Task> call)
        {
            try
            {
                await call();
            }
            catch (Exception exception)
            {
                Add(exception);
            }
        }

        public void Capture(Action action)
        {
            try
            {
                action();
            }
            catch (Exception exception)
            {
                Add(exception);
            }
        }

        public void Capture(Func<object?> create) => Capture(() => { Show("created", create()); });

        /// <summary>What a log line or a debugger shows of an object: its text, and the value of each property a debugger lists.</summary>
        public void Show(string label, object? value)
        {
            if (value is null)
            {
                return;
            }

            var display = value.GetType().GetCustomAttribute<DebuggerDisplayAttribute>();
            Append($"[{label}] {value}");
            if (display is not null)
            {
                // The SDK's types display their ToString(), recorded above; anything else must be looked at here.
                display.Value.Should().Be("{ToString(),nq}", $"the debugger view of {value.GetType().Name} is checked through ToString()");
            }

            foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length == 0
                    && property.GetCustomAttribute<DebuggerBrowsableAttribute>()?.State != DebuggerBrowsableState.Never)
                {
                    Append($"[{label}.{property.Name}] {Describe(property.GetValue(value))}");
                }
            }
        }

        public async Task RunCliAsync(string[] args, IReadOnlyDictionary<string, string?>? environment = null)
        {
            var result = await CliHost.RunAsync(args, environment);
            Append($"[cli] exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        }

        public override string ToString()
        {
            foreach (var record in _logs.GetSnapshot())
            {
                Append($"[log] {record.Level} {record.Category} {record.Id} {record.Message}");
                foreach (var (key, value) in record.StructuredState ?? [])
                {
                    Append($"[log state] {key}={value}");
                }

                foreach (var scope in record.Scopes)
                {
                    Append($"[log scope] {Describe(scope)}");
                }

                if (record.Exception is not null)
                {
                    Add(record.Exception);
                }
            }

            lock (_text)
            {
                return _text.ToString();
            }
        }

        public void Dispose()
        {
            _listener.Dispose();
            LoggerFactory.Dispose();
            LoggerProvider.Dispose();
        }

        private static string Describe(object? value) => value switch
        {
            null => "null",
            string text => text,
            IEnumerable<KeyValuePair<string, object?>> pairs => string.Join(", ", pairs.Select(p => $"{p.Key}={Describe(p.Value)}")),
            IDictionary dictionary => string.Join(", ", dictionary.Keys.Cast<object>().Select(k => $"{k}={Describe(dictionary[k])}")),
            IEnumerable items => string.Join(", ", items.Cast<object?>().Select(Describe)),
            _ => value.ToString() ?? string.Empty,
        };

        private void Add(Exception exception)
        {
            ExceptionCount++;
            Append("[exception] " + exception);
            for (Exception? current = exception; current is not null; current = current.InnerException)
            {
                // Structured loggers and error trackers serialize an exception's properties, not only its text.
                foreach (var property in current.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (property.Name is not (nameof(Exception.TargetSite) or nameof(Exception.StackTrace) or nameof(Exception.InnerException)) && property.GetIndexParameters().Length == 0)
                    {
                        Append($"[exception.{property.Name}] {Describe(property.GetValue(current))}");
                    }
                }

                if (current is AggregateException aggregate)
                {
                    foreach (var inner in aggregate.InnerExceptions)
                    {
                        Add(inner);
                    }
                }
            }
        }

        private void Record(Activity activity)
        {
            var parts = new List<string> { activity.OperationName, activity.DisplayName, activity.Status.ToString(), activity.StatusDescription ?? string.Empty };
            parts.AddRange(activity.TagObjects.Select(t => $"{t.Key}={t.Value}"));
            parts.AddRange(activity.Events.Select(e => e.Name + " " + string.Join(", ", e.Tags.Select(t => $"{t.Key}={t.Value}"))));
            parts.AddRange(activity.Baggage.Select(b => $"{b.Key}={b.Value}"));
            Append("[activity] " + string.Join(" | ", parts));
        }

        private void Append(string line)
        {
            lock (_text)
            {
                _text.AppendLine(line);
            }
        }
    }
}
