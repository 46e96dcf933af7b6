using Agora.Signaling.Tests.Client.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Agora.Signaling.Tests.Client;

/// <summary>The publish request on the wire, and the 2.x envelope's answers, against a scripted loopback server.</summary>
public sealed class PublishContractTests : IDisposable
{
    private readonly WireMockHost _host = new();

    [Fact]
    public async Task The_request_is_the_documented_path_query_and_json_body()
    {
        Stub(200, """{"errorCode":200,"error":false,"requestId":"1121_1234231","operation":"publish","reason":"","timestamp":1234567}""");
        const string Message = """{"type":"image","asset_url":"https://example.com/a.png","mentionedUsers":["Tony","Lily"],"sender":"Max"}""";

        var answer = await _host.Client.PublishAsync("Tony", PublishChannelType.Message, "chatroom", Message, new PublishOptions { StoreInHistory = true, CustomType = "image" });

        var sent = _host.Recorder.Single;
        sent.Method.Should().Be("POST");
        sent.RawPath.Should().Be($"/rtm/v2/publish/{WireMockHost.AppId}/userId/Tony/channelType/message/channel/chatroom");
        sent.RawQuery.Should().Be("?storeInHistory=true&customType=image");
        sent.Body.Should().Be(Message, "JSON text is sent unchanged");
        sent.Headers["Content-Type"].Should().StartWith("application/json");
        answer.RequestId.Should().Be("1121_1234231");
    }

    [Fact]
    public async Task Without_options_the_query_is_empty()
    {
        Stub(200, """{"errorCode":200,"error":false}""");

        await _host.Client.PublishAsync("Tony", PublishChannelType.User, "Lily", "\"hi\"");

        _host.Recorder.Single.RawQuery.Should().BeEmpty();
        _host.Recorder.Single.RawPath.Should().EndWith("/channelType/user/channel/Lily");
    }

    [Theory]
    [InlineData(200, """{"errorCode":435,"error":true,"requestId":"r-1","operation":"publish","reason":"Invalid payload"}""", "435", "Invalid payload")]
    [InlineData(200, """{"errorCode":200,"error":true,"requestId":"r-1","operation":"publish","reason":""}""", "200", "error: true")]
    [InlineData(403, """{"errorCode":403,"error":true,"requestId":"r-1","operation":"publish","reason":"Unauthorized or feature not enabled"}""", "403", "feature not enabled")]
    [InlineData(415, """{"data":null,"errorCode":415,"error":true,"requestId":"r-1","operation":"publish","reason":"Unsupported media type"}""", "415", "Unsupported media type")]
    public async Task An_error_in_the_2x_envelope_is_a_service_exception(int status, string body, string code, string reason)
    {
        Stub(status, body);

        var error = (await _host.Client.Invoking(c => c.PublishAsync("Tony", PublishChannelType.Message, "chatroom", "{}")).Should().ThrowAsync<SignalingServiceException>()).Which;

        error.Status.Should().Be(status);
        error.ErrorCode.Should().Be(code);
        error.Reason.Should().Contain(reason);
        error.RequestId.Should().Be("r-1");
        error.Operation.Should().Be("Publish");
    }

    public void Dispose() => _host.Dispose();

    private void Stub(int status, string body) =>
        _host.Server
            .Given(Request.Create().UsingPost().WithPath(new WireMock.Matchers.WildcardMatcher("/rtm/v2/publish/*")))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));
}
