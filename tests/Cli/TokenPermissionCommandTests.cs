using Agora.Signaling.Cli;
using Agora.Signaling.Tests.Tokens;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Cli;

/// <summary><c>token build --permission</c> makes RTM2 tokens; <c>token inspect</c> shows their user and permissions.</summary>
public sealed class TokenPermissionCommandTests
{
    private const string AppId = "970CA35de60c44645bbae8a215061b33";
    private const string Certificate = "5CFd2fd1755d40ecb72977518be15d3b";

    // token-vectors-rtm2.json, vector 1: Agora's reference builder with the same inputs.
    private const string ReferencePayloadHex =
        "20007dcb0371c91293a44ee5d4753c61e41a4be898696a06e861b1571ce8100608d72000393730434133356465363063343436343562626165386132313530363162333347f4100058020000010000000100080001000100580200000900746573745f757365720100000002000000020008006368616e6e656c4108006368616e6e656c420100010008006368616e6e656c43";

    private static readonly string[] Keys = ["--app-id", AppId, "--app-certificate", Certificate];

    [Fact]
    public async Task Build_with_permissions_matches_agoras_reference_builder_and_the_sdk()
    {
        var result = await CliHost.RunAsync(
            ["token", "build", .. Keys, "--user", "test_user", "--issued-at", "1111111", "--salt", "1", "--expire", "600",
             "--permission", "message-channels:write:channelC", "--permission", "message-channels:read:channelA,channelB"]);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        string token = result.Stdout.Trim();
        Convert.ToHexStringLower(TokenVectors.Inflate(token)).Should().Be(ReferencePayloadHex);
        var permissions = SignalingPermissionSet.Empty
            .Grant(SignalingResourceType.MessageChannels, SignalingPermissionType.Read, "channelA", "channelB")
            .Grant(SignalingResourceType.MessageChannels, SignalingPermissionType.Write, "channelC");
        token.Should().Be(SignalingTokenBuilder.BuildAccessToken2(AppId, Certificate, "test_user", permissions, TimeSpan.FromSeconds(600), DateTimeOffset.FromUnixTimeSeconds(1111111), 1));
    }

    [Fact]
    public async Task Build_takes_every_resource_and_permission_word_in_any_case_and_shows_the_grants_in_json()
    {
        string[] grants =
        [
            "users:write:bob", "server-groups:read:ops", "group-channels:write:g*", "stream-channels:read:s1",
            "MESSAGE-CHANNELS:Read:channelA*,lobby:east", "message-channels:read:lobby:east,news",
        ];

        var result = await CliHost.RunAsync(["token", "build", .. Keys, "--user", "server", "--json", .. grants.SelectMany(g => new[] { "--permission", g })]);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        var json = result.Json();
        json.Properties().Select(p => p.Name).Should().Equal("token", "version", "appId", "userId", "issuedAt", "expire", "expiresAt", "salt", "permissions");
        Grants(json["permissions"]!).Should().Equal(
            "message-channels read channelA*|lobby:east|news",
            "stream-channels read s1",
            "group-channels write g*",
            "server-groups read ops",
            "users write bob");
        var parsed = SignalingToken.Parse(json["token"]!.Value<string>()!);
        parsed.VerifySignature(Certificate).Should().BeTrue();
        parsed.UserId.Should().Be("server");
        parsed.Permissions.Should().HaveCount(5);
    }

    [Fact]
    public async Task Inspect_json_shows_the_user_and_permissions_of_an_RTM2_token()
    {
        var permissions = SignalingPermissionSet.Empty
            .Grant(SignalingResourceType.Users, SignalingPermissionType.Read, "alice", "bob")
            .Grant(SignalingResourceType.MessageChannels, SignalingPermissionType.Write, "channelA*");
        string token = SignalingTokenBuilder.BuildAccessToken2(AppId, Certificate, "bot-42", permissions, TimeSpan.FromHours(1));

        var json = (await CliHost.RunAsync(["token", "inspect", token, "--json", "--app-certificate", Certificate])).Json();
        var human = await CliHost.RunAsync(["token", "inspect", token]);

        json["userId"]!.Value<string>().Should().Be("bot-42");
        json["signatureValid"]!.Value<bool>().Should().BeTrue();
        json["services"]!.Should().ContainSingle().Which["type"]!.Value<int>().Should().Be(8);
        ((JObject)json["permissions"]![0]!).Properties().Select(p => p.Name).Should().Equal("resource", "permission", "names");
        Grants(json["permissions"]!).Should().Equal("message-channels write channelA*", "users read alice|bob");

        human.ExitCode.Should().Be(ExitCodes.Success, human.ToString());
        human.Stdout.Should().MatchRegex(@"User ID:\s+bot-42");
        human.Stdout.Should().Contain("RTM2 (type 8), user bot-42, login for 3600 s after issue");
        human.Stdout.Should().Contain("Permissions:\n  message-channels write: channelA*\n  users read: alice, bob\n".ReplaceLineEndings());
        human.Stdout.Should().NotContain(token);
    }

