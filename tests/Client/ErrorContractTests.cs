using Agora.Signaling.Tests.Client.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Agora.Signaling.Tests.Client;

public sealed class ErrorContractTests : IDisposable
{
    private readonly WireMockHost _host = new();

    public static TheoryData<int> MessagingStatuses => new() { 400, 401, 408, 429, 500, 502, 503, 504 };

    public static TheoryData<int> HistoryStatuses => new() { 400, 401, 403, 408, 415, 429, 435, 500, 503 };

    [Theory]
    [MemberData(nameof(MessagingStatuses))]
    public async Task Every_documented_messaging_error_status_becomes_a_typed_exception_with_code_reason_and_request_id(int status)
    {
        StubAny(status, """{"result":"failed","request_id":"req-42","code":"invalid_destination","reason":"destination is not valid"}""");

        var act = () => _host.Client.SendPeerMessageAsync("userA", "userB", "Hello");

        // A send answered 408 or 5xx may have been delivered: the service's answer is then inside the outcome-unknown error.
        var error = (await act.Should().ThrowAsync<SignalingException>()).Which;
        bool mayHaveBeenDelivered = status is 408 or >= 500;
        (error is SignalingOutcomeUnknownException).Should().Be(mayHaveBeenDelivered);
        var answer = mayHaveBeenDelivered ? error.InnerException.Should().BeOfType<SignalingServiceException>().Subject : error.Should().BeOfType<SignalingServiceException>().Subject;
        error.Status.Should().Be(status);
        error.Operation.Should().Be("SendPeerMessage");
        answer.ErrorCode.Should().Be("invalid_destination");
        answer.Reason.Should().Be("destination is not valid");
        error.RequestId.Should().Be("req-42");
        error.Message.Should().Contain(status.ToString()).And.Contain("req-42").And.Contain("invalid_destination");
        _host.Recorder.Requests.Should().ContainSingle("a failed send is never resent by this layer");
    }

    [Theory]
    [MemberData(nameof(HistoryStatuses))]
    public async Task Every_documented_history_error_status_is_read_from_the_camel_case_envelope(int status)
    {
        StubAny(status, $$"""{"data":null,"error":true,"errorCode":{{status}},"operation":"history","reason":"Sync Server Error","requestId":"7966661_18114543996554487573"}""");

        var act = () => _host.Client.GetMessageHistoryAsync("100000", HistoryChannelType.Message, "live_1978412974843232257");

        var error = (await act.Should().ThrowAsync<SignalingServiceException>()).Which;
        error.Status.Should().Be(status);
        error.ErrorCode.Should().Be(status.ToString());
        error.Reason.Should().Be("Sync Server Error");
        error.RequestId.Should().Be("7966661_18114543996554487573");
    }

    [Theory]
    [InlineData("""{"result":"failed","reason":"The destination is not valid."}""", "Reason: The destination is not valid.")]
    [InlineData("<html>proxy error</html>", "Reason: The response body is not JSON.")]
    public async Task A_reason_that_ends_a_sentence_gets_no_second_full_stop(string body, string expected)
    {
        StubAny(400, body);

        var act = () => _host.Client.SendPeerMessageAsync("userA", "userB", "Hello");

        var error = (await act.Should().ThrowAsync<SignalingServiceException>()).Which;
        error.Message.Should().Contain(expected).And.NotContain("..");
    }

    [Fact]
    public async Task The_observed_history_server_error_example_is_read()
    {
        StubAny(DocumentedExamples.ResponseStatus("history-v2-server-error-observed"), DocumentedExamples.ResponseBody("history-v2-server-error-observed"));

        var act = () => _host.Client.GetMessageHistoryAsync("100000", HistoryChannelType.Message, "live_1978412974843232257");

        var error = (await act.Should().ThrowAsync<SignalingServiceException>()).Which;
        error.Status.Should().Be(500);
        error.Reason.Should().Be("Sync Server Error");
    }

    [Fact]
    public async Task Date_like_error_fields_are_kept_exactly()
    {
        StubAny(400, """{"result":"failed","request_id":"2020-01-02T03:04:05Z","reason":"2019-08-01T01:22:10Z"}""");

        var act = () => _host.Client.GetUserEventsAsync();

        var error = (await act.Should().ThrowAsync<SignalingServiceException>()).Which;
        error.RequestId.Should().Be("2020-01-02T03:04:05Z");
        error.Reason.Should().Be("2019-08-01T01:22:10Z");
    }

