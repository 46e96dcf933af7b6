using System.Net;
using System.Text;
using Agora.Signaling.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Agora.Signaling.Tests.Authentication;

/// <summary>The emulator checks all three schemes as the service would.</summary>
public sealed class EmulatorAuthenticationTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly SignalingEmulator _emulator;
    private readonly HttpClient _http = new();

    public EmulatorAuthenticationTests() => _emulator = SignalingEmulator.Start(new SignalingEmulatorOptions { AppId = TestKeys.AppId, AppCertificate = TestKeys.AppCertificate, TimeProvider = _time });

    [Fact]
    public async Task Every_scheme_is_accepted_through_the_sdk()
    {
        SignalingCredential[] credentials =
        [
            new BasicCredential(_emulator.CustomerId, _emulator.CustomerSecret),
            new AccessToken2Credential(TestKeys.AccessToken2("alice", issuedAt: _time.GetUtcNow())),
            new LegacyAccessTokenCredential(TestKeys.LegacyToken("alice", issuedAt: _time.GetUtcNow()), "alice"),
            _emulator.CreateAppCertificateCredential(),
        ];

        foreach (var credential in credentials)
        {
            using var client = new SignalingClient(_emulator.CreateClientOptions(credential));
            await client.SendPeerMessageAsync("alice", "bob", credential.GetType().Name);
            await client.GetMessageHistoryAsync("alice", HistoryChannelType.Message, "room");
        }

        _emulator.PeerMessages.Select(m => m.Payload).Should().Equal(credentials.Select(c => c.GetType().Name));
    }

    [Fact]
    public async Task A_retry_on_another_thread_still_mints_its_token_for_the_sender()
    {
        // The first answer is a 429, so the message is sent again after the answer arrives, on a thread-pool thread
        // long after the call began: the sender reaches the authentication handler on the request itself.
        using var client = new SignalingClient(_emulator.CreateClientOptions(_emulator.CreateAppCertificateCredential()));
        _emulator.InjectFaults(EmulatorFault.Status(429, retryAfter: TimeSpan.Zero));

        await client.SendPeerMessageAsync("alice", "bob", "after 429");

        _emulator.RequestCount.Should().Be(2);
        _emulator.PeerMessages.Should().ContainSingle().Which.FromUserId.Should().Be("alice");
    }

    [Fact]
    public async Task The_emulator_accepts_a_valid_AccessToken2_for_the_sender()
    {
        var response = await Send("alice", ("Authorization", "agora token=" + TestKeys.AccessToken2("alice", issuedAt: _time.GetUtcNow())));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public static TheoryData<string, string> RefusedAccessToken2 => new()
    {
        { "signature", TestKeys.AccessToken2("alice", certificate: TestKeys.OtherCertificate, issuedAt: new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero)) },
        { "another app ID", SignalingTokenBuilder.BuildAccessToken2("ffffffffffffffffffffffffffffffff", TestKeys.AppCertificate, "alice", TimeSpan.FromHours(1), new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero), 1) },
        { "expired", TestKeys.AccessToken2("alice", TimeSpan.FromMinutes(5), new DateTimeOffset(2026, 11, 28, 11, 0, 0, TimeSpan.Zero)) },
        { "token's user", TestKeys.AccessToken2("mallory", issuedAt: new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero)) },
        { "malformed", "007" + Convert.ToBase64String(Encoding.ASCII.GetBytes("not zlib")) },
    };

    [Theory]
    [MemberData(nameof(RefusedAccessToken2))]
    public async Task The_emulator_refuses_a_bad_AccessToken2_with_401(string why, string token)
    {
        var response = await Send("alice", ("Authorization", "agora token=" + token));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Contain(why);
        _emulator.Messages.Should().BeEmpty();
    }

    [Theory]
    [InlineData("alice", "alice", HttpStatusCode.OK)]
    [InlineData("alice", "bob", HttpStatusCode.Unauthorized)]
    public async Task The_emulator_checks_the_legacy_token_against_its_uid_and_the_sender(string uid, string sender, HttpStatusCode expected)
    {
        string token = TestKeys.LegacyToken("alice", issuedAt: _time.GetUtcNow());

        var response = await Send(sender, ("x-agora-token", token), ("x-agora-uid", uid == sender ? uid : sender));

        response.StatusCode.Should().Be(expected);
    }

    [Fact]
    public async Task A_legacy_token_expires_at_its_privilege_time()
    {
        string token = TestKeys.LegacyToken("alice", TimeSpan.FromMinutes(10), _time.GetUtcNow());
        _time.Advance(TimeSpan.FromMinutes(11));

        var response = await Send("alice", ("x-agora-token", token), ("x-agora-uid", "alice"));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Contain("expired");
    }

    [Fact]
    public async Task A_minted_token_keeps_working_as_the_clock_moves_on()
    {
        using var client = new SignalingClient(_emulator.CreateClientOptions(_emulator.CreateAppCertificateCredential()));

        await client.SendChannelMessageAsync("alice", "room", "now");
        _time.Advance(TimeSpan.FromDays(3));
        await client.SendChannelMessageAsync("alice", "room", "later");

        _emulator.ChannelMessages.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_request_without_a_credential_is_refused()
    {
        var response = await Send("alice");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    public void Dispose()
    {
        _http.Dispose();
        _emulator.Dispose();
    }

    private async Task<HttpResponseMessage> Send(string sender, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_emulator.Endpoint, $"dev/v2/project/{_emulator.AppId}/rtm/users/{sender}/peer_messages"))
        {
            Content = new StringContent("""{"destination":"bob","payload":"hi"}""", Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await _http.SendAsync(request);
    }
}
