using System.Diagnostics;
using Agora.Signaling.Cli;
using Agora.Signaling.Testing;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Cli;

public sealed class EventsCommandTests : IDisposable
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);

    private readonly SignalingEmulator _emulator = SignalingEmulator.Start();

    public void Dispose() => _emulator.Dispose();

    [Fact]
    public async Task Users_prints_the_queued_user_events_and_drains_them()
    {
        _emulator.EnqueueUserEvent("alice", "Login", 1_700_000_000_000);
        _emulator.EnqueueUserEvent("bob", "Logout", 1_700_000_001_000);

        var result = await CliHost.RunAsync(["events", "users", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("2 user events");
        result.Stdout.Should().MatchRegex(@"2023-11-14 22:13:20\.000Z\s+Login\s+user alice");
        result.Stdout.Should().MatchRegex(@"Logout\s+user bob");
        _emulator.PendingUserEventCount.Should().Be(0);
    }

    [Fact]
    public async Task Users_ends_on_a_busy_app_that_keeps_producing_events()
    {
        using var stop = new CancellationTokenSource();
        var producing = Task.Run(async () =>
        {
            // Bounded (minutes of events), and stopped as soon as the command returns: a drain that waited for an empty
            // store would outlast WaitLimit.
            for (int i = 0; i < 100_000 && !stop.IsCancellationRequested; i++)
            {
                _emulator.EnqueueUserEvent($"user{i}", "Login");
                await Task.Delay(1);
            }
        });

        var result = await CliHost.RunAsync(["events", "users", .. CliHost.ConnectionArgs(_emulator)]).WaitAsync(WaitLimit);
        await stop.CancelAsync();
        await producing;

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("user event");
    }

    [Fact]
    public async Task Max_pulls_bounds_a_drain_whose_events_never_catch_up()
    {
        // Events stamped long ago never look newer than the command, so only the bound ends this drain.
        for (int i = 0; i < 2000; i++)
        {
            _emulator.EnqueueUserEvent($"user{i}", "Login", 1 + i);
        }

        var result = await CliHost.RunAsync(["events", "users", "--max-pulls", "1", "--json", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(0, result.ToString());
        _emulator.RequestCount.Should().Be(1);
        _emulator.PendingUserEventCount.Should().Be(1000);
    }

    [Fact]
    public async Task The_readme_bounded_drain_runs_against_the_embedded_emulator()
    {
        // README: dotnet run --project cli -- events channels --max-pulls 5
        var result = await CliHost.RunAsync(["events", "channels", "--max-pulls", "5"]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Contain("0 channel events");
    }

    [Fact]
    public async Task Max_pulls_below_one_is_a_usage_error()
    {
        var result = await CliHost.RunAsync(["events", "channels", "--max-pulls", "0", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain("--max-pulls must be at least 1");
        _emulator.RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task Users_json_has_request_id_and_camel_case_events()
    {
        _emulator.EnqueueUserEvent("alice", "Login", 123);

        var result = await CliHost.RunAsync(["events", "users", "--json", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(0, result.ToString());
        var json = result.Json();
        json["requestId"]!.Value<string>().Should().NotBeNullOrEmpty();
        var item = json["events"]!.Should().ContainSingle().Subject;
        ((JObject)item).Properties().Select(p => p.Name).Should().BeEquivalentTo(["userId", "type", "ms"]);
        item["userId"]!.Value<string>().Should().Be("alice");
        item["type"]!.Value<string>().Should().Be("Login");
        item["ms"]!.Value<long>().Should().Be(123);
    }

    [Fact]
    public async Task Channels_json_names_the_channel_group_id_as_the_model_does()
    {
        _emulator.EnqueueChannelEvent("lobby", "alice", "Join", 456);
        _emulator.EnqueueUserEvent("bob", "Login", 1);

        var result = await CliHost.RunAsync(["events", "channels", "--json", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(0, result.ToString());
        var item = result.Json()["events"]!.Should().ContainSingle().Subject;
        item["groupId"]!.Value<string>().Should().Be("lobby");
        item["userId"]!.Value<string>().Should().Be("alice");
        item["type"]!.Value<string>().Should().Be("Join");
        item["ms"]!.Value<long>().Should().Be(456);
        _emulator.PendingUserEventCount.Should().Be(1, "pulling channel events must leave user events alone");
    }

    [Fact]
    public async Task No_events_is_still_a_success()
    {
        var result = await CliHost.RunAsync(["events", "channels", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().Be("0 channel events (request ID 1)." + Environment.NewLine, "an empty store still shows the one pull made");
        _emulator.RequestCount.Should().Be(1);
    }

    [Fact]
    public async Task Follow_prints_events_as_they_arrive_and_exits_0_when_cancelled()
    {
        _emulator.EnqueueUserEvent("alice", "Login", 1_000);
        _emulator.EnqueueUserEvent("bob", "Login", 2_000);
        var stdout = new WatchedWriter();
        var stderr = new WatchedWriter();
        using var cancellation = new CancellationTokenSource();

        var run = CliApp.RunAsync(["events", "users", "--follow", .. CliHost.ConnectionArgs(_emulator)], stdout, stderr, CliHost.EmptyEnvironment, cancellation.Token);
        await stdout.WaitForAsync("user bob", WaitLimit);

        // Queued only after the first pull, so seeing it proves the command kept pulling.
        _emulator.EnqueueUserEvent("carol", "Logout", 3_000);
        await stdout.WaitForAsync("user carol", WaitLimit);
        cancellation.Cancel();
        int code = await run.WaitAsync(WaitLimit);

        code.Should().Be(ExitCodes.Success, $"stdout:\n{stdout}\nstderr:\n{stderr}");
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(3);
        lines[0].Should().Contain("alice");
        lines[1].Should().Contain("bob");
        lines[2].Should().Contain("Logout").And.Contain("carol");
        stderr.ToString().Should().Contain("Stopped after").And.Contain("3 user events");
    }

    [Fact]
    public async Task Follow_json_writes_one_object_per_pull_that_brought_events()
    {
        _emulator.EnqueueChannelEvent("lobby", "alice", "Join", 1);
        var stdout = new WatchedWriter();
        using var cancellation = new CancellationTokenSource();

        var run = CliApp.RunAsync(["events", "channels", "-f", "--json", .. CliHost.ConnectionArgs(_emulator)], stdout, TextWriter.Null, CliHost.EmptyEnvironment, cancellation.Token);
        await stdout.WaitForAsync("alice", WaitLimit);
        _emulator.EnqueueChannelEvent("lobby", "bob", "Leave", 2);
        await stdout.WaitForAsync("bob", WaitLimit);
        cancellation.Cancel();
        int code = await run.WaitAsync(WaitLimit);

        code.Should().Be(ExitCodes.Success);
        var objects = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JObject.Parse).ToList();
        objects.Should().HaveCount(2, "pulls that bring nothing print nothing");
        objects.Select(o => o["events"]![0]!["userId"]!.Value<string>()).Should().Equal("alice", "bob");
        objects.Should().OnlyContain(o => o["events"]![0]!["groupId"]!.Value<string>() == "lobby");
    }

    [Fact]
    public async Task Follow_waits_a_second_after_a_pull_that_brought_nothing()
    {
        var stderr = new WatchedWriter();
        using var cancellation = new CancellationTokenSource();

        var run = CliApp.RunAsync(["events", "users", "--follow", .. CliHost.ConnectionArgs(_emulator)], TextWriter.Null, stderr, CliHost.EmptyEnvironment, cancellation.Token);
        await WaitForRequestsAsync(1);
        var sinceFirstPull = Stopwatch.StartNew();
        await WaitForRequestsAsync(2);
        sinceFirstPull.Stop();
        cancellation.Cancel();
        int code = await run.WaitAsync(WaitLimit);

        code.Should().Be(ExitCodes.Success, stderr.ToString());
        sinceFirstPull.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(900), "the pump waits a second after a pull that brought nothing");
        // The second pull may be cancelled after the emulator counted it but before the tool did.
        stderr.ToString().Should().MatchRegex(@"Stopped after \d+ pulls? and 0 user events");
    }

    [Fact]
    public async Task Follow_keeps_to_the_clients_rate_of_ten_pulls_a_second_while_events_keep_coming()
    {
        const int Pulls = 16;
        using var cancellation = new CancellationTokenSource();
        var producer = Task.Run(async () =>
        {
            long ms = 0;
            while (!cancellation.IsCancellationRequested)
            {
                for (int i = 0; i < 5; i++)
                {
                    _emulator.EnqueueUserEvent("alice", "Login", ++ms);
                }

                await Task.Delay(1);
            }
        });
        var stdout = new WatchedWriter();
        var clock = Stopwatch.StartNew();

        var run = CliApp.RunAsync(["events", "users", "--follow", "--json", .. CliHost.ConnectionArgs(_emulator)], stdout, TextWriter.Null, CliHost.EmptyEnvironment, cancellation.Token);
        await WaitForRequestsAsync(Pulls);
        clock.Stop();
        cancellation.Cancel();
        int code = await run.WaitAsync(WaitLimit);
        await producer;

        code.Should().Be(ExitCodes.Success);

        // Reaching 16 pulls within the wait limit shows that pulls bringing events are not followed by the idle wait;
        // the client's bucket allows ten at once, then ten a second.
        clock.Elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(500), $"{Pulls} pulls need at least {Pulls - 10} refills of the ten-pull bucket at ten a second");
        stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().OnlyContain(line => JObject.Parse(line)["events"]!.HasValues);
    }

    [Fact]
    public async Task Draining_prints_every_batch_until_a_pull_brings_nothing()
    {
        for (int i = 0; i < 1500; i++)
        {
            _emulator.EnqueueUserEvent($"u{i}", "Login", i);
        }

        var result = await CliHost.RunAsync(["events", "users", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(0, result.ToString());
        result.Stdout.Should().MatchRegex(@"^1000 user events \(request ID 1\):").And.MatchRegex(@"\n500 user events \(request ID 2\):");
        result.Stdout.Should().Contain("user u0\n").And.Contain("user u1499\n");
        _emulator.PendingUserEventCount.Should().Be(0);
        _emulator.RequestCount.Should().Be(3, "two batches and the empty pull that ends the drain");
    }

    [Fact]
    public async Task Draining_with_json_writes_one_object_per_batch_with_its_request_id()
    {
        for (int i = 0; i < 1200; i++)
        {
            _emulator.EnqueueChannelEvent("lobby", $"u{i}", "Join", i);
        }

        var result = await CliHost.RunAsync(["events", "channels", "--json", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(0, result.ToString());
        var objects = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JObject.Parse).ToList();
        objects.Select(o => o["events"]!.Count()).Should().Equal(1000, 200);
        objects.Select(o => o["requestId"]!.Value<string>()).Should().Equal("1", "2");
        objects.Should().OnlyContain(o => o["result"]!.Value<string>() == "success");
    }

    [Fact]
    public async Task Events_without_a_kind_is_a_usage_error()
    {
        var result = await CliHost.RunAsync(["events", .. CliHost.ConnectionArgs(_emulator)]);

        result.ExitCode.Should().Be(2, result.ToString());
        _emulator.RequestCount.Should().Be(0);
    }

    private async Task WaitForRequestsAsync(long count)
    {
        var deadline = Stopwatch.StartNew();
        while (_emulator.RequestCount < count)
        {
            if (deadline.Elapsed > WaitLimit)
            {
                throw new TimeoutException($"The emulator received {_emulator.RequestCount} requests, not {count}, within {WaitLimit}.");
            }

            await Task.Delay(5);
        }
    }
}
