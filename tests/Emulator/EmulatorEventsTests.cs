using Agora.Signaling.Testing;

namespace Agora.Signaling.Tests.Emulator;

public sealed class EmulatorEventsTests : IDisposable
{
    private readonly SignalingEmulator _emulator = SignalingEmulator.Start();
    private readonly SignalingClient _client;

    public EmulatorEventsTests() => _client = _emulator.CreateClient();

    [Fact]
    public async Task Events_are_returned_once_in_order_and_removed_when_read()
    {
        _emulator.EnqueueUserEvent("alice", "Login", 1);
        _emulator.EnqueueUserEvent("bob", "Login", 2);
        _emulator.EnqueueUserEvent("alice", "Logout", 3);

        var first = await _client.GetUserEventsAsync();
        var second = await _client.GetUserEventsAsync();

        first.Events!.Select(e => (e.UserId, e.Kind, e.Ms)).Should().Equal(("alice", UserEventKind.Login, 1L), ("bob", UserEventKind.Login, 2L), ("alice", UserEventKind.Logout, 3L));
        second.Events.Should().BeEmpty();
        _emulator.PendingUserEventCount.Should().Be(0);
    }

    [Fact]
    public async Task A_pull_returns_at_most_1000_events_and_the_store_keeps_the_newest_2000()
    {
        for (int i = 0; i < 2500; i++)
        {
            _emulator.EnqueueChannelEvent("room", $"u{i}", i % 2 == 0 ? "Join" : "Leave", i);
        }

        var first = await _client.GetChannelEventsAsync();
        var second = await _client.GetChannelEventsAsync();
        var third = await _client.GetChannelEventsAsync();

        first.Events.Should().HaveCount(1000);
        first.Events![0].Ms.Should().Be(500, "the oldest 500 were overwritten");
        second.Events.Should().HaveCount(1000);
        second.Events![^1].Should().BeEquivalentTo(new { GroupId = "room", UserId = "u2499", Kind = ChannelEventKind.Leave, Ms = 2499L });
        third.Events.Should().BeEmpty();
    }

    [Fact]
    public async Task User_and_channel_events_are_separate_queues()
    {
        _emulator.EnqueueUserEvent("alice", "Login");
        _emulator.EnqueueChannelEvent("room", "alice", "Join");

        (await _client.GetChannelEventsAsync()).Events.Should().ContainSingle().Which.GroupId.Should().Be("room");
        _emulator.PendingUserEventCount.Should().Be(1);
    }

    public void Dispose()
    {
        _client.Dispose();
        _emulator.Dispose();
    }
}
