using Agora.Signaling.Cli;
using Agora.Signaling.Tests.Cli;
using Agora.Signaling.Tests.Hardening;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Hostile;

/// <summary>
/// Everything the service says is shown to a person in a terminal: ESC and BEL drive it, CR and LF forge
/// lines, U+202E reverses what follows. The human output escapes them; JSON keeps the exact text.
/// </summary>
public sealed class TerminalOutputTests
{
    private const string Publisher = "bob\u001b[2J\u202e";
    private const string Message = "hi\r\n2026-01-01 00:00:00.000Z  admin: forged\u0007";
    private const string CustomType = "x\u001b]0;title\u0007";
    private const string RequestId = "req\u001b[31m\u2028";
    private const string UserId = "u\u001b[1m\u202e";
    private const string Channel = "g\u200f\r\nforged";
    private const string Code = "sent\u009b";

    [Fact]
    public async Task History_escapes_control_and_format_characters_from_the_service()
    {
        await using var server = await HostileServerAsync();

        string[] args = ["history", "--user", "server", "--channel-type", "message", "--channel", "lobby", .. CliHost.LoopbackArgs(server)];

        var result = await CliHost.RunAsync(args);
        var json = await CliHost.RunAsync([.. args, "--json"]);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        TerminalSafety.Assert(result.Stdout);
        result.Stdout.Should().Contain(@"bob\u001B[2J\u202E (x\u001B]0;title\u0007): hi\u000D\u000A2026-01-01 00:00:00.000Z  admin: forged\u0007");
        result.Stdout.Should().Contain(@"request ID req\u001B[31m\u2028");

        // JSON escapes the text itself, so it keeps it exactly.
        json.ExitCode.Should().Be(ExitCodes.Success, json.ToString());
        var message = json.Json()["messages"]![0]!;
        message["publisher"]!.Value<string>().Should().Be(Publisher);
        message["message"]!.Value<string>().Should().Be(Message);
        message["customType"]!.Value<string>().Should().Be(CustomType);
        json.Json()["requestId"]!.Value<string>().Should().Be(RequestId);
    }

    [Fact]
    public async Task History_all_escapes_every_page_it_streams()
    {
        await using var server = await HostileServerAsync();

        var result = await CliHost.RunAsync(["history", "--user", "server", "--channel-type", "message", "--channel", "lobby", "--all", .. CliHost.LoopbackArgs(server)]);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        TerminalSafety.Assert(result.Stdout);
        result.Stdout.Should().Contain(@"admin: forged\u0007");
    }

    [Theory]
    [InlineData("users")]
    [InlineData("channels")]
    public async Task Events_escape_user_ids_channels_types_and_request_ids(string feed)
    {
        await using var server = await HostileServerAsync();

        var result = await CliHost.RunAsync(["events", feed, .. CliHost.LoopbackArgs(server)]);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        TerminalSafety.Assert(result.Stdout);
        result.Stdout.Should().Contain(@"user u\u001B[1m\u202E").And.Contain(@"request ID req\u001B[31m\u2028");
        if (feed == "channels")
        {
            result.Stdout.Should().Contain(@"in channel g\u200F\u000D\u000Aforged");
            await using var fresh = await HostileServerAsync();
            var item = (await CliHost.RunAsync(["events", feed, "--json", .. CliHost.LoopbackArgs(fresh)])).Json()["events"]![0]!;
            item["userId"]!.Value<string>().Should().Be(UserId);
            item["groupId"]!.Value<string>().Should().Be(Channel);
        }
    }

    [Fact]
    public async Task Send_escapes_the_code_and_request_id()
    {
        await using var server = await HostileServerAsync();

        var result = await CliHost.RunAsync(["send-peer", "--from", "server", "--to", "bob", "--payload", "hi", .. CliHost.LoopbackArgs(server)]);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        TerminalSafety.Assert(result.Stdout);
        result.Stdout.Should().Contain(@"code sent\u009B, request ID req\u001B[31m\u2028");
    }

    [Fact]
    public async Task A_service_error_is_reported_escaped_on_stderr_and_exact_in_json()
    {
        const string Reason = "denied\u202e\u001b[2Jforged";
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.StatusCode = 400;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(new JObject { ["result"] = "failed", ["code"] = Code, ["reason"] = Reason, ["request_id"] = RequestId }.ToString());
        });
        string[] args = ["send-peer", "--from", "server", "--to", "bob", "--payload", "hi", .. CliHost.LoopbackArgs(server)];

        var human = await CliHost.RunAsync(args);
        var json = await CliHost.RunAsync([.. args, "--json"]);

        human.ExitCode.Should().Be(ExitCodes.ServiceError, human.ToString());
        TerminalSafety.Assert(human.Stderr);
        human.Stderr.Should().Contain(@"denied\u202E");
        json.ExitCode.Should().Be(ExitCodes.ServiceError, json.ToString());
        json.Json()["error"]!["reason"]!.Value<string>().Should().Be(Reason);
        json.Json()["error"]!["requestId"]!.Value<string>().Should().Be(RequestId);
    }

    /// <summary>Answers every operation with the hostile text, by path.</summary>
    private static Task<LoopbackServer> HostileServerAsync()
    {
        int pulls = 0;
        return LoopbackServer.StartAsync(async context =>
        {
            string path = context.Request.Path.Value ?? string.Empty;
            JObject answer = path switch
            {
                _ when path.Contains("/rtm/v2/history/", StringComparison.Ordinal) => new JObject
                {
                    ["errorCode"] = 200,
                    ["error"] = false,
                    ["requestId"] = RequestId,
                    ["data"] = new JObject
                    {
                        ["messageList"] = new JArray(new JObject
                        {
                            ["messageType"] = "STRING",
                            ["message"] = Message,
                            ["publisher"] = Publisher,
                            ["customType"] = CustomType,
                            ["timestamp"] = 1_700_000_000_000,
                        }),
                        ["count"] = 1,
                        ["newStart"] = 0,
                    },
                },
                _ when path.EndsWith("user_events", StringComparison.Ordinal) => Events(ref pulls, new JObject { ["user_id"] = UserId, ["type"] = "Login\u0007", ["ms"] = 1_700_000_000_000 }),
                _ when path.EndsWith("channel_events", StringComparison.Ordinal) => Events(ref pulls, new JObject { ["group_id"] = Channel, ["user_id"] = UserId, ["type"] = "Join", ["ms"] = 1_700_000_000_000 }),
                _ => new JObject { ["result"] = "success", ["code"] = Code, ["request_id"] = RequestId },
            };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.ToString());
        });
    }

    // A drain pulls until a pull brings nothing: the first pull of each server brings the event, the rest nothing.
    private static JObject Events(ref int pulls, JObject item) => new()
    {
        ["result"] = "success",
        ["request_id"] = RequestId,
        ["events"] = Interlocked.Increment(ref pulls) == 1 ? new JArray(item) : new JArray(),
    };
}
