using Agora.Signaling.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Agora.Signaling.Tests.Resilience;

namespace Agora.Signaling.Tests.DependencyInjection;

public sealed class DependencyInjectionTests : IDisposable
{
    private readonly SignalingEmulator _emulator = SignalingEmulator.Start();

    [Fact]
    public async Task A_client_registered_from_configuration_sends_through_the_factory()
    {
        var configuration = Configuration(new Dictionary<string, string?>
        {
            ["Agora:Signaling:AppId"] = _emulator.AppId,
            ["Agora:Signaling:Endpoint"] = _emulator.Endpoint.ToString(),
            ["Agora:Signaling:HistoryEndpoint"] = _emulator.HistoryEndpoint.ToString(),
            ["Agora:Signaling:CustomerId"] = _emulator.CustomerId,
            ["Agora:Signaling:CustomerSecret"] = _emulator.CustomerSecret,
            ["Agora:Signaling:Retry:MaxRetries"] = "1",
            ["Agora:Signaling:RateLimits:EventPullsPerSecond"] = "20",
        });
        var services = new ServiceCollection().AddLogging();
        services.AddAgoraSignaling(configuration.GetSection("Agora:Signaling"));
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<ISignalingClient>();
        await client.SendChannelMessageAsync("server", "lobby", "from DI");

        _emulator.ChannelMessages.Should().ContainSingle().Which.Payload.Should().Be("from DI");
        var options = provider.GetRequiredService<IOptionsMonitor<SignalingClientOptions>>().CurrentValue;
        options.Retry.MaxRetries.Should().Be(1);
        options.RateLimits.EventPullsPerSecond.Should().Be(20);
    }

