using Agora.Signaling.Cli;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Cli;

public sealed class TokenCommandTests
{
    private const string AppId = "970CA35de60c44645bbae8a215061b33";
    private const string Certificate = "5CFd2fd1755d40ecb72977518be15d3b";
    private const string OtherCertificate = "0123456789abcdef0123456789abcdef";
    private const uint IssuedAt = 1111111;

    private static readonly string[] Keys = ["--app-id", AppId, "--app-certificate", Certificate];

    // ---- token build ----

    [Fact]
    public async Task Build_with_an_issue_time_and_salt_is_reproducible_and_matches_the_sdk()
    {
        string[] args = ["token", "build", .. Keys, "--user", "test_user", "--issued-at", "1111111", "--salt", "1"];

        var first = await CliHost.RunAsync(args);
        var second = await CliHost.RunAsync(args);

        first.ExitCode.Should().Be(ExitCodes.Success, first.ToString());
        first.Stderr.Should().BeEmpty();
        string token = first.Stdout.TrimEnd('\r', '\n');
        first.Stdout.Should().Be(token + Environment.NewLine, "stdout carries the token alone");
        second.Stdout.Should().Be(first.Stdout);
        token.Should().Be(SignalingTokenBuilder.BuildAccessToken2(AppId, Certificate, "test_user", TimeSpan.FromSeconds(3600), DateTimeOffset.FromUnixTimeSeconds(IssuedAt), 1));

        var parsed = SignalingToken.Parse(token);
        parsed.Version.Should().Be(SignalingTokenVersion.AccessToken2);
        parsed.AppId.Should().Be(AppId);
        parsed.IssuedAt.Should().Be(DateTimeOffset.FromUnixTimeSeconds(IssuedAt));
        parsed.Expire.Should().Be(3600, "--expire defaults to an hour");
        parsed.Salt.Should().Be(1);
        parsed.UserId.Should().Be("test_user");
        parsed.VerifySignature(Certificate).Should().BeTrue();
        parsed.VerifySignature(OtherCertificate).Should().BeFalse();
    }

    [Fact]
    public async Task Build_legacy_makes_a_006_token_whose_privilege_ends_expire_seconds_after_issue()
    {
        string[] args = ["token", "build", .. Keys, "--user", "test_user", "--legacy", "--issued-at", "1111111", "--salt", "42", "--expire", "600"];

        var first = await CliHost.RunAsync(args);
        var second = await CliHost.RunAsync(args);

        first.ExitCode.Should().Be(ExitCodes.Success, first.ToString());
        string token = first.Stdout.Trim();
        second.Stdout.Trim().Should().Be(token);
        token.Should().Be(SignalingTokenBuilder.BuildLegacyAccessToken(AppId, Certificate, "test_user", TimeSpan.FromSeconds(600), DateTimeOffset.FromUnixTimeSeconds(IssuedAt), 42));

        var parsed = SignalingToken.Parse(token);
        parsed.Version.Should().Be(SignalingTokenVersion.AccessToken);
        parsed.AppId.Should().Be(AppId);
        parsed.Salt.Should().Be(42);
        parsed.ExpiresAt.Should().Be(DateTimeOffset.FromUnixTimeSeconds(IssuedAt + 600));
        parsed.VerifySignature(Certificate, "test_user").Should().BeTrue();
        parsed.VerifySignature(Certificate, "someone_else").Should().BeFalse();
    }

    [Fact]
    public async Task Build_without_an_issue_time_or_salt_issues_now_with_a_random_salt()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var first = await CliHost.RunAsync(["token", "build", .. Keys, "--user", "alice", "--expire", "120"]);
        var second = await CliHost.RunAsync(["token", "build", .. Keys, "--user", "alice", "--expire", "120"]);
        var after = DateTimeOffset.UtcNow.AddSeconds(1);

