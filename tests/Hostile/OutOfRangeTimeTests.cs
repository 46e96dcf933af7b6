using Agora.Signaling.Cli;
using Agora.Signaling.Tests.Cli;
using Agora.Signaling.Tests.Hardening;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Hostile;

/// <summary>
/// A pull deletes the events it brings, so once one was answered the tool must show them, whatever the
/// service put in them, and must never claim that nothing was sent.
/// </summary>
public sealed class OutOfRangeTimeTests
{
    // Past DateTimeOffset.MaxValue (253402300799999 ms) and before its MinValue.
    public static TheoryData<long> Times => new() { long.MaxValue, 253_402_300_800_000, -62_135_596_800_001, long.MinValue };

    [Theory]
    [MemberData(nameof(Times))]
    public async Task An_event_time_the_tool_cannot_format_is_shown_as_Unix_milliseconds(long ms)
    {
        int pulls = 0;
        await using var server = await LoopbackServer.StartAsync(context => AnswerAsync(context, new JObject
        {
            ["result"] = "success",
            ["request_id"] = "r",
            ["events"] = Interlocked.Increment(ref pulls) == 1 ? new JArray(new JObject { ["user_id"] = "alice", ["type"] = "Login", ["ms"] = ms }) : new JArray(),
        }));

        var result = await CliHost.RunAsync(["events", "users", .. CliHost.LoopbackArgs(server)]);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        result.Stdout.Should().Contain($"{ms} ms").And.Contain("user alice");
        result.Stderr.Should().NotContain("Nothing was sent");
    }

    [Theory]
    [MemberData(nameof(Times))]
    public async Task A_history_time_the_tool_cannot_format_is_shown_as_Unix_milliseconds(long ms)
    {
        await using var server = await LoopbackServer.StartAsync(context => AnswerAsync(context, new JObject
        {
            ["errorCode"] = 200,
            ["error"] = false,
            ["requestId"] = "r",
            ["data"] = new JObject
            {
                ["messageList"] = new JArray(new JObject { ["messageType"] = "STRING", ["message"] = "hi", ["publisher"] = "bob", ["timestamp"] = ms }),
                ["count"] = 1,
                ["newStart"] = 0,
            },
        }));

        var result = await CliHost.RunAsync(["history", "--user", "server", "--channel-type", "message", "--channel", "lobby", .. CliHost.LoopbackArgs(server)]);

        result.ExitCode.Should().Be(ExitCodes.Success, result.ToString());
        result.Stdout.Should().Contain($"{ms} ms  bob: hi");
    }

    [Fact]
    public async Task A_credential_refused_after_earlier_pulls_were_answered_does_not_say_nothing_was_sent()
    {
        // A token that expires while events --follow runs: the pull it stops is not sent, the ones before it were.
        const string Certificate = "5CFd2fd1755d40ecb72977518be15d3b";
        string token = SignalingTokenBuilder.BuildAccessToken2(LoopbackServer.AppId, Certificate, "server", TimeSpan.FromSeconds(2));
        int pulls = 0;
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            Interlocked.Increment(ref pulls);
            return AnswerAsync(context, new JObject { ["result"] = "success", ["request_id"] = "r", ["events"] = new JArray() });
        });
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var result = await CliHost.RunAsync(
            ["events", "users", "--follow", "--base-url", server.Endpoint.AbsoluteUri, "--app-id", LoopbackServer.AppId, "--token", token],
            cancellationToken: bound.Token);

        bound.IsCancellationRequested.Should().BeFalse("the token's expiry ends the run, not the test's bound");
        Volatile.Read(ref pulls).Should().BeGreaterThan(0);
        result.ExitCode.Should().Be(ExitCodes.BadArguments, result.ToString());
        result.Stderr.Should().Contain("expired").And.NotContain("Nothing was sent").And.Contain("this one was not");
    }

    private static Task AnswerAsync(HttpContext context, JObject answer)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(answer.ToString());
    }
}
