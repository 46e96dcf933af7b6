using Agora.Signaling.Testing;

namespace Agora.Signaling.Tests.Emulator;

public sealed class EmulatorHistoryTests : IDisposable
{
    private readonly SignalingEmulator _emulator = SignalingEmulator.Start();
    private readonly SignalingClient _client;

    public EmulatorHistoryTests() => _client = _emulator.CreateClient();

    [Fact]
    public async Task History_pages_newest_first_and_the_pager_reads_every_message_once()
    {
        _emulator.SeedHistory(HistoryChannelType.Message, "room", Enumerable.Range(1, 250).Select(i => new StoredHistoryMessage("alice", $"m{i}", 1000 + i)).ToArray());

        var pages = new List<MessageHistoryPage>();
        await foreach (var page in _client.GetMessageHistoryPagesAsync("bob", HistoryChannelType.Message, "room"))
        {
            pages.Add(page);
        }

        pages.Select(p => p.Count).Should().Equal(100, 100, 50);
        pages.Select(p => p.NewStart).Should().Equal(1151L, 1051L, 0L);
        pages.SelectMany(p => p.MessageList!).Select(m => m.Message).Should().Equal(Enumerable.Range(1, 250).Reverse().Select(i => $"m{i}"));
    }

    [Fact]
    public async Task Start_excludes_and_end_includes_as_the_guide_says()
    {
        _emulator.SeedHistory(HistoryChannelType.User, "bob", Enumerable.Range(1, 10).Select(i => new StoredHistoryMessage("alice", $"m{i}", i * 10)).ToArray());

        var response = await _client.GetMessageHistoryAsync("alice", HistoryChannelType.User, "bob", start: 80, end: 30);

        response.Data!.MessageList!.Select(m => m.Timestamp).Should().Equal(70L, 60L, 50L, 40L, 30L);
        response.Data.NewStart.Should().Be(0);
    }

    [Fact]
    public async Task Messages_sent_with_historical_messaging_land_in_history()
    {
        await _client.SendChannelMessageAsync("alice", "room", "kept", new ChannelMessageOptions { EnableHistoricalMessaging = true });
        await _client.SendChannelMessageAsync("alice", "room", "not kept");

        var response = await _client.GetMessageHistoryAsync("bob", HistoryChannelType.Message, "room");

        response.Data!.MessageList.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Publisher = "alice", Message = "kept", Kind = HistoryMessageKind.String });
    }

    [Fact]
    public async Task The_legacy_query_finds_stored_messages_by_sender_and_receiver()
    {
        await _client.SendPeerMessageAsync("alice", "bob", "one", new PeerMessageOptions { EnableHistoricalMessaging = true });
        await _client.SendPeerMessageAsync("alice", "carol", "two", new PeerMessageOptions { EnableHistoricalMessaging = true });
        await _client.SendPeerMessageAsync("dave", "bob", "three", new PeerMessageOptions { EnableHistoricalMessaging = true });
        var range = new LegacyHistoryQuery { Source = "alice", Destination = "bob", StartTime = DateTimeOffset.UtcNow.AddMinutes(-5), EndTime = DateTimeOffset.UtcNow.AddMinutes(5) };

        var created = await _client.CreateHistoryQueryAsync(range);
        var result = await _client.GetHistoryQueryResultAsync(created.Handle!);
        var count = await _client.GetHistoryCountAsync(new LegacyHistoryQuery { Destination = "bob", StartTime = range.StartTime, EndTime = range.EndTime });

        result.IsReady.Should().BeTrue();
        result.Messages.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Src = "alice", Dst = "bob", Payload = "one", MessageType = "peer_message" });
        count.Count.Should().Be(2);
    }

    [Fact]
    public async Task An_unknown_legacy_handle_answers_410()
    {
        var act = () => _client.GetHistoryQueryResultAsync("42");

        (await act.Should().ThrowAsync<SignalingServiceException>()).Which.Status.Should().Be(410);
    }

    public void Dispose()
    {
        _client.Dispose();
        _emulator.Dispose();
    }
}