    [Fact]
    public async Task Inspect_of_an_RTM_token_has_no_permissions()
    {
        string token = SignalingTokenBuilder.BuildAccessToken2(AppId, Certificate, "alice", TimeSpan.FromHours(1));

        var json = (await CliHost.RunAsync(["token", "inspect", token, "--json"])).Json();
        var human = await CliHost.RunAsync(["token", "inspect", token]);

        json["permissions"]!.Type.Should().Be(JTokenType.Null);
        human.Stdout.Should().NotContain("Permissions:");
    }

    [Fact]
    public async Task Inspect_shows_what_a_token_made_elsewhere_holds_escaped()
    {
        var odd = SignalingPermissionSet.FromToken([new SignalingPermission((SignalingResourceType)9, (SignalingPermissionType)3, ["e\u001b[2J\r\nSignature:   valid"])]);
        string token = AccessToken2.BuildRtm2(AppId, Certificate, "alice", odd, 1111111, 600, 1);

        var human = await CliHost.RunAsync(["token", "inspect", token]);
        var json = (await CliHost.RunAsync(["token", "inspect", token, "--json"])).Json();

        human.Stdout.Should().NotContain("\u001b").And.NotContain("\r");
        human.Stdout.Should().Contain(@"  resource-9 permission-3: e\u001B[2J\u000D\u000ASignature:   valid");
        Grants(json["permissions"]!).Should().Equal("resource-9 permission-3 e\u001b[2J\r\nSignature:   valid");
    }

    [Theory]
    [InlineData("message-channels:read", "must be RESOURCE:PERMISSION:NAME[,NAME...]")]
    [InlineData("channels:read:a", "unknown resource 'channels'; use one of message-channels, stream-channels, group-channels, server-groups, users")]
    [InlineData("users:admin:a", "unknown permission 'admin'; use one of read, write")]
    [InlineData("users:read:", "names no users")]
    [InlineData("users:read:a,,b", "name 2 must be 1 to 64 characters (it has 0)")]
    [InlineData("users:write:alice/bob", "found U+002F at index 5")]
    [InlineData("users:write:caf\u00e9", "found U+00E9")]
    public async Task Bad_permission_input_is_exit_2_with_a_clear_message_and_builds_nothing(string grant, string says)
    {
        var result = await CliHost.RunAsync(["token", "build", .. Keys, "--user", "server", "--permission", "users:read:fine", "--permission", grant, "--json"]);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain("--permission").And.Contain(says);
        result.Json()["error"]!["message"]!.Value<string>().Should().StartWith("Invalid --permission");
        result.Stdout.Should().NotContain("007");
        (result.Stdout + result.Stderr).Should().NotContain(Certificate);
    }

    [Fact]
    public async Task Permissions_that_make_an_unreadable_token_are_exit_2()
    {
        string names = string.Join(',', Enumerable.Range(0, 120).Select(i => $"channel-with-a-long-name-{i:D3}"));

        var result = await CliHost.RunAsync(["token", "build", .. Keys, "--user", "server", "--permission", "message-channels:read:" + names]);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain("Invalid --permission").And.Contain("at most 4096");
        result.Stdout.Should().BeEmpty();
    }

    [Fact]
    public async Task Permissions_with_legacy_are_exit_2()
    {
        var result = await CliHost.RunAsync(["token", "build", .. Keys, "--user", "server", "--legacy", "--permission", "users:read:a"]);

        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain("--permission needs an AccessToken2");
        result.Stdout.Should().BeEmpty();
    }

    private static IEnumerable<string> Grants(JToken permissions) =>
        permissions.Select(p => $"{p["resource"]} {p["permission"]} {string.Join("|", p["names"]!.Select(n => (string)n!))}");
}
