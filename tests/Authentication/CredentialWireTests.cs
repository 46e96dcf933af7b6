using Agora.Signaling.Tests.Client.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Agora.Signaling.Tests.Authentication;

/// <summary>Each credential scheme on each operation: the exact headers on the wire, and no other header carrying a secret.</summary>
public sealed class CredentialWireTests : IDisposable
{
    private static readonly string[] AuthHeaders = ["Authorization", "x-agora-token", "x-agora-uid"];
    private readonly WireMockHost _host = new();

    public CredentialWireTests()
    {
        _host.Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithCallback(request => new WireMock.ResponseMessage
        {
            StatusCode = 200,
            BodyData = new WireMock.Util.BodyData
            {
                DetectedBodyType = WireMock.Types.BodyType.String,
                BodyAsString = request.Path.Contains("/rtm/v2/history/", StringComparison.Ordinal)
                    ? """{"errorCode":200,"error":false,"requestId":"r","data":{"messageList":[],"count":0,"newStart":0}}"""
                    : request.Path.EndsWith("/query", StringComparison.Ordinal)
                        ? """{"result":"success","location":"~/rtm/message/history/query/1"}"""
                        : """{"result":"success","request_id":"r","code":"message_sent","events":[],"messages":[],"count":0}""",
            },
        }));
    }

    public static TheoryData<string> Operations => new() { "peer", "channel", "userEvents", "channelEvents", "history", "legacyCreate", "legacyResult", "legacyCount" };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Basic_sends_only_the_authorization_header(string operation)
    {
        await Run(new BasicCredential("customer", "s3cret"), operation);

        var headers = _host.Recorder.Single.Headers;
        headers["Authorization"].Should().Be("Basic " + Convert.ToBase64String("customer:s3cret"u8.ToArray()));
        headers.Keys.Should().NotContain(["x-agora-token", "x-agora-uid"]);
        NoOtherHeaderContains(headers, "s3cret", headers["Authorization"]["Basic ".Length..]);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task AccessToken2_sends_agora_token_in_the_authorization_header(string operation)
    {
        string token = TestKeys.AccessToken2("alice");

        await Run(new AccessToken2Credential(token), operation);

        var headers = _host.Recorder.Single.Headers;
        headers["Authorization"].Should().Be("agora token=" + token);
        headers.Keys.Should().NotContain(["x-agora-token", "x-agora-uid"]);
        NoOtherHeaderContains(headers, token);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task The_legacy_AccessToken_sends_the_token_and_uid_headers(string operation)
    {
        string token = TestKeys.LegacyToken("alice");

        await Run(new LegacyAccessTokenCredential(token, "alice"), operation);

        var headers = _host.Recorder.Single.Headers;
        headers["x-agora-token"].Should().Be(token);
        headers["x-agora-uid"].Should().Be("alice");
        headers.Keys.Should().NotContain("Authorization");
        NoOtherHeaderContains(headers, token);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task An_app_certificate_mints_a_token_for_the_user_the_request_is_made_as(string operation)
    {
        await Run(new AppCertificateCredential(TestKeys.AppId, TestKeys.AppCertificate) { DefaultUserId = "backend" }, operation);

        var headers = _host.Recorder.Single.Headers;
        headers["Authorization"].Should().StartWith("agora token=007");
        var token = SignalingToken.Parse(headers["Authorization"]["agora token=".Length..]);
        token.VerifySignature(TestKeys.AppCertificate).Should().BeTrue();
        token.AppId.Should().Be(TestKeys.AppId);
        token.UserId.Should().Be(operation is "peer" or "channel" or "history" ? "alice" : "backend");
        NoOtherHeaderContains(headers, TestKeys.AppCertificate);
    }

    public void Dispose() => _host.Dispose();

    private static void NoOtherHeaderContains(IReadOnlyDictionary<string, string> headers, params string[] secrets)
    {
        foreach (var (name, value) in headers.Where(h => !AuthHeaders.Contains(h.Key, StringComparer.OrdinalIgnoreCase)))
        {
            value.Should().NotContainAny(secrets, $"header {name} must not carry a credential");
        }
    }

    private async Task Run(SignalingCredential credential, string operation)
    {
        var options = _host.Options;
        options.Credential = credential;
        using var client = new SignalingClient(options, _host.Recorder);
        var range = new LegacyHistoryQuery { Source = "alice", StartTime = DateTimeOffset.UnixEpoch, EndTime = DateTimeOffset.UnixEpoch.AddDays(1) };
        Task call = operation switch
        {
            "peer" => client.SendPeerMessageAsync("alice", "bob", "hi"),
            "channel" => client.SendChannelMessageAsync("alice", "room", "hi"),
            "userEvents" => client.GetUserEventsAsync(),
            "channelEvents" => client.GetChannelEventsAsync(),
            "history" => client.GetMessageHistoryAsync("alice", HistoryChannelType.Message, "room"),
            "legacyCreate" => client.CreateHistoryQueryAsync(range),
            "legacyResult" => client.GetHistoryQueryResultAsync("1"),
            "legacyCount" => client.GetHistoryCountAsync(range),
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
        await call;
    }
}
