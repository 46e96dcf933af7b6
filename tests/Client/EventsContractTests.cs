using Agora.Signaling.Tests.Client.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Agora.Signaling.Tests.Client;

public sealed class EventsContractTests : IDisposable
{
    private readonly WireMockHost _host = new();

    [Theory]
    [InlineData("user-events-basic")]
    [InlineData("user-events-legacy-ts")]
    public async Task User_events_are_pulled_with_a_bare_get_and_both_documented_spellings_are_read(string exampleId)
    {
        Stub("user_events", DocumentedExamples.ResponseBody(exampleId));

        var response = await _host.Client.GetUserEventsAsync();

        var sent = _host.Recorder.Single;
        sent.Method.Should().Be("GET");
        sent.RawPath.Should().Be($"/dev/v2/project/{WireMockHost.AppId}/rtm/vendor/user_events");
        sent.RawQuery.Should().BeEmpty();
        sent.Body.Should().BeNull();
        sent.Headers["Authorization"].Should().Be(WireMockHost.ExpectedBasicHeader);

        response.Result.Should().Be("success");
        response.RequestId.Should().Be("10116762670167749259");
        var single = response.Events.Should().ContainSingle().Subject;
        single.UserId.Should().Be("rtmtest_RTM_4852_4857w7%");
        single.Type.Should().Be("Login");
        single.Kind.Should().Be(UserEventKind.Login);
        single.Ms.Should().Be(1578027420761);
    }

    [Theory]
    [InlineData("channel-events-basic")]
    [InlineData("channel-events-legacy")]
    public async Task Channel_events_are_pulled_and_the_2020_names_channel_id_and_ts_are_read(string exampleId)
    {
        Stub("channel_events", DocumentedExamples.ResponseBody(exampleId));

        var response = await _host.Client.GetChannelEventsAsync();

        _host.Recorder.Single.RawPath.Should().Be($"/dev/v2/project/{WireMockHost.AppId}/rtm/vendor/channel_events");
        var single = response.Events.Should().ContainSingle().Subject;
        single.GroupId.Should().Be("example_channel_id");
        single.UserId.Should().Be("rtmtest_RTM_4852_4857w7%");
        single.Kind.Should().Be(ChannelEventKind.Join);
        single.Ms.Should().Be(1578027418981);
    }

    [Theory]
    [InlineData("""{"result":"success","request_id":"1"}""")]
    [InlineData("""{"result":"success","request_id":"1","events":null}""")]
    [InlineData("""{"request_id":"1","events":[]}""")]
    public async Task Missing_or_null_events_read_as_an_empty_batch(string body)
    {
        Stub("user_events", body);

        var response = await _host.Client.GetUserEventsAsync();

        response.Events.Should().NotBeNull().And.BeEmpty();
    }

    [Fact]
    public async Task Unknown_event_types_and_fields_do_not_break_reading()
    {
        Stub("channel_events", """{"result":"success","request_id":"1","events":[{"group_id":"c","user_id":"u","type":"Kicked","ms":5,"reason":"new"},{"group_id":"c","user_id":"u","type":"leave","ms":6}]}""");

        var response = await _host.Client.GetChannelEventsAsync();

        response.Events!.Select(e => (e.Type, e.Kind)).Should().Equal(("Kicked", ChannelEventKind.Unknown), ("leave", ChannelEventKind.Leave));
    }

    [Fact]
    public async Task A_1000_event_batch_is_read_whole()
    {
        var events = string.Join(",", Enumerable.Range(0, 1000).Select(i => $$"""{"user_id":"u{{i}}","type":"{{(i % 2 == 0 ? "Login" : "Logout")}}","ms":{{1578027420761 + i}}}"""));
        Stub("user_events", $$"""{"result":"success","request_id":"1","events":[{{events}}]}""");

        var response = await _host.Client.GetUserEventsAsync();

        response.Events.Should().HaveCount(1000);
        response.Events![999].Should().BeEquivalentTo(new { UserId = "u999", Kind = UserEventKind.Logout, Ms = 1578027420761 + 999 });
    }

    public void Dispose() => _host.Dispose();

    private void Stub(string resource, string body) =>
        _host.Server
            .Given(Request.Create().UsingGet().WithPath($"/dev/v2/project/{WireMockHost.AppId}/rtm/vendor/{resource}"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body));
}
