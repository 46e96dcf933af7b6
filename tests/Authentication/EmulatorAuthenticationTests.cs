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
            if (credential is LegacyAccessTokenCredential)
            {
                // The 2.x API lists Basic and AccessToken2 only, as Agora documents it.
                var refused = await client.Invoking(c => c.GetMessageHistoryAsync("alice", HistoryChannelType.Message, "room")).Should().ThrowAsync<SignalingServiceException>();
                refused.Which.Status.Should().Be(401);
            }
            else
            {
                await client.GetMessageHistoryAsync("alice", HistoryChannelType.Message, "room");
            }
        }

        _emulator.PeerMessages.Select(m => m.Payload).Should().Equal(credentials.Select(c => c.GetType().Name));
    }

    [Fact]
    public async Task A_token_naming_another_user_reads_history_through_the_sdk_and_the_emulator()
    {
        // Agora documents the token-user rule for messages only; neither side refuses a reader who is not the token's user.
        _emulator.SeedHistory(HistoryChannelType.Message, "room", new StoredHistoryMessage("carol", "kept", 1000));
        using var client = new SignalingClient(_emulator.CreateClientOptions(new AccessToken2Credential(TestKeys.AccessToken2("alice", issuedAt: _time.GetUtcNow()))));

        var read = await client.GetMessageHistoryAsync("bob", HistoryChannelType.Message, "room");

        read.Data!.MessageList.Should().ContainSingle().Which.Message.Should().Be("kept");
        await client.Invoking(c => c.SendChannelMessageAsync("bob", "room", "as bob")).Should().ThrowAsync<ArgumentException>("a message is still sent only as the token's user");
    }

    [Theory]
    [InlineData("basic ")]
    [InlineData("BASIC ")]
    [InlineData("Basic  ")]
    public async Task The_basic_scheme_is_read_in_any_case(string scheme)
    {
        string credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_emulator.CustomerId}:{_emulator.CustomerSecret}"));

        var response = await Send("alice", ("Authorization", scheme + credentials));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("Agora token={0}")]
    [InlineData("AGORA Token={0}")]
    [InlineData("agora token = {0}")]
    [InlineData("agora token=\"{0}\"")]
    public async Task The_agora_scheme_and_its_token_parameter_are_read_in_any_case(string format)
    {
        string header = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, TestKeys.AccessToken2("alice", issuedAt: _time.GetUtcNow()));

        var response = await Send("alice", ("Authorization", header));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_basic_credentials_themselves_stay_case_sensitive()
    {
        string credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_emulator.CustomerId}:{_emulator.CustomerSecret}"));

        var response = await Send("alice", ("Authorization", "Basic " + credentials.ToLowerInvariant()));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_legacy_token_is_refused_on_the_2x_history_api()
    {
        string token = TestKeys.LegacyToken("alice", issuedAt: _time.GetUtcNow());
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_emulator.Endpoint, $"rtm/v2/history/{_emulator.AppId}/userId/alice/channelType/message/channel/room"));
        request.Headers.TryAddWithoutValidation("x-agora-token", token);
        request.Headers.TryAddWithoutValidation("x-agora-uid", "alice");

        using var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"error\":true").And.Contain("x-agora-token");
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