    [Fact]
    public async Task Credentials_can_come_from_environment_variables()
    {
        Environment.SetEnvironmentVariable("AGSIGTEST_Agora__Signaling__CustomerSecret", _emulator.CustomerSecret);
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Agora:Signaling:AppId"] = _emulator.AppId,
                    ["Agora:Signaling:Endpoint"] = _emulator.Endpoint.ToString(),
                    ["Agora:Signaling:CustomerId"] = _emulator.CustomerId,
                })
                .AddEnvironmentVariables("AGSIGTEST_")
                .Build();
            var services = new ServiceCollection();
            services.AddAgoraSignaling(configuration.GetSection("Agora:Signaling"));
            await using var provider = services.BuildServiceProvider();

            await provider.GetRequiredService<ISignalingClient>().SendPeerMessageAsync("server", "alice", "env");

            _emulator.PeerMessages.Should().ContainSingle();
        }
        finally
        {
            Environment.SetEnvironmentVariable("AGSIGTEST_Agora__Signaling__CustomerSecret", null);
        }
    }

    public static TheoryData<Dictionary<string, string?>, string> BadSettings => new()
    {
        { new() { ["CustomerId"] = "id", ["CustomerSecret"] = "s3cret-value" }, "AppId" },
        { new() { ["AppId"] = "876922cbca0098dff4323566daa89675", ["CustomerId"] = "id" }, "CustomerSecret is missing" },
        { new() { ["AppId"] = "876922cbca0098dff4323566daa89675", ["CustomerSecret"] = "s3cret-value" }, "CustomerId is missing" },
        { new() { ["AppId"] = "876922cbca0098dff4323566daa89675" }, "A credential is required" },
        { new() { ["AppId"] = "876922cbca0098dff4323566daa89675", ["CustomerId"] = "id", ["CustomerSecret"] = "s3cret-value", ["AppCertificate"] = "5cfd2fd1755d40ecb72977518be15d3b" }, "one kind of credential" },
        { new() { ["AppId"] = "876922cbca0098dff4323566daa89675", ["LegacyAccessToken"] = "006x" }, "LegacyAccessTokenUserId is missing" },
        { new() { ["AppId"] = "876922cbca0098dff4323566daa89675", ["AppCertificate"] = "not-hex-s3cret-value-0123456789ab" }, "32 hexadecimal" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Start_up_fails_fast_with_a_clear_message_and_no_secret(Dictionary<string, string?> settings, string expected)
    {
        var services = new ServiceCollection();
        services.AddAgoraSignaling(Configuration(settings));
        await using var provider = services.BuildServiceProvider();

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        var error = validate.Should().Throw<OptionsValidationException>().Which;
        error.Message.Should().Contain(expected).And.Contain("Agora Signaling").And.NotContain("s3cret-value");
    }

    [Fact]
    public async Task Named_clients_talk_to_their_own_projects()
    {
        using var other = SignalingEmulator.Start(new SignalingEmulatorOptions { AppId = "0123456789abcdef0123456789abcdef" });
        var services = new ServiceCollection();
        services.AddAgoraSignaling("eu", o => Point(o, _emulator));
        services.AddAgoraSignaling("us", o => Point(o, other));
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<ISignalingClientFactory>();

        await factory.CreateClient("eu").SendPeerMessageAsync("server", "alice", "to eu");
        await factory.CreateClient("us").SendPeerMessageAsync("server", "alice", "to us");

        _emulator.PeerMessages.Single().Payload.Should().Be("to eu");
        other.PeerMessages.Single().Payload.Should().Be("to us");
        factory.Invoking(f => f.CreateClient("asia")).Should().Throw<InvalidOperationException>().Which.Message.Should().Contain("'asia'");
        factory.CreateClient("eu").AppId.Should().Be(_emulator.AppId);
    }

    [Fact]
    public async Task Consumers_can_add_their_own_handlers_which_run_per_attempt()
    {
        var seen = new List<string>();
        var services = new ServiceCollection();
        services.AddAgoraSignaling(o => Point(o, _emulator))
            .AddHttpMessageHandler(() => new ObservingHandler(seen));
        await using var provider = services.BuildServiceProvider();
        _emulator.InjectFaults(EmulatorFault.Status(503));

        await provider.GetRequiredService<ISignalingClient>().GetMessageHistoryAsync("server", HistoryChannelType.Message, "lobby");

        seen.Should().HaveCount(2).And.OnlyContain(header => header.StartsWith("Basic ", StringComparison.Ordinal), "custom handlers sit below authentication");
    }

    [Fact]
    public async Task Clients_from_the_container_share_one_rate_limit()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var services = new ServiceCollection();
        services.AddAgoraSignaling(o =>
        {
            Point(o, _emulator);
            o.TimeProvider = time;
            o.Timeout = TimeSpan.FromHours(1);
            o.OverallTimeout = TimeSpan.FromHours(2);
            o.RateLimits.EventPullsPerSecond = 3;
        });
        await using var provider = services.BuildServiceProvider();

        var pulls = Enumerable.Range(0, 3).Select(_ => provider.GetRequiredService<ISignalingClient>().GetUserEventsAsync()).ToList();
        await Resilience.FakeClock.UntilAsync(() => _emulator.RequestCount == 1);
        await Task.Delay(300);

        _emulator.RequestCount.Should().Be(1, "three transient clients share the registration's one pull per 333 ms window");
        await time.DriveAsync(Task.WhenAll(pulls), TimeSpan.FromMilliseconds(100));
        _emulator.RequestCount.Should().Be(3);
    }

    [Fact]
    public async Task The_sdk_logs_attempts_with_stable_event_ids_and_no_secret_or_id()
    {
        var collector = new FakeLogCollector();
        var services = new ServiceCollection().AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(collector)));
        services.AddAgoraSignaling(o =>
        {
            Point(o, _emulator);
            o.ApplicationId = "ChatBackend";
            o.Retry.Delay = TimeSpan.FromMilliseconds(1);
        });
        await using var provider = services.BuildServiceProvider();
        _emulator.InjectFaults(EmulatorFault.Status(503));

        await provider.GetRequiredService<ISignalingClient>().GetMessageHistoryAsync("secret-user-id", HistoryChannelType.Message, "private-room");
        await provider.GetRequiredService<ISignalingClient>().SendPeerMessageAsync("server", "alice", "private payload");

        var records = collector.GetSnapshot();
        records.Select(r => r.Id.Id).Should().Contain([1001, 1002, 1004]);
        records.Should().Contain(r => r.Id.Id == 1002 && r.Message.Contains("GetMessageHistory") && r.Message.Contains("503"));
        string all = string.Join("\n", records.Select(r => r.Message + " " + string.Join(",", r.StructuredState?.Select(p => p.Value) ?? [])));
        all.Should().NotContainAny(_emulator.CustomerSecret, "secret-user-id", "private-room", "private payload", "alice");
    }

    public void Dispose() => _emulator.Dispose();

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static void Point(SignalingClientOptions options, SignalingEmulator emulator)
    {
        options.AppId = emulator.AppId;
        options.Endpoint = emulator.Endpoint;
        options.HistoryEndpoint = emulator.HistoryEndpoint;
        options.CustomerId = emulator.CustomerId;
        options.CustomerSecret = emulator.CustomerSecret;
    }

    private sealed class ObservingHandler(List<string> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (seen)
            {
                seen.Add(request.Headers.Authorization?.ToString() ?? "(none)");
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
