using Agora.Signaling.Testing;
using Agora.Signaling.Tests.Authentication;

namespace Agora.Signaling.Tests.Client;

/// <summary>Signaling 2.x publish end to end: the client, its checks and its failures, against the emulator.</summary>
public sealed class PublishTests : IDisposable
{
    private readonly SignalingEmulator _emulator = SignalingEmulator.Start();

    [Fact]
    public async Task A_text_message_goes_to_a_message_channel_as_is_and_into_history_when_asked()
    {
        using var client = _emulator.CreateClient();
        const string Message = """{"type":"image","asset_url":"https://example.com/a.png","mentionedUsers":["Tony","Lily"]}""";

        var answer = await client.PublishAsync("Max", PublishChannelType.Message, "chatroom", Message, new PublishOptions { StoreInHistory = true, CustomType = "image" });
        var history = await client.GetMessageHistoryAsync("Tony", HistoryChannelType.Message, "chatroom");

        answer.ErrorCode.Should().Be(200);
        answer.Error.Should().BeFalse();
        answer.RequestId.Should().NotBeNullOrEmpty();
        _emulator.Publishes.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Publisher = "Max", ChannelType = PublishChannelType.Message, ChannelName = "chatroom", Message, StoreInHistory = true, CustomType = "image",
        });
        history.Data!.MessageList.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Publisher = "Max", Message, CustomType = "image" });
    }

    [Fact]
    public async Task An_object_is_serialised_and_goes_to_a_user_channel_without_history_unless_asked()
    {
        using var client = _emulator.CreateClient();

        await client.PublishAsync("server", PublishChannelType.User, "alice", new { text = "Hello", count = 2 });

        var recorded = _emulator.Publishes.Should().ContainSingle().Subject;
        recorded.ChannelType.Should().Be(PublishChannelType.User);
        recorded.ChannelName.Should().Be("alice");
        recorded.Message.Should().Be("""{"text":"Hello","count":2}""");
        recorded.StoreInHistory.Should().BeFalse();
        recorded.CustomType.Should().BeNull();
        _emulator.GetHistory(HistoryChannelType.User, "alice").Should().BeEmpty();
    }

    public static TheoryData<string, Func<ISignalingClient, Task>> BadInput => new()
    {
        { "fromUserId", c => c.PublishAsync("a/b", PublishChannelType.Message, "room", "{}") },
        { "fromUserId", c => c.PublishAsync(" server", PublishChannelType.Message, "room", "{}") },
        { "channelName", c => c.PublishAsync("server", PublishChannelType.Message, new string('x', 65), "{}") },
        { "channelName", c => c.PublishAsync("server", PublishChannelType.User, "..", "{}") },
        { "channelType", c => c.PublishAsync("server", (PublishChannelType)7, "room", "{}") },
        { "message", c => c.PublishAsync("server", PublishChannelType.Message, "room", "") },
        { "message", c => c.PublishAsync("server", PublishChannelType.Message, "room", "Hello") },
        { "message", c => c.PublishAsync("server", PublishChannelType.Message, "room", "{} {}") },
        { "message", c => c.PublishAsync("server", PublishChannelType.Message, "room", "\"" + new string('x', 32 * 1024) + "\"") },
        { "message", c => c.PublishAsync("server", PublishChannelType.Message, "room", new { text = new string('x', 32 * 1024) }) },
        { "message", c => c.PublishAsync<object?>("server", PublishChannelType.Message, "room", null) },
        { "options", c => c.PublishAsync("server", PublishChannelType.Message, "room", "{}", new PublishOptions { CustomType = "" }) },
        { "options", c => c.PublishAsync("server", PublishChannelType.Message, "room", "{}", new PublishOptions { CustomType = new string('t', 33) }) },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_refused_naming_the_parameter_before_anything_is_sent(string parameter, Func<ISignalingClient, Task> publish)
    {
        using var client = _emulator.CreateClient();

        (await client.Invoking(publish).Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be(parameter);

        _emulator.RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task The_limits_themselves_are_accepted()
    {
        using var client = _emulator.CreateClient();
        string largest = "\"" + new string('x', (32 * 1024) - 2) + "\"";

        await client.PublishAsync("server", PublishChannelType.Message, "room", largest, new PublishOptions { CustomType = new string('t', 32) });
        await client.PublishAsync("server", PublishChannelType.Message, "room", "\"Hello\"", new PublishOptions { CustomType = "t" });

        _emulator.Publishes.Select(p => p.Message.Length).Should().Equal(32 * 1024, 7);
    }

    [Fact]
    public async Task With_a_token_a_message_is_published_only_as_its_user()
    {
        using var client = new SignalingClient(_emulator.CreateClientOptions(new AccessToken2Credential(TestKeys.AccessToken2("alice"))));

        await client.PublishAsync("alice", PublishChannelType.Message, "room", "{}");
        await client.Invoking(c => c.PublishAsync("bob", PublishChannelType.Message, "room", "{}")).Should().ThrowAsync<ArgumentException>().WithParameterName("fromUserId");

        _emulator.Publishes.Should().ContainSingle().Which.Publisher.Should().Be("alice");
    }

    [Fact]
    public async Task An_error_in_the_2x_envelope_is_a_service_exception_with_its_code_and_reason()
    {
        var options = _emulator.CreateClientOptions();
        options.AppId = "0123456789abcdef0123456789abcdef";
        using var client = new SignalingClient(options);

        var error = (await client.Invoking(c => c.PublishAsync("server", PublishChannelType.Message, "room", "{}")).Should().ThrowAsync<SignalingServiceException>()).Which;

        error.Status.Should().Be(403);
        error.Reason.Should().Contain("feature not enabled");
        error.RequestId.Should().NotBeNullOrEmpty();
        error.Operation.Should().Be("Publish");
    }

    public static TheoryData<string, EmulatorFault> FaultsAfterSending => new()
    {
        { "503 after processing", EmulatorFault.Status(503, afterProcessing: true) },
        { "500 after processing", EmulatorFault.Status(500, afterProcessing: true) },
        { "dropped connection", EmulatorFault.DropConnection() },
        { "timeout", EmulatorFault.Slow(TimeSpan.FromSeconds(5)) },
    };

    [Theory]
    [MemberData(nameof(FaultsAfterSending))]
    public async Task A_publish_whose_answer_is_lost_is_never_sent_twice_and_reports_an_unknown_outcome(string why, EmulatorFault fault)
    {
        var options = _emulator.CreateClientOptions();
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Timeout = TimeSpan.FromMilliseconds(500);
        using var client = new SignalingClient(options);
        _emulator.InjectFaults(fault);

        await client.Invoking(c => c.PublishAsync("server", PublishChannelType.Message, "room", "{\"n\":1}")).Should().ThrowAsync<SignalingOutcomeUnknownException>(why);

        _emulator.RequestCount.Should().Be(1, "a publish is not resent after {0}", why);
        _emulator.Publishes.Should().ContainSingle(why);
    }

    [Fact]
    public async Task A_publish_refused_with_429_before_processing_is_sent_again()
    {
        var options = _emulator.CreateClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        using var client = new SignalingClient(options);
        _emulator.InjectFaults(EmulatorFault.Status(429, retryAfter: TimeSpan.Zero));

        await client.PublishAsync("server", PublishChannelType.Message, "room", "{}");

        _emulator.RequestCount.Should().Be(2);
        _emulator.Publishes.Should().ContainSingle();
    }

    [Fact]
    public async Task Sixty_one_publishes_to_one_channel_all_arrive_once_having_waited_for_the_channel_quota()
    {
        using var client = _emulator.CreateClient();

        // 61 at once against 60 a second for the channel: the client queues them instead of letting the service drop some.
        await Task.WhenAll(Enumerable.Range(0, 61).Select(i => client.PublishAsync("server", PublishChannelType.Message, "busy", $"{{\"n\":{i}}}"))).WaitAsync(TimeSpan.FromSeconds(30));

        _emulator.Publishes.Select(p => p.Message).Should().OnlyHaveUniqueItems().And.HaveCount(61);
        _emulator.RequestCount.Should().Be(61, "none was refused or resent");

        // 60 a second is let out about ten times a second, six at a time: the 61st cannot leave before ten windows
        // have opened, which a client that did not wait (all 61 at once) would not show.
        var arrivals = _emulator.Publishes.Select(p => p.ReceivedAt).ToList();
        (arrivals.Max() - arrivals.Min()).Should().BeGreaterThanOrEqualTo(800, "the publishes waited for the channel's quota");
    }

    public void Dispose() => _emulator.Dispose();
}
