using Agora.Signaling.Testing;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using StackExchange.Redis;

namespace Agora.Signaling.Redis.Tests;

// Its own redis-server, which it stops and starts; the metrics are process-wide, so it runs alone.
[Collection(OutageCollection.Name)]
public sealed class OutageTests
{
    [Fact]
    public async Task Calls_go_on_under_local_limits_while_Redis_is_down_and_share_Redis_again_when_it_returns()
    {
        using var server = RedisServer.Start();
        using var emulator = SignalingEmulator.Start();
        using var outages = new MetricCollector<long>(null, SignalingTelemetry.Name, "agora.signaling.coordination.outages");
        using var localPermits = new MetricCollector<long>(null, SignalingTelemetry.Name, "agora.signaling.coordination.local_permits");
        await using var instance = new FleetInstance(
            emulator,
            server.Configuration,
            o => o.OverallTimeout = TimeSpan.FromSeconds(5),
            c => c.RetryInterval = TimeSpan.FromMilliseconds(200));

        await SendAsync(instance.Client, 5);
        (await ScriptCallsAsync(server)).Should().BeGreaterThan(0, "permits come from Redis while it answers");
        localPermits.GetMeasurementSnapshot().Should().BeEmpty();

        server.Stop();
        await SendAsync(instance.Client, 40);

        instance.Logged(1101).Should().ContainSingle("the outage is logged once, however many calls fell back");
        outages.GetMeasurementSnapshot().Sum(m => m.Value).Should().Be(1);
        localPermits.GetMeasurementSnapshot().Sum(m => m.Value).Should().BeGreaterThanOrEqualTo(40);

        server.Restart();
        for (int i = 0; i < 300 && instance.Logged(1102).Count == 0; i++)
        {
            await SendAsync(instance.Client, 1);
            await Task.Delay(50);
        }

        instance.Logged(1102).Should().ContainSingle("coordination resumes once Redis answers");
        await SendAsync(instance.Client, 5);
        (await ScriptCallsAsync(server)).Should().BeGreaterThan(0, "the restarted Redis hands out the permits again");
        instance.Logged(1101).Should().ContainSingle();
        emulator.Messages.Count.Should().BeGreaterThanOrEqualTo(50);
    }

    [Fact]
    public async Task A_Redis_that_stops_answering_is_treated_as_down_and_used_again_when_it_answers()
    {
        using var server = RedisServer.Start();
        using var emulator = SignalingEmulator.Start();
        await using var instance = new FleetInstance(
            emulator,
            server.Configuration,
            o => o.OverallTimeout = TimeSpan.FromSeconds(5),
            c =>
            {
                c.CommandTimeout = TimeSpan.FromMilliseconds(300);
                c.RetryInterval = TimeSpan.FromMilliseconds(200);
            });
        await SendAsync(instance.Client, 5);

        server.Pause();
        try
        {
            await SendAsync(instance.Client, 20);
            instance.Logged(1101).Should().ContainSingle().Which.Message.Should().Contain("timed out");
        }
        finally
        {
            server.Resume();
        }

        for (int i = 0; i < 300 && instance.Logged(1102).Count == 0; i++)
        {
            await SendAsync(instance.Client, 1);
            await Task.Delay(50);
        }

        instance.Logged(1102).Should().ContainSingle("coordination resumes once Redis answers again");
        instance.Logged(1101).Should().ContainSingle();
    }

    private static async Task SendAsync(ISignalingClient client, int count)
    {
        for (int i = 0; i < count; i++)
        {
            // Every call succeeds: none is failed or held past its overall timeout by the missing Redis.
            var response = await client.SendPeerMessageAsync("sender", "receiver", "hello");
            response.Code.Should().Be("message_sent");
        }
    }

    // The rate limiter's script runs once per permit; its keys expire a second after the last one, so they are no evidence.
    private static async Task<long> ScriptCallsAsync(RedisServer server)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(server.Configuration + ",allowAdmin=true");
        var stats = await connection.GetServer(connection.GetEndPoints()[0]).InfoAsync("commandstats");
        return stats.SelectMany(group => group)
            .Where(pair => pair.Key is "cmdstat_evalsha" or "cmdstat_eval")
            .Sum(pair => long.Parse(pair.Value.Split(',')[0]["calls=".Length..], System.Globalization.CultureInfo.InvariantCulture));
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OutageCollection
{
    public const string Name = "Outage";
}
