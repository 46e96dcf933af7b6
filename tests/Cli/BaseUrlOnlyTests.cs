using System.Collections.Concurrent;
using System.Diagnostics;
using Agora.Signaling.Cli;
using Agora.Signaling.Testing;

namespace Agora.Signaling.Tests.Cli;

/// <summary>
/// With <c>--base-url</c> alone, every command talks to that host and no other: the 2.x API (history, publish) follows it
/// instead of going to api.sd-rtn.com with the user's credentials. Every HTTP request the command makes is seen through
/// .NET's own <c>System.Net.Http</c> activities, tied to this test by their parent, so another host would show even if
/// it could not be reached.
/// </summary>
public sealed class BaseUrlOnlyTests : IDisposable
{
    private const string RootName = "Agora.Signaling.Tests.BaseUrlOnly";

    private static readonly ActivitySource Root = new(RootName);

    private readonly SignalingEmulator _emulator = SignalingEmulator.Start();
    private readonly ConcurrentQueue<Uri> _requested = new();
    private readonly ActivityListener _listener;

    public BaseUrlOnlyTests()
    {
        _listener = new ActivityListener
        {
            // By name: the first listener added may be what initialises Root, before the field holds it.
            ShouldListenTo = source => source.Name is "System.Net.Http" or RootName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Stopped,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public static TheoryData<string[]> Commands => new()
    {
        new[] { "send-peer", "--from", "server", "--to", "alice", "--payload", "Hello" },
        new[] { "send-channel", "--from", "server", "--channel", "lobby", "--payload", "Hello" },
        new[] { "events", "users" },
        new[] { "events", "channels" },
        new[] { "history", "--user", "server", "--channel-type", "message", "--channel", "lobby" },
        new[] { "history", "--user", "server", "--channel-type", "user", "--channel", "alice", "--all" },
        new[] { "publish", "--from", "server", "--channel", "lobby", "--payload", "{}" },
        new[] { "publish", "--from", "server", "--to", "alice", "--payload", "{}", "--store-in-history" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_command_with_only_a_base_url_sends_nothing_to_any_other_host(string[] command)
    {
        string[] args =
        [
            .. command,
            "--base-url", _emulator.Endpoint.AbsoluteUri,
            "--app-id", _emulator.AppId,
            "--customer-id", _emulator.CustomerId,
            "--customer-secret", _emulator.CustomerSecret,
            "--max-retries", "0",
        ];

        CliResult result;
        using (Root.StartActivity("command"))
        {
            result = await CliHost.RunAsync(args);
        }

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        _requested.Should().NotBeEmpty("the command made requests");
        _requested.Select(uri => uri.GetLeftPart(UriPartial.Authority) + "/").Distinct().Should().Equal(_emulator.Endpoint.AbsoluteUri);
        _emulator.RequestCount.Should().Be(_requested.Count, "every request reached the base URL");
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_command_given_an_emulator_url_reads_its_credentials_there_and_talks_to_it_alone(string[] command)
    {
        CliResult result;
        using (Root.StartActivity("command"))
        {
            result = await CliHost.RunAsync([.. command, "--emulator", _emulator.Endpoint.AbsoluteUri, "--max-retries", "0"]);
        }

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        result.Stderr.Should().StartWith($"Using the emulator at {_emulator.Endpoint.AbsoluteUri} (app ID {_emulator.AppId}).");
        _requested.Should().Contain(uri => uri.AbsolutePath.StartsWith("/_emulator/", StringComparison.Ordinal), "the credentials come from the control surface");
        _requested.Should().Contain(uri => !uri.AbsolutePath.StartsWith("/_emulator/", StringComparison.Ordinal), "the command itself went to the emulator");
        _requested.Select(uri => uri.GetLeftPart(UriPartial.Authority) + "/").Distinct().Should().Equal(_emulator.Endpoint.AbsoluteUri);
    }

    [Fact]
    public void A_custom_endpoint_alone_is_the_2x_host_too_and_agoras_hosts_keep_the_documented_one()
    {
        var proxy = new SignalingClientOptions { Endpoint = new Uri("http://127.0.0.1:9/") };
        var regional = new SignalingClientOptions { Endpoint = new Uri("https://api-eu-west-1.agora.io/") };
        var both = new SignalingClientOptions { Endpoint = new Uri("http://127.0.0.1:9/"), HistoryEndpoint = new Uri("http://127.0.0.1:10/") };

        proxy.HistoryEndpoint.Should().Be(proxy.Endpoint);
        regional.HistoryEndpoint.Should().Be(SignalingClientOptions.DefaultHistoryEndpoint, "the 2.x API is documented on api.sd-rtn.com only");
        new SignalingClientOptions().HistoryEndpoint.Should().Be(SignalingClientOptions.DefaultHistoryEndpoint);
        both.HistoryEndpoint.Should().Be(new Uri("http://127.0.0.1:10/"));
    }

    public void Dispose()
    {
        _listener.Dispose();
        _emulator.Dispose();
    }

    // Only requests made under this test's root activity: tests running beside it make their own.
    private void Stopped(Activity activity)
    {
        if (activity.Source.Name != "System.Net.Http")
        {
            return;
        }

        for (var parent = activity.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent.Source.Name == RootName && activity.GetTagItem("url.full") is string url)
            {
                _requested.Enqueue(new Uri(url));
                return;
            }
        }
    }
}