        first.ExitCode.Should().Be(ExitCodes.Success, first.ToString());
        second.Stdout.Should().NotBe(first.Stdout, "each build has its own salt");
        var parsed = SignalingToken.Parse(first.Stdout.Trim());
        parsed.IssuedAt.Should().BeOnOrAfter(before).And.BeOnOrBefore(after);
        parsed.ExpiresAt.Should().Be(parsed.IssuedAt!.Value.AddSeconds(120));
        parsed.VerifySignature(Certificate).Should().BeTrue();
    }

    [Fact]
    public async Task Build_json_has_the_token_and_what_it_holds()
    {
        var result = await CliHost.RunAsync(["token", "build", .. Keys, "--user", "test_user", "--issued-at", "1111111", "--salt", "9", "--json"]);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        var json = result.Json();
        json.Properties().Select(p => p.Name).Should().Equal("token", "version", "appId", "userId", "issuedAt", "expire", "expiresAt", "salt", "permissions");
        SignalingToken.Parse(json["token"]!.Value<string>()!).VerifySignature(Certificate).Should().BeTrue();
        json["version"]!.Value<string>().Should().Be("007");
        json["appId"]!.Value<string>().Should().Be(AppId);
        json["userId"]!.Value<string>().Should().Be("test_user");
        Time(json["issuedAt"]!).Should().Be(DateTimeOffset.FromUnixTimeSeconds(IssuedAt));
        json["expire"]!.Value<long>().Should().Be(3600);
        Time(json["expiresAt"]!).Should().Be(DateTimeOffset.FromUnixTimeSeconds(IssuedAt + 3600));
        json["salt"]!.Value<long>().Should().Be(9);
        json["permissions"]!.Type.Should().Be(JTokenType.Null, "an RTM token carries no permissions");
    }

    [Fact]
    public async Task Build_json_of_a_legacy_token_gives_the_user_and_issue_time_the_token_does_not_record()
    {
        var result = await CliHost.RunAsync(["token", "build", .. Keys, "--user", "test_user", "--legacy", "--issued-at", "1111111", "--salt", "9", "--expire", "60", "--json"]);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        var json = result.Json();
        json["token"]!.Value<string>().Should().StartWith("006" + AppId);
        json["version"]!.Value<string>().Should().Be("006");
        json["userId"]!.Value<string>().Should().Be("test_user");
        Time(json["issuedAt"]!).Should().Be(DateTimeOffset.FromUnixTimeSeconds(IssuedAt));
        Time(json["expiresAt"]!).Should().Be(DateTimeOffset.FromUnixTimeSeconds(IssuedAt + 60));
    }

    [Fact]
    public async Task Build_reads_the_app_id_and_certificate_from_the_environment()
    {
        var environment = new Dictionary<string, string?> { ["AGORA_APP_ID"] = AppId, ["AGORA_APP_CERTIFICATE"] = Certificate };

        var result = await CliHost.RunAsync(["token", "build", "--user", "bob"], environment);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        var parsed = SignalingToken.Parse(result.Stdout.Trim());
        parsed.AppId.Should().Be(AppId);
        parsed.UserId.Should().Be("bob");
        parsed.VerifySignature(Certificate).Should().BeTrue();
    }

    [Theory]
    [InlineData("--app-id", "AGORA_APP_ID")]
    [InlineData("--app-certificate", "AGORA_APP_CERTIFICATE")]
    public async Task Build_without_the_app_id_or_certificate_names_the_option_and_variable(string option, string variable)
    {
        var args = new List<string> { "token", "build", "--user", "bob" };
        args.AddRange(option == "--app-id" ? ["--app-certificate", Certificate] : ["--app-id", AppId]);

        var result = await CliHost.RunAsync(args);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain(option).And.Contain(variable);
        result.Stdout.Should().BeEmpty();
    }

    [Theory]
    [InlineData("--app-id", "not-an-app-id", "32 hexadecimal characters")]
    [InlineData("--app-certificate", "bad-certificate-Wombat-123456789", "32 hexadecimal characters")]
    [InlineData("--user", "uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu", "64")]
    [InlineData("--issued-at", "99999999999", "Unix time")]
    [InlineData("--salt", "4294967296", "from 0 to 4294967295")]
    [InlineData("--expire", "-1", "from 0 to 4294967295")]
    public async Task Build_with_a_bad_value_is_exit_2_naming_the_option_without_echoing_the_certificate(string option, string value, string expected)
    {
        var args = new Dictionary<string, string> { ["--app-id"] = AppId, ["--app-certificate"] = Certificate, ["--user"] = "bob", [option] = value };

        var result = await CliHost.RunAsync(["token", "build", .. args.SelectMany(a => new[] { a.Key, a.Value }), "--json"]);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain(option).And.Contain(expected);
        result.Json()["error"]!["message"]!.Value<string>().Should().Contain(option).And.NotContain("Nothing was sent", "nothing is ever sent by token build");
        (result.Stdout + result.Stderr).Should().NotContain(Certificate).And.NotContain("bad-certificate-Wombat-123456789");
    }

    [Fact]
    public async Task Build_ignores_connection_settings_and_never_starts_the_emulator()
    {
        var environment = new Dictionary<string, string?> { ["AGORA_CUSTOMER_ID"] = "someone", ["AGORA_MAX_RETRIES"] = "not-a-number" };

        var result = await CliHost.RunAsync(
            ["token", "build", .. Keys, "--user", "bob", "--base-url", CliHost.ClosedLoopbackUrl(), "--token", "007garbage", "--legacy-token", "006x"], environment);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        result.Stderr.Should().BeEmpty("no emulator is started and no connection setting is checked");
        SignalingToken.Parse(result.Stdout.Trim()).UserId.Should().Be("bob");
    }

    // ---- token inspect ----

    [Fact]
    public async Task Inspect_shows_what_an_access_token_2_holds_without_printing_it()
    {
        string token = SignalingTokenBuilder.BuildAccessToken2(AppId, Certificate, "test_user", TimeSpan.FromSeconds(3600), DateTimeOffset.FromUnixTimeSeconds(IssuedAt), 77);

        var result = await CliHost.RunAsync(["token", "inspect", token]);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        result.Stdout.Should().MatchRegex(@"Version:\s+AccessToken2 \(007\)");
        result.Stdout.Should().MatchRegex($@"App ID:\s+{AppId}");
        result.Stdout.Should().MatchRegex(@"Issued at:\s+1970-01-13 20:38:31Z \(Unix 1111111\)");
        result.Stdout.Should().MatchRegex(@"Expire:\s+3600 seconds after issue");
        result.Stdout.Should().MatchRegex(@"Expires at:\s+1970-01-13 21:38:31Z \(Unix 1114711\), expired");
        result.Stdout.Should().MatchRegex(@"Salt:\s+77");
        result.Stdout.Should().MatchRegex(@"User ID:\s+test_user");
        result.Stdout.Should().Contain("RTM/Signaling (type 2), user test_user, login for 3600 s after issue");
        result.Stdout.Should().MatchRegex(@"Signature:\s+not checked");
        (result.Stdout + result.Stderr).Should().NotContain(token);
    }

    [Fact]
    public async Task Inspect_escapes_control_characters_a_crafted_token_carries()
    {
        // The builder refuses such a user; a token made elsewhere need not.
        string token = AccessToken2.BuildRtm(AppId, Certificate, "evil\u001b[2J\r\nSignature:   valid", IssuedAt, 3600, 77);

        var result = await CliHost.RunAsync(["token", "inspect", token]);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        result.Stdout.Should().NotContain("\u001b").And.NotContain("\r");
        result.Stdout.Should().Contain(@"evil\u001B[2J\u000D\u000ASignature:   valid");
        result.Stdout.Should().MatchRegex(@"Signature:\s+not checked");
    }

    [Fact]
    public async Task Inspect_json_has_the_documented_fields()
    {
        string token = SignalingTokenBuilder.BuildAccessToken2(AppId, Certificate, "test_user", TimeSpan.FromSeconds(3600), DateTimeOffset.FromUnixTimeSeconds(IssuedAt), 77);

        var result = await CliHost.RunAsync(["token", "inspect", token, "--json"]);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        result.Stdout.Should().Contain("\"issuedAt\":\"1970-01-13T20:38:31+00:00\"", "times are ISO 8601");
        var json = result.Json();
        json.Properties().Select(p => p.Name).Should().Equal("version", "appId", "issuedAt", "expire", "expiresAt", "salt", "userId", "signatureValid", "services", "permissions");
        json["version"]!.Value<string>().Should().Be("007");
        json["appId"]!.Value<string>().Should().Be(AppId);
        json["expire"]!.Value<long>().Should().Be(3600);
        Time(json["expiresAt"]!).Should().Be(DateTimeOffset.FromUnixTimeSeconds(IssuedAt + 3600));
        json["salt"]!.Value<long>().Should().Be(77);
        json["userId"]!.Value<string>().Should().Be("test_user");
        json["signatureValid"]!.Type.Should().Be(JTokenType.Null, "no certificate was given");
        var service = json["services"]!.Should().ContainSingle().Subject;
        ((JObject)service).Properties().Select(p => p.Name).Should().Equal("type", "userId", "channelName");
        service["type"]!.Value<int>().Should().Be(2);
        service["userId"]!.Value<string>().Should().Be("test_user");
        service["channelName"]!.Type.Should().Be(JTokenType.Null);
        result.Stdout.Should().NotContain(token);
    }

    [Fact]
    public async Task Inspect_with_a_certificate_says_whether_the_signature_verifies()
    {
        string token = SignalingTokenBuilder.BuildAccessToken2(AppId, Certificate, "alice", TimeSpan.FromHours(1));

        var right = await CliHost.RunAsync(["token", "inspect", token, "--app-certificate", Certificate, "--json"]);
        var wrong = await CliHost.RunAsync(["token", "inspect", token, "--app-certificate", OtherCertificate, "--json"]);
        var wrongHuman = await CliHost.RunAsync(["token", "inspect", token, "--app-certificate", OtherCertificate]);
        var fromEnvironment = await CliHost.RunAsync(["token", "inspect", token, "--json"], new Dictionary<string, string?> { ["AGORA_APP_CERTIFICATE"] = Certificate });

        right.ExitCode.Should().Be(ExitCodes.Success, right.ToString());
        right.Json()["signatureValid"]!.Value<bool>().Should().BeTrue();
        wrong.ExitCode.Should().Be(ExitCodes.TokenInvalid, "a script must be able to check the verdict: " + wrong);
        wrongHuman.ExitCode.Should().Be(5, "the code is part of the tool's contract");
        wrong.Json()["signatureValid"]!.Value<bool>().Should().BeFalse();
        wrongHuman.Stdout.Should().MatchRegex(@"Signature:\s+INVALID");
        wrongHuman.Stdout.Should().MatchRegex(@"Expires at:.*not expired yet");
        fromEnvironment.Json()["signatureValid"]!.Value<bool>().Should().BeTrue();
    }

    [Fact]
    public async Task Inspect_of_a_legacy_token_needs_the_uid_to_verify_it()
    {
        string token = SignalingTokenBuilder.BuildLegacyAccessToken(AppId, Certificate, "test_user", TimeSpan.FromSeconds(600), DateTimeOffset.FromUnixTimeSeconds(IssuedAt), 5);

        var noUid = await CliHost.RunAsync(["token", "inspect", token, "--app-certificate", Certificate, "--json"]);
        var noUidHuman = await CliHost.RunAsync(["token", "inspect", token, "--app-certificate", Certificate]);
        var rightUid = await CliHost.RunAsync(["token", "inspect", token, "--app-certificate", Certificate, "--uid", "test_user", "--json"]);
        var wrongUid = await CliHost.RunAsync(["token", "inspect", token, "--app-certificate", Certificate, "--uid", "other_user", "--json"]);

        noUid.ExitCode.Should().Be(ExitCodes.Success, noUid.ToString());
        var json = noUid.Json();
        json["version"]!.Value<string>().Should().Be("006");
        json["issuedAt"]!.Type.Should().Be(JTokenType.Null, "a 006 token does not record its issue time");
        json["userId"]!.Type.Should().Be(JTokenType.Null, "a 006 token stores only a checksum of its user");
        Time(json["expiresAt"]!).Should().Be(DateTimeOffset.FromUnixTimeSeconds(IssuedAt + 600));
        json["salt"]!.Value<long>().Should().Be(5);
        json["signatureValid"]!.Type.Should().Be(JTokenType.Null);
        noUid.Stderr.Should().Contain("--uid");
        noUidHuman.Stdout.Should().MatchRegex(@"Signature:\s+not checked: .*--uid");
        noUidHuman.Stdout.Should().MatchRegex(@"Version:\s+AccessToken \(006, legacy\)");
        rightUid.Json()["signatureValid"]!.Value<bool>().Should().BeTrue();
        wrongUid.Json()["signatureValid"]!.Value<bool>().Should().BeFalse();
        foreach (var result in new[] { noUid, noUidHuman, rightUid, wrongUid })
        {
            (result.Stdout + result.Stderr).Should().NotContain(token);
        }
    }

    [Theory]
    [InlineData("007thisIsNotBase64!!secretish")]
    [InlineData("008abcdefSecretishThing")]
    [InlineData("006970CA35de60c44645bbae8a215061b33QUJDREVGR0g=")]
    public async Task Inspect_of_a_malformed_token_is_exit_2_with_the_sdks_message_and_without_the_token(string malformed)
    {
        string expected = Assert.Throws<SignalingTokenFormatException>(() => SignalingToken.Parse(malformed)).Message;

        var result = await CliHost.RunAsync(["token", "inspect", malformed, "--json"]);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain(expected);
        var error = result.Json()["error"]!;
        error["kind"]!.Value<string>().Should().Be("invalid_input");
        error["message"]!.Value<string>().Should().Contain(expected);
        (result.Stdout + result.Stderr).Should().NotContain(malformed);
    }

    [Fact]
    public async Task Inspect_with_a_certificate_that_is_not_32_hex_characters_is_exit_2()
    {
        string token = SignalingTokenBuilder.BuildAccessToken2(AppId, Certificate, "alice", TimeSpan.FromHours(1));

        var result = await CliHost.RunAsync(["token", "inspect", token, "--app-certificate", "short-Cert-Narwhal"]);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain("--app-certificate").And.Contain("32 hexadecimal characters");
        (result.Stdout + result.Stderr).Should().NotContain("short-Cert-Narwhal").And.NotContain(token);
    }

    [Fact]
    public async Task Inspect_ignores_connection_settings_and_never_starts_the_emulator()
    {
        string token = SignalingTokenBuilder.BuildAccessToken2(AppId, Certificate, "alice", TimeSpan.FromHours(1));

        var result = await CliHost.RunAsync(["token", "inspect", token, "--base-url", CliHost.ClosedLoopbackUrl(), "--customer-id", "x", "--token", "007garbage"]);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        result.Stderr.Should().BeEmpty();
        result.Stdout.Should().MatchRegex(@"User ID:\s+alice");
    }

    [Fact]
    public async Task Token_without_a_subcommand_is_a_usage_error()
    {
        var result = await CliHost.RunAsync(["token"]);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain("agora-signaling token --help");
    }

    /// <summary>Reads an ISO 8601 time as written, whatever the parser made of it.</summary>
    private static DateTimeOffset Time(JToken token) => token.Type == JTokenType.Date
        ? new DateTimeOffset(token.Value<DateTime>().ToUniversalTime(), TimeSpan.Zero)
        : DateTimeOffset.Parse(token.Value<string>()!, System.Globalization.CultureInfo.InvariantCulture);
}
