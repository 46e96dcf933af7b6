using Agora.Signaling.Tests.Client.Infrastructure;
using Newtonsoft.Json.Linq;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Agora.Signaling.Tests.Client;

public sealed class LegacyHistoryContractTests : IDisposable
{
    private const string QueryPath = $"/dev/v2/project/{WireMockHost.AppId}/rtm/message/history/query";
    private readonly WireMockHost _host = new();

    [Theory]
    [InlineData("legacy-history-create-query", "src_account", "dst_account")]
    [InlineData("legacy-history-create-query-destination-only", null, "userA")]
    public async Task A_query_is_created_with_the_documented_body_and_its_handle_is_read(string exampleId, string? source, string destination)
    {
        Stub("POST", QueryPath, DocumentedExamples.ResponseBody(exampleId));

        var response = await _host.Client.CreateHistoryQueryAsync(new LegacyHistoryQuery
        {
            Source = source,
            Destination = destination,
            StartTime = new DateTimeOffset(2019, 8, 1, 1, 22, 10, TimeSpan.Zero),
            EndTime = new DateTimeOffset(2019, 8, 1, 3, 32, 10, TimeSpan.FromHours(2)),
            Offset = 100,
            Limit = 20,
            Order = HistoryQueryOrder.Asc,
        });

        var sent = _host.Recorder.Single;
        sent.Method.Should().Be("POST");
        sent.RawPath.Should().Be(QueryPath);
        JToken.DeepEquals(JToken.Parse(sent.Body!), DocumentedExamples.RequestBody(exampleId)).Should().BeTrue(sent.Body);
        response.Handle.Should().Be("123456123456");
        response.Location.Should().Be("~/rtm/message/history/query/123456123456");
    }

    [Fact]
    public async Task A_query_result_is_read_by_handle()
    {
        Stub("GET", QueryPath + "/123456123456", DocumentedExamples.ResponseBody("legacy-history-get-result"));

        var response = await _host.Client.GetHistoryQueryResultAsync("123456123456");

        _host.Recorder.Single.RawPath.Should().Be(QueryPath + "/123456123456");
        response.IsReady.Should().BeTrue();
        response.Messages.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Src = "src", Dst = "dst", MessageType = "peer_message", Payload = "123", Ms = 1587009745719L });
    }

    [Fact]
    public async Task A_query_in_progress_is_not_ready_and_the_2020_ts_spelling_is_read()
    {
        Stub("GET", QueryPath + "/7", """{"result":"success","code":"in progress","messages":[{"src":"a","dst":"b","payload":"p","ts":42}]}""");

        var response = await _host.Client.GetHistoryQueryResultAsync("7");

        response.IsReady.Should().BeFalse();
        response.Messages![0].Ms.Should().Be(42);
    }

    [Fact]
    public async Task A_count_sends_the_filter_as_query_parameters_without_quotes()
    {
        Stub("GET", $"/dev/v2/project/{WireMockHost.AppId}/rtm/message/history/count", DocumentedExamples.ResponseBody("legacy-history-count"));

        var response = await _host.Client.GetHistoryCountAsync(new LegacyHistoryQuery
        {
            Source = "src",
            Destination = "dst",
            StartTime = new DateTimeOffset(2019, 8, 1, 1, 22, 10, 999, TimeSpan.Zero),
            EndTime = new DateTimeOffset(2019, 8, 1, 1, 24, 10, TimeSpan.Zero),
        });

        _host.Recorder.Single.RawQuery.Should().Be("?source=src&destination=dst&start_time=2019-08-01T01%3A22%3A10Z&end_time=2019-08-01T01%3A24%3A10Z");
        response.Count.Should().Be(123);
        response.IsReady.Should().BeTrue();
    }

    [Fact]
    public async Task An_expired_query_answers_410()
    {
        Stub("GET", QueryPath + "/9", """{"result":"failed","request_id":"r410"}""", 410);

        var act = () => _host.Client.GetHistoryQueryResultAsync("9");

        var error = (await act.Should().ThrowAsync<SignalingServiceException>()).Which;
        error.Status.Should().Be(410);
        error.RequestId.Should().Be("r410");
    }

    public void Dispose() => _host.Dispose();

    private void Stub(string method, string path, string body, int status = 200) =>
        _host.Server
            .Given(Request.Create().WithPath(path).UsingMethod(method))
            .RespondWith(Response.Create().WithStatusCode(status).WithBody(body));
}
