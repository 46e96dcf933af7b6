using Agora.Signaling.Cli;
using Agora.Signaling.Testing;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Cli;

/// <summary>The four kinds of credential, each end to end against an emulator that verifies tokens against its certificate.</summary>
public sealed class CredentialTests : IDisposable
{
    private const string WrongCertificate = "0123456789abcdef0123456789abcdef";

    private readonly SignalingEmulator _emulator = SignalingEmulator.Start();

    public void Dispose() => _emulator.Dispose();

    private static string[] SendPeer(string from) => ["send-peer", "--from", from, "--to", "bob", "--payload", $"hi from {from}"];

    // ---- AccessToken2 (--token) ----

    [Fact]
    public async Task An_access_token_for_the_sender_sends_as_that_user()
    {
        string token = CliHost.AccessToken2(_emulator, "alice");

        var result = await CliHost.RunAsync([.. SendPeer("alice"), .. CliHost.EndpointArgs(_emulator), "--token", token, "--json"]);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        result.Json()["code"]!.Value<string>().Should().Be("message_sent");
        _emulator.PeerMessages.Should().ContainSingle().Which.FromUserId.Should().Be("alice");
        result.Stderr.Should().BeEmpty("a configured run does not use the embedded emulator");
    }

    [Fact]
    public async Task The_token_can_come_from_the_environment_and_the_app_id_from_the_token()
    {
        var environment = new Dictionary<string, string?>
        {
            ["AGORA_BASE_URL"] = _emulator.Endpoint.AbsoluteUri,
            ["AGORA_TOKEN"] = CliHost.AccessToken2(_emulator, "alice"),
        };

        var result = await CliHost.RunAsync(SendPeer("alice"), environment);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        _emulator.PeerMessages.Should().ContainSingle().Which.Payload.Should().Be("hi from alice");
    }

