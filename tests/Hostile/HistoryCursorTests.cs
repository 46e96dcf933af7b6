using Agora.Signaling.Cli;
using Agora.Signaling.Tests.Cli;
using Agora.Signaling.Tests.Hardening;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Agora.Signaling.Tests.Hostile;

/// <summary>A history cursor that comes back to a start already read would page for ever.</summary>
public sealed class HistoryCursorTests
{
    // More pages than any of these cursors needs before it repeats; reaching it means paging did not stop.
    private const int PageBound = 20;

    public static TheoryData<long[]> Cycles => new()
    {
        new long[] { 5, 5 },
        new long[] { 1, 2, 1 },
        new long[] { 3, 2, 1, 3 },
    };

    [Theory]
    [MemberData(nameof(Cycles))]
    public async Task The_pager_ends_with_a_service_error_when_a_cursor_comes_back(long[] cursors)
    {
        await using var server = await CursorServerAsync(cursors);
        using var client = new SignalingClient(server.Options());

        int pages = 0;
        var walk = async () =>
        {
            await foreach (var page in client.GetMessageHistoryPagesAsync("server", HistoryChannelType.Message, "lobby"))
            {
                pages++;
                pages.Should().BeLessThan(PageBound, "paging must stop when a cursor repeats");
            }
        };

        var error = (await walk.Should().ThrowAsync<SignalingServiceException>()).Which;
        error.Operation.Should().Be("GetMessageHistory");
        error.Reason.Should().Contain($"newStart {cursors[^1]}");
        error.Message.Should().NotContain("..");
        pages.Should().Be(cursors.Length);
    }

    [Fact]
    public async Task A_cursor_back_at_the_first_start_is_a_repeat_too()
    {
        await using var server = await CursorServerAsync([1, 7, 1]);
        using var client = new SignalingClient(server.Options());

        var walk = async () =>
        {
            int pages = 0;
            await foreach (var page in client.GetMessageHistoryPagesAsync("server", HistoryChannelType.Message, "lobby", start: 7))
            {
                (++pages).Should().BeLessThan(PageBound);
            }
        };

        await walk.Should().ThrowAsync<SignalingServiceException>().WithMessage("*newStart 7*");
    }

    [Fact]
    public async Task History_all_stops_with_exit_3_when_the_cursor_cycles()
    {
        await using var server = await CursorServerAsync([1, 2]);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var result = await CliHost.RunAsync(
            ["history", "--user", "server", "--channel-type", "message", "--channel", "lobby", "--all", .. CliHost.LoopbackArgs(server)],
            cancellationToken: bound.Token);

        bound.IsCancellationRequested.Should().BeFalse("the cycle ends the run, not the test's bound");
        result.ExitCode.Should().Be(ExitCodes.ServiceError, result.ToString());
        result.Stderr.Should().Contain("newStart 1");
    }

    /// <summary>Answers the n-th history request with newStart cursors[n], round and round: a cycle that never ends by itself.</summary>
    private static Task<LoopbackServer> CursorServerAsync(long[] cursors)
    {
        int requests = 0;
        return LoopbackServer.StartAsync(context =>
        {
            int n = Interlocked.Increment(ref requests) - 1;
            long newStart = cursors[n % cursors.Length];
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(new JObject
            {
                ["errorCode"] = 200,
                ["error"] = false,
                ["requestId"] = $"r{n}",
                ["data"] = new JObject
                {
                    ["messageList"] = new JArray(new JObject { ["messageType"] = "STRING", ["message"] = $"m{n}", ["publisher"] = "bob", ["timestamp"] = 1_700_000_000_000 - n }),
                    ["count"] = 1,
                    ["newStart"] = newStart,
                },
            }.ToString());
        });
    }
}
