namespace Agora.Signaling.Tests.Testing;

public sealed class SignalingModelFactoryTests
{
    [Fact]
    public async Task A_fake_client_answers_code_under_test_with_factory_built_models()
    {
        var fake = new FakeSignalingClient { SendAnswer = SignalingModelFactory.SendMessageResponse("req-1", "message_delivered") };

        var answer = await NotifyAsync(fake, "alice");

        answer.Should().Be(MessageDeliveryStatus.Delivered);
        fake.Sent.Should().Equal([("server", "alice", "Welcome back")]);
    }

    [Fact]
    public async Task The_event_pump_drains_a_fake_client_like_the_real_one()
    {
        var fake = new FakeSignalingClient();
        fake.QueueUserEvents(SignalingModelFactory.UserEventsResponse([
            SignalingModelFactory.UserEvent("alice", "Login", 1),
            SignalingModelFactory.UserEvent("bob", "Logout", 2),
        ]));
        fake.QueueUserEvents(SignalingModelFactory.UserEventsResponse([SignalingModelFactory.UserEvent("carol", "Login", 3)]));

        var seen = new List<UserEvent>();
        await foreach (var batch in fake.ReadUserEventsAsync())
        {
            seen.AddRange(batch);
        }

        seen.Select(e => (e.UserId, e.Kind, e.Ms)).Should().Equal(
            ("alice", UserEventKind.Login, 1L),
            ("bob", UserEventKind.Logout, 2L),
            ("carol", UserEventKind.Login, 3L));
    }

    [Theory]
    [InlineData("message_sent", MessageDeliveryStatus.Sent)]
    [InlineData("message sent", MessageDeliveryStatus.Sent)]
    [InlineData("message_delivered", MessageDeliveryStatus.Delivered)]
    [InlineData("message_offline", MessageDeliveryStatus.Offline)]
    [InlineData("something_new", MessageDeliveryStatus.Unknown)]
    [InlineData(null, MessageDeliveryStatus.Unknown)]
    public void Send_responses_read_their_status_from_the_code(string? code, MessageDeliveryStatus expected)
    {
        var response = SignalingModelFactory.SendMessageResponse("req", code);

        response.Status.Should().Be(expected);
        response.Code.Should().Be(code);
        response.Result.Should().Be("success");
        response.RequestId.Should().Be("req");
    }

    [Fact]
    public void Send_responses_default_to_a_sent_message_with_a_fresh_request_id()
    {
        var first = SignalingModelFactory.SendMessageResponse();
        var second = SignalingModelFactory.SendMessageResponse();

        first.Status.Should().Be(MessageDeliveryStatus.Sent);
        first.RequestId.Should().NotBeNullOrEmpty().And.NotBe(second.RequestId);
    }

    [Theory]
    [InlineData("Login", UserEventKind.Login)]
    [InlineData("Logout", UserEventKind.Logout)]
    [InlineData("Teleport", UserEventKind.Unknown)]
    public void User_events_read_their_kind_from_the_type(string type, UserEventKind expected)
    {
        var userEvent = SignalingModelFactory.UserEvent("alice", type, 42);

        userEvent.Kind.Should().Be(expected);
        userEvent.Type.Should().Be(type);
        (userEvent.UserId, userEvent.Ms).Should().Be(("alice", 42L));
    }

    [Fact]
    public void Channel_events_carry_the_channel_in_group_id_and_read_their_kind()
    {
        var response = SignalingModelFactory.ChannelEventsResponse(
            [SignalingModelFactory.ChannelEvent("lobby", "alice", "Join", 7), SignalingModelFactory.ChannelEvent("lobby", "bob", "Leave", 8)],
            requestId: "req-2");

        response.Result.Should().Be("success");
        response.RequestId.Should().Be("req-2");
        response.Events!.Select(e => (e.GroupId, e.UserId, e.Kind, e.Ms)).Should().Equal(
            ("lobby", "alice", ChannelEventKind.Join, 7L),
            ("lobby", "bob", ChannelEventKind.Leave, 8L));
    }

    [Fact]
    public async Task History_responses_hold_one_page_with_its_count_and_next_start()
    {
        var fake = new FakeSignalingClient
        {
            HistoryAnswer = SignalingModelFactory.MessageHistoryResponse(
                [
                    SignalingModelFactory.HistoryMessage("alice", "hi", 200),
                    SignalingModelFactory.HistoryMessage("bob", Convert.ToBase64String([1, 2, 3]), 100, "binary", customType: "blob"),
                ],
                newStart: 99,
                requestId: "req-3"),
        };

        var response = await fake.GetMessageHistoryAsync("server", HistoryChannelType.Message, "lobby");

        response.Error.Should().BeFalse();
        response.RequestId.Should().Be("req-3");
        response.Data!.Count.Should().Be(2);
        response.Data.NewStart.Should().Be(99);
        response.Data.MessageList!.Select(m => (m.Publisher, m.Kind, m.Timestamp, m.CustomType)).Should().Equal(
            ("alice", HistoryMessageKind.String, 200L, (string?)null),
            ("bob", HistoryMessageKind.Binary, 100L, "blob"));
        response.Data.MessageList![1].GetContentBytes().Should().Equal(1, 2, 3);
    }

    [Fact]
    public void Response_factories_reject_null_collections()
    {
        FluentActions.Invoking(() => SignalingModelFactory.UserEventsResponse(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => SignalingModelFactory.ChannelEventsResponse(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => SignalingModelFactory.MessageHistoryResponse(null!)).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public async Task A_publish_answer_reads_as_the_service_sends_it()
    {
        var fake = new FakeSignalingClient();

        var response = await fake.PublishAsync("server", PublishChannelType.Message, "lobby", new { text = "hi" });

        response.Should().BeEquivalentTo(new { ErrorCode = 200, Error = false, Operation = "publish" });
        SignalingModelFactory.PublishResponse("req-9", 42).Should().BeEquivalentTo(new { RequestId = "req-9", Timestamp = 42L });
        fake.Published.Should().ContainSingle().Which.Message.Should().Be("""{"text":"hi"}""");
    }

    // Stands in for a consumer's own code, which only knows the interface.
    private static async Task<MessageDeliveryStatus> NotifyAsync(ISignalingClient client, string user) =>
        (await client.SendPeerMessageAsync("server", user, "Welcome back")).Status;
}
