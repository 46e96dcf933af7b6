using Agora.Signaling.Tests.Client.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Agora.Signaling.Tests.Authentication;

public sealed class CredentialBehaviourTests : IDisposable
{
    private readonly WireMockHost _host = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public CredentialBehaviourTests() =>
        _host.Server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithBody("""{"result":"success","request_id":"r","code":"message_sent","events":[]}"""));

    [Fact]
    public async Task A_fixed_token_refuses_another_sender_before_sending()
    {
        using var accessToken2 = Client(new AccessToken2Credential(TestKeys.AccessToken2("alice")));
        using var legacy = Client(new LegacyAccessTokenCredential(TestKeys.LegacyToken("alice"), "alice"));

        var first = () => accessToken2.SendPeerMessageAsync("bob", "carol", "hi");
        var second = () => legacy.SendChannelMessageAsync("bob", "room", "hi");

        (await first.Should().ThrowAsync<ArgumentException>()).Which.Should().Match<ArgumentException>(e => e.ParamName == "fromUserId" && e.Message.Contains("'alice'") && e.Message.Contains("'bob'"));
        (await second.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("fromUserId");
        _host.Recorder.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_provided_token_for_another_user_is_refused_before_sending()
    {
        using var client = Client(new AccessToken2Credential(_ => ValueTask.FromResult(TestKeys.AccessToken2("alice", issuedAt: _time.GetUtcNow()))));

        var act = () => client.SendPeerMessageAsync("bob", "carol", "hi");

        (await act.Should().ThrowAsync<SignalingCredentialException>()).Which.Message.Should().Contain("'alice'").And.Contain("'bob'");
        _host.Recorder.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_provided_token_is_cached_and_asked_for_again_before_it_expires()
    {
        int calls = 0;
        var credential = new AccessToken2Credential(
            _ =>
            {
                calls++;
                return ValueTask.FromResult(TestKeys.AccessToken2("alice", TimeSpan.FromMinutes(60), _time.GetUtcNow()));
            },
            refreshMargin: TimeSpan.FromMinutes(5));
        using var client = Client(credential);

        await client.SendPeerMessageAsync("alice", "bob", "1");
        await client.SendPeerMessageAsync("alice", "bob", "2");
        _time.Advance(TimeSpan.FromMinutes(54));
        await client.GetUserEventsAsync();
        calls.Should().Be(1, "the token is good until 5 minutes before its expiry");

        _time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        await client.GetUserEventsAsync();

        calls.Should().Be(2);
        var tokens = _host.Recorder.Requests.Select(r => r.Headers["Authorization"]).ToList();
        tokens.Take(3).Distinct().Should().ContainSingle();
        tokens[3].Should().NotBe(tokens[0]);
    }

    [Fact]
    public async Task Concurrent_requests_share_one_provider_call()
    {
        int calls = 0;
        var gate = new TaskCompletionSource();
        var credential = new AccessToken2Credential(async _ =>
        {
            Interlocked.Increment(ref calls);
            await gate.Task;
            return TestKeys.AccessToken2("alice", issuedAt: _time.GetUtcNow());
        });
        using var client = Client(credential);

        var sends = Enumerable.Range(0, 8).Select(i => client.SendPeerMessageAsync("alice", "bob", $"m{i}")).ToList();
        gate.SetResult();
        await Task.WhenAll(sends);

        calls.Should().Be(1);
        _host.Recorder.Requests.Should().HaveCount(8);
    }

    [Fact]
    public async Task An_expired_fixed_token_is_refused_before_sending()
    {
        string token = TestKeys.AccessToken2("alice", TimeSpan.FromMinutes(10), _time.GetUtcNow());
        using var client = Client(new AccessToken2Credential(token));
        _time.Advance(TimeSpan.FromMinutes(11));

        var act = () => client.SendPeerMessageAsync("alice", "bob", "hi");

        (await act.Should().ThrowAsync<SignalingCredentialException>()).Which.Message.Should().Contain("expired").And.NotContain(token);
        _host.Recorder.Requests.Should().BeEmpty();
    }

    [Theory]
    [InlineData("not a token")]
    [InlineData("006970CA35de60c44645bbae8a215061b33IAAsR0qgiCxv0vrpRcpkz5BrbfEWCBZ6kvR6t7qG/wJIQob86ogAAAAAEAABAAAAR/QQAAEA6AOvKDdW")]
    public async Task A_provider_that_returns_something_else_fails_clearly(string returned)
    {
        using var client = Client(new AccessToken2Credential(_ => ValueTask.FromResult(returned)));

        var act = () => client.GetUserEventsAsync();

        (await act.Should().ThrowAsync<SignalingCredentialException>()).Which.Message.Should().Contain("AccessToken2").And.NotContain(returned);
        _host.Recorder.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task A_failing_provider_is_reported_with_its_exception_inside()
    {
        using var client = Client(new LegacyAccessTokenCredential(_ => throw new InvalidOperationException("vault down"), "alice"));

        var act = () => client.GetUserEventsAsync();

        (await act.Should().ThrowAsync<SignalingCredentialException>()).WithInnerException<InvalidOperationException>().WithMessage("vault down");
    }

    [Fact]
    public async Task The_legacy_provider_must_build_tokens_for_its_user()
    {
        using var client = Client(new LegacyAccessTokenCredential(_ => ValueTask.FromResult(TestKeys.LegacyToken("mallory", issuedAt: _time.GetUtcNow())), "alice"));

        var act = () => client.SendPeerMessageAsync("alice", "bob", "hi");

        (await act.Should().ThrowAsync<SignalingCredentialException>()).Which.Message.Should().Contain("'alice'");
    }

    [Theory]
    [InlineData("007 but not really")]
    [InlineData("")]
    public void A_fixed_token_that_is_not_an_AccessToken2_is_refused_when_configured(string token)
    {
        var act = () => new AccessToken2Credential(token);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("token");
    }

    [Fact]
    public void A_legacy_token_built_for_another_user_is_refused_when_configured()
    {
        var act = () => new LegacyAccessTokenCredential(TestKeys.LegacyToken("alice"), "bob");

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("userId");
    }

    [Fact]
    public void An_app_certificate_credential_for_another_app_is_refused_by_the_options()
    {
        var options = new SignalingClientOptions { AppId = "ffffffffffffffffffffffffffffffff", Credential = new AppCertificateCredential(TestKeys.AppId, TestKeys.AppCertificate) };

        var act = () => new SignalingClient(options);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("Credential");
    }

    [Fact]
    public void No_credential_prints_its_secret()
    {
        string accessToken2 = TestKeys.AccessToken2("alice");
        string legacy = TestKeys.LegacyToken("alice");
        SignalingCredential[] credentials =
        [
            new BasicCredential("customer", "s3cret-value"),
            new AccessToken2Credential(accessToken2),
            new AccessToken2Credential(_ => ValueTask.FromResult(accessToken2)),
            new LegacyAccessTokenCredential(legacy, "alice"),
            new AppCertificateCredential(TestKeys.AppId, TestKeys.AppCertificate),
        ];

        foreach (var credential in credentials)
        {
            string shown = credential.ToString()!;
            shown.Should().NotContainAny("s3cret-value", accessToken2, legacy, TestKeys.AppCertificate, accessToken2[3..40], legacy[35..70]);
            shown.Should().Match(s => s.Contains("***") || s.Contains("provider"));
            DebuggerDisplayOf(credential).Should().Be("{ToString(),nq}");
        }

        SignalingToken.Parse(accessToken2).ToString().Should().NotContain(accessToken2[3..40]).And.Contain("alice");
    }

    [Theory]
    [InlineData("", TestKeys.AppCertificate, "appId")]
    [InlineData(TestKeys.AppId, "not-a-certificate-but-32-chars!!", "appCertificate")]
    [InlineData(TestKeys.AppId, "5cfd2fd1755d40ecb72977518be15d3", "appCertificate")]
    public void Bad_keys_are_refused_without_echoing_them(string appId, string certificate, string paramName)
    {
        var act = () => new AppCertificateCredential(appId, certificate);

        var error = act.Should().Throw<ArgumentException>().Which;
        error.ParamName.Should().Be(paramName);
        error.Message.Should().Contain("32 hexadecimal").And.NotContain(certificate);
    }

    public void Dispose() => _host.Dispose();

    private static string? DebuggerDisplayOf(object value) =>
        value.GetType().GetCustomAttributes(typeof(System.Diagnostics.DebuggerDisplayAttribute), false).Cast<System.Diagnostics.DebuggerDisplayAttribute>().SingleOrDefault()?.Value;

    private SignalingClient Client(SignalingCredential credential)
    {
        var options = _host.Options;
        options.Credential = credential;
        options.TimeProvider = _time;
        return new SignalingClient(options, _host.Recorder);
    }
}