    [Fact]
    public async Task A_200_whose_result_is_failed_is_an_error()
    {
        StubAny(200, """{"result":"failed","request_id":"r1","code":"message_sent"}""");

        var act = () => _host.Client.SendChannelMessageAsync("userA", "channelA", "Hello");

        var error = (await act.Should().ThrowAsync<SignalingServiceException>()).Which;
        error.Status.Should().Be(200);
        error.RequestId.Should().Be("r1");
        error.Reason.Should().Contain("failed");
    }

    [Fact]
    public async Task A_200_event_pull_whose_result_is_failed_is_an_error()
    {
        StubAny(200, """{"result":"failed","request_id":"r2"}""");

        var act = () => _host.Client.GetUserEventsAsync();

        (await act.Should().ThrowAsync<SignalingServiceException>()).Which.RequestId.Should().Be("r2");
    }

    [Fact]
    public async Task A_200_history_envelope_with_error_true_is_an_error()
    {
        StubAny(200, """{"errorCode":403,"error":true,"requestId":"r3","reason":"Unauthorized or feature not enabled","data":null}""");

        var act = () => _host.Client.GetMessageHistoryAsync("Tony", HistoryChannelType.Message, "chatroom");

        var error = (await act.Should().ThrowAsync<SignalingServiceException>()).Which;
        error.Status.Should().Be(200);
        error.ErrorCode.Should().Be("403");
        error.Reason.Should().Be("Unauthorized or feature not enabled");
    }

    [Theory]
    [InlineData(502, "<html><body>Bad gateway</body></html>", "text/html")]
    [InlineData(500, "", "text/plain")]
    [InlineData(400, "plain words", "text/plain")]
    [InlineData(429, "[1,2]", "application/json")]
    public async Task Bodies_that_are_not_the_documented_json_still_give_the_typed_exception(int status, string body, string contentType)
    {
        _host.Server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithHeader("X-Request-Id", "hdr-7").WithBody(body));

        var act = () => _host.Client.GetChannelEventsAsync();

        var error = (await act.Should().ThrowAsync<SignalingServiceException>()).Which;
        error.Status.Should().Be(status);
        error.RequestId.Should().Be("hdr-7");
        error.ResponseBody.Should().Be(body);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"result":"success","events":"not-a-list"}""")]
    [InlineData("null")]
    [InlineData("""{"result":"success","events":[{"user_id":"u","ms":"yesterday"}]}""")]
    public async Task A_200_body_of_the_wrong_shape_gives_the_typed_exception_not_a_json_exception(string body)
    {
        StubAny(200, body);

        var act = () => _host.Client.GetUserEventsAsync();

        var error = (await act.Should().ThrowAsync<SignalingServiceException>()).Which;
        error.Status.Should().Be(200);
        error.Reason.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_huge_error_body_is_truncated_on_the_exception()
    {
        StubAny(500, new string('x', 100_000));

        var act = () => _host.Client.GetUserEventsAsync();

        var error = (await act.Should().ThrowAsync<SignalingServiceException>()).Which;
        error.ResponseBody.Should().HaveLength(SignalingServiceException.MaxResponseBodyLength);

        // Nothing behind the exception (an inner exception, its data) keeps more of the body than ResponseBody does.
        string longerThanKept = new('x', SignalingServiceException.MaxResponseBodyLength + 1);
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            e.ToString().Should().NotContain(longerThanKept);
            e.Data.Values.Cast<object?>().Select(v => v?.ToString() ?? string.Empty).Should().NotContain(v => v.Contains(longerThanKept));
        }
    }

    [Fact]
    public async Task Reasons_with_line_breaks_stay_on_one_line_in_the_message()
    {
        StubAny(400, """{"result":"failed","request_id":"r","reason":"bad\r\nFAKE LOG LINE"}""");

        var act = () => _host.Client.GetUserEventsAsync();

        (await act.Should().ThrowAsync<SignalingServiceException>()).Which.Message.Should().NotContainAny("\r", "\n");
    }

    [Fact]
    public async Task The_customer_secret_appears_in_no_error()
    {
        StubAny(401, """{"result":"failed","request_id":"r","reason":"Authentication failed"}""");

        var act = () => _host.Client.SendPeerMessageAsync("userA", "userB", "Hello");

        var error = (await act.Should().ThrowAsync<SignalingServiceException>()).Which;
        string everything = error.ToString() + error.Message + error.ResponseBody;
        everything.Should().NotContain(WireMockHost.CustomerSecret);
        everything.Should().NotContain(WireMockHost.ExpectedBasicHeader["Basic ".Length..]);
        _host.Options.Credential!.ToString().Should().NotContain(WireMockHost.CustomerSecret).And.Contain(WireMockHost.CustomerId);
    }

    public void Dispose() => _host.Dispose();

    private void StubAny(int status, string body) =>
        _host.Server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));
}
