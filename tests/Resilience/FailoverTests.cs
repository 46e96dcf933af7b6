using Agora.Signaling.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Agora.Signaling.Tests.Resilience;

public sealed class FailoverTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly SignalingEmulator _emulator;

    public FailoverTests() => _emulator = SignalingEmulator.Start(new SignalingEmulatorOptions { TimeProvider = _time });

    [Fact]
    public async Task Failover_reaches_the_second_host_when_the_first_refuses_even_for_a_send()
    {
        var refusing = SignalingEmulator.UnreachableEndpoint();
        using var client = Client(refusing, _emulator.Endpoint);

        var response = await _time.DriveAsync(client.SendPeerMessageAsync("alice", "bob", "via failover"), TimeSpan.FromMilliseconds(250));

        response.Status.Should().Be(MessageDeliveryStatus.Sent);
        _emulator.PeerMessages.Should().ContainSingle();
    }

    [Fact]
    public async Task Agora_order_retries_the_primary_once_then_moves_on()
    {
        var refusing = SignalingEmulator.UnreachableEndpoint();
        var alsoRefusing = SignalingEmulator.UnreachableEndpoint();
        using var client = Client(refusing, alsoRefusing);

        var act = () => _time.DriveAsync(client.GetUserEventsAsync(), TimeSpan.FromMilliseconds(250));

        var error = (await act.Should().ThrowAsync<SignalingTransportException>()).Which;
        error.Attempts.Select(a => a.Endpoint).Should().Equal(refusing, refusing, alsoRefusing, alsoRefusing);
        error.Attempts.Should().OnlyContain(a => a.Failure == "connection failed");
        error.Message.Should().Contain("after 4 attempts").And.Contain(refusing.Authority).And.Contain(alsoRefusing.Authority);
    }

    [Fact]
    public async Task A_host_that_failed_is_not_tried_first_on_the_next_call_for_a_while()
    {
        var refusing = SignalingEmulator.UnreachableEndpoint();
        using var client = Client(refusing, _emulator.Endpoint);

        await _time.DriveAsync(client.GetUserEventsAsync(), TimeSpan.FromMilliseconds(250));
        long before = _emulator.RequestCount;
        var next = await _time.DriveAsync(client.GetUserEventsAsync(), TimeSpan.FromMilliseconds(100));

        next.Events.Should().NotBeNull();
        _emulator.RequestCount.Should().Be(before + 1, "the healthy host now comes first, with no wait");

        _time.Advance(TimeSpan.FromSeconds(31));
        var afterCooldown = () => _time.DriveAsync(client.GetUserEventsAsync(), TimeSpan.FromMilliseconds(250));
        await afterCooldown.Should().NotThrowAsync("after the cooldown the primary is tried first again, and fails over again");
    }

    [Fact]
    public async Task A_send_with_an_unknown_outcome_does_not_move_to_another_host()
    {
        using var second = SignalingEmulator.Start(new SignalingEmulatorOptions { TimeProvider = _time });
        using var client = Client(_emulator.Endpoint, second.Endpoint);
        _emulator.InjectFaults(EmulatorFault.Status(503, afterProcessing: true));

        var act = () => _time.DriveAsync(client.SendChannelMessageAsync("alice", "room", "once"), TimeSpan.FromMilliseconds(250));

        await act.Should().ThrowAsync<SignalingOutcomeUnknownException>();
        _emulator.ChannelMessages.Should().ContainSingle();
        second.RequestCount.Should().Be(0);
    }

    [Fact]
    public void Agora_hosts_fail_over_in_the_documented_order()
    {
        AgoraHosts.FailoverFor(new Uri("https://api.agora.io/"), SignalingRegion.EuCentral).Select(u => u.Host)
            .Should().Equal("api.sd-rtn.com", "api-eu-west-1.agora.io", "api-eu-west-1.sd-rtn.com");
        AgoraHosts.FailoverFor(new Uri("https://api.sd-rtn.com/"), SignalingRegion.CnNorth).Select(u => u.Host)
            .Should().Equal("api.agora.io", "api-cn-east-1.sd-rtn.com", "api-cn-east-1.agora.io");
        AgoraHosts.FailoverFor(new Uri("https://api.agora.io/"), null).Select(u => u.Host).Should().Equal("api.sd-rtn.com");
        AgoraHosts.FailoverFor(new Uri("http://127.0.0.1:5000/"), SignalingRegion.UsWest).Should().BeEmpty();
    }

    public void Dispose() => _emulator.Dispose();

    private SignalingClient Client(Uri primary, params Uri[] failover)
    {
        var options = _emulator.CreateClientOptions(new BasicCredential(_emulator.CustomerId, _emulator.CustomerSecret));

        // The fake clock races ahead while the tests drive it; timeouts must not fire on the way.
        options.Timeout = TimeSpan.FromHours(1);
        options.OverallTimeout = TimeSpan.FromHours(2);
        options.Endpoint = primary;
        options.FailoverEndpoints = failover;
        return new SignalingClient(options);
    }
}