    [Fact]
    public async Task A_token_for_another_user_is_refused_before_anything_is_sent()
    {
        string token = CliHost.AccessToken2(_emulator, "carol");

        var result = await CliHost.RunAsync([.. SendPeer("alice"), .. CliHost.EndpointArgs(_emulator), "--token", token, "--json"]);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain("--from").And.Contain("'carol'").And.Contain("Nothing was sent");
        result.Json()["error"]!["kind"]!.Value<string>().Should().Be("invalid_input");
        _emulator.Messages.Should().BeEmpty();
        _emulator.RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task Reading_history_as_another_user_than_the_tokens_is_sent_as_asked()
    {
        // Agora documents the token-user rule for messages only, so a reader other than the token's user is not refused.
        string token = CliHost.AccessToken2(_emulator, "carol");

        var result = await CliHost.RunAsync(["history", "--user", "alice", "--channel-type", "message", "--channel", "lobby", .. CliHost.EndpointArgs(_emulator), "--token", token]);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        _emulator.RequestCount.Should().Be(1);
    }

    [Fact]
    public async Task A_token_signed_with_another_certificate_is_refused_by_the_service_with_exit_3()
    {
        string token = CliHost.AccessToken2(_emulator, "alice", WrongCertificate);

        var result = await CliHost.RunAsync([.. SendPeer("alice"), .. CliHost.EndpointArgs(_emulator), "--token", token, "--json"]);

        result.ExitCode.Should().Be(ExitCodes.ServiceError, result.ToString());
        result.Json()["error"]!["status"]!.Value<int>().Should().Be(401);
        result.Stderr.Should().Contain("signature is invalid");
        _emulator.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task An_expired_token_is_refused_before_sending()
    {
        string token = SignalingTokenBuilder.BuildAccessToken2(
            _emulator.AppId, _emulator.AppCertificate, "alice", TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow.AddHours(-2), 7);

        var result = await CliHost.RunAsync([.. SendPeer("alice"), .. CliHost.EndpointArgs(_emulator), "--token", token]);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain("expired").And.Contain("Nothing was sent");
        _emulator.RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task Events_can_be_pulled_with_an_access_token()
    {
        _emulator.EnqueueUserEvent("alice", "Login", 1_000);

        var result = await CliHost.RunAsync(["events", "users", .. CliHost.EndpointArgs(_emulator), "--token", CliHost.AccessToken2(_emulator, "alice")]);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        result.Stdout.Should().Contain("1 user event").And.MatchRegex(@"Login\s+user alice");
    }

    [Fact]
    public async Task A_token_for_another_app_is_refused_before_sending()
    {
        string token = SignalingTokenBuilder.BuildAccessToken2("970CA35de60c44645bbae8a215061b33", _emulator.AppCertificate, "alice", TimeSpan.FromHours(1));

        var result = await CliHost.RunAsync([.. SendPeer("alice"), .. CliHost.EndpointArgs(_emulator), "--token", token]);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain("--token was built for app ID 970CA35de60c44645bbae8a215061b33").And.Contain(_emulator.AppId);
        _emulator.RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task A_malformed_token_is_a_usage_error_that_does_not_repeat_it()
    {
        const string Malformed = "007-not-base64-but-secret-looking";

        var result = await CliHost.RunAsync([.. SendPeer("alice"), .. CliHost.EndpointArgs(_emulator), "--token", Malformed]);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain("--token is not a well-formed token").And.Contain("Base64");
        (result.Stdout + result.Stderr).Should().NotContain(Malformed);
        _emulator.RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task A_legacy_token_given_as_token_points_to_legacy_token()
    {
        var result = await CliHost.RunAsync([.. SendPeer("alice"), .. CliHost.EndpointArgs(_emulator), "--token", CliHost.LegacyToken(_emulator, "alice")]);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain("--token takes an AccessToken2").And.Contain("--legacy-token");
        _emulator.RequestCount.Should().Be(0);
    }

    // ---- Legacy AccessToken (--legacy-token with --uid) ----

    [Fact]
    public async Task A_legacy_token_with_its_uid_sends_as_that_user()
    {
        string token = CliHost.LegacyToken(_emulator, "alice");

        var result = await CliHost.RunAsync([.. SendPeer("alice"), .. CliHost.EndpointArgs(_emulator), "--legacy-token", token, "--uid", "alice"]);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        _emulator.PeerMessages.Should().ContainSingle().Which.FromUserId.Should().Be("alice");
    }

    [Fact]
    public async Task A_legacy_token_and_its_uid_can_come_from_the_environment()
    {
        var environment = new Dictionary<string, string?>
        {
            ["AGORA_BASE_URL"] = _emulator.Endpoint.AbsoluteUri,
            ["AGORA_APP_ID"] = _emulator.AppId,
            ["AGORA_LEGACY_TOKEN"] = CliHost.LegacyToken(_emulator, "dave"),
            ["AGORA_UID"] = "dave",
        };

        var result = await CliHost.RunAsync(["send-channel", "--from", "dave", "--channel", "lobby", "--payload", "legacy"], environment);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        _emulator.ChannelMessages.Should().ContainSingle().Which.FromUserId.Should().Be("dave");
    }

    [Fact]
    public async Task A_legacy_token_without_its_uid_is_a_usage_error()
    {
        var result = await CliHost.RunAsync([.. SendPeer("alice"), .. CliHost.EndpointArgs(_emulator), "--legacy-token", CliHost.LegacyToken(_emulator, "alice")]);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain("--legacy-token needs --uid").And.Contain("AGORA_UID");
        _emulator.RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task A_legacy_token_with_another_uid_is_a_usage_error()
    {
        var result = await CliHost.RunAsync(
            [.. SendPeer("mallory"), .. CliHost.EndpointArgs(_emulator), "--legacy-token", CliHost.LegacyToken(_emulator, "alice"), "--uid", "mallory"]);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain("Invalid --uid").And.Contain("not built for this user ID");
        _emulator.RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task A_legacy_token_refuses_another_sender_before_sending()
    {
        var result = await CliHost.RunAsync(
            [.. SendPeer("mallory"), .. CliHost.EndpointArgs(_emulator), "--legacy-token", CliHost.LegacyToken(_emulator, "alice"), "--uid", "alice"]);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain("--from").And.Contain("'alice'");
        _emulator.Messages.Should().BeEmpty();
        _emulator.RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task A_legacy_token_signed_with_another_certificate_is_refused_by_the_service_with_exit_3()
    {
        var result = await CliHost.RunAsync(
            [.. SendPeer("alice"), .. CliHost.EndpointArgs(_emulator), "--legacy-token", CliHost.LegacyToken(_emulator, "alice", WrongCertificate), "--uid", "alice"]);

        result.ExitCode.Should().Be(ExitCodes.ServiceError, result.ToString());
        result.Stderr.Should().Contain("401");
        _emulator.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task A_uid_without_a_legacy_token_is_a_usage_error()
    {
        var result = await CliHost.RunAsync([.. SendPeer("alice"), .. CliHost.ConnectionArgs(_emulator), "--uid", "alice"]);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain("--uid names the user of a legacy token");
        _emulator.RequestCount.Should().Be(0);
    }

    // ---- App certificate (--app-certificate): a token minted per request ----

    [Fact]
    public async Task The_app_certificate_mints_a_token_for_whichever_user_sends()
    {
        string[] args = [.. CliHost.EndpointArgs(_emulator), "--app-certificate", _emulator.AppCertificate];

        var alice = await CliHost.RunAsync([.. SendPeer("alice"), .. args]);
        var bob = await CliHost.RunAsync(["send-channel", "--from", "bob", "--channel", "lobby", "--payload", "hi", .. args]);

        alice.ExitCode.Should().Be(ExitCodes.Success, alice.ToString());
        bob.ExitCode.Should().Be(ExitCodes.Success, bob.ToString());
        _emulator.Messages.Select(m => m.FromUserId).Should().Equal("alice", "bob");
    }

    [Fact]
    public async Task The_app_certificate_also_pulls_events_and_reads_history()
    {
        _emulator.EnqueueChannelEvent("lobby", "alice", "Join", 5);
        _emulator.SeedHistory(HistoryChannelType.Message, "lobby", new StoredHistoryMessage("carol", "stored", 1_000));
        var environment = new Dictionary<string, string?>
        {
            ["AGORA_BASE_URL"] = _emulator.Endpoint.AbsoluteUri,
            ["AGORA_HISTORY_BASE_URL"] = _emulator.HistoryEndpoint.AbsoluteUri,
            ["AGORA_APP_ID"] = _emulator.AppId,
            ["AGORA_APP_CERTIFICATE"] = _emulator.AppCertificate,
        };

        var events = await CliHost.RunAsync(["events", "channels"], environment);
        var history = await CliHost.RunAsync(["history", "--user", "alice", "--channel-type", "message", "--channel", "lobby"], environment);

        events.ExitCode.Should().Be(ExitCodes.Success, events.ToString());
        events.Stdout.Should().Contain("in channel lobby");
        history.ExitCode.Should().Be(ExitCodes.Success, history.ToString());
        history.Stdout.Should().Contain("carol: stored");
    }

    [Fact]
    public async Task A_wrong_app_certificate_is_refused_by_the_service_with_exit_3()
    {
        var result = await CliHost.RunAsync([.. SendPeer("alice"), .. CliHost.EndpointArgs(_emulator), "--app-certificate", WrongCertificate]);

        result.ExitCode.Should().Be(ExitCodes.ServiceError, result.ToString());
        result.Stderr.Should().Contain("401");
        _emulator.Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task An_app_certificate_that_is_not_32_hex_characters_is_a_usage_error()
    {
        var result = await CliHost.RunAsync([.. SendPeer("alice"), .. CliHost.EndpointArgs(_emulator), "--app-certificate", "not-a-certificate"]);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain("Invalid --app-certificate").And.Contain("32 hexadecimal characters");
        _emulator.RequestCount.Should().Be(0);
    }

    // ---- One kind at a time, and any of them counts as configuration ----

    public static TheoryData<string, string> KindPairs => new()
    {
        { "token", "customer-id" },
        { "app-certificate", "token" },
        { "legacy-token", "customer-secret" },
        { "app-certificate", "customer-id" },
        { "legacy-token", "token" },
    };

    [Theory]
    [MemberData(nameof(KindPairs))]
    public async Task Two_kinds_of_credential_are_a_usage_error_naming_both(string first, string second)
    {
        var result = await CliHost.RunAsync([.. SendPeer("alice"), .. CliHost.EndpointArgs(_emulator), .. KindArgs(first), .. KindArgs(second)]);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain("one kind of credential").And.Contain($"--{first}").And.Contain($"--{second}");
        _emulator.RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task A_credential_in_the_environment_conflicts_with_another_kind_on_the_command_line()
    {
        var environment = new Dictionary<string, string?> { ["AGORA_TOKEN"] = CliHost.AccessToken2(_emulator, "alice") };

        var result = await CliHost.RunAsync([.. SendPeer("alice"), .. CliHost.ConnectionArgs(_emulator)], environment);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain("AGORA_TOKEN").And.Contain("--customer-id").And.Contain("--customer-secret");
        _emulator.RequestCount.Should().Be(0);
    }

    public static TheoryData<string[], string> LoneSettings => new()
    {
        { ["--app-certificate", "5cfd2fd1755d40ecb72977518be15d3b"], "--app-certificate needs --app-id" },
        { ["--uid", "alice"], "--uid names the user of a legacy token" },
        { ["--legacy-token", "006abc"], "--legacy-token needs --uid" },
        { ["--token", "007garbage"], "--token is not a well-formed token" },
    };

    [Theory]
    [MemberData(nameof(LoneSettings))]
    public async Task A_token_uid_or_certificate_alone_is_configuration_not_the_emulator(string[] setting, string expected)
    {
        var result = await CliHost.RunAsync([.. SendPeer("alice"), .. setting]);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain(expected).And.NotContainEquivalentOf("embedded emulator");
    }

    [Fact]
    public async Task A_token_alone_in_the_environment_is_configuration_too()
    {
        // A token for carol and a message from alice: refused by the SDK before any request, so nothing leaves the machine.
        var environment = new Dictionary<string, string?> { ["AGORA_TOKEN"] = CliHost.AccessToken2(_emulator, "carol") };

        var result = await CliHost.RunAsync(SendPeer("alice"), environment);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain("'carol'").And.NotContainEquivalentOf("embedded emulator");
    }

    private string[] KindArgs(string kind) => kind switch
    {
        "token" => ["--token", CliHost.AccessToken2(_emulator, "alice")],
        "legacy-token" => ["--legacy-token", CliHost.LegacyToken(_emulator, "alice"), "--uid", "alice"],
        "app-certificate" => ["--app-certificate", _emulator.AppCertificate],
        "customer-id" => ["--customer-id", _emulator.CustomerId],
        "customer-secret" => ["--customer-secret", _emulator.CustomerSecret],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
