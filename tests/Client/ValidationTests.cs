using Agora.Signaling.Tests.Client.Infrastructure;

namespace Agora.Signaling.Tests.Client;

/// <summary>Bad input fails before anything is sent, naming the parameter and the rule.</summary>
public sealed class ValidationTests : IDisposable
{
    private readonly WireMockHost _host = new();

    public static TheoryData<string, string> BadSenders => new()
    {
        { "", "empty" },
        { new string('a', 65), "1 to 64" },
        { " userA", "spaces" },
        { "userA ", "spaces" },
        { "user/A", "may contain only" },
        { "user*A", "may contain only" },
        { "user\"A", "may contain only" },
        { "user\\A", "may contain only" },
        { "user\r\nX-Injected: 1", "may contain only" },
        { "user\tA", "may contain only" },
        { "usér", "may contain only" },
        { "用户", "may contain only" },
        { ".", "\"..\"" },
        { "..", "\"..\"" },
    };

    [Theory]
    [MemberData(nameof(BadSenders))]
    public async Task A_bad_sender_is_refused_before_sending(string fromUserId, string rule)
    {
        var act = () => _host.Client.SendPeerMessageAsync(fromUserId, "userB", "Hello");

        var error = (await act.Should().ThrowAsync<ArgumentException>()).Which;
        error.ParamName.Should().Be("fromUserId");
        error.Message.Should().Contain(rule);
        _host.Recorder.Requests.Should().BeEmpty();
    }

    [Theory]
    [InlineData(" userB")]
    [InlineData("a'b,c")]
    [InlineData(".")]
    public async Task Ids_in_a_body_may_use_everything_the_documentation_allows(string destination)
    {
        _host.Server.Given(WireMock.RequestBuilders.Request.Create().UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithBody(DocumentedExamples.ResponseBody("peer-message-sent")));

        var response = await _host.Client.SendPeerMessageAsync("userA", destination, "Hello");

        response.Status.Should().Be(MessageDeliveryStatus.Sent);
    }

