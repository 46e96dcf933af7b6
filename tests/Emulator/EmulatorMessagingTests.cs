using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Agora.Signaling.Testing;

namespace Agora.Signaling.Tests.Emulator;

public sealed class EmulatorMessagingTests : IDisposable
{
    private readonly SignalingEmulator _emulator = SignalingEmulator.Start();
    private readonly SignalingClient _client;

    public EmulatorMessagingTests() => _client = _emulator.CreateClient();

    [Fact]
    public async Task Messages_are_recorded_with_every_flag()
    {
        await _client.SendPeerMessageAsync("alice", "bob", "hi bob", new PeerMessageOptions { WaitForAck = true, EnableHistoricalMessaging = true, EnableOfflineMessaging = true });
        await _client.SendChannelMessageAsync("alice", "room", "hi room");

        _emulator.Messages.Should().HaveCount(2);
        _emulator.PeerMessages.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Kind = RecordedMessageKind.Peer, FromUserId = "alice", Destination = "bob", Payload = "hi bob",
            WaitForAck = true, EnableHistoricalMessaging = true, EnableOfflineMessaging = true,
        });
        _emulator.ChannelMessages.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Kind = RecordedMessageKind.Channel, FromUserId = "alice", Destination = "room", Payload = "hi room", EnableHistoricalMessaging = false,
        });
    }

    [Fact]
    public async Task Wait_for_ack_answers_delivered_for_an_online_receiver_and_offline_otherwise()
    {
        _emulator.SetUserOnline("bob");

        var delivered = await _client.SendPeerMessageAsync("alice", "bob", "x", new PeerMessageOptions { WaitForAck = true });
        var offline = await _client.SendPeerMessageAsync("alice", "carol", "x", new PeerMessageOptions { WaitForAck = true });
        var sent = await _client.SendPeerMessageAsync("alice", "carol", "x");

        delivered.Status.Should().Be(MessageDeliveryStatus.Delivered);
        offline.Status.Should().Be(MessageDeliveryStatus.Offline);
        offline.Result.Should().BeNull("the documented offline answer has no result");
        sent.Status.Should().Be(MessageDeliveryStatus.Sent);
    }

    [Fact]
    public async Task Wrong_credentials_are_refused_with_401()
    {
        var options = _emulator.CreateClientOptions();
        options.Credential = new BasicCredential(_emulator.CustomerId, "wrong-secret");
        using var client = new SignalingClient(options);

        var send = () => client.SendPeerMessageAsync("alice", "bob", "x");
        var history = () => client.GetMessageHistoryAsync("alice", HistoryChannelType.Message, "room");

        (await send.Should().ThrowAsync<SignalingServiceException>()).Which.Status.Should().Be(401);
        (await history.Should().ThrowAsync<SignalingServiceException>()).Which.Should().Match<SignalingServiceException>(e => e.Status == 401 && e.ErrorCode == "401");
        _emulator.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task Another_app_id_is_refused()
    {
        var options = _emulator.CreateClientOptions();
        options.AppId = "0000000000000000000000000000000a";
        using var client = new SignalingClient(options);

        var act = () => client.GetUserEventsAsync();

        (await act.Should().ThrowAsync<SignalingServiceException>()).Which.Status.Should().Be(401);
    }

    [Theory]
    [InlineData("/rtm/users/" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" + "/peer_messages", """{"destination":"b","payload":"x"}""")]
    [InlineData("/rtm/users/a/peer_messages", """{"destination":"b","payload":""}""")]
    [InlineData("/rtm/users/a/peer_messages", """{"destination":"b","Payload":"x"}""")]
    [InlineData("/rtm/users/a/peer_messages", """{"destination":"b/c","payload":"x"}""")]
    [InlineData("/rtm/users/a/channel_messages", """{"channel_name":"c","payload":"x","enable_historical_messaging":"yes"}""")]
    [InlineData("/rtm/users/%20a/channel_messages", """{"channel_name":"c","payload":"x"}""")]
    [InlineData("/rtm/users/a/channel_messages", "not json")]
    public async Task The_emulator_refuses_what_the_service_would_refuse_even_when_the_sdk_is_bypassed(string path, string body)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_emulator.Endpoint, $"dev/v2/project/{_emulator.AppId}{path}"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_emulator.CustomerId}:{_emulator.CustomerSecret}")));

        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        _emulator.Messages.Should().BeEmpty();
    }

    public void Dispose()
    {
        _client.Dispose();
        _emulator.Dispose();
    }
}