    [Theory]
    [InlineData(null, "payload")]
    [InlineData("", "empty")]
    public async Task A_missing_payload_is_refused(string? payload, string rule)
    {
        var act = () => _host.Client.SendChannelMessageAsync("userA", "channelA", payload!);

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Should().Match<ArgumentException>(e => e.ParamName == "payload" && e.Message.Contains(rule));
        _host.Recorder.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task The_payload_limit_counts_utf8_bytes_not_characters()
    {
        string fits = new('a', 32 * 1024);
        string tooLong = new string('a', 32 * 1024 - 1) + "é";
        _host.Server.Given(WireMock.RequestBuilders.Request.Create().UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithBody(DocumentedExamples.ResponseBody("channel-message-sent")));

        await _host.Client.SendChannelMessageAsync("userA", "channelA", fits);
        var act = () => _host.Client.SendChannelMessageAsync("userA", "channelA", tooLong);

        var error = (await act.Should().ThrowAsync<ArgumentException>()).Which;
        error.ParamName.Should().Be("payload");
        error.Message.Should().Contain("32768 bytes").And.Contain("32769");
        _host.Recorder.Requests.Should().ContainSingle();
    }

    [Theory]
    [InlineData("user\U0001F600", "found U+1F600.")]
    [InlineData("user\u00e9", "found U+00E9.")]
    public async Task A_refused_character_is_named_by_its_code_point_an_emoji_as_one(string fromUserId, string named)
    {
        var act = () => _host.Client.SendPeerMessageAsync(fromUserId, "userB", "Hello");

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain(named, "an emoji is one character, not half a surrogate pair");
        _host.Recorder.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_bad_channel_name_or_receiver_is_refused()
    {
        var toUser = () => _host.Client.SendPeerMessageAsync("userA", "user/B", "Hello");
        var channel = () => _host.Client.SendChannelMessageAsync("userA", new string('c', 65), "Hello");

        (await toUser.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("toUserId");
        (await channel.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("channelName");
        _host.Recorder.Requests.Should().BeEmpty();
    }

    [Theory]
    [InlineData("Tony", "chat,room", 0, 0, 100, "channelName")]
    [InlineData("To'ny", "chatroom", 0, 0, 100, "userId")]
    [InlineData("Tony ", "chatroom", 0, 0, 100, "userId")]
    [InlineData("Tony", "chatroom", -1, 0, 100, "start")]
    [InlineData("Tony", "chatroom", 0, -5, 100, "end")]
    [InlineData("Tony", "chatroom", 0, 0, 0, "messageCount")]
    [InlineData("Tony", "chatroom", 0, 0, 101, "messageCount")]
    public async Task Bad_history_arguments_are_refused(string userId, string channelName, long start, long end, int count, string paramName)
    {
        var act = () => _host.Client.GetMessageHistoryAsync(userId, HistoryChannelType.Message, channelName, start, end, count);
        var pages = () => _host.Client.GetMessageHistoryPagesAsync(userId, HistoryChannelType.Message, channelName, start, end, count);

        (await act.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be(paramName);
        pages.Should().Throw<ArgumentException>("the pager checks its arguments when called, not on first enumeration").Which.ParamName.Should().Be(paramName);
        _host.Recorder.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task An_undefined_channel_type_is_refused()
    {
        var act = () => _host.Client.GetMessageHistoryAsync("Tony", (HistoryChannelType)7, "chatroom");

        (await act.Should().ThrowAsync<ArgumentOutOfRangeException>()).Which.ParamName.Should().Be("channelType");
    }

    [Theory]
    [InlineData(null, null, 0, 20, "query")]
    [InlineData("a/b", null, 0, 20, "query.Source")]
    [InlineData(null, "b", -1, 20, "query.Offset")]
    [InlineData(null, "b", 0, 30, "query.Limit")]
    public async Task Bad_legacy_queries_are_refused(string? source, string? destination, int offset, int limit, string paramName)
    {
        var query = new LegacyHistoryQuery { Source = source, Destination = destination, Offset = offset, Limit = limit, StartTime = DateTimeOffset.UnixEpoch, EndTime = DateTimeOffset.UnixEpoch };

        var act = () => _host.Client.CreateHistoryQueryAsync(query);

        (await act.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be(paramName);
        _host.Recorder.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_legacy_time_range_that_ends_before_it_starts_is_refused()
    {
        var query = new LegacyHistoryQuery { Destination = "b", StartTime = DateTimeOffset.UnixEpoch.AddDays(1), EndTime = DateTimeOffset.UnixEpoch };

        var act = () => _host.Client.GetHistoryCountAsync(query);

        (await act.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("filter.EndTime");
    }

    [Theory]
    [InlineData("")]
    [InlineData("../x")]
    [InlineData("12 3")]
    public async Task A_malformed_legacy_handle_is_refused(string handle)
    {
        var act = () => _host.Client.GetHistoryQueryResultAsync(handle);

        (await act.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("handle");
    }

    public static TheoryData<Action<SignalingClientOptions>, string> BadOptions => new()
    {
        { o => o.AppId = "", "AppId" },
        { o => o.AppId = "app id", "AppId" },
        { o => o.AppId = "app/../id", "AppId" },
        { o => o.Credential = null, "Credential" },
        { o => o.Endpoint = new Uri("ftp://example.test/"), "Endpoint" },
        { o => o.HistoryEndpoint = new Uri("http://127.0.0.1/?x=1"), "HistoryEndpoint" },
        { o => o.Timeout = TimeSpan.Zero, "Timeout" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Bad_options_are_refused_when_the_client_is_built(Action<SignalingClientOptions> spoil, string paramName)
    {
        var options = new SignalingClientOptions { AppId = WireMockHost.AppId, Credential = new BasicCredential("id", "secret") };
        spoil(options);

        var act = () => new SignalingClient(options);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(paramName);
    }

    [Theory]
    [InlineData("", "secret", "customerId")]
    [InlineData("id:x", "secret", "customerId")]
    [InlineData("id", "", "customerSecret")]
    [InlineData("id", "sec\nret", "customerSecret")]
    public void Bad_basic_credentials_are_refused_without_echoing_the_secret(string id, string secret, string paramName)
    {
        var act = () => new BasicCredential(id, secret);

        var error = act.Should().Throw<ArgumentException>().Which;
        error.ParamName.Should().Be(paramName);
        if (secret.Length > 0)
        {
            error.Message.Should().NotContain(secret);
        }
    }

    public void Dispose() => _host.Dispose();
}
